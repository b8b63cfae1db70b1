"""Documents on the API and the Báo cáo page (API.md "Documents"): kind narrative, format, document overrides, PDF."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from reports.documents.convert import pdf_available
from reports.models import ReportRun, RunStatus
from tests.api_helpers import client_for
from tests.factories import IssuingProfileFactory
from units.models import DocumentRegime

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    """Tasks in-process, even when REDIS_URL is set."""


@pytest.fixture
def party(province_figures):
    IssuingProfileFactory(unit=province_figures["province"], regime=DocumentRegime.PARTY, governing_body="",
                          official_name="TỈNH ỦY MẪU", short_name="Tỉnh ủy Mẫu", place_name="Mẫu",
                          number_suffix="-BC/TU", authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ",
                          signer_name="Bùi Thị K", recipients="Ban Thường vụ Tỉnh ủy;\nLưu Văn phòng Tỉnh ủy.")
    return province_figures


def _post(user, payload, capture):
    with capture(execute=True):
        return client_for(user).post("/api/v1/reports/", payload, format="json")


def test_narrative_is_a_word_document_by_default(party, django_capture_on_commit_callbacks):
    w = party
    resp = _post(w["supervisor"], {"kind": "narrative", "resolution": w["res"].pk, "period": w["q3"].pk,
                                   "document": {"number": "12", "date": "2026-03-05", "signer": "Lê Văn S"}},
                 django_capture_on_commit_callbacks)
    assert resp.status_code == 202
    api = client_for(w["supervisor"])
    detail = api.get(f"/api/v1/reports/{resp.json()['id']}/").json()
    assert detail["status"] == "done" and detail["kind"] == "narrative"
    file = api.get(detail["download_url"])
    assert file.status_code == 200 and file["Content-Type"] == DOCX
    assert 'filename="BaoCaoThuyetMinh_09-NQ-TU_Quy-III-2024.docx"' in file["Content-Disposition"]
    doc = Document(io.BytesIO(b"".join(file.streaming_content)))
    assert doc.tables[0].cell(1, 0).text == "Số 12-BC/TU"
    assert doc.tables[0].cell(1, 1).text == "Mẫu, ngày 05 tháng 3 năm 2026"
    assert [p.text for p in doc.tables[1].cell(0, 1).paragraphs if p.text][-1] == "Lê Văn S"


def test_document_overrides_reach_the_workbook(party, django_capture_on_commit_callbacks):
    w = party
    resp = _post(w["supervisor"], {
        "kind": "progress", "resolution": w["res"].pk, "period": w["q3"].pk,
        "document": {"number": "12", "place": "Nha Trang", "signer": "Lê Văn S", "signer_title": "BÍ THƯ",
                     "authority": "T/M BAN THƯỜNG VỤ", "recipients": ["Như trên;", "Lưu Văn phòng Tỉnh ủy."]}},
        django_capture_on_commit_callbacks)
    run = ReportRun.objects.get(pk=resp.json()["id"])
    assert run.status == RunStatus.DONE and run.parameters["document"]["signer"] == "Lê Văn S"
    ws = load_workbook(run.file.path)["Tổng hợp"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Số 12-BC/TU" in texts and "Lê Văn S" in texts and "BÍ THƯ" in texts and "- Như trên;" in texts
    assert any(t.startswith("Nha Trang, ngày ") for t in texts)


@pytest.mark.parametrize("payload, field, words", [
    ({"kind": "progress", "format": "docx"}, "format", "Định dạng “docx” không dùng được"),
    ({"kind": "narrative", "format": "xlsx"}, "format", "Định dạng “xlsx” không dùng được"),
    ({"kind": "progress", "document": {"authority": "KT. GIÁM ĐỐC"}}, "document", "Thẩm quyền ký (authority)"),
    ({"kind": "progress", "document": {"signer": "x" * 121}}, "document", "Họ tên người ký (signer): tối đa 120"),
    ({"kind": "progress", "document": {"date": "31/02/2026"}}, "document", "Ngày văn bản (date)"),
    ({"kind": "progress", "document": {"recipients": "dòng 1\ndòng 2", "seal": "x"}}, "document", "seal"),
    ({"kind": "progress", "document": ["12"]}, "document", "đối tượng JSON"),
])
def test_bad_format_or_document_is_refused_in_vietnamese(party, payload, field, words,
                                                         django_capture_on_commit_callbacks):
    w = party
    resp = _post(w["supervisor"], {"resolution": w["res"].pk, "period": w["q3"].pk, **payload},
                 django_capture_on_commit_callbacks)
    assert resp.status_code == 400
    assert words in str(resp.json()[field])
    assert not ReportRun.objects.exists()


def test_pdf_is_refused_where_libreoffice_is_absent(party, settings, client, django_capture_on_commit_callbacks):
    w = party
    settings.SOFFICE_BINARY = "khong-co-libreoffice"
    resp = _post(w["supervisor"], {"kind": "progress", "resolution": w["res"].pk, "period": w["q3"].pk,
                                   "format": "pdf"}, django_capture_on_commit_callbacks)
    assert resp.status_code == 400 and "chưa cài LibreOffice" in resp.json()["format"][0]
    client.force_login(w["supervisor"])
    page = client.get(reverse("report-runs")).content.decode()
    assert 'value="pdf"' not in page and 'value="docx"' in page and "chưa cài LibreOffice" in page


@pytest.mark.skipif(not pdf_available(), reason="needs LibreOffice (soffice): the Dockerfile and .ci/run install it")
@pytest.mark.parametrize("kind", ["progress", "narrative"])
def test_pdf_of_a_document(party, kind, django_capture_on_commit_callbacks):
    w = party
    resp = _post(w["supervisor"], {"kind": kind, "resolution": w["res"].pk, "period": w["q3"].pk,
                                   "format": "pdf"}, django_capture_on_commit_callbacks)
    run = ReportRun.objects.get(pk=resp.json()["id"])
    assert run.status == RunStatus.DONE, run.error
    assert run.file_name.endswith(".pdf")
    with open(run.file.path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    file = client_for(w["supervisor"]).get(f"/api/v1/reports/{run.pk}/download/")
    assert file["Content-Type"] == "application/pdf"


def test_page_offers_the_narrative_and_the_document_fields_with_defaults(party, client,
                                                                          django_capture_on_commit_callbacks):
    w = party
    client.force_login(w["supervisor"])  # supervisor of the province: the default scope is the province
    page = client.get(reverse("report-runs")).content.decode()
    assert '<option value="narrative"' in page and "Báo cáo thuyết minh (Word)" in page
    assert 'name="format"' in page and 'name="signer"' in page and 'name="recipients"' in page
    defaults = client.get(reverse("report-document-defaults"), {"resolution": w["res"].pk}).json()
    assert defaults["issuer"] == "TỈNH ỦY MẪU" and defaults["regime"] == "party"
    assert defaults["signer"] == "Bùi Thị K" and defaults["authority"] == "T/M BAN THƯỜNG VỤ"
    assert defaults["recipients"] == "Ban Thường vụ Tỉnh ủy;\nLưu Văn phòng Tỉnh ủy."
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(reverse("report-runs"), {
            "kind": "narrative", "resolution": w["res"].pk, "period": w["q3"].pk, "unit": "", "format": "",
            "number": "7", "date": "05/03/2026", "place": "Mẫu", "authority": "T/M BAN THƯỜNG VỤ",
            "signer_title": "PHÓ BÍ THƯ", "signer": "Bùi Thị K", "recipients": "Như trên;\nLưu Văn phòng Tỉnh ủy."})
    assert resp.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == RunStatus.DONE and run.file_name.endswith(".docx")
    assert run.parameters["document"] == {"number": "7", "place": "Mẫu", "authority": "T/M BAN THƯỜNG VỤ",
                                          "signer_title": "PHÓ BÍ THƯ", "signer": "Bùi Thị K",
                                          "recipients": ["Như trên;", "Lưu Văn phòng Tỉnh ủy."],
                                          "date": "2026-03-05"}
    bad = client.post(reverse("report-runs"), {"kind": "narrative", "resolution": w["res"].pk,
                                               "period": w["q3"].pk, "authority": "KT. BÍ THƯ"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "không đúng thể thức" in html
    # What was typed stays; the other fields carry the issuing unit's defaults.
    assert "KT. BÍ THƯ</textarea>" in html and 'value="Bùi Thị K"' in html and "TỈNH ỦY MẪU" in html
    # entry users may not ask for defaults
    client.force_login(w["user_a"])
    assert client.get(reverse("report-document-defaults")).status_code == 403
