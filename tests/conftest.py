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

from indicators.models import DataValue, Evidence, Indicator, Period, Submission, Target
from reports.models import ReportRun
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, Visit
from tests.factories import (
    DataValueFactory,
    FindingFactory,
    IndicatorFactory,
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
from units.models import Membership, ReportingUnit, UnitKind, UnitSuccession


@pytest.fixture(autouse=True)
def _own_figure_cache(settings):
    # Each test gets an empty in-process cache: database ids are reused between tests (rollbacks),
    # and a shared Redis cache would hand one test another test's figures. Caching stays on, so
    # the suite runs the cached path and sees every write invalidate it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests"}}
    settings.FIGURE_CACHE_SECONDS = 600
    settings.FIGURE_WARM_UP = False  # no background refill unless a test asks for it (reports.warmup)
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
