"""In the browser: the Excel round trip (download, fill offline, upload) and an admin's report request."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from indicators.models import DataValue
from reports.excel.template import DATA_SHEET, FIRST_DATA_ROW, LETTER
from tests.factories import (
    DataValueFactory,
    IndicatorFactory,
    PeriodFactory,
    ResolutionFactory,
    TargetFactory,
)
from units.models import UnitKind

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(tree):
    res = ResolutionFactory(code="09-NQ/TU", owner_unit=tree["province"])
    ind = IndicatorFactory(resolution=res, code="DVCTT-PS", name="Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ",
                           applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=ind, unit_kind=UnitKind.DEPARTMENT, operator="gte", value=50, year=2025)
    period = PeriodFactory(code="2024-Q3")
    return {"res": res, "ind": ind, "period": period}


def _download_template(page, live_server, tree, plan):
    page.goto(f"{live_server.url}/nhap-excel/")
    page.select_option("#id_period", str(plan["period"].pk))
    page.fill("#id_unit", "Sở Giáo dục")  # the unit picker searches the entry scope, active in the period
    page.click("[role=option]:has-text('Sở Giáo dục và Đào tạo')")
    with page.expect_download() as download:
        page.click("button:has-text('Tải mẫu Excel')")
    return load_workbook(io.BytesIO(download.value.path().read_bytes()))


def _upload(page, wb, tmp_path, name):
    path = tmp_path / name
    wb.save(path)
    page.set_input_files("#id_file", str(path))
    page.click("button:has-text('Tải lên và lưu')")
    page.wait_for_load_state()


def test_template_filled_offline_is_uploaded_and_saved(tree, personas, plan, login, page, live_server, tmp_path):
    login("nhaplieu_a")
    wb = _download_template(page, live_server, tree, plan)
    ws = wb[DATA_SHEET]
    row = FIRST_DATA_ROW
    assert ws[f"{LETTER['indicator_code']}{row}"].value == "DVCTT-PS"
    assert ws[f"{LETTER['target']}{row}"].value == "đạt 50% (năm 2025)"

    # A bad row first: nothing is saved and the page names the row and the column.
    ws[f"{LETTER['numerator']}{row}"] = 10
    ws[f"{LETTER['denominator']}{row}"] = 9
    _upload(page, wb, tmp_path, "sai.xlsx")
    errors = page.inner_text("#import-errors")
    assert "Chưa lưu số liệu nào" in errors and str(row) in errors and LETTER["numerator"] in errors
    assert not DataValue.objects.exists()

    # Fixed: saved, with the rate computed by the rules.
    ws[f"{LETTER['numerator']}{row}"] = 2
    _upload(page, wb, tmp_path, "dung.xlsx")
    assert "Đã lưu: 1 số liệu mới, 0 số liệu cập nhật." in page.inner_text(".messages")
    dv = DataValue.objects.get(unit=tree["dept_a"], indicator=plan["ind"])
    assert (dv.numerator, dv.denominator, str(dv.value)) == (2, 9, "22.2222")


def test_report_requested_on_the_page_is_downloaded(tree, personas, plan, login, page, live_server, eager_celery):
    DataValueFactory(unit=tree["dept_a"], indicator=plan["ind"], period=plan["period"], numerator=2, denominator=9)
    from indicators.models import Submission, SubmissionStatus

    Submission.objects.create(unit=tree["dept_a"], period=plan["period"], status=SubmissionStatus.APPROVED)
    login("quantri")
    page.goto(f"{live_server.url}/bao-cao/")
    page.select_option("select[name=kind]", "progress")
    page.select_option("select[name=resolution]", str(plan["res"].pk))
    page.select_option("select[name=period]", str(plan["period"].pk))
    page.click("button:has-text('Tạo báo cáo')")
    page.wait_for_selector("text=Hoàn thành")  # eager Celery: done by the time the page shows
    with page.expect_download() as download:
        page.click("a:has-text('Tải về')")
    assert download.value.suggested_filename == "BaoCao_09-NQ-TU_Quy-III-2024.xlsx"
    wb = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    cells = [c.value for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and "QUÝ III/2024" in v.upper() for v in cells)
    assert any(isinstance(v, float | int) and abs(v - 2 / 9) < 1e-6 for v in cells)  # 22,22% stored as a number


def test_narrative_requested_with_the_issuing_units_defaults(tree, personas, plan, login, page, live_server,
                                                             eager_celery):
    """Choosing the resolution fills the document fields from its issuing unit; the Word report is downloaded."""
    from docx import Document

    from tests.factories import IssuingProfileFactory
    from units.models import DocumentRegime

    IssuingProfileFactory(unit=tree["province"], regime=DocumentRegime.PARTY, governing_body="",
                          official_name="TỈNH ỦY MẪU", short_name="Tỉnh ủy Mẫu", place_name="Mẫu",
                          number_suffix="-BC/TU", authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ",
                          signer_name="Bùi Thị K", recipients="Lưu Văn phòng Tỉnh ủy.")
    login("quantri")
    page.goto(f"{live_server.url}/bao-cao/")
    page.select_option("select[name=kind]", "narrative")
    assert page.locator("select[name=format] option[value=xlsx]").is_disabled()  # a Word report is docx or pdf
    page.select_option("select[name=resolution]", str(plan["res"].pk))
    # An expectation, not wait_for_function: the page's CSP (script-src 'self') forbids the eval it polls with.
    expect(page.locator("input[name=signer]")).to_have_value("Bùi Thị K")
    assert page.input_value("textarea[name=authority]") == "T/M BAN THƯỜNG VỤ"
    assert page.inner_text("#doc-issuer") == "TỈNH ỦY MẪU"
    page.select_option("select[name=period]", str(plan["period"].pk))
    page.fill("input[name=number]", "12")
    page.fill("input[name=signer]", "Lê Văn S")
    page.click("button:has-text('Tạo báo cáo')")
    page.wait_for_selector("text=Hoàn thành")
    with page.expect_download() as download:
        page.click("a:has-text('Tải về')")
    assert download.value.suggested_filename == "BaoCaoThuyetMinh_09-NQ-TU_Quy-III-2024.docx"
    doc = Document(io.BytesIO(download.value.path().read_bytes()))
    assert doc.tables[0].cell(1, 0).text == "Số 12-BC/TU"
    assert [p.text for p in doc.tables[1].cell(0, 1).paragraphs if p.text] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ",
                                                                                "Lê Văn S"]
