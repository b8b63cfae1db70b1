"""The reader of target sentences (resolutions.target_reading): seed 001, robustness, operators, years, files."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resolutions.target_reading import read_targets
from resolutions.target_reading.files import UnreadableFile, text_from_upload
from resolutions.target_reading.labels import propose_code
from resolutions.target_reading.levels import level_kind
from resolutions.target_reading.text import normalise
from tests.resolutions.target_corpus.score import score_all

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent / "target_corpus"
REPO = Path(__file__).resolve().parents[2]


def _targets(reading):
    return [(t.unit_kind, t.operator, t.value, t.year) for i in reading.indicators for t in i.targets]


def _seed_paragraph():
    """The targets paragraph of seed 001 (Quảng Bình 2022 plan), as kept in the labelled corpus."""
    doc = json.loads((CORPUS / "01_quang_binh_gddt_2022.json").read_text())
    return doc["sentences"][0]["text"]


def _shared_seeds():
    """shared/seeds beside the checkout (a clone of main) or beside the worktrees' folder."""
    for candidate in (REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds"):
        if candidate.is_dir():
            return candidate
    pytest.skip("shared/seeds is not beside the checkout")


def test_seed_001_every_target_with_its_level_operator_and_year():
    reading = read_targets(_seed_paragraph(), plan_year=2022, default_kinds=["department", "district_office", "school"])
    by_name = {i.name: i for i in reading.indicators}
    assert _targets(reading) == [
        (None, "gte", Decimal("100"), 2022),  # units with a steering team (yes/no per unit)
        (None, "gte", Decimal("96"), 2022),  # electronic documents ("đạt 96%", despite "(trừ …)")
        ("department", "gt", Decimal("95"), 2022),
        ("district_office", "gt", Decimal("75"), 2022),
        ("school", "gte", Decimal("52"), 2022),
        (None, "gt", Decimal("80"), 2022),  # reporting regimes
        (None, "gt", Decimal("50"), 2022),  # databases connected
        (None, "gt", Decimal("30"), 2022),  # inspections via digital means
        (None, "gte", Decimal("100"), 2022),  # level-3/4 services on the national portal
        ("department", "gt", Decimal("85"), 2022),  # satisfaction, Sở
        ("district_office", "gt", Decimal("80"), 2022),  # satisfaction, phòng
        (None, "gte", Decimal("100"), 2022),  # authentication
        (None, "gte", Decimal("100"), 2022),  # staff briefed
        (None, "gte", Decimal("100"), 2022),  # IT staff trained
        ("school", "gte", Decimal("50"), 2022),  # schools cashless (yes/no per school)
        ("school", "gte", Decimal("50"), 2022),  # cashless value
    ]
    dossiers = by_name["Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"]
    assert (dossiers.measure, dossiers.unit_label, dossiers.pillar) == ("percent", "%", "chinh_quyen_so")
    assert dossiers.applies_to == ["department", "district_office", "school"]
    assert dossiers.targets[0].phrase == "trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở"
    steering = reading.indicators[0]
    assert (steering.measure, steering.unit_label, steering.pillar) == ("boolean", "", "nhan_thuc_so")
    assert steering.name.startswith("Đơn vị, cơ sở giáo dục trong toàn ngành thành lập Tổ Chỉ đạo")
    cashless = reading.indicators[-2]
    assert (cashless.measure, cashless.pillar, cashless.applies_to) == ("boolean", "kinh_te_so", ["school"])
    security = [i for i in reading.indicators if i.pillar == "an_toan_thong_tin_mang"]
    assert len(security) == 2
    # every source phrase is the exact text of the normalised paragraph
    for ind in reading.indicators:
        assert reading.text[ind.start:ind.end] == ind.source
        for t in ind.targets:
            assert reading.text[t.start:t.end] == t.phrase


@pytest.mark.parametrize(("phrase", "operator"), [
    ("trên 95% hồ sơ", "gt"), ("hơn 50% doanh nghiệp", "gt"), ("đạt 96% văn bản", "gte"), ("96% văn bản", "gte"),
    ("từ 20% trở lên hồ sơ", "gte"), ("tối thiểu 70% hồ sơ", "gte"), ("ít nhất 60% hồ sơ", "gte"),
    ("dưới 20% doanh thu", "lt"), ("không quá 5% hồ sơ trễ hạn", "lte"), ("tối đa 10% hồ sơ", "lte"),
    ("không vượt quá 3% hồ sơ", "lte"), ("bằng 100% số xã đăng ký", "eq"),
])
def test_operator_phrases(phrase, operator):
    reading = read_targets(f"Đến năm 2025, {phrase} được xử lý.", plan_year=2025)
    assert [t.operator for t in reading.indicators[0].targets] == [operator]


def test_decrease_below_is_lt_with_direction_decrease():
    reading = read_targets("Phấn đấu đến năm 2025 giảm tỷ lệ hồ sơ trễ hạn xuống dưới 5%.", plan_year=2025)
    [ind] = reading.indicators
    assert (ind.direction, ind.targets[0].operator, ind.targets[0].value) == ("decrease", "lt", Decimal("5"))


def test_years_plan_year_and_a_second_milestone_2030():
    reading = read_targets(
        "Đến năm 2025, kinh tế số chiếm 20% GRDP và đến năm 2030, kinh tế số chiếm 30% GRDP.\n"
        "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt 90%.\n"
        "Đến hết năm 2024, 100% UBND cấp xã sử dụng chữ ký số.",
        plan_year=2023,
    )
    economy, dossiers, communes = reading.indicators
    assert [(t.value, t.year) for t in economy.targets] == [(Decimal("20"), 2025), (Decimal("30"), 2030)]
    assert economy.name == "Tỷ trọng kinh tế số trong GRDP"
    assert [(t.value, t.year) for t in dossiers.targets] == [(Decimal("90"), 2023)]  # the plan's own year
    assert [(t.unit_kind, t.year) for t in communes.targets] == [("commune", 2024)]
    assert communes.measure == "boolean"


def test_decimal_commas_nbsp_wrapped_lines_bullets_numbers_and_exceptions():
    text = (
        "1. Mục tiêu đến năm 2025:\n"
        "a) Tỷ trọng doanh thu thương mại điện tử trong tổng mức bán lẻ đạt\u00a07,5%;\n"
        "- Tỷ lệ văn bản trao đổi giữa các cơ quan dưới dạng điện tử đạt 96% (trừ văn bản mật; văn bản\n"
        "thuộc phạm vi bí mật 100%);\n"
        "• trên\u00a080% hồ sơ công việc tại cấp huyện,\n"
        "trên 70% tại cấp xã được xử lý trên môi trường mạng;\n"
        "2) Tỷ lệ dân số có tài khoản thanh toán điện tử đạt 22,22%."
    )
    reading = read_targets(text, plan_year=2022)
    assert _targets(reading) == [
        (None, "gte", Decimal("7.5"), 2025),
        (None, "gte", Decimal("96"), 2025),
        ("district", "gt", Decimal("80"), 2025),
        ("commune", "gt", Decimal("70"), 2025),
        (None, "gte", Decimal("22.22"), 2025),
    ]
    assert "\u00a0" not in reading.text and "•" not in reading.text
    assert reading.indicators[2].name == "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng"


def test_counts_only_where_a_target_is_stated():
    reading = read_targets("Cấp tiểu học có 342 máy. Đến năm 2025 phấn đấu có ít nhất 3 đô thị thông minh.", plan_year=2025)
    [ind] = reading.indicators
    assert (ind.measure, ind.unit_label, ind.targets[0].operator, ind.targets[0].value) == (
        "count", "đô thị", "gte", Decimal("3"))


def test_a_text_without_targets_and_the_other_seeds_propose_nothing():
    assert read_targets("Đoàn giám sát đánh giá cao kết quả thực hiện Nghị quyết.", plan_year=2025).indicators == []
    seeds = _shared_seeds()
    for name in ("000_*.txt", "002_*.txt", "003_*.txt", "004_*.txt"):
        for path in seeds.glob(name):
            assert read_targets(path.read_text(), plan_year=2025).indicators == [], path.name


def test_levels_and_codes():
    assert level_kind("cấp Sở") == "department" and level_kind("Sở, ban, ngành") == "department"
    assert level_kind("UBND huyện") == "district" and level_kind("phòng GDĐT") == "district_office"
    assert level_kind("cấp xã") == "commune" and level_kind("trường học") == "school"
    assert level_kind("Tất cả đơn vị") is None and level_kind("cơ sở dữ liệu") is None
    assert propose_code("Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", set()) == "HSCV-XLMT"
    assert propose_code("Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", {"hscv-xlmt"}) == "HSCV-XLMT-2"


def test_normalise_joins_wrapped_lines_but_keeps_items():
    assert normalise("Tỷ lệ hồ sơ\ncông việc đạt 90%;\n- 100% xã") == "Tỷ lệ hồ sơ công việc đạt 90%;\n100% xã"


def test_corpus_scores_meet_the_thresholds():
    total, rows = score_all()
    assert len(rows) >= 15
    assert total.expected >= 100
    assert total.recall >= 0.95, total.problems
    assert total.precision >= 0.95, total.problems
    assert total.invented == 0, total.problems


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def test_docx_and_text_layer_pdf_are_read():
    import docx

    document = docx.Document()
    document.add_paragraph("Mục tiêu đến năm 2025:")
    document.add_paragraph("Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng tại cấp tỉnh đạt 100%, "
                           "cấp huyện đạt 90% và cấp xã đạt trên 70%;")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tỷ lệ dân số có tài khoản thanh toán điện tử"
    table.cell(0, 1).text = "trên 50%"
    buffer = io.BytesIO()
    document.save(buffer)
    text = text_from_upload(_upload("ke-hoach.docx", buffer.getvalue()))
    assert _targets(read_targets(text, plan_year=2023)) == [
        ("department", "gte", Decimal("100"), 2025), ("district", "gte", Decimal("90"), 2025),
        ("commune", "gt", Decimal("70"), 2025), (None, "gt", Decimal("50"), 2025),
    ]
    pdf = text_from_upload(_upload("ke-hoach.pdf", (FIXTURES / "muc_tieu.pdf").read_bytes()))
    assert _targets(read_targets(pdf, plan_year=2023)) == [
        ("department", "gte", Decimal("100"), 2025), ("district", "gte", Decimal("90"), 2025),
        ("commune", "gt", Decimal("70"), 2025),
    ]


def test_bad_files_are_refused_in_vietnamese():
    with pytest.raises(UnreadableFile, match="không đúng định dạng DOCX"):
        text_from_upload(_upload("ke-hoach.docx", b"Day khong phai tep Word"))
    with pytest.raises(UnreadableFile, match="không phải văn bản Word .docx hợp lệ"):
        text_from_upload(_upload("ke-hoach.docx", b"PK\x03\x04" + b"\x00" * 200))
    with pytest.raises(UnreadableFile, match="chỉ đọc được văn bản Word"):
        text_from_upload(_upload("ke-hoach.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100))
    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    with pytest.raises(UnreadableFile, match="không có lớp chữ"):
        text_from_upload(_upload("ban-quet.pdf", blank.getvalue()))
