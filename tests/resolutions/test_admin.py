"""The admin of resolutions, tasks and visits."""

import pytest

from indicators.models import Indicator
from resolutions.models import Finding, Resolution, Task, Visit
from tests.helpers import admin_url

pytestmark = pytest.mark.usefixtures("admin_pages_settings")


def test_resolution_page_lists_indicators_with_links_and_tasks(superuser_client, one_of_each):
    resolution, indicator = one_of_each[Resolution], one_of_each[Indicator]
    html = superuser_client.get(admin_url(Resolution, "change", resolution.pk)).content.decode()
    assert "indicators-TOTAL_FORMS" in html
    assert "tasks-TOTAL_FORMS" in html
    assert admin_url(Indicator, "change", indicator.pk) in html
    assert "trên 95% (Sở, 2022)" in html
    add_link = admin_url(Indicator, "add") + f"?resolution={resolution.pk}"
    assert add_link in html
    prefilled = superuser_client.get(add_link)
    assert prefilled.context["adminform"].form.initial["resolution"] == str(resolution.pk)


def test_task_status_is_editable_from_the_list(superuser_client, one_of_each):
    task = one_of_each[Task]
    data = {
        "form-TOTAL_FORMS": 2,
        "form-INITIAL_FORMS": 2,
        "form-0-id": one_of_each["recommendation"].pk,
        "form-0-status": "not_started",
        "form-1-id": task.pk,
        "form-1-status": "done",
        "_save": "Lưu",
    }
    # The changelist formset matches rows by id; send every row of the page.
    response = superuser_client.post(admin_url(Task, "changelist"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    task.refresh_from_db()
    assert task.status == "done"
    assert task.history.count() == 2


def test_visit_page_has_findings_and_recommendations(superuser_client, one_of_each):
    html = superuser_client.get(admin_url(Visit, "change", one_of_each[Visit].pk)).content.decode()
    assert "findings-TOTAL_FORMS" in html
    assert "recommendations-TOTAL_FORMS" in html
    assert "Đẩy mạnh dịch vụ công trực tuyến" in html
    listing = superuser_client.get(admin_url(Finding, "changelist")).content.decode()
    assert "22,22%" in listing
