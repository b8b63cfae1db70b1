"""reports.documents.narrative: the Word report, written from the progress report's figures, read back with python-docx."""

import datetime as dt
from decimal import Decimal

import pytest
from docx import Document

from indicators.rules import Status, format_value
from reports.documents.narrative.compose import narrative_report
from reports.documents.narrative.sentences import counts_sentence
from reports.documents.narrative.word import OFFICE_TEXT_MARK, write_narrative
from reports.documents.report_data.progress import progress_report
from tests.factories import (
    DataValueFactory,
    FindingFactory,
    IndicatorFactory,
    IssuingProfileFactory,
    PeriodFactory,
    PillarFactory,
    ResolutionFactory,
    SubmissionFactory,
    SupervisionFactory,
    TargetFactory,
    TaskFactory,
    VisitFactory,
)
from units.models import UnitKind

DAY = dt.date(2026, 3, 5)
HSCV = "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"


@pytest.fixture
def plan(tree, personas, settings, tmp_path):
    """A state plan of the province, Quý IV/2025: one indicator on two levels, one on the Sở only; tasks, a supervision."""
    settings.MEDIA_ROOT = tmp_path / "media"
    IssuingProfileFactory(unit=tree["province"], governing_body="", official_name="ỦY BAN NHÂN DÂN\nTỈNH MẪU",
                          short_name="Ủy ban nhân dân tỉnh Mẫu", place_name="Mẫu", number_suffix="/BC-UBND",
                          authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
                          signer_name="Lê Văn C", recipients="Văn phòng Chính phủ (để báo cáo);\nLưu: VT, KGVX.")
    res = ResolutionFactory(code="1982/QĐ-UBND", kind="decision", issuer="UBND tỉnh Mẫu", owner_unit=tree["province"],
                            title="Về giao nhiệm vụ thực hiện chuyển đổi số tỉnh Mẫu", issued_on=dt.date(2022, 7, 29))
    pillar = PillarFactory(code="chinh_quyen_so", name="Chính quyền số", order=7)
    hscv = IndicatorFactory(resolution=res, code="HSCV-MANG", name=HSCV, pillar=pillar, order=1,
                            applies_to=[UnitKind.DEPARTMENT, UnitKind.SCHOOL])
    TargetFactory(indicator=hscv, unit_kind=UnitKind.DEPARTMENT, operator="gte", value=Decimal(90), year=2025)
    TargetFactory(indicator=hscv, unit_kind=UnitKind.SCHOOL, operator="gte", value=Decimal(50), year=2025)
    kyso = IndicatorFactory(resolution=res, code="VB-KYSO", name="Tỷ lệ văn bản đi được ký số", pillar=pillar,
                            order=2, applies_to=[UnitKind.DEPARTMENT])
    TargetFactory(indicator=kyso, operator="gte", value=Decimal(90), year=2025)
    q4 = PeriodFactory(code="2025-Q4")
    rows = [("dept_a", hscv, 2306, 2500), ("dept_b", hscv, 0, 0), ("school_a1", hscv, 9, 20),
            ("school_a2", hscv, 10, 30), ("dept_a", kyso, 95, 100), ("dept_b", kyso, 190, 200)]
    for unit, ind, num, den in rows:
        if den:
            DataValueFactory(unit=tree[unit], indicator=ind, period=q4, numerator=num, denominator=den)
        SubmissionFactory(unit=tree[unit], period=q4, submitted_at=dt.datetime(2025, 12, 10, 9, tzinfo=dt.UTC))
    for n, status in enumerate(("in_progress", "not_started"), start=1):
        TaskFactory(resolution=res, group="Phát triển chính quyền số", number=n, status=status, pillar=pillar,
                    title=f"Nhiệm vụ chính quyền số {n}", deadline=dt.date(2025, 6, 30), lead_unit=tree["dept_a"])
    visit = VisitFactory(supervision=SupervisionFactory(resolution=res, decision_ref="15-QĐ/UBND"),
                         unit=tree["dept_a"], date=dt.date(2025, 9, 12))
    FindingFactory(visit=visit, kind="limitation", text="Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp")
    FindingFactory(visit=visit, kind="strength", text="Lãnh đạo, chỉ đạo tốt")
    TaskFactory(resolution=None, visit=visit, number=2, title="Nâng tỷ lệ hồ sơ trực tuyến",
                deadline=dt.date(2025, 10, 31), status="in_progress", lead_unit=tree["dept_a"])
    return {"res": res, "hscv": hscv, "kyso": kyso, "q4": q4, **tree}


