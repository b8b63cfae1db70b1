"""Seed 000 (Ninh Thuận): Nghị quyết 09-NQ/TU of 29/11/2021 (2021-2025, vision 2030), the supervision
under 1521-QĐ/TU (28/6/2023) of Sở GDĐT on 12/9/2023, its finding "online public services with
dossiers 22,22%" and its numbered recommendations as follow-up tasks. The seed gives no target:
09-NQ/TU's indicators and targets are illustrative. From 1/7/2025 the resolution reaches Khánh Hòa,
Ninh Thuận's successor, whose units carry the series on."""

import datetime as dt
from decimal import Decimal

from indicators.models import Measure, Operator, Temporal
from resolutions.models import FindingKind, ResolutionKind, Supervision, SupervisionKind, TaskStatus

from .common import DEPARTMENT, DISTRICT, DISTRICT_OFFICE, SCHOOL, IndicatorSpec, ResolutionSpec, Sim, upsert
from .series import SERIES_FIRST, invent_series, quarter_codes

_D, _P, _N = TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED

SRC_000 = "bài “Kết quả triển khai, thực hiện Nghị quyết số 09-NQ/TU tại Sở Giáo dục và Đào tạo” (buổi giám sát ngày 12/9/2023)"

NT_UPPER_SECONDARY = [
    ("THPT-CHUYENLQD", "Trường THPT chuyên Lê Quý Đôn"),
    ("THPT-CHUVANAN", "Trường THPT Chu Văn An"),
    ("THPT-THAPCHAM", "Trường THPT Tháp Chàm"),
    ("THPT-NGUYENTRAI", "Trường THPT Nguyễn Trãi"),
    ("THPT-NINHHAI", "Trường THPT Ninh Hải"),
    ("THPT-BACAI", "Trường THPT Bác Ái"),
    ("PTDTNT-TINH", "Trường Phổ thông Dân tộc nội trú tỉnh Ninh Thuận"),
]
NT_BACAI_SCHOOLS = [("TH", "Phước Đại"), ("THCS", "Phước Đại"), ("TH", "Phước Bình"), ("THCS", "Phước Bình"),
                    ("TH", "Phước Tân"), ("MN", "Phước Tiến")]

NQ_09 = ResolutionSpec(
    code="09-NQ/TU",
    kind=ResolutionKind.RESOLUTION,
    title="Về chuyển đổi số tỉnh Ninh Thuận giai đoạn 2021-2025, tầm nhìn năm 2030",
    issuer="Ban Thường vụ Tỉnh ủy Ninh Thuận",
    owner="NT",
    issued_on=dt.date(2021, 11, 29),
    start_year=2021,
    end_year=2025,
    vision_year=2030,
    note=f"Nguồn: {SRC_000}. Bài viết không nêu các con số mục tiêu của Nghị quyết: các chỉ tiêu, "
    "mục tiêu dưới đây (trừ số liệu 22,22%) là minh họa.",
)


_NT_NOTE = ("Chỉ tiêu và mục tiêu minh họa (bài viết nguồn không nêu con số mục tiêu của Nghị quyết 09-NQ/TU); "
            "mục tiêu đặt theo định hướng Chương trình Chuyển đổi số quốc gia.")
