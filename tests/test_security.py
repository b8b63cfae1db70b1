"""Request-level protections: CSP and no inline scripts, no-store for signed-in users, safe redirects,
the secret key required outside DEBUG, the request-size cap (config.security, config.settings)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, PeriodFactory, UserFactory

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def signed_in(client, tree):
    user = UserFactory(username="nhaplieu_sec")
    MembershipFactory(user=user, unit=tree["dept_a"], role="entry")
    client.force_login(user)
    return client, user, tree


def test_pages_carry_a_csp_without_inline_scripts(signed_in):
    client, _user, tree = signed_in
    period = PeriodFactory(code="2024-Q3")
    for url in ("/", reverse("periods"), reverse("report-runs"), reverse("import-excel"),
                f"/ky-bao-cao/{period.code}/{tree['dept_a'].pk}/", reverse("api-tokens-page")):
        r = client.get(url)
        assert r.status_code == 200, url
        csp = r["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("style-src-attr")[0], csp
        html = r.content.decode()
        # Every script is a file; a JSON data block (json_script: words for the scripts) is never run.
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=\"", html), url  # no inline event handlers


def test_signed_in_answers_are_never_cached(signed_in):
    client, user, _tree = signed_in
    r = client.get("/")
    assert "no-store" in r["Cache-Control"] and "private" in r["Cache-Control"]
    from tests.api_helpers import client_for

    assert "no-store" in client_for(user).get("/api/v1/units/")["Cache-Control"]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_a_posted_next_only_leads_within_the_site(signed_in, target):
    client, _user, tree = signed_in
    r = client.post(reverse("pick-unit"), {"unit": tree["dept_a"].pk, "next": target})
    assert r.status_code == 302 and r["Location"] == reverse("periods")
    r = client.post(reverse("pick-unit"), {"unit": tree["dept_a"].pk, "next": "/nhap-excel/"})
    assert r["Location"] == "/nhap-excel/"


def _settings_import(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", "import config.settings"], cwd=ROOT, env=clean,
                          capture_output=True, text=True)


def test_no_start_without_secret_key_outside_debug():
    r = _settings_import(DEBUG="false")
    assert r.returncode != 0 and "SECRET_KEY is not set" in r.stderr
    assert _settings_import(DEBUG="false", SECRET_KEY="x" * 50).returncode == 0
    assert _settings_import(DEBUG="true").returncode == 0  # make run: the development key


def test_oversized_bodies_are_refused_before_reading(client, settings, db):
    settings.REQUEST_MAX_BYTES = 1000
    r = client.post(reverse("login"), {"username": "x" * 3000, "password": "y"})
    assert r.status_code == 413 and "tối đa" in r.content.decode()


def test_no_template_carries_an_inline_script_or_handler():
    """Every page's scripts come from static/js: the CSP (script-src 'self') would block an inline one."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", text) or \
                re.search(r"\son[a-z]+=[\"']", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_commands_that_only_read_the_code_need_no_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(DEBUG="false", DATABASE_URL="sqlite:////tmp/keyless-check.sqlite3")

    def manage(*args):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)

    checked = manage("makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0 and "No changes detected" in checked.stdout
    served = manage("migrate", "--plan")  # a command that writes data still refuses
    assert served.returncode != 0 and "SECRET_KEY is not set" in served.stderr
