"""Shared fixtures: a small tree and personas (healthchecks-style).

province
├── dept_a (Sở GDĐT)            <- user_a (entry), head_a (approver)
│   └── school_a1, school_a2
└── dept_b (Sở LĐTBXH)          <- user_b (entry)
admin: a staff user who reaches everything.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import DataValue, Evidence, Frequency, Indicator, Measure, Period, Submission, Target
from reports.models import ReportRun
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, Visit
from tests.factories import (
    DataValueFactory,
    FindingFactory,
    IndicatorFactory,
    IssuingProfileFactory,
    MembershipFactory,
    PeriodFactory,
    PillarFactory,
    ResolutionFactory,
    SubmissionFactory,
    TargetFactory,
    TaskFactory,
    UnitFactory,
    UserFactory,
    VisitFactory,
)
from units.models import Membership, ReportingUnit, SuccessionKind, UnitKind, UnitSuccession


@pytest.fixture(autouse=True)
def _own_figure_cache(settings):
    # Each test gets an empty in-process cache: database ids are reused between tests (rollbacks),
    # and a shared Redis cache would hand one test another test's figures. Caching stays on, so
    # the suite runs the cached path and sees every write invalidate it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests"}}
    settings.FIGURE_CACHE_SECONDS = 600
    settings.FIGURE_WARM_UP = False  # no background refill unless a test asks for it (reports.dashboards.warmup)
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def eager_celery():
    """Run Celery tasks in-process even when REDIS_URL is set (the real worker has its own test)."""
    from config.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing is not under test; PBKDF2 would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db):
    province = UnitFactory(code="P", name="Tỉnh Mẫu", kind=UnitKind.PROVINCE)
    dept_a = UnitFactory(code="A", name="Sở Giáo dục và Đào tạo", kind=UnitKind.DEPARTMENT, parent=province)
    dept_b = UnitFactory(code="B", name="Sở Lao động - Thương binh và Xã hội", kind=UnitKind.DEPARTMENT, parent=province)
    school_a1 = UnitFactory(code="A1", name="Trường THPT Số 1", kind=UnitKind.SCHOOL, parent=dept_a)
    school_a2 = UnitFactory(code="A2", name="Trường THPT Số 2", kind=UnitKind.SCHOOL, parent=dept_a)
    return {"province": province, "dept_a": dept_a, "dept_b": dept_b, "school_a1": school_a1, "school_a2": school_a2}


@pytest.fixture
def personas(tree):
    user_a = UserFactory(username="nhaplieu_a")
    head_a = UserFactory(username="lanhdao_a")
    user_b = UserFactory(username="nhaplieu_b")
    supervisor = UserFactory(username="giamsat")
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    MembershipFactory(user=user_a, unit=tree["dept_a"], role="entry")
    MembershipFactory(user=head_a, unit=tree["dept_a"], role="approver")
    MembershipFactory(user=user_b, unit=tree["dept_b"], role="entry")
    MembershipFactory(user=supervisor, unit=tree["province"], role="supervisor")
    return {"user_a": user_a, "head_a": head_a, "user_b": user_b, "supervisor": supervisor, "admin": admin}


# --- the admin (tests/test_admin.py and each app's test_admin.py) ---


@pytest.fixture
def admin_pages_settings(settings, tmp_path):
    """What the admin's pages need under pytest: a media folder for uploads, plain static files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # DEBUG is off under pytest, so the manifest storage would need collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def superuser_client(client, personas):
    """A test client logged in as the personas' admin (staff, superuser)."""
    client.force_login(personas["admin"])
    return client


@pytest.fixture
def one_of_each(tree, personas):
    """One row of every model, so changelists render their computed columns."""
    resolution = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    pillar = PillarFactory()
    indicator = IndicatorFactory(resolution=resolution, code="CT1", pillar=pillar)
    TargetFactory(
        indicator=indicator, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=Decimal("95"), year=2022
    )
    TargetFactory(
        indicator=indicator, unit_kind=UnitKind.SCHOOL, operator="gte", value=Decimal("52"), year=2022
    )
    period = PeriodFactory(code="2024-Q3")
    value = DataValueFactory(
        unit=tree["dept_a"],
        indicator=indicator,
        period=period,
        numerator=Decimal("2"),
        denominator=Decimal("9"),
    )
    evidence = Evidence.objects.create(
        data_value=value,
        file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 demo"),
        original_name="bien-ban.pdf",
        size=13,
        content_type="application/pdf",
        uploaded_by=personas["admin"],
    )
    submission = SubmissionFactory(unit=tree["dept_a"], period=period)
    visit = VisitFactory(unit=tree["dept_a"], supervision__resolution=resolution)
    finding = FindingFactory(visit=visit, indicator=indicator, value=Decimal("22.22"))
    task = TaskFactory(
        resolution=resolution, pillar=pillar, lead_unit=tree["dept_a"], deadline=dt.date(2025, 12, 31)
    )
    recommendation = TaskFactory(
        resolution=None, visit=visit, number=1, title="Đẩy mạnh dịch vụ công trực tuyến"
    )
    old = ReportingUnit.objects.create(
        code="OLD", name="Sở Thông tin và Truyền thông", kind=UnitKind.DEPARTMENT
    )
    succession = UnitSuccession.objects.create(
        predecessor=old,
        successor=tree["dept_a"],
        kind="merge",
        effective_on=dt.date(2025, 3, 1),
        legal_basis="NQ 1",
    )
    run = ReportRun.objects.create(
        kind="progress", requested_by=personas["admin"], error="Traceback: lỗi mẫu"
    )
    return {
        ReportingUnit: tree["school_a1"],
        UnitSuccession: succession,
        Membership: Membership.objects.first(),
        Resolution: resolution,
        Pillar: pillar,
        Supervision: visit.supervision,
        Visit: visit,
        Finding: finding,
        Task: task,
        Indicator: indicator,
        Target: indicator.targets.first(),
        Period: period,
        DataValue: value,
        Evidence: evidence,
        Submission: submission,
        ReportRun: run,
        get_user_model(): personas["user_a"],
        "recommendation": recommendation,
    }