NQ09_INDICATORS = [
    IndicatorSpec(
        "HSCV-MANG", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "chinh_quyen_so", Measure.PERCENT,
        Temporal.FLOW, [DEPARTMENT, DISTRICT, DISTRICT_OFFICE],
        "Số hồ sơ công việc được xử lý trên môi trường mạng", "Tổng số hồ sơ công việc", description=_NT_NOTE,
        targets=((DEPARTMENT, Operator.GTE, 90, 2025, ""), (DISTRICT, Operator.GTE, 80, 2025, ""),
                 (DISTRICT_OFFICE, Operator.GTE, 80, 2025, "")),
        sim={DEPARTMENT: Sim(150, 400, .70, .93), DISTRICT: Sim(200, 500, .55, .85),
             DISTRICT_OFFICE: Sim(60, 150, .50, .85)},
    ),
    IndicatorSpec(
        "VB-KYSO", "Tỷ lệ văn bản đi được ký số", "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW,
        [DEPARTMENT, DISTRICT, DISTRICT_OFFICE, SCHOOL],
        "Số văn bản đi được ký số", "Tổng số văn bản đi", description=_NT_NOTE,
        targets=((None, Operator.GTE, 90, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={DEPARTMENT: Sim(150, 350, .75, .97), DISTRICT: Sim(150, 400, .60, .90),
             DISTRICT_OFFICE: Sim(50, 140, .55, .90), SCHOOL: Sim(15, 60, .30, .80)},
    ),
    IndicatorSpec(
        "DVCTT-TOANTRINH", "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", "chinh_quyen_so",
        Measure.PERCENT, Temporal.STOCK, [DEPARTMENT, DISTRICT],
        "Số thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
        "Tổng số thủ tục hành chính đủ điều kiện cung cấp trực tuyến toàn trình", description=_NT_NOTE,
        targets=((None, Operator.GTE, 80, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={DEPARTMENT: Sim(25, 60, .20, .60), DISTRICT: Sim(40, 80, .15, .50)},
    ),
    IndicatorSpec(
        "DVCTT-PS", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", "chinh_quyen_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT, DISTRICT],
        "Số dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến", "Tổng số dịch vụ công trực tuyến được cung cấp",
        description="Đoàn giám sát theo Quyết định 1521-QĐ/TU ghi nhận tại Sở Giáo dục và Đào tạo: đạt 22,22% "
        "(2/9 dịch vụ). Mục tiêu là minh họa.",
        targets=((None, Operator.GTE, 50, 2025, ""),),
        sim={DEPARTMENT: Sim(9, 20, .10, .50), DISTRICT: Sim(10, 25, .10, .45)},
    ),
    IndicatorSpec(
        "HOCPHI-KDTM", "Tỷ lệ lượt thu học phí không dùng tiền mặt", "kinh_te_so", Measure.PERCENT, Temporal.FLOW,
        [SCHOOL],
        "Số lượt nộp học phí bằng phương thức không dùng tiền mặt", "Tổng số lượt nộp học phí", description=_NT_NOTE,
        targets=((None, Operator.GTE, 80, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={SCHOOL: Sim(100, 600, .15, .85)},
    ),
    IndicatorSpec(
        "CSDL-NGANH", "Cơ sở giáo dục cập nhật đầy đủ dữ liệu lên cơ sở dữ liệu ngành", "du_lieu_so", Measure.BOOLEAN,
        Temporal.STOCK, [SCHOOL],
        "Đã cập nhật đầy đủ dữ liệu học sinh, giáo viên, trường lớp lên cơ sở dữ liệu ngành", unit_label="",
        description=_NT_NOTE, targets=((None, Operator.GTE, 100, 2025, ""),),
        sim={SCHOOL: Sim(0, 0, .40, .95)},
    ),
    IndicatorSpec(
        "KYNANGSO", "Tỷ lệ cán bộ, công chức, viên chức được tập huấn kỹ năng số", "nhan_luc_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT, DISTRICT, DISTRICT_OFFICE, SCHOOL],
        "Số CBCCVC được tập huấn, bồi dưỡng kỹ năng số", "Tổng số CBCCVC", description=_NT_NOTE,
        targets=((None, Operator.GTE, 80, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={DEPARTMENT: Sim(60, 120, .30, .90), DISTRICT: Sim(80, 150, .25, .85),
             DISTRICT_OFFICE: Sim(10, 20, .30, .90), SCHOOL: Sim(20, 60, .20, .85)},
    ),
]

# Seed 000 states none of 09-NQ/TU's targets (only the finding 22,22%): the targets are flagged
# `Target.is_illustrative`, shown with a "minh họa" mark and this reason.
TARGETS_INVENTED = (
    "Mục tiêu do hệ thống tạo để minh họa; văn bản gốc không nêu số liệu này (bài viết nguồn không nêu "
    "con số mục tiêu của Nghị quyết 09-NQ/TU; đặt theo định hướng Chương trình Chuyển đổi số quốc gia)."
)

NT_FACT_PERIOD = "2023-Q3"  # the visit of 12/9/2023 falls in Quý III/2023 (15/6–14/9/2023)
NT_FACT_NOTE = (f"Nguồn: {SRC_000}: “dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp, đạt tỷ lệ 22,22%”. "
                "Bài viết chỉ nêu tỷ lệ; 2/9 là cặp tử số/mẫu số nhỏ nhất cho đúng 22,22%.")
# The Sở's illustrative DVCTT-PS series around that fact: (numerator, denominator) per quarter 2022-Q1..2025-Q2.
NT_DVCTT_PS_SERIES = [(0, 9), (1, 9), (1, 9), (1, 9), (1, 9), (1, 9), (2, 9), (2, 9), (3, 9), (3, 9),
                      (4, 10), (4, 10), (5, 10), (5, 10)]


NT_LAST = "2025-Q2"  # Ninh Thuận's units report 09-NQ/TU until 30/6/2025 (the province ends)
# 09-NQ/TU (2021-2025, milestones to 2030) reaches Khánh Hòa from 1/7/2025; Quý IV/2026 is being entered.
SUCCESSOR_FIRST, SUCCESSOR_LAST = "2025-Q3", "2026-Q4"
SUCCESSOR_UNIT = "KH.SGDDT"  # Sở GDĐT Khánh Hòa, with Ninh Thuận's schools from 1/7/2025
SUCCESSOR_SCALE = 1.8  # the merged Sở handles more dossiers


SUPERVISION_1521 = {
    "decision_ref": "1521-QĐ/TU",
    "decision_date": dt.date(2023, 6, 28),
    "title": "Giám sát việc lãnh đạo, chỉ đạo và tổ chức thực hiện Nghị quyết số 09-NQ/TU ngày 29/11/2021 của Ban "
    "Thường vụ Tỉnh ủy về chuyển đổi số tỉnh Ninh Thuận giai đoạn 2021-2025, tầm nhìn năm 2030 đối với một số "
    "tổ chức đảng",
    "kind": SupervisionKind.SUPERVISION,
    "issuer": "Ban Thường vụ Tỉnh ủy Ninh Thuận",
    "chair": "Đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh",
    # Seed 000 writes "Sở Tài chỉnh" (typo) — corrected here.
    "members": "\n".join([
        "Giám đốc Công an tỉnh",
        "Giám đốc Sở Tài chính",
        "Giám đốc Sở Thông tin và Truyền thông",
        "Giám đốc Sở Khoa học và Công nghệ",
        "Chánh Văn phòng UBND tỉnh",
    ]),
}
VISIT_1521 = {
    "unit": "NT.SGDDT",
    "date": dt.date(2023, 9, 12),
    "summary": "Chiều ngày 12/9/2023, đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh chủ trì buổi giám sát thực "
    "hiện Nghị quyết số 09-NQ/TU tại Đảng ủy Sở Giáo dục và Đào tạo. Đoàn giám sát thống nhất đánh giá Đảng ủy Sở "
    "đã thực hiện tốt công tác lãnh đạo, chỉ đạo triển khai thực hiện Nghị quyết; bên cạnh đó còn một số hạn chế. "
    "Kết luận buổi giám sát, đồng chí Phó Chủ tịch UBND tỉnh đề nghị Đảng ủy Sở lưu ý một số nhiệm vụ trong thời "
    "gian tới để tiếp tục triển khai, thực hiện có hiệu quả Nghị quyết số 09-NQ/TU."
    f"\nNguồn: {SRC_000}.",
    "findings": [
        # kind, text, indicator code (09-NQ/TU) or None, value or None
        (FindingKind.STRENGTH, "Đảng ủy Sở Giáo dục và Đào tạo đã thực hiện tốt công tác lãnh đạo, chỉ đạo triển khai "
         "thực hiện Nghị quyết số 09-NQ/TU", None, None),
        (FindingKind.STRENGTH, "Công tác tuyên truyền, nâng cao nhận thức số, kỹ năng số của cấp ủy, chi bộ, đảng viên, "
         "công chức, viên chức và người lao động của ngành được thực hiện tốt và có nhiều chuyển biến tích cực",
         None, None),
        (FindingKind.STRENGTH, "Cơ chế chính sách để thúc đẩy chuyển đổi số được ban hành kịp thời, nguồn nhân lực phục "
         "vụ chuyển đổi số từng bước được củng cố và tăng cường", None, None),
        (FindingKind.STRENGTH, "Hạ tầng công nghệ thông tin, an toàn thông tin được quan tâm đầu tư, từng bước đáp ứng "
         "nhu cầu chuyển đổi số của ngành, các nền tảng số chuyên ngành thực hiện có hiệu quả", None, None),
        (FindingKind.STRENGTH, "Văn bản xử lý trên môi trường mạng ngày càng được nâng lên, dịch vụ công trực tuyến có "
         "nhiều chuyển biến tích cực", "HSCV-MANG", None),
        (FindingKind.STRENGTH, "Thanh toán không dùng tiền mặt trong thu học phí được tập trung đẩy mạnh",
         "HOCPHI-KDTM", None),
        (FindingKind.LIMITATION, "Phương pháp, cách thức quán triệt chưa “sinh động”, “hấp dẫn”", None, None),
        (FindingKind.LIMITATION, "Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp, đạt tỷ lệ 22,22%", "DVCTT-PS",
         Decimal("22.22")),
        (FindingKind.LIMITATION, "Việc phát triển cơ sở dữ liệu ngành còn rời rạc, chưa khai thác hết hiệu quả của "
         "dữ liệu", "CSDL-NGANH", None),
        (FindingKind.LIMITATION, "Việc tiếp cận cái mới về chuyển đổi số của cán bộ, công chức, viên chức lớn tuổi "
         "còn hạn chế", "KYNANGSO", None),
    ],
    # The seed numbers the recommendations (1)…(4), (6)…(9): there is no (5) in the article.
    # The numbers are kept as published so the follow-up matches the conclusion document.
    # Statuses and progress notes are illustrative (the seed gives none).
    "recommendations": [
        (1, "nhan_thuc_so", "Chuyển đổi số là nhiệm vụ chính trị quan trọng cả trước mắt và lâu dài, cần phải kiên "
         "quyết, kiên trì trong lãnh đạo, chỉ đạo thực hiện hiệu quả các mục tiêu, nhiệm vụ và giải pháp chuyển đổi "
         "số, thúc đẩy phát triển kinh tế số, xã hội số", dt.date(2025, 6, 30), _P),
        (2, "du_lieu_so", "Chủ động phối hợp với các sở, ban, ngành để tích hợp dữ liệu, đảm bảo an toàn thông tin nhằm "
         "khai thác, vận hành một cách hiệu quả hệ thống hạ tầng công nghệ thông tin ngành giáo dục và đào tạo đặt "
         "tại Trung tâm dữ liệu tỉnh", dt.date(2024, 6, 30), _D),
        (3, "nhan_luc_so", "Phát huy tối đa nội lực của đội ngũ cán bộ phụ trách công nghệ thông tin của Sở, kết hợp "
         "với nguồn lực của các trường học để triển khai một cách hiệu quả trong quản lý, điều hành và dạy và học",
         dt.date(2024, 12, 31), _P),
        (4, "du_lieu_so", "Phối hợp với các đơn vị cung cấp giải pháp công nghệ và phần mềm quản lý trường học để cập "
         "nhật, điều chỉnh cơ sở dữ liệu nhằm từng bước nâng cao chất lượng nguồn dữ liệu", dt.date(2024, 6, 30), _D),
        (6, "nhan_thuc_so", "Đổi mới cách thức và phương pháp quán triệt Nghị quyết của Đảng “sinh động”, “hấp dẫn”, "
         "sự quan tâm của cán bộ quản lý trong chuyển đổi số", dt.date(2024, 6, 30), _N),
        (7, "chinh_quyen_so", "Tiếp tục tăng cường lãnh đạo, chỉ đạo của cấp ủy thực hiện ký số, xử lý hồ sơ công việc "
         "trên môi trường mạng, nâng cao chất lượng dịch vụ công trực tuyến toàn trình", dt.date(2024, 12, 31), _P),
        (8, "kinh_te_so", "Đẩy mạnh hoạt động không dùng tiền mặt trong các hoạt động thu và thanh toán, tạo sự thuận "
         "lợi, tiện ích và dễ sử dụng cho phụ huynh và học sinh trong thực hiện giao dịch", dt.date(2024, 9, 30), _D),
        (9, None, "Rà soát, bổ sung nội dung kết quả thực hiện các chỉ tiêu được giao trong Nghị quyết số 09-NQ/TU, có "
         "giải pháp hữu hiệu và tập trung ưu tiên thực hiện, phấn đấu đạt và vượt các chỉ tiêu mà Nghị quyết 09 đã "
         "đề ra", dt.date(2023, 12, 31), _P),
    ],
}

RECS_1521_INVENTED = (
    "Nội dung và số thứ tự theo kết luận buổi giám sát (bài viết nguồn; bài không có kiến nghị số 5); đơn vị chủ "
    "trì, thời hạn, tình trạng và tiến độ do hệ thống tạo để minh họa."
)


def load(loader):
    """09-NQ/TU with its indicators and illustrative targets; the supervision under 1521-QĐ/TU and its visit."""
    loader.load_resolution(NQ_09, NQ09_INDICATORS, TARGETS_INVENTED)
    data = dict(SUPERVISION_1521)
    sup = upsert(loader.stats, Supervision, {"decision_ref": data.pop("decision_ref")},
                 {**data, "resolution": loader.resolutions[NQ_09.code]})
    loader.load_visit(sup, VISIT_1521, NQ_09.code, RECS_1521_INVENTED)


def add_values(loader, cells):
    """Ninh Thuận's illustrative series to 30/6/2025 (the Sở's DVCTT-PS around the seed's 22,22%), its
    successors' from 1/7/2025, then the seed's figure itself (not illustrative, with its source)."""
    loader.add_series(cells, NQ_09.code, NQ09_INDICATORS, ("NT",), NT_LAST,
                      fixed={("NT.SGDDT", "DVCTT-PS"): NT_DVCTT_PS_SERIES})
    _add_successor_series(loader, cells)
    ind = loader.indicators[(NQ_09.code, "DVCTT-PS")]
    cells[(loader.units["NT.SGDDT"].pk, ind.pk, loader.periods[NT_FACT_PERIOD].pk)] = (2, 9, NT_FACT_NOTE, False)


def _add_successor_series(loader, cells):
    """09-NQ/TU reaches Khánh Hòa from 1/7/2025 (its owner's successor): the units it expects from Quý
    III/2025 (Sở GDĐT Khánh Hòa, the new Sở KH&CN, Ninh Thuận's schools under their new Sở) carry on,
    illustrative, to the quarter being entered; the schools continue their own trend."""
    from indicators.figures import expected_units

    quarters = quarter_codes(SUCCESSOR_FIRST, SUCCESSOR_LAST)
    t0 = len(quarter_codes(SERIES_FIRST, NT_LAST))
    first = loader.periods[SUCCESSOR_FIRST]
    specs = {s.code: s for s in NQ09_INDICATORS}
    codes = set()
    for spec in NQ09_INDICATORS:
        ind = loader.indicators[(NQ_09.code, spec.code)]
        codes |= set(expected_units(None, first, spec.applies_to, ind).values_list("code", flat=True))
    units = sorted((loader.units[c] for c in codes), key=lambda u: u.code)
    loader.plan_latest([u.code for u in units])
    for unit in units:
        loader.last[unit.code] = SUCCESSOR_LAST
        new_here = not unit.code.startswith("NT.")  # a Khánh Hòa unit: new to this resolution
        skipped = {q for q in quarters if loader.skip_report(unit.code, q)}
        for n, (code, spec) in enumerate(specs.items()):
            if unit.kind not in spec.applies_to:
                continue
            ind = loader.indicators[(NQ_09.code, code)]
            series = invent_series(unit.code, unit.kind, spec, quarters, t0=t0,
                                   scale=SUCCESSOR_SCALE if new_here else 1.0)
            for q, num, den in series:
                if q in skipped or (unit.code == SUCCESSOR_UNIT and q == SUCCESSOR_LAST and n % 2):
                    continue  # the current quarter of the Sở: a draft, half filled in
                cells[(unit.pk, ind.pk, loader.periods[q].pk)] = (num, den, "", True)
