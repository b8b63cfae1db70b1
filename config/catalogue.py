"""The English catalogue stays complete: `makemessages` finds nothing new, nothing untranslated, nothing fuzzy.

The product's texts are written in Vietnamese and marked with gettext; Vietnamese is the source language
(msgid = the Vietnamese text, so Vietnamese needs no catalogue of its own) and `locale/en/…/django.po`
holds the English. `locale/vi/…/django.po` only puts the libraries' English messages into Vietnamese.

    python -m config.catalogue update   # makemessages for English (what `make messages` runs)
    python -m config.catalogue check    # what `make check` runs: exits 1 and names each missing string

`check` runs makemessages on a copy of locale/ (`.catalogue-check/`, removed after), so it never rewrites
the committed catalogue.
"""

import os
import shutil
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
# Where makemessages must not look: tests, the benchmark's synthetic province, the virtualenv, built files.
# `locale` too: makemessages would otherwise put the project's locale/ first, whatever LOCALE_PATHS says.
IGNORE = ["tests/*", "bench/*", "staticfiles/*", "media/*", "node_modules/*", "docs/*", "*/migrations/*", "locale"]
OPTIONS = {"locale": ["en"], "no_location": True, "no_obsolete": True, "no_wrap": True, "ignore_patterns": IGNORE,
           "verbosity": 0}


def _setup():
    # The test settings (a key of their own): extracting strings signs nothing. Forced, because importing
    # `config` (its Celery app) already set the default to config.settings.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
    import django

    django.setup()


def update(locale_dir=LOCALE):
    """Run makemessages for English into `locale_dir` (the project's locale/ by default)."""
    if not shutil.which("xgettext"):
        sys.exit("config.catalogue: GNU gettext's xgettext is missing (apt-get install -y gettext)")
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with override_settings(LOCALE_PATHS=[str(locale_dir)] + [str(p) for p in settings.LOCALE_PATHS]):
            call_command("makemessages", **OPTIONS)
    finally:
        os.chdir(cwd)
    return Path(locale_dir) / "en" / "LC_MESSAGES" / "django.po"


def problems(committed=LOCALE / "en" / "LC_MESSAGES" / "django.po"):
    """What makemessages would change or leave untranslated, as Vietnamese-free English lines."""
    # makemessages writes a file's strings to the first locale directory whose parent holds the file, so
    # the copy must sit in the project's root (a dot-directory: neither scanned nor committed) and come
    # first (LOCALE_PATHS, the project's locale/ ignored); elsewhere the committed catalogue is rewritten.
    copy = ROOT / ".catalogue-check"
    shutil.rmtree(copy, ignore_errors=True)
    try:
        shutil.copytree(LOCALE, copy)
        fresh = polib.pofile(str(update(copy)))
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(committed))} if committed.exists() else set()
    out = []
    for entry in fresh:
        key = (entry.msgctxt, entry.msgid)
        if key not in known:
            out.append(f"not in the catalogue: {entry.msgid!r}")
        elif "fuzzy" in entry.flags:
            out.append(f"fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            out.append(f"untranslated: {entry.msgid!r}")
    fresh_keys = {(e.msgctxt, e.msgid) for e in fresh}
    out += [f"no longer in the code: {msgid!r}" for ctx, msgid in sorted(known - fresh_keys, key=str)]
    return out


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        print(f"updated {update()}")
    else:
        found = problems()
        for line in found:
            print(line)
        print(f"{len(found)} problem(s) in locale/en: run `make messages` and translate" if found else "locale/en is complete")
        sys.exit(1 if found else 0)