@pytest.fixture
def report(plan):
    return narrative_report(plan["res"], plan["q4"], plan["province"], document={"date": DAY, "number": "125"})


@pytest.fixture
def docx_file(report, tmp_path):
    path = tmp_path / "bc.docx"
    write_narrative(report, path)
    return Document(path)


def test_the_counts_sentence():
    assert counts_sentence({Status.MET: 6, Status.ON_TRACK: 4, Status.AT_RISK: 2}) == (
        "Có 6/12 chỉ tiêu đạt và vượt, 4 chỉ tiêu đúng tiến độ, 2 chỉ tiêu có nguy cơ không đạt.")
    assert counts_sentence({Status.MET: 1, Status.NOT_MET: 1, Status.NO_TARGET: 1}) == (
        "Có 1/2 chỉ tiêu đạt và vượt, 1 chỉ tiêu chưa đạt (1 chỉ tiêu chưa có mục tiêu, không đánh giá).")


def test_sentences_from_the_progress_reports_figures(report, plan):
    progress = progress_report(plan["res"], plan["q4"], plan["province"])
    by_kind = {r.unit_kind: r for r in progress.rows if r.indicator == plan["hscv"] and r.level == 1}
    assert by_kind["department"].value == Decimal("92.2400")  # 2306/2500; dept_b's 0/0 is "không phát sinh"
    texts = [b.text for b in report.blocks]
    assert "Có 1/2 chỉ tiêu đạt và vượt, 1 chỉ tiêu chưa đạt." in texts
    hscv = next(t for t in texts if t.startswith(HSCV))
    assert hscv.startswith(f"{HSCV}: cấp Sở đạt 92,24%, vượt mục tiêu 90% của năm 2025; tại các cơ sở giáo dục đạt "
                           f"{format_value(plan['hscv'], by_kind['school'].value)}, không đạt mục tiêu 50% của năm 2025")
    assert "Tỷ lệ văn bản đi được ký số đạt 95,00%, vượt mục tiêu 90% của năm 2025." in texts
    assert "Có 4/4 đơn vị đã gửi báo cáo (đạt 100,00%), trong đó 4 đơn vị gửi đúng hạn." in texts
    assert any(t.startswith("1/2 nhiệm vụ phát triển chính quyền số đã triển khai") for t in texts)


def test_limits_name_lagging_units_findings_and_open_recommendations(report):
    texts = [b.text for b in report.blocks]
    lagging = next(t for t in texts if t.startswith(HSCV) and "thấp nhất" in t)
    # The schools (19/50 = 38%) miss their 50%: their lowest units, lowest first.
    assert "thấp nhất: Trường THPT Số 2 (33,33%), Trường THPT Số 1 (45,00%)." in lagging
    assert "Sở Lao động" not in lagging  # 0/0: no figure, not a lagging unit
    assert "Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp." in texts
    assert "Lãnh đạo, chỉ đạo tốt;" not in texts and "Lãnh đạo, chỉ đạo tốt." not in texts  # a strength
    rec = next(t for t in texts if t.startswith("Kiến nghị (2)"))
    assert "thời hạn 31/10/2025, quá hạn" in rec and "đang triển khai" in rec
    assert any(t.startswith("2. Tiếp tục triển khai 2 nhiệm vụ chưa hoàn thành, trong đó 2 nhiệm vụ đã quá hạn")
               for t in texts)


