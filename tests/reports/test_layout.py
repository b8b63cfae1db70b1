"""reports.documents.layout: the frame of a document (Nghị định 30/2020 and the party's Hướng dẫn 36-HD/VPTW)."""

import datetime as dt

import pytest

from reports.documents.layout import build_document, document_date, issuer_for, regime_for
from tests.factories import IssuingProfileFactory, ResolutionFactory, UnitFactory
from units.models import DocumentRegime, UnitKind


@pytest.mark.parametrize("day, words", [
    (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
    (dt.date(2026, 2, 12), "ngày 12 tháng 02 năm 2026"),
    (dt.date(2026, 1, 9), "ngày 09 tháng 01 năm 2026"),
    (dt.date(2025, 11, 23), "ngày 23 tháng 11 năm 2025"),
    (dt.date(2025, 10, 1), "ngày 01 tháng 10 năm 2025"),
])
def test_the_date_rule(day, words):
    assert document_date(day) == words


def test_a_state_document_of_the_successor(merger):
    plan = ResolutionFactory(code="15/KH-SGDĐT", kind="plan", issuer="Sở Giáo dục và Đào tạo Quảng Bình",
                             owner_unit=merger["qb_so"])
    doc = build_document("Kết quả thực hiện các chỉ tiêu Kế hoạch số 15/KH-SGDĐT, Quý IV/2022", merger["qb_so"],
                         plan, overrides={"date": dt.date(2026, 3, 5), "number": "125"})
    assert not doc.is_party and doc.motto == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    assert (doc.governing_body, doc.official_lines) == ("UBND TỈNH QUẢNG TRỊ", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"])
    assert doc.number_text == "Số: 125/BC-SGDĐT"
    assert doc.place_date == "Quảng Trị, ngày 05 tháng 3 năm 2026"
    assert doc.authority_lines == ["KT. GIÁM ĐỐC"] and doc.signer_title == "PHÓ GIÁM ĐỐC"
    assert doc.recipient_lines == ["- UBND tỉnh (để báo cáo);", "- Lưu: VT, VP."]
    assert doc.annex_line == ("(Kèm theo Báo cáo số 125/BC-SGDĐT ngày 05 tháng 3 năm 2026 của Sở Giáo dục và Đào "
                              "tạo tỉnh Quảng Trị)")
    # Dated before the merger: the predecessor and its place.
    before = build_document("…", merger["qb_so"], plan, day=dt.date(2025, 2, 12))
    assert before.place_date == "Quảng Bình, ngày 12 tháng 02 năm 2025"
    assert before.governing_body == "UBND TỈNH QUẢNG BÌNH"
    # No number yet: the clerk writes it; the annex line says "…".
    blank = build_document("…", merger["qb_so"], plan, day=dt.date(2026, 3, 5))
    assert blank.number_text.startswith("Số: ") and blank.number_text.endswith("/BC-SGDĐT")
    assert "Báo cáo số …/BC-SGDĐT ngày 05 tháng 3 năm 2026" in blank.annex_line


def test_a_party_document_and_the_requesters_overrides(db):
    province = UnitFactory(code="KH", name="Tỉnh Khánh Hòa", kind=UnitKind.PROVINCE)
    IssuingProfileFactory(unit=province, regime=DocumentRegime.PARTY, governing_body="",
                          official_name="TỈNH ỦY KHÁNH HÒA", short_name="Tỉnh ủy Khánh Hòa", place_name="Khánh Hòa",
                          number_suffix="-BC/TU", authority="T/M BAN THƯỜNG VỤ", signer_title="PHÓ BÍ THƯ",
                          signer_name="Bùi Thị K", recipients="Ban Thường vụ Tỉnh ủy;\nLưu Văn phòng Tỉnh ủy.")
    resolution = ResolutionFactory(code="09-NQ/TU", owner_unit=province)
    assert regime_for(resolution) == DocumentRegime.PARTY
    doc = build_document("…", province, resolution, overrides={
        "date": dt.date(2026, 2, 12), "number": "12", "signer": "Lê Văn S", "signer_title": "BÍ THƯ",
        "recipients": ["Các đảng bộ trực thuộc;", "Lưu Văn phòng Tỉnh ủy."]})
    assert doc.motto == ("ĐẢNG CỘNG SẢN VIỆT NAM",) and doc.official_lines == ["TỈNH ỦY KHÁNH HÒA"]
    assert doc.number_text == "Số 12-BC/TU"  # no colon in the party's documents
    assert doc.place_date == "Khánh Hòa, ngày 12 tháng 02 năm 2026"
    assert (doc.authority_lines, doc.signer_title, doc.signer_name) == (["T/M BAN THƯỜNG VỤ"], "BÍ THƯ", "Lê Văn S")
    assert doc.recipients == ["Các đảng bộ trực thuộc;", "Lưu Văn phòng Tỉnh ủy."]
    assert build_document("…", province, resolution, overrides={"number": "12-BC/TU"}).number_text == "Số 12-BC/TU"


def test_who_issues_and_in_which_layout(tree):
    resolution = ResolutionFactory(code="1982/QĐ-UBND", kind="decision", issuer="UBND tỉnh", owner_unit=tree["province"])
    assert not resolution.is_party_document and regime_for(resolution) == DocumentRegime.STATE
    assert ResolutionFactory(code="KH-CĐS-2022", issuer="Ban Thường vụ Tỉnh ủy").is_party_document
    assert not ResolutionFactory(code="KH-CĐS-2023", issuer="Sở Giáo dục và Đào tạo").is_party_document
    # The resolution's owner when the scope covers it; the scope otherwise.
    assert issuer_for(resolution, tree["province"]) == tree["province"]
    assert issuer_for(resolution, None) == tree["province"]
    assert issuer_for(resolution, tree["dept_a"]) == tree["dept_a"]
    plan = ResolutionFactory(code="7/KH-SGDĐT", kind="plan", owner_unit=tree["dept_a"])
    assert issuer_for(plan, tree["province"]) == tree["dept_a"]
