"""Compile the project's .po catalogues (locale/) to .mo with polib: no GNU gettext needed.

Run by `make setup` (and so by `make run` and `make test`) on a fresh clone and in the Docker image:
`python -m config.compile_locale`. A .mo newer than its .po is left alone.
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def compile_all(root=LOCALE):
    """Write every stale .mo under `root`; returns the paths written."""
    written = []
    for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        polib.pofile(str(po)).save_as_mofile(str(mo))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path}")