def test_the_word_document_is_real_headings_paragraphs_and_tables(docx_file, report):
    doc = docx_file
    heading = doc.tables[0]
    left = [p.text for p in heading.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in heading.cell(0, 1).paragraphs if p.text]
    assert left == ["ỦY BAN NHÂN DÂN", "TỈNH MẪU"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert heading.cell(1, 0).text == "Số: 125/BC-UBND"
    assert heading.cell(1, 1).text == "Mẫu, ngày 05 tháng 3 năm 2026"
    paragraphs = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in paragraphs
    assert ("Kết quả thực hiện Quyết định số 1982/QĐ-UBND về giao nhiệm vụ thực hiện chuyển đổi số tỉnh Mẫu, "
            "Quý IV/2025") in paragraphs
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                  "III. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", "IV. KIẾN NGHỊ, ĐỀ XUẤT"]
    assert "1. Kết quả chung" in [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    office = [r for p in doc.paragraphs for r in p.runs if r.text.startswith(OFFICE_TEXT_MARK)]
    assert office and all(r.font.highlight_color is not None for r in office)
    closing = doc.tables[1]
    recipients = [p.text for p in closing.cell(0, 0).paragraphs if p.text]
    signature = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert recipients == ["Nơi nhận:", "- Văn phòng Chính phủ (để báo cáo);", "- Lưu: VT, KGVX."]
    assert signature == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn C"]
    xml = doc.element.xml
    assert "txbxContent" not in xml and "<w:drawing" not in xml and not doc.inline_shapes


def test_the_annex_is_the_progress_table(docx_file, report):
    doc = docx_file
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Phụ lục" in paragraphs
    assert ("(Kèm theo Báo cáo số 125/BC-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Mẫu)"
            in paragraphs)
    annex = doc.tables[2]
    header = [c.text for c in annex.rows[0].cells]
    assert header[:4] == ["STT", "Chỉ tiêu", "Cấp đơn vị", "Mục tiêu"]
    assert header[8] == "Ước thực hiện đến năm 2025" and header[-1] == "Đánh giá"
    assert annex.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # repeated on every page
    rows = [[c.text for c in r.cells] for r in annex.rows[1:]]
    progress = report.progress
    assert len(rows) == len(progress.rows)
    dept = next(r for r in rows if r[1] == "– Sở, ban, ngành" and r[4] == "92,24%")
    assert dept[3] == "đạt 90%" and dept[7] == "1/2" and dept[-1] == "Đạt" and dept[9] == "Đã đạt"
    schools = next(r for r in rows if r[1] == "– Cơ sở giáo dục")
    assert schools[4] == "38,00%" and schools[-1] == "Chưa đạt" and schools[9] == "Không đạt"
    kyso = next(r for r in rows if r[1].startswith("VB-KYSO."))
    row = next(r for r in progress.rows if r.indicator.code == "VB-KYSO")
    assert kyso[0] == "2" and kyso[4] == format_value(row.indicator, row.value) == "95,00%"  # 285/300
    assert kyso[-1] == row.status_label == "Đạt"


def test_a_party_resolution_is_reported_in_the_partys_layout(plan, tmp_path):
    from units.models import DocumentRegime

    IssuingProfileFactory(unit=plan["province"], regime=DocumentRegime.PARTY, governing_body="",
                          official_name="TỈNH ỦY MẪU", short_name="Tỉnh ủy Mẫu", place_name="Mẫu",
                          number_suffix="-BC/TU", authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ",
                          signer_name="Bùi Thị K", recipients="Lưu Văn phòng Tỉnh ủy.")
    party = ResolutionFactory(code="09-NQ/TU", owner_unit=plan["province"])
    report = narrative_report(party, plan["q4"], None, document={"date": dt.date(2026, 2, 12), "number": "7"})
    path = tmp_path / "party.docx"
    write_narrative(report, path)
    doc = Document(path)
    heading = doc.tables[0]
    assert [p.text for p in heading.cell(0, 0).paragraphs if p.text] == ["TỈNH ỦY MẪU", "*"]
    assert [p.text for p in heading.cell(0, 1).paragraphs if p.text] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert heading.cell(1, 0).text == "Số 7-BC/TU"
    assert heading.cell(1, 1).text == "Mẫu, ngày 12 tháng 02 năm 2026"
    closing = doc.tables[1]
    assert [p.text for p in closing.cell(0, 1).paragraphs if p.text] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Bùi Thị K"]
