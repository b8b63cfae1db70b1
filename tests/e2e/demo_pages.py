"""Every page of the demo, with the persona who sees it, and what the page-by-page browser tests share."""

from indicators.models import DataValue, Indicator, Period, Submission
from resolutions.demo.seed_001_quang_binh import HAI_DINH, PGD_DONG_HOI
from resolutions.models import Resolution, Supervision, Task, Visit
from units.models import ReportingUnit


def fits(page):
    """(fits, page width): does the document stay within the viewport's width?"""
    width = page.evaluate("document.documentElement.scrollWidth")
    return width <= page.viewport_size["width"] + 1, width


def sign_in(page, base, username):
    """Sign `username` in through the login form (the demo's password), from a clean browser."""
    page.context.clear_cookies()
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo1234")
    page.click("main button[type=submit]")  # the header has the language switch
    page.wait_for_url(f"{base}/")


def demo_pages():
    """[(username, {name: path})] in the order a walk signs in: each persona and the pages they use.

    Needs the demo loaded (resolutions.demo.loader.load_demo).
    """
    school = ReportingUnit.objects.get(code=HAI_DINH)
    sub = Submission.objects.filter(unit=school).order_by("-period__end").first()
    res = Resolution.objects.filter(indicators__isnull=False).order_by("pk").first()
    ind = Indicator.objects.filter(resolution=res, measure="percent").order_by("pk").first()
    dv = DataValue.objects.filter(indicator=ind).order_by("-period__end").first()
    phong = ReportingUnit.objects.get(code=PGD_DONG_HOI)
    period = Period.objects.filter(kind="quarter", submissions__unit=phong).order_by("-end").first()
    assert sub and res and ind and dv and period
    sup = Supervision.objects.order_by("pk").first()
    visit = Visit.objects.order_by("pk").first()
    task = Task.objects.filter(visit__isnull=False).order_by("pk").first()
    return [
        ("nhaplieu.truong", {
            "periods": "/ky-bao-cao/",
            "entry": f"/ky-bao-cao/{sub.period.code}/{school.pk}/",
            "import": "/nhap-excel/",
            "notifications": "/thong-bao/",
            "notification-settings": "/thong-bao/cai-dat/",
        }),
        ("lanhdao.so", {"queue": "/cho-duyet/"}),
        ("admin", {
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
            "children-grid": f"/ky-bao-cao/{period.code}/{phong.pk}/truc-thuoc/",
            "entry-phong": f"/ky-bao-cao/{period.code}/{phong.pk}/",
        }),
    ]
