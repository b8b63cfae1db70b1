"""A REAL Celery worker on Redis compiles a report requested over the API.

Skipped unless REDIS_URL is set, e.g.:
    REDIS_URL=redis://127.0.0.1:6379/15 DATABASE_URL=postgres://postgres@127.0.0.1:5432/cds_kpi_rep \
        .venv/bin/pytest tests/reports/test_celery_worker.py -p no:cacheprovider
"""

import os
import time

import pytest

from tests.api_helpers import client_for

pytestmark = [
    pytest.mark.celery_worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a Redis broker)"),
]


@pytest.fixture
def real_worker(settings, transactional_db):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(
        broker_url=os.environ["REDIS_URL"],
        result_backend=os.environ["REDIS_URL"],
        task_always_eager=False,
    )
    app.loader.import_default_modules()
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING", shutdown_timeout=30):
        yield app


@pytest.mark.django_db(transaction=True)
def test_worker_compiles_requested_report(real_worker, province_figures):
    api = client_for(province_figures["supervisor"])
    resp = api.post("/api/v1/reports/", {"kind": "progress", "resolution": province_figures["res"].pk,
                                         "period": province_figures["q3"].pk}, format="json")
    assert resp.status_code == 202 and resp.json()["status"] == "queued"
    run_id = resp.json()["id"]
    deadline = time.monotonic() + 60
    detail = {}
    while time.monotonic() < deadline:
        detail = api.get(f"/api/v1/reports/{run_id}/").json()
        if detail["status"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert detail["status"] == "done", detail
    file = api.get(detail["download_url"])
    assert file.status_code == 200
    assert file["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert b"".join(file.streaming_content)[:2] == b"PK"
