"""The review page of targets read from a resolution's text, its appendix workbook and the extract-targets API."""

import io
import json
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from indicators.definitions import DefinitionErrors, IndicatorSpec, TargetSpec, create_indicators
from indicators.models import Indicator, Period, Target
from resolutions.models import Pillar
from resolutions.target_reading.appendix import HEADER_ROW, SHEET
from tests.factories import IndicatorFactory, PillarFactory, ResolutionFactory
from units.models import UnitKind

CORPUS = Path(__file__).parent / "target_corpus"
SEED_PARAGRAPH = json.loads((CORPUS / "01_quang_binh_gddt_2022.json").read_text())["sentences"][0]["text"]


class _Form(HTMLParser):
    """The fields of one form of a page, as a browser would send them."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data, self._select, self._textarea = form_id, False, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data.append((a["name"], a.get("value", "on")))
            elif a.get("type") != "file":
                self.data.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select:
            if self._select[2] is None:
                self._select[2] = a.get("value", "")
            if "selected" in a:
                self._select[1] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            name, chosen, first = self._select
            self.data.append((name, chosen if chosen is not None else first))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append(tuple(self._textarea))
            self._textarea = None


def form_data(html, form_id="accept-form"):
    parser = _Form(form_id)
    parser.feed(html)
    out = {}
    for name, value in parser.data:
        out.setdefault(name, []).append(value)
    return out


@pytest.fixture
def plan(tree):
    for code, name in (("chinh_quyen_so", "Chính quyền số"), ("kinh_te_so", "Kinh tế số"),
                       ("nhan_thuc_so", "Nhận thức số"), ("du_lieu_so", "Dữ liệu số"),
                       ("an_toan_thong_tin_mang", "An toàn thông tin mạng")):
        PillarFactory(code=code, name=name)
    return ResolutionFactory(code="KH-2022/GD", kind="plan", start_year=2022, end_year=2022, vision_year=None,
                             owner_unit=tree["province"])


def _url(plan):
    return reverse("resolution-read-targets", args=[plan.pk])


def test_only_admins_reach_the_page(client, personas, plan):
    assert client.get(_url(plan)).status_code == 302  # to the login page
    client.force_login(personas["head_a"])
    r = client.get(_url(plan))
    assert r.status_code == 403
    r = client.post(_url(plan), {"text": SEED_PARAGRAPH})
    assert r.status_code == 403 and not Indicator.objects.exists()
    client.force_login(personas["admin"])
    r = client.get(_url(plan))
    assert r.status_code == 200
    assert "Dán đoạn mục tiêu, chỉ tiêu của văn bản" in r.content.decode()


def test_seed_paragraph_proposed_accepted_and_shown_on_the_dashboard(client, personas, plan):
    client.force_login(personas["admin"])
    r = client.post(_url(plan), {"action": "read", "text": SEED_PARAGRAPH})
    html = r.content.decode()
    assert r.status_code == 200
    assert "13 chỉ tiêu đề xuất" in html
    assert '<sup>3.1</sup>trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở</mark>' in html
    data = form_data(html)
    assert data["i2-name"] == ["Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"]
    assert data["i2-t0-unit_kind"] == ["department"] and data["i2-t0-operator"] == ["gt"]
    assert data["i2-t0-value"] == ["95"] and data["i2-t0-year"] == ["2022"]
    # The reviewer unticks the first proposal, corrects a value and a name, adds a 2025 milestone.
    del data["i0-take"]
    data["i2-t2-value"] = ["52,5"]
    data["i1-name"] = ["Tỷ lệ văn bản điện tử"]
    data["i1-t1-value"], data["i1-t1-year"], data["i1-t1-operator"] = ["98"], ["2025"], ["gte"]
    r = client.post(_url(plan), data)
    html = r.content.decode()
    assert r.status_code == 200, html
    assert "Đã tạo 12 chỉ tiêu" in html
    assert "trên 95% (Sở, 2022)" in html and "đạt 52,5% (Trường, 2022)" in html
    created = list(Indicator.objects.filter(resolution=plan).order_by("order"))
    assert len(created) == 12
    assert len({i.code for i in created}) == 12
    documents, dossiers = created[0], created[1]
    assert documents.name == "Tỷ lệ văn bản điện tử"
    assert [(t.unit_kind, t.operator, t.value, t.year) for t in documents.targets.order_by("year")] == [
        (None, "gte", Decimal("96"), 2022), (None, "gte", Decimal("98"), 2025)]
    assert [(t.unit_kind, t.operator, t.value) for t in dossiers.targets.order_by("value")] == [
        ("school", "gte", Decimal("52.5")), ("district_office", "gt", Decimal("75")), ("department", "gt", Decimal("95"))]
    assert dossiers.targets.get(unit_kind="department").wording == "trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở"
    assert dossiers.pillar.code == "chinh_quyen_so" and dossiers.applies_to == ["department", "district_office", "school"]
    assert not Indicator.objects.filter(name__startswith="Đơn vị, cơ sở giáo dục").exists()  # unticked
    Period.build("2022-Q4").save()
    dashboard = client.get(reverse("resolution-dashboard", args=[plan.pk])).content.decode()
    assert "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng" in dashboard
    assert dossiers.code in dashboard


def test_accept_with_a_bad_cell_saves_nothing_and_names_the_problem(client, personas, plan):
    IndicatorFactory(resolution=plan, code="TAKEN")
    client.force_login(personas["admin"])
    data = form_data(client.post(_url(plan), {"action": "read", "text": SEED_PARAGRAPH}).content.decode())
    data["i3-code"] = ["TAKEN"]
    data["i5-t0-value"] = ["trên trăm"]
    data["i6-t0-year"] = ["20225"]
    data["i7-t0-value"] = ["150"]
    r = client.post(_url(plan), data)
    html = r.content.decode()
    assert r.status_code == 400
    assert "Chưa tạo chỉ tiêu nào" in html
    assert "Mã “TAKEN” đã có trong văn bản này" in html
    assert "Giá trị mục tiêu “trên trăm” không phải là số." in html
    assert "Năm mốc “20225” không hợp lệ" in html
    assert "Mục tiêu tỷ lệ không vượt quá 100%." in html
    assert Indicator.objects.filter(resolution=plan).count() == 1  # only the one that was there
    assert 'id="src-3.1"' in html  # the text and its highlights are still beside the table


@pytest.mark.parametrize(("text", "message"), [
    ("", "Hãy dán nội dung văn bản"),
    ("   \n  ", "Hãy dán nội dung văn bản"),
    ("Đoàn giám sát đánh giá cao kết quả thực hiện Nghị quyết.", "Không tìm thấy câu chỉ tiêu nào"),
    ("đạt 96%. " * 25_000, "Văn bản quá dài"),
])
def test_bad_text_gets_a_vietnamese_message(client, personas, plan, text, message):
    client.force_login(personas["admin"])
    r = client.post(_url(plan), {"action": "read", "text": text})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not Indicator.objects.exists()


def test_a_5_mb_paste_is_refused_before_it_is_read(client, personas, plan):
    client.force_login(personas["admin"])
    r = client.post(_url(plan), {"action": "read", "text": "x" * (5 * 1024 * 1024)})
    assert r.status_code == 400
    assert "Nội dung gửi lên quá lớn" in r.content.decode()
    assert not Indicator.objects.exists()


def test_too_many_cells_get_a_vietnamese_message(client, personas, plan, settings):
    client.force_login(personas["admin"])
    data = form_data(client.post(_url(plan), {"action": "read", "text": SEED_PARAGRAPH}).content.decode())
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    r = client.post(_url(plan), data)
    assert r.status_code == 400
    assert "quá nhiều ô" in r.content.decode()
    assert not Indicator.objects.exists()


def test_bad_files_get_a_vietnamese_message(client, personas, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    client.force_login(personas["admin"])
    r = client.post(_url(plan), {"action": "read", "text": "",
                                 "file": SimpleUploadedFile("ke-hoach.docx", b"khong phai word")})
    assert r.status_code == 400 and "không đúng định dạng DOCX" in r.content.decode()
    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    r = client.post(_url(plan), {"action": "read", "file": SimpleUploadedFile("scan.pdf", blank.getvalue())})
    assert r.status_code == 400 and "không có lớp chữ" in r.content.decode()
    r = client.post(_url(plan), {"action": "read", "file": SimpleUploadedFile("bang.xlsx", b"PK\x03\x04rong")})
    assert r.status_code == 400 and "không phải bảng tính Excel .xlsx" in r.content.decode()
    pdf = (Path(__file__).parent / "fixtures" / "muc_tieu.pdf").read_bytes()
    r = client.post(_url(plan), {"action": "read", "file": SimpleUploadedFile("muc-tieu.pdf", pdf)})
    assert r.status_code == 200 and "1 chỉ tiêu đề xuất" in r.content.decode()
    assert not Indicator.objects.exists()


def _appendix(plan, client, rows):
    content = client.get(reverse("resolution-targets-appendix", args=[plan.pk])).content
    wb = load_workbook(io.BytesIO(content))
    ws = wb[SHEET]
    for n, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, value in enumerate(row, start=1):
            ws.cell(n, col, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_appendix_template_and_its_upload_make_the_same_proposals(client, personas, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas["admin"])
    r = client.get(reverse("resolution-targets-appendix", args=[plan.pk]))
    assert r["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = load_workbook(io.BytesIO(r.content))[SHEET]
    assert [c.value for c in ws[HEADER_ROW]] == ["Mã", "Tên chỉ tiêu", "Loại số liệu", "Đơn vị tính", "Cấp áp dụng",
                                                 "Chỉ tiêu", "Năm", "Trụ cột"]
    assert "KH-2022/GD" in ws["A2"].value
    filled = _appendix(plan, client, [
        ("HSCV", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "Tỷ lệ %", "%", "Sở, ban, ngành",
         "trên 95%", 2022, "Chính quyền số"),
        ("HSCV", None, None, None, "Phòng chuyên môn cấp huyện", "trên 75%", 2022, None),
        ("HSCV", None, None, None, "cơ sở giáo dục", "52%", None, None),
        (None, "Số máy tính phục vụ giảng dạy", "Số lượng", "máy", None, "ít nhất 1.937", 2025, None),
    ])
    r = client.post(_url(plan), {"action": "read", "file": SimpleUploadedFile("phu-luc.xlsx", filled)})
    html = r.content.decode()
    assert r.status_code == 200, html
    assert "2 chỉ tiêu đề xuất" in html and "từ Phụ lục" in html
    data = form_data(html)
    assert data["i0-code"] == ["HSCV"] and data["i0-pillar"] == ["chinh_quyen_so"]
    assert [data[f"i0-t{j}-unit_kind"][0] for j in range(3)] == ["department", "district_office", "school"]
    assert [data[f"i0-t{j}-operator"][0] for j in range(3)] == ["gt", "gt", "gte"]
    assert data["i0-t2-year"] == ["2022"]  # blank year: the plan's own
    assert (data["i1-measure"], data["i1-unit_label"], data["i1-t0-value"]) == (["count"], ["máy"], ["1937"])
    r = client.post(_url(plan), data)
    assert "Đã tạo 2 chỉ tiêu" in r.content.decode()
    hscv = Indicator.objects.get(resolution=plan, code="HSCV")
    assert hscv.targets.count() == 3 and hscv.pillar.code == "chinh_quyen_so"


def test_appendix_bad_rows_are_listed_with_row_and_column_and_nothing_is_proposed(client, personas, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas["admin"])
    filled = _appendix(plan, client, [
        ("A", "Tỷ lệ hồ sơ trực tuyến", "Phần trăm", "%", "Sở, ban, ngành", "trên 95%", 2025, None),
        ("B", "Tỷ lệ văn bản điện tử", "Tỷ lệ %", "%", "cấp thôn", "đạt", 2025, "Trụ cột lạ"),
        ("C", "Tỷ lệ hồ sơ", "Tỷ lệ %", "%", None, "80%", "năm sau", None),
        ("C", None, None, None, None, "90%", None, None),
        ("D", "Tỷ lệ D", "Tỷ lệ %", "%", None, "90%", 2025, None),
        ("D", None, None, None, "Tất cả đơn vị", "95%", 2025, None),
    ])
    r = client.post(_url(plan), {"action": "read", "file": SimpleUploadedFile("phu-luc.xlsx", filled)})
    html = r.content.decode()
    assert r.status_code == 400
    first = HEADER_ROW + 1
    for row, col, text in [(first, "C", "Loại số liệu “Phần trăm” không hợp lệ"),
                           (first + 1, "E", "Cấp áp dụng “cấp thôn” không hợp lệ"),
                           (first + 1, "F", "Chỉ tiêu “đạt” không có con số"),
                           (first + 1, "H", "Trụ cột “Trụ cột lạ” không có trong danh mục"),
                           (first + 2, "G", "Năm “năm sau” không hợp lệ"),
                           (first + 3, "B", "Cần tên chỉ tiêu"),
                           (first + 5, "G", "Chỉ tiêu này đã có mục tiêu cùng cấp và năm 2025")]:
        assert f'<tr><td class="num">{row}</td><td>{col}</td><td>{text}' in html, (row, col, text)
    assert "chỉ tiêu đề xuất" not in html
    assert not Indicator.objects.exists()


def test_appendix_not_a_template(client, personas, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    wb = Workbook()
    wb.active.append(["Something", "else"])
    out = io.BytesIO()
    wb.save(out)
    client.force_login(personas["admin"])
    r = client.post(_url(plan), {"action": "read", "file": SimpleUploadedFile("khac.xlsx", out.getvalue())})
    assert r.status_code == 400 and "Không thấy dòng tiêu đề" in r.content.decode()


def test_create_indicators_is_all_or_nothing_and_for_admins_only(db, personas, plan):
    good = IndicatorSpec(code="A", name="Tỷ lệ A", measure="percent", unit_label="%",
                         applies_to=[UnitKind.DEPARTMENT], targets=[TargetSpec(UnitKind.DEPARTMENT, "gt", "95", 2025)])
    bad = IndicatorSpec(code="B", name="Tỷ lệ B", measure="percent", applies_to=[UnitKind.SCHOOL],
                        targets=[TargetSpec(UnitKind.DEPARTMENT, "gte", "-1", 2025), TargetSpec(None, "xx", "5", 1990)])
    with pytest.raises(DefinitionErrors) as exc:
        create_indicators(plan, [good, bad], user=personas["admin"])
    messages = {(e["row"], e["field"]): e["message"] for e in exc.value.errors}
    assert messages[(2, "value")] == "Giá trị mục tiêu không được là số âm."
    assert "không áp dụng cho loại đơn vị này" in messages[(2, "unit_kind")]
    assert (2, "operator") in messages and (2, "year") in messages
    assert not Indicator.objects.exists() and not Target.objects.exists()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_indicators(plan, [good], user=personas["head_a"])
    [created] = create_indicators(plan, [good], user=personas["admin"])
    assert created.targets.get().operator == "gt"
    assert Pillar.objects.count() == 5


# --- API ---------------------------------------------------------------------------------------------------------

def _api(plan):
    return f"/api/v1/resolutions/{plan.pk}/extract-targets/"


def test_api_extract_targets(client, personas, plan):
    client.force_login(personas["admin"])
    r = client.post(_api(plan), {"text": SEED_PARAGRAPH}, content_type="application/json")
    assert r.status_code == 200, r.content
    body = r.json()
    assert len(body["indicators"]) == 13
    dossiers = body["indicators"][2]
    assert dossiers == {
        "name": "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "measure": "percent",
        "pillar": "chinh_quyen_so", "unit_label": "%", "source": dossiers["source"],
        "targets": [{"unit_kind": "department", "operator": "gt", "value": "95", "year": 2022},
                    {"unit_kind": "district_office", "operator": "gt", "value": "75", "year": 2022},
                    {"unit_kind": "school", "operator": "gte", "value": "52", "year": 2022}],
    }
    assert dossiers["source"].startswith("trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở")
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(("payload", "message"), [
    ({"text": ""}, "Hãy dán nội dung văn bản"),
    ({}, "Cần gửi nội dung văn bản"),
    ({"text": "Không có con số nào ở đây."}, "Không tìm thấy câu chỉ tiêu nào"),
    ({"text": "đạt 96%. " * 600_000}, "Văn bản quá dài"),  # a 5 MB text
])
def test_api_bad_input_is_400_in_vietnamese(client, personas, plan, payload, message):
    client.force_login(personas["admin"])
    r = client.post(_api(plan), payload, content_type="application/json")
    assert r.status_code == 400
    assert message in r.json()["text"][0]
    assert not Indicator.objects.exists()


def test_api_admins_only_and_unknown_resolution(client, personas, plan):
    assert client.post(_api(plan), {"text": SEED_PARAGRAPH}, content_type="application/json").status_code in (401, 403)
    client.force_login(personas["supervisor"])
    assert client.post(_api(plan), {"text": SEED_PARAGRAPH}, content_type="application/json").status_code == 403
    client.force_login(personas["admin"])
    assert client.post("/api/v1/resolutions/999999/extract-targets/", {"text": "đạt 96%"},
                       content_type="application/json").status_code == 404
