"""Redis down: the cache is an optimisation, the queue a dependency of report requests only.

Redis is simulated down by pointing the cache and the broker at a closed port on this machine (nothing
listens on 127.0.0.1:1): every connection is refused, as when Redis is stopped. No Redis is needed.
"""

import time

import pytest
from django.urls import reverse

from reports.models import ReportRun
from tests.api_helpers import client_for

DEAD = "redis://127.0.0.1:1/0"


def _fresh_connections(app):
    """Forget the broker connections Celery pooled (for the broker URL it had)."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {"default": {"BACKEND": "config.cache.PooledRedisCache", "LOCATION": DEAD,
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1}}}
    settings.FIGURE_CACHE_SECONDS = 600
    settings.REDIS_URL = DEAD
    yield


@pytest.fixture
def broker_down(settings):
    from config.celery import app

    old = (app.conf.task_always_eager, app.conf.broker_url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_url = DEAD
    _fresh_connections(app)  # connections are pooled per broker URL: start afresh
    yield
    app.conf.task_always_eager, app.conf.broker_url = old
    _fresh_connections(app)


def test_pages_and_api_work_without_the_cache(client, province_figures, cache_down):
    client.force_login(province_figures["supervisor"])
    started = time.monotonic()
    assert client.get("/").status_code == 200
    assert client.get(reverse("resolution-dashboard", args=[province_figures["res"].pk])).status_code == 200
    assert client.get(reverse("completeness")).status_code == 200
    api = client_for(province_figures["supervisor"])
    assert api.get("/api/v1/units/").status_code == 200
    r = client_for().post("/api/v1/auth/token/", {"username": province_figures["supervisor"].username,
                                                  "password": "matkhau-demo-123"}, format="json")
    assert r.status_code == 200, r.content
    assert time.monotonic() - started < 20  # the cache is skipped after the first refusal, not retried per key


def test_healthz_reports_each_part(client, db, settings):
    r = client.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["database"]["ok"] and body["cache"]["ok"]
    assert r["Cache-Control"].startswith("max-age=0")


def test_healthz_says_which_part_is_down(client, db, cache_down, broker_down):
    r = client.get("/healthz")
    assert r.status_code == 503
    body = r.json()
    assert body["status"] == "fail" and body["database"]["ok"]
    assert body["cache"]["ok"] is False and body["broker"]["ok"] is False


@pytest.mark.django_db(transaction=True)
def test_a_report_request_answers_503_and_leaves_no_run(client, province_figures, broker_down):
    client.force_login(province_figures["supervisor"])
    started = time.monotonic()
    r = client.post(reverse("report-runs"), {"kind": "progress", "resolution": province_figures["res"].pk,
                                             "period": province_figures["q3"].pk})
    elapsed = time.monotonic() - started
    assert r.status_code == 503
    assert "Hệ thống xếp hàng tạo báo cáo đang không phản hồi" in r.content.decode()
    assert elapsed < 8, elapsed
    r = client_for(province_figures["supervisor"]).post("/api/v1/reports/", {"kind": "progress", "resolution": province_figures["res"].pk,
                                                                 "period": province_figures["q3"].pk}, format="json")
    assert r.status_code == 503 and r.json()["detail"].startswith("Hệ thống xếp hàng tạo báo cáo")
    assert not ReportRun.objects.exists()  # no orphan `queued` run
