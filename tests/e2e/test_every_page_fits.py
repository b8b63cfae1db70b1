"""Every page at 390 px (a phone), 1024 px (an old office PC) and 1366 px: none scrolls sideways.

Runs on the demo data (what `make run` shows). Each page is loaded once and looked at in the three
widths (the layout follows the viewport). SCREENSHOT_DIR=/some/dir keeps a full-page screenshot of each,
to be looked at by a person.
"""

import os
from pathlib import Path

import pytest
from django.test import override_settings

from resolutions.demo.loader import load_demo
from tests.e2e.demo_pages import demo_pages, fits, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1024, 1366)
SHOTS = os.environ.get("SCREENSHOT_DIR")


def look(page, url, name):
    page.set_viewport_size({"width": 1366, "height": 900})
    response = page.goto(url)
    assert response.status < 500, f"{name}: {response.status}"
    bad = []
    for w in WIDTHS:
        page.set_viewport_size({"width": w, "height": 900})
        page.wait_for_timeout(50)
        ok, width = fits(page)
        if not ok:
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                             && !e.closest('.table-scroll, .heat-wrap'))
                .slice(0, 3).map(e => e.tagName + '.' + e.className)""")
            bad.append(f"{name} at {w} px is {width} px wide: {wide}")
        if SHOTS and w in (390, 1366):
            page.set_viewport_size({"width": w, "height": 844 if w == 390 else 768})
            page.screenshot(path=str(Path(SHOTS) / f"{name}-{w}.png"), full_page=bool(os.environ.get("SCREENSHOT_FULL")))
    return bad


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_no_page_scrolls_sideways_on_a_phone_an_old_pc_or_a_laptop(page, live_server, eager_celery):
    load_demo(stdout=open(os.devnull, "w"))
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
    base = live_server.url
    bad = look(page, f"{base}/dang-nhap/", "login")

    for username, pages in demo_pages():
        sign_in(page, base, username)
        for name, path in pages.items():
            bad += look(page, f"{base}{path}", name)
    assert bad == []
