"""Every page at 390 px (a phone), 1024 px (an old office PC) and 1366 px: none scrolls sideways.

Runs on the demo data (what `make run` shows). Each page is loaded once and looked at in the three
widths (the layout follows the viewport). SCREENSHOT_DIR=/some/dir keeps a full-page screenshot of each,
to be looked at by a person.
"""

import os
from pathlib import Path

import pytest
from django.test import override_settings

from indicators.models import DataValue, Indicator, Period, Submission
from resolutions.demo.loader import load_demo
from resolutions.demo.seed_001_quang_binh import HAI_DINH, PGD_DONG_HOI
from resolutions.models import Resolution, Supervision, Task, Visit
from units.models import ReportingUnit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1024, 1366)
SHOTS = os.environ.get("SCREENSHOT_DIR")


def fits(page):
    """(fits, page width): does the document stay within the viewport's width?"""
    width = page.evaluate("document.documentElement.scrollWidth")
    return width <= page.viewport_size["width"] + 1, width


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


def sign_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo1234")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_no_page_scrolls_sideways_on_a_phone_an_old_pc_or_a_laptop(page, live_server, eager_celery):
    load_demo(stdout=open(os.devnull, "w"))
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
    base = live_server.url
    bad = look(page, f"{base}/dang-nhap/", "login")

    school = ReportingUnit.objects.get(code=HAI_DINH)
    sub = Submission.objects.filter(unit=school).order_by("-period__end").first()
    sign_in(page, base, "nhaplieu.truong")
    bad += look(page, f"{base}/ky-bao-cao/", "periods")
    bad += look(page, f"{base}/ky-bao-cao/{sub.period.code}/{school.pk}/", "entry")
    bad += look(page, f"{base}/nhap-excel/", "import")
    bad += look(page, f"{base}/thong-bao/", "notifications")
    bad += look(page, f"{base}/thong-bao/cai-dat/", "notification-settings")

    sign_in(page, base, "lanhdao.so")
    bad += look(page, f"{base}/cho-duyet/", "queue")

    sign_in(page, base, "admin")
    res = Resolution.objects.filter(indicators__isnull=False).order_by("pk").first()
    ind = Indicator.objects.filter(resolution=res, measure="percent").order_by("pk").first()
    dv = DataValue.objects.filter(indicator=ind).order_by("-period__end").first()
    phong = ReportingUnit.objects.get(code=PGD_DONG_HOI)
    period = Period.objects.filter(kind="quarter", submissions__unit=phong).order_by("-end").first()
    sup = Supervision.objects.order_by("pk").first()
    visit = Visit.objects.order_by("pk").first()
    task = Task.objects.filter(visit__isnull=False).order_by("pk").first()
    pages = {
        "home": "/",
        "dashboard": f"/theo-doi/nghi-quyet/{res.pk}/",
        "indicator": f"/theo-doi/chi-tieu/{ind.pk}/",
        "unit": f"/theo-doi/don-vi/{dv.unit_id}/",
        "completeness": "/theo-doi/tinh-hinh-bao-cao/",
        "history": f"/so-lieu/{dv.pk}/lich-su/",
        "supervisions": "/giam-sat/",
        "supervision": f"/giam-sat/{sup.pk}/",
        "visit": f"/giam-sat/buoi/{visit.pk}/",
        "finding-form": f"/giam-sat/buoi/{visit.pk}/nhan-xet/them/",
        "recommendation-form": f"/giam-sat/buoi/{visit.pk}/kien-nghi/them/",
        "followup": "/giam-sat/theo-doi-kien-nghi/",
        "tasks": f"/giam-sat/nhiem-vu/nghi-quyet/{res.pk}/",
        "task-update": f"/giam-sat/nhiem-vu/{task.pk}/cap-nhat/",
        "reports": "/bao-cao/",
        "reorganise": "/sap-xep-don-vi/",
        "periods-admin": "/ky-bao-cao/",
        "not-found": "/khong-co-trang-nay/",
        "admin": "/admin/",
    }
    assert period is not None
    if period:
        pages["children-grid"] = f"/ky-bao-cao/{period.code}/{phong.pk}/truc-thuoc/"
        pages["entry-phong"] = f"/ky-bao-cao/{period.code}/{phong.pk}/"
    for name, path in pages.items():
        bad += look(page, f"{base}{path}", name)
    assert bad == []
