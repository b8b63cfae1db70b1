"""Shared fixtures: a small tree and personas (healthchecks-style).

province
├── dept_a (Sở GDĐT)            <- user_a (entry), head_a (approver)
│   └── school_a1, school_a2
└── dept_b (Sở LĐTBXH)          <- user_b (entry)
admin: a staff user who reaches everything.
"""

import pytest

from tests.factories import MembershipFactory, UnitFactory, UserFactory
from units.models import UnitKind


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