@pytest.fixture
def province_figures(tree, personas, settings, tmp_path):
    """A resolution of the province with a percent and a count indicator, Q2 and Q3/2024 figures."""
    settings.MEDIA_ROOT = tmp_path / "media"
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    pct = IndicatorFactory(resolution=res, code="CT1", order=1, applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    cnt = IndicatorFactory(resolution=res, code="CT2", order=2, name="Số máy tính", measure=Measure.COUNT,
                           numerator_label="", denominator_label="", unit_label="máy", applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=pct, operator="gte", value=Decimal("90"), year=2025)
    TargetFactory(indicator=cnt, operator="gte", value=Decimal("1000"), year=2024)
    q2, q3 = PeriodFactory(code="2024-Q2"), PeriodFactory(code="2024-Q3")
    figures = {
        q2: [("dept_a", pct, 80, 100), ("dept_b", pct, 40, 50), ("dept_a", cnt, 1200, None)],
        q3: [("dept_a", pct, 90, 100), ("dept_b", pct, 45, 50), ("school_a1", pct, 9, 10),
             ("dept_a", cnt, 1937, None), ("dept_b", cnt, 325, None)],
    }
    for period, rows in figures.items():
        for unit, ind, num, den in rows:
            DataValueFactory(unit=tree[unit], indicator=ind, period=period, numerator=Decimal(num),
                             denominator=None if den is None else Decimal(den))
            SubmissionFactory(unit=tree[unit], period=period, submitted_at=dt.datetime(2024, 9, 10, 9, tzinfo=dt.UTC))
    return {"res": res, "pct": pct, "cnt": cnt, "q2": q2, "q3": q3, **tree, **personas}


@pytest.fixture(name="two_provinces")
def two_provinces_fixture(tree, personas):
    """Province P (tree) with two resolutions sharing an indicator code; province Q with its own."""
    other = UnitFactory(code="Q", name="Tỉnh Khác", kind=UnitKind.PROVINCE)
    other_dept = UnitFactory(code="QA", name="Sở Giáo dục và Đào tạo tỉnh Khác", kind=UnitKind.DEPARTMENT, parent=other)
    nq = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"], issued_on=dt.date(2021, 11, 29))
    plan = ResolutionFactory(code="KH-2022", kind="plan", owner_unit=tree["dept_a"], issued_on=dt.date(2022, 3, 1))
    foreign = ResolutionFactory(code="07-NQ/TU", owner_unit=other, issued_on=dt.date(2021, 10, 27))
    ind = {
        "nq_hscv": IndicatorFactory(resolution=nq, code="HSCV-MANG", order=2, name="Hồ sơ công việc (09-NQ/TU)",
                                    applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL]),
        "nq_kyso": IndicatorFactory(resolution=nq, code="VB-KYSO", order=1, name="Văn bản đi được ký số",
                                    applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL]),
        "plan_hscv": IndicatorFactory(resolution=plan, code="HSCV-MANG", order=1, name="Hồ sơ công việc (kế hoạch)",
                                      applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL]),
        "foreign_ind": IndicatorFactory(resolution=foreign, code="CAPQUANG", name="Kết nối internet cáp quang",
                                    applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL]),
        "inactive": IndicatorFactory(resolution=nq, code="CU", name="Chỉ tiêu đã thôi theo dõi", applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL],
                                     is_active=False),
        "yearly": IndicatorFactory(resolution=nq, code="NAM", name="Chỉ tiêu báo cáo năm", applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL],
                                   frequency=Frequency.YEARLY),
        "schools_only": IndicatorFactory(resolution=nq, code="TRUONG", order=3, name="Chỉ tiêu của trường",
                                         applies_to=[UnitKind.SCHOOL]),
    }
    return {**tree, **personas, **ind, "other_dept": other_dept, "nq": nq, "plan": plan, "foreign": foreign,
            "q3": PeriodFactory(code="2024-Q3")}


@pytest.fixture
def merger(db):
    """Quảng Bình and its Sở end on 30/6/2025 and merge into Quảng Trị's (NQ 202/2025/QH15)."""
    qb = UnitFactory(code="QB", name="Tỉnh Quảng Bình", kind=UnitKind.PROVINCE, valid_to=dt.date(2025, 6, 30))
    qb_so = UnitFactory(code="QB.SGDDT", name="Sở Giáo dục và Đào tạo Quảng Bình", kind=UnitKind.DEPARTMENT,
                        parent=qb, valid_to=dt.date(2025, 6, 30))
    qt = UnitFactory(code="QT", name="Tỉnh Quảng Trị", kind=UnitKind.PROVINCE)
    qt_so = UnitFactory(code="QT.SGDDT", name="Sở Giáo dục và Đào tạo Quảng Trị", kind=UnitKind.DEPARTMENT, parent=qt)
    for old, new in ((qb, qt), (qb_so, qt_so)):
        UnitSuccession.objects.create(predecessor=old, successor=new, kind=SuccessionKind.MERGE, effective_on=dt.date(2025, 7, 1))
    IssuingProfileFactory(unit=qt_so)
    IssuingProfileFactory(unit=qb_so, governing_body="UBND TỈNH QUẢNG BÌNH", place_name="Quảng Bình",
                          short_name="Sở Giáo dục và Đào tạo tỉnh Quảng Bình", signer_name="Trần Thị Q")
    return {"qb": qb, "qb_so": qb_so, "qt": qt, "qt_so": qt_so}
