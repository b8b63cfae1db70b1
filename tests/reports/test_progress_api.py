"""Progress API (API.md): figures equal the pages' and hand-computed ones; scope enforced."""

import pytest

from indicators.models import SubmissionStatus
from tests.api_helpers import client_for
from tests.factories import (
    IndicatorFactory,
    PeriodFactory,
    PillarFactory,
    ResolutionFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
)
from tests.helpers import put
from units.models import UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_figures(tree):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="HSCV", applies_to=[UnitKind.SCHOOL, UnitKind.DEPARTMENT])
    # Milestones of 2023: in Quý III/2024 their year has ended, so a level below them is "Chưa đạt".
    TargetFactory(indicator=ind, unit_kind=UnitKind.SCHOOL, operator="gte", value=52, year=2023)
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gt", value=95, year=2023)
    q3 = PeriodFactory(code="2024-Q3")
    put(tree["school_a1"], ind, q3, 90, 100)
    put(tree["school_a2"], ind, q3, 1, 10)
    put(tree["dept_a"], ind, q3, 2, 9, status=SubmissionStatus.APPROVED)
    return {"res": res, "ind": ind, "q3": q3}


def test_progress_rolls_up_per_kind_as_ratio_of_sums(personas, school_figures):
    r = client_for(personas["supervisor"]).get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2024-Q3"})
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["resolution"] == school_figures["res"].pk and body["period"] == school_figures["q3"].pk and body["unit"] is None
    rows = {k["unit_kind"]: k for k in body["indicators"][0]["by_kind"]}
    school = rows["school"]
    assert school["numerator"] == "91" and school["denominator"] == "110"
    assert school["value"] == "82.73"  # 91/110, not the mean of rates (50%)
    assert (school["units_expected"], school["units_reported"], school["units_met"]) == (2, 2, 1)
    assert school["target"] == {"operator": "gte", "value": "52", "year": 2023}
    assert school["status"] == "met"
    dept = rows["department"]
    assert dept["value"] == "22.22" and dept["status"] == "not_met" and dept["units_expected"] == 2


def test_progress_approved_only_and_unit_subtree(personas, school_figures, tree):
    c = client_for(personas["admin"])
    body = c.get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": school_figures["q3"].pk, "approved_only": "true"}).json()
    rows = {k["unit_kind"]: k for k in body["indicators"][0]["by_kind"]}
    assert rows["department"]["value"] == "22.22" and rows["school"]["value"] is None
    body = c.get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2024-Q3", "unit": tree["school_a2"].pk}).json()
    rows = {k["unit_kind"]: k for k in body["indicators"][0]["by_kind"]}
    assert rows["school"]["value"] == "10.00" and rows["school"]["status"] == "not_met"


def test_progress_scope_foreign_unit_is_404(personas, school_figures, tree):
    c = client_for(personas["user_b"])  # Sở LĐTBXH only
    assert c.get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2024-Q3",
                                       "unit": tree["dept_a"].pk}).status_code == 404
    body = c.get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2024-Q3"}).json()
    rows = {k["unit_kind"]: k for k in body["indicators"][0]["by_kind"]}
    assert rows["department"]["value"] is None  # dept_a's 22,22% is outside user_b's scope
    assert client_for(UserFactory()).get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2024-Q3"}).status_code == 404
    assert client_for().get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2024-Q3"}).status_code == 401


def test_progress_requires_parameters(personas, school_figures):
    c = client_for(personas["admin"])
    assert c.get("/api/v1/progress/", {"resolution": school_figures["res"].pk}).json() == {"period": ["Trường này là bắt buộc."]}
    assert c.get("/api/v1/progress/", {"resolution": school_figures["res"].pk, "period": "2099-Q1"}).status_code == 400


def test_units_ranking_best_first(personas, school_figures, tree):
    r = client_for(personas["supervisor"]).get("/api/v1/progress/units/", {"indicator": school_figures["ind"].pk, "period": "2024-Q3"})
    body = r.json()
    assert body["count"] == 4  # 2 schools, 2 departments (dept_b without value, last)
    names = [(i["code"], i["value"], i["status"]) for i in body["results"]]
    assert names == [("A1", "90.00", "met"), ("A", "22.22", "not_met"), ("A2", "10.00", "not_met"), ("B", None, "no_data")]
    body = client_for(personas["supervisor"]).get(
        "/api/v1/progress/units/", {"indicator": school_figures["ind"].pk, "period": "2024-Q3", "kind": "school"}).json()
    assert [i["code"] for i in body["results"]] == ["A1", "A2"]
    assert body["results"][0]["target"] == {"operator": "gte", "value": "52", "year": 2023}


def test_completeness(personas, school_figures, tree):
    body = client_for(personas["admin"]).get("/api/v1/completeness/", {"period": "2024-Q3"}).json()
    # expected: 2 departments + 2 schools (the province has no applicable indicator); dept_b missing.
    assert (body["units_expected"], body["units_reported"]) == (4, 3)
    assert body["missing"] == [tree["dept_b"].pk]
    kinds = {k["unit_kind"]: k for k in body["by_kind"]}
    assert kinds["department"]["units_expected"] == 2 and kinds["department"]["units_reported"] == 1
    body = client_for(personas["user_a"]).get("/api/v1/completeness/", {"period": "2024-Q3", "within": tree["dept_a"].pk}).json()
    assert body["units_expected"] == 3 and body["missing"] == []
    assert client_for(personas["user_a"]).get("/api/v1/completeness/", {"period": "2024-Q3", "within": tree["dept_b"].pk}).status_code == 404


def test_task_summary_counts_per_pillar(personas, school_figures):
    pillar = PillarFactory(code="chinh_quyen_so", name="Chính quyền số")
    for i in range(21):
        TaskFactory(resolution=school_figures["res"], pillar=pillar, status="done" if i < 4 else "in_progress" if i < 11 else "not_started")
    body = client_for(personas["supervisor"]).get("/api/v1/tasks/summary/", {"resolution": school_figures["res"].pk}).json()
    assert body == [{"pillar": pillar.pk, "label": "Chính quyền số", "total": 21, "done": 4, "in_progress": 7,
                     "not_started": 10, "overdue": 0}]
    tasks = client_for(personas["supervisor"]).get("/api/v1/tasks/", {"resolution": school_figures["res"].pk, "status": "done"}).json()
    assert tasks["count"] == 4 and set(tasks["results"][0]) >= {"id", "resolution", "visit", "pillar", "number", "title",
                                                                 "lead_unit", "deadline", "status", "progress_note"}
