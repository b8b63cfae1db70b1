"""The admin of report runs: read only."""

import pytest

from reports.models import ReportRun
from tests.helpers import admin_url

pytestmark = pytest.mark.usefixtures("admin_pages_settings")


def test_report_runs_are_read_only(superuser_client, one_of_each):
    run = one_of_each[ReportRun]
    html = superuser_client.get(admin_url(ReportRun, "change", run.pk)).content.decode()
    assert "Traceback: lỗi mẫu" in html
    assert 'name="status"' not in html
    listing = superuser_client.get(admin_url(ReportRun, "changelist"), {"status__exact": "queued"}).content.decode()
    assert "Đang chờ" in listing
