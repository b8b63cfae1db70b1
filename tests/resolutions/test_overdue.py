""""Quá hạn" is one rule (resolutions.progress.is_overdue / overdue_q): the task list, the follow-up of
recommendations, the counts per pillar and the Excel tasks report agree."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.documents.report_data.tasks_report import tasks_report
from resolutions.models import Task, TaskStatus
from resolutions.progress import is_overdue, overdue_q, resolution_tasks, task_summary
from tests.factories import PillarFactory, ResolutionFactory, TaskFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(tree):
    today = timezone.localdate()
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    pillar = PillarFactory()
    made = {
        "late": TaskFactory(resolution=res, pillar=pillar, number=1, title="Quá hạn thật",
                            deadline=today - dt.timedelta(days=1), status=TaskStatus.IN_PROGRESS),
        "due_today": TaskFactory(resolution=res, pillar=pillar, number=2, title="Hạn hôm nay",
                                 deadline=today, status=TaskStatus.NOT_STARTED),
        "late_but_done": TaskFactory(resolution=res, pillar=pillar, number=3, title="Đã xong",
                                     deadline=today - dt.timedelta(days=30), status=TaskStatus.DONE),
        "no_deadline": TaskFactory(resolution=res, pillar=pillar, number=4, title="Không thời hạn",
                                   deadline=None, status=TaskStatus.NOT_STARTED),
    }
    visit = VisitFactory(unit=tree["dept_a"])
    visit.supervision.resolution = res
    visit.supervision.save()
    made["rec_late"] = TaskFactory(resolution=None, visit=visit, number=1, title="Kiến nghị quá hạn",
                                   lead_unit=tree["dept_a"], deadline=today - dt.timedelta(days=3),
                                   status=TaskStatus.NOT_STARTED)
    made["rec_future"] = TaskFactory(resolution=None, visit=visit, number=2, title="Kiến nghị còn hạn",
                                     lead_unit=tree["dept_a"], deadline=today + dt.timedelta(days=3),
                                     status=TaskStatus.NOT_STARTED)
    return res, made, today


def test_the_rule(tasks):
    _, t, today = tasks
    assert {k for k, task in t.items() if is_overdue(task, today)} == {"late", "rec_late"}
    assert set(Task.objects.filter(overdue_q(today)).values_list("title", flat=True)) == {
        "Quá hạn thật", "Kiến nghị quá hạn"}


def test_counts_list_and_excel_agree(client, personas, tasks):
    res, t, today = tasks
    (group,) = task_summary(resolution_tasks(res), today)
    assert group.overdue == 1
    report = tasks_report(res, today=today)
    assert [line.title for line in report.tasks if line.overdue] == ["Quá hạn thật"]
    assert [line.title for line in report.recommendations if line.overdue] == ["Kiến nghị quá hạn"]
    client.force_login(personas["admin"])
    page = client.get(reverse("resolution-tasks", args=[res.pk])).content.decode()
    assert page.count(">Quá hạn</div>") == 1 and page.count('class="row-overdue"') == 1
    followup = client.get(reverse("recommendation-followup")).content.decode()
    assert followup.count('class="row-overdue"') == 1
    only_late = client.get(reverse("recommendation-followup"), {"overdue": "1"}).content.decode()
    assert "Kiến nghị quá hạn" in only_late and "Kiến nghị còn hạn" not in only_late
