"""A synthetic province for benchmarks (DESIGN.md §8): ~1.100 units, 60 indicators, 20 quarters.

`generate(Params(...))` builds, in one transaction:

- one province ("Tỉnh Minh Sơn", code `SYN`), 30 departments (Sở, ban, ngành),
  60 local units (half district offices — phòng GDĐT under the Sở GDĐT — half
  communes under the province) and ~1.000 schools under the district offices;
  `--units` scales every level proportionally (110 units: 3 / 6 / 100);
- 3 documents (a provincial resolution, a programme decision, the education
  department's plan) with their indicators spread over the DX pillars: a mix
  of percent / count / boolean, increase / decrease, flow / stock, almost all
  applying to schools and most to the upper levels too; targets per unit kind
  (a few "for everyone") at the milestone years 2025 and 2030;
- the quarterly periods (`Period.ensure`, so codes, windows and deadlines are
  the ones of `indicators.periods`) ending at the latest quarter whose deadline
  has passed;
- a value for every applicable (unit, indicator, period) — ≈ 1,3 million at
  full size — with series trending toward the targets, per-unit leads and lags,
  noise, "không phát sinh" (0/0) now and then, units missing or late on recent
  periods, drafts half filled in, submissions returned with a reason, most
  approved; one Submission per unit and period holding values;
- users and memberships: an entry (`syn.nhaplieu.*`) and an approver
  (`syn.lanhdao.*`) per department, district office and commune, a province
  supervisor (`syn.giamsat`) and an admin (`syn.quantri`), all with the
  password PASSWORD.

Everything is deterministic given the seed (one `random.Random(seed)`, never
the global generator) and `today` (which fixes the periods): the same
parameters give the same units, indicators and figures, keyed by codes (the
database ids may differ).

Fast on purpose: rows are written with bulk_create in big batches and, on
PostgreSQL, values and submissions with COPY (psycopg2 `copy_expert`); tables
are analysed (VACUUM ANALYZE) afterwards so the planner knows them.
Deliberate shortcut: bulk rows get NO django-simple-history records (units,
indicators, targets, values, submissions created here have no "created"
history row). That is acceptable for synthetic data — the audit trail starts
with the first change made through the application.

All values are flagged `is_illustrative=True` (the UI says "dữ liệu minh
họa"). `flush()` removes everything this module created, and only that.
"""

import datetime as dt
import io
import math
import random
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from resolutions.models import Pillar, Resolution, ResolutionKind, Task, Visit
from units.models import Membership, ReportingUnit, Role, UnitKind, UnitSuccession

from . import periods as P
from .models import (
    DataValue,
    Direction,
    Frequency,
    Indicator,
    Measure,
    Operator,
    Period,
    Submission,
    SubmissionStatus,
    Target,
    Temporal,
)

GENERATOR_VERSION = 3  # bump when the generated data changes shape (the benchmark's reuse marker reads it)
CODE = "SYN"  # the province's unit code; every synthetic unit code is "SYN" or starts with "SYN."
USER_PREFIX = "syn."
PASSWORD = "tonghop1234"
PROVINCE_NAME = "Tỉnh Minh Sơn"
PLACE = "Minh Sơn"
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

FULL_UNITS = 1100
FULL_DEPARTMENTS = 30
FULL_LOCAL = 60  # district offices + communes
MILESTONES = (2025, 2030)

# Shares of unit-periods, by how recent the period is (0 = latest quarter).
MISSING_REPORT = {0: 0.06, 1: 0.02}  # no report at all (no values, no submission); older: OLD_MISSING
OLD_MISSING = 0.01
LATEST_STATES = [  # (status, cumulative share) among the units that report on the latest quarter
    (SubmissionStatus.RETURNED, 0.07),
    (SubmissionStatus.DRAFT, 0.18),
    (SubmissionStatus.SUBMITTED, 0.38),
    (SubmissionStatus.APPROVED, 1.0),
]
PREVIOUS_STATES = [(SubmissionStatus.RETURNED, 0.02), (SubmissionStatus.SUBMITTED, 0.06), (SubmissionStatus.APPROVED, 1.0)]
DRAFT_FILLED = 0.6  # share of a draft's cells already typed in
MISSING_CELL = 0.01  # cells left empty in a report that was sent
CHRONIC_LATE = 0.12  # units that are often late
NEW_SCHOOLS = 0.02  # schools opened during the window (no figures before)
RETURN_REASONS = [
    "Đề nghị kiểm tra lại mẫu số: tổng số hồ sơ công việc thấp hơn nhiều so với quý trước.",
    "Thiếu minh chứng cho chỉ tiêu thanh toán không dùng tiền mặt; đề nghị bổ sung.",
    "Tử số chỉ tiêu văn bản điện tử chưa khớp với số liệu trên hệ thống quản lý văn bản; đề nghị rà soát.",
    "Số máy tính báo cáo giảm so với kỳ trước nhưng không có giải trình; đề nghị bổ sung ghi chú.",
]

DEPARTMENTS = [  # Sở GDĐT first: the district offices hang under it at every size
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("SNV", "Sở Nội vụ"),
    ("STP", "Sở Tư pháp"),
    ("STC", "Sở Tài chính"),
    ("SCT", "Sở Công Thương"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SXD", "Sở Xây dựng"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SYT", "Sở Y tế"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo"),
    ("SNGV", "Sở Ngoại vụ"),
    ("TTRA", "Thanh tra tỉnh"),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh"),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp"),
    ("DPTTH", "Báo và Phát thanh, Truyền hình tỉnh"),
    ("TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("VPDDBQH", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"),
    ("BHXH", "Bảo hiểm xã hội tỉnh"),
    ("CA", "Công an tỉnh"),
    ("THUE", "Thuế tỉnh"),
    ("KBNN", "Kho bạc Nhà nước khu vực"),
    ("TK", "Thống kê tỉnh"),
    ("NHNN", "Ngân hàng Nhà nước chi nhánh khu vực"),
    ("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông tỉnh"),
    ("TCĐKT", "Trường Cao đẳng Kỹ thuật tỉnh"),
    ("BVĐK", "Bệnh viện Đa khoa tỉnh"),
    ("QLTT", "Chi cục Quản lý thị trường tỉnh"),
    ("LMHTX", "Liên minh Hợp tác xã tỉnh"),
]
_SYL_A = ["An", "Bình", "Phú", "Tân", "Thạnh", "Hòa", "Long", "Vĩnh", "Mỹ", "Đức", "Hưng", "Quảng",
          "Xuân", "Thuận", "Phước", "Cẩm", "Kim", "Hải", "Sơn", "Thanh", "Đông", "Nghĩa", "Tiên", "Lộc"]
_SYL_B = ["Lộc", "Hòa", "Thành", "Phú", "Điền", "Hưng", "Lợi", "Xuân", "An", "Bình", "Thủy", "Trạch",
          "Ninh", "Đông", "Tây", "Nam", "Bắc", "Yên", "Khánh", "Mỹ", "Phong", "Thịnh", "Tiến", "Hiệp"]
_PEOPLE = ["Nguyễn Du", "Lê Lợi", "Trần Phú", "Quang Trung", "Lê Quý Đôn", "Chu Văn An", "Nguyễn Trãi",
           "Lý Thường Kiệt", "Võ Thị Sáu", "Kim Đồng", "Hoa Sen", "Họa Mi", "Sơn Ca", "Hướng Dương",
           "Trần Quốc Toản", "Nguyễn Văn Trỗi", "Lê Văn Tám", "Phan Bội Châu", "Nguyễn Bỉnh Khiêm", "Tô Hiệu"]
SCHOOL_LEVELS = [("MN", "Mầm non", 0.28), ("MG", "Mẫu giáo", 0.04), ("TH", "Tiểu học", 0.36),
                 ("THCS", "THCS", 0.27), ("THTHCS", "Tiểu học và THCS", 0.05)]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý"]
GIVEN = ["Văn An", "Thị Bích", "Minh Châu", "Quốc Dũng", "Thị Hà", "Văn Hải", "Thị Hạnh", "Đức Huy",
         "Thu Hương", "Văn Khánh", "Thị Lan", "Hoàng Long", "Thị Mai", "Văn Nam", "Thị Ngọc", "Minh Phúc",
         "Thị Phương", "Văn Quang", "Thanh Tâm", "Văn Thắng", "Thị Thảo", "Văn Toàn", "Thị Trang", "Anh Tuấn"]

DEPT, OFFICE, COMMUNE, SCHOOL = UnitKind.DEPARTMENT, UnitKind.DISTRICT_OFFICE, UnitKind.COMMUNE, UnitKind.SCHOOL
ALL_LEVELS = (DEPT, OFFICE, COMMUNE, SCHOOL)
EDU = (OFFICE, SCHOOL)
GOV = (DEPT, OFFICE, COMMUNE)
KIND_SIZE = {DEPT: 3.0, OFFICE: 2.0, COMMUNE: 1.5, SCHOOL: 1.0}  # denominators / counts relative to a school
KIND_LEAD = {DEPT: 0.06, OFFICE: 0.03, COMMUNE: -0.02, SCHOOL: -0.04}  # schools lag, departments lead
KIND_WORDS = {DEPT: "cấp Sở, ngành", OFFICE: "phòng chuyên môn cấp huyện", COMMUNE: "cấp xã", SCHOOL: "cơ sở giáo dục"}

PLAN = ResolutionKind.PLAN
INC, DEC = Direction.INCREASE, Direction.DECREASE
FLOW, STOCK = Temporal.FLOW, Temporal.STOCK
PCT, CNT, BOOL = Measure.PERCENT, Measure.COUNT, Measure.BOOLEAN


class Template(NamedTuple):
    """An indicator to instantiate. percent/boolean: r0 → r1 are rates (0..1) from the first to the
    last quarter; count: a growth factor applied to a per-unit size drawn in [lo, hi]."""

    code: str
    name: str
    pillar: str
    measure: str
    temporal: str
    direction: str
    kinds: tuple
    lo: int
    hi: int
    r0: float
    r1: float
    numerator_label: str = ""
    denominator_label: str = ""
    unit_label: str = "%"


CATALOG = [
    Template("VB-DIENTU", "Tỷ lệ văn bản đi được ký số và gửi hoàn toàn dưới dạng điện tử", "chinh_quyen_so",
             PCT, FLOW, INC, ALL_LEVELS, 20, 120, 0.70, 0.97,
             "Số văn bản đi được ký số, gửi dưới dạng điện tử", "Tổng số văn bản đi (trừ văn bản mật)"),
    Template("HSCV-MANG", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "chinh_quyen_so",
             PCT, FLOW, INC, ALL_LEVELS, 15, 80, 0.50, 0.93,
             "Số hồ sơ công việc được xử lý trên môi trường mạng", "Tổng số hồ sơ công việc"),
    Template("BC-HETHONG", "Tỷ lệ chế độ báo cáo được thực hiện trên Hệ thống thông tin báo cáo", "chinh_quyen_so",
             PCT, STOCK, INC, ALL_LEVELS, 6, 24, 0.45, 0.95,
             "Số chế độ báo cáo thực hiện trên hệ thống", "Tổng số chế độ báo cáo phải thực hiện"),
    Template("TT-KDTM", "Tỷ lệ khoản thu, chi được thanh toán không dùng tiền mặt", "kinh_te_so",
             PCT, FLOW, INC, ALL_LEVELS, 30, 300, 0.30, 0.85,
             "Số khoản thu, chi thanh toán không dùng tiền mặt", "Tổng số khoản thu, chi"),
    Template("HOP-TRUCTUYEN", "Tỷ lệ cuộc họp được tổ chức trực tuyến hoặc kết hợp trực tuyến", "chinh_quyen_so",
             PCT, FLOW, INC, ALL_LEVELS, 2, 20, 0.20, 0.60,
             "Số cuộc họp trực tuyến", "Tổng số cuộc họp"),
    Template("CB-KYNANGSO", "Tỷ lệ cán bộ, công chức, viên chức được bồi dưỡng kỹ năng số", "nhan_luc_so",
             PCT, STOCK, INC, ALL_LEVELS, 10, 80, 0.25, 0.90,
             "Số người đã được bồi dưỡng kỹ năng số", "Tổng số cán bộ, công chức, viên chức"),
    Template("MAYTINH-MANG", "Tỷ lệ máy tính được kết nối mạng nội bộ và Internet", "ha_tang_so",
             PCT, STOCK, INC, ALL_LEVELS, 10, 70, 0.80, 0.99,
             "Số máy tính được kết nối mạng", "Tổng số máy tính"),
    Template("HS-SOHOA", "Tỷ lệ hồ sơ, tài liệu lưu trữ được số hóa", "du_lieu_so",
             PCT, STOCK, INC, ALL_LEVELS, 200, 2000, 0.08, 0.70,
             "Số hồ sơ, tài liệu đã số hóa", "Tổng số hồ sơ, tài liệu lưu trữ"),
    Template("HOCLIEU-SO", "Tỷ lệ giáo viên sử dụng học liệu số trong giảng dạy", "xa_hoi_so",
             PCT, STOCK, INC, EDU, 10, 70, 0.35, 0.90,
             "Số giáo viên sử dụng học liệu số", "Tổng số giáo viên"),
    Template("HAILONG", "Tỷ lệ người dân, doanh nghiệp hài lòng khi giải quyết thủ tục hành chính", "chinh_quyen_so",
             PCT, FLOW, INC, GOV, 20, 200, 0.80, 0.95,
             "Số lượt đánh giá hài lòng", "Tổng số lượt đánh giá"),
    Template("ATTT-MADOC", "Tỷ lệ máy tính được cài đặt phần mềm phòng, chống mã độc", "an_toan_thong_tin_mang",
             PCT, STOCK, INC, ALL_LEVELS, 10, 70, 0.55, 0.98,
             "Số máy tính có phần mềm phòng, chống mã độc", "Tổng số máy tính"),
    Template("VBDEN-XULY", "Tỷ lệ văn bản đến được số hóa và xử lý trên hệ thống quản lý văn bản", "chinh_quyen_so",
             PCT, FLOW, INC, ALL_LEVELS, 20, 150, 0.55, 0.95,
             "Số văn bản đến được số hóa, xử lý trên hệ thống", "Tổng số văn bản đến"),
    Template("PH-TUONGTAC", "Tỷ lệ người dân, phụ huynh tương tác với đơn vị qua nền tảng số", "xa_hoi_so",
             PCT, STOCK, INC, ALL_LEVELS, 50, 800, 0.25, 0.80,
             "Số người đã tương tác qua nền tảng số", "Tổng số người dân, phụ huynh liên quan"),
    Template("HS-QUAHAN", "Tỷ lệ hồ sơ công việc giải quyết quá hạn", "chinh_quyen_so",
             PCT, FLOW, DEC, ALL_LEVELS, 15, 80, 0.16, 0.03,
             "Số hồ sơ công việc giải quyết quá hạn", "Tổng số hồ sơ công việc đã giải quyết"),
    Template("VB-GIAY", "Tỷ lệ văn bản còn phát hành hoàn toàn bằng giấy", "chinh_quyen_so",
             PCT, FLOW, DEC, ALL_LEVELS, 20, 120, 0.30, 0.04,
             "Số văn bản phát hành bằng giấy", "Tổng số văn bản đi"),
    Template("TAPHUAN", "Số lượt cán bộ được tập huấn về chuyển đổi số trong kỳ", "nhan_luc_so",
             CNT, FLOW, INC, ALL_LEVELS, 2, 25, 0.6, 1.3, unit_label="lượt"),
    Template("TINBAI", "Số tin, bài tuyên truyền về chuyển đổi số được đăng tải", "nhan_thuc_so",
             CNT, FLOW, INC, ALL_LEVELS, 1, 12, 0.5, 1.4, unit_label="tin, bài"),
    Template("NENTANG-SO", "Số phần mềm, nền tảng số đang được sử dụng trong quản lý, điều hành", "du_lieu_so",
             CNT, STOCK, INC, ALL_LEVELS, 2, 12, 0.5, 1.0, unit_label="nền tảng"),
    Template("MAYTINH", "Số máy tính phục vụ công việc", "ha_tang_so",
             CNT, STOCK, INC, ALL_LEVELS, 8, 80, 0.7, 1.0, unit_label="máy"),
    Template("THIETBI-IOT", "Số camera, thiết bị IoT đang vận hành", "ha_tang_so",
             CNT, STOCK, INC, ALL_LEVELS, 0, 30, 0.3, 1.0, unit_label="thiết bị"),
    Template("SUCO-ATTT", "Số sự cố mất an toàn thông tin mạng phát sinh trong kỳ", "an_toan_thong_tin_mang",
             CNT, FLOW, DEC, ALL_LEVELS, 0, 3, 1.5, 0.3, unit_label="sự cố"),
    Template("BCD-CDS", "Đơn vị đã thành lập Ban chỉ đạo hoặc Tổ công tác chuyển đổi số", "nhan_thuc_so",
             BOOL, STOCK, INC, ALL_LEVELS, 0, 0, 0.45, 0.98, unit_label=""),
    Template("TTDT", "Đơn vị có trang thông tin điện tử đáp ứng quy định", "chinh_quyen_so",
             BOOL, STOCK, INC, ALL_LEVELS, 0, 0, 0.50, 0.95, unit_label=""),
    Template("KH-CDS", "Đơn vị đã ban hành kế hoạch chuyển đổi số năm", "the_che_so",
             BOOL, STOCK, INC, ALL_LEVELS, 0, 0, 0.60, 1.0, unit_label=""),
    Template("ATTT-CAPDO", "Hệ thống thông tin của đơn vị đã được phê duyệt cấp độ an toàn", "an_toan_thong_tin_mang",
             BOOL, STOCK, INC, ALL_LEVELS, 0, 0, 0.20, 0.85, unit_label=""),
    Template("KYSO-LD", "Lãnh đạo đơn vị sử dụng chữ ký số trong xử lý văn bản", "chinh_quyen_so",
             BOOL, STOCK, INC, ALL_LEVELS, 0, 0, 0.50, 1.0, unit_label=""),
    Template("HOCBA-SO", "Tỷ lệ học sinh có học bạ số", "du_lieu_so",
             PCT, STOCK, INC, EDU, 100, 900, 0.05, 0.85,
             "Số học sinh có học bạ số", "Tổng số học sinh"),
    Template("WIFI", "Tỷ lệ phòng học, phòng làm việc có kết nối Wi-Fi", "ha_tang_so",
             PCT, STOCK, INC, ALL_LEVELS, 5, 40, 0.40, 0.95,
             "Số phòng có kết nối Wi-Fi", "Tổng số phòng học, phòng làm việc"),
    Template("CSDL-CAPNHAT", "Tỷ lệ dữ liệu chuyên ngành được cập nhật đúng hạn lên cơ sở dữ liệu dùng chung",
             "du_lieu_so", PCT, FLOW, INC, ALL_LEVELS, 10, 100, 0.50, 0.90,
             "Số lượt cập nhật đúng hạn", "Tổng số lượt cập nhật phải thực hiện"),
    Template("HS-TRUCTUYEN", "Tỷ lệ hồ sơ (thủ tục hành chính, tuyển sinh) được tiếp nhận trực tuyến toàn trình",
             "chinh_quyen_so", PCT, FLOW, INC, ALL_LEVELS, 5, 60, 0.25, 0.80,
             "Số hồ sơ tiếp nhận trực tuyến toàn trình", "Tổng số hồ sơ tiếp nhận"),
]


class DocumentSpec(NamedTuple):
    code: str
    kind: str
    title: str
    issuer: str
    owner: str  # "province" or a department code
    issued_on: dt.date
    start_year: int
    end_year: int
    vision_year: int | None


DOCUMENTS = [
    DocumentSpec("15-NQ/TU", ResolutionKind.RESOLUTION,
                 f"Về chuyển đổi số tỉnh {PLACE} đến năm 2025, định hướng đến năm 2030",
                 f"Ban Chấp hành Đảng bộ tỉnh {PLACE}", "province", dt.date(2021, 10, 15), 2021, 2025, 2030),
    DocumentSpec("386/QĐ-UBND", ResolutionKind.PROGRAM,
                 f"Chương trình chuyển đổi số tỉnh {PLACE} giai đoạn 2022-2025, định hướng đến năm 2030",
                 f"Ủy ban nhân dân tỉnh {PLACE}", "province", dt.date(2022, 3, 10), 2022, 2025, 2030),
    DocumentSpec("KH-CĐS-GDĐT/MS", PLAN,
                 f"Kế hoạch chuyển đổi số ngành Giáo dục tỉnh {PLACE} giai đoạn 2023-2030",
                 f"Sở Giáo dục và Đào tạo tỉnh {PLACE}", "SGDDT", dt.date(2023, 2, 20), 2023, 2030, None),
]
NOTE = ("Dữ liệu tổng hợp (synthetic) cho đo hiệu năng (DESIGN.md §8), tạo bởi lệnh make_synthetic: "
        "đơn vị, chỉ tiêu và số liệu đều là minh họa.")


# =============================================================================
# Parameters and shape
# =============================================================================

@dataclass(frozen=True)
class Params:
    units: int = FULL_UNITS
    indicators: int = 60
    quarters: int = 20
    seed: int = 42
    today: dt.date | None = None  # None: the local date; fixes which quarters exist


class Shape(NamedTuple):
    departments: int
    offices: int
    communes: int
    schools: int


def shape(units):
    """How many units of each level: 1 province, then 30 / 60 / the rest per 1.100, at least one each."""
    departments = max(1, round(FULL_DEPARTMENTS * units / FULL_UNITS))
    local = max(2, round(FULL_LOCAL * units / FULL_UNITS))
    offices = (local + 1) // 2
    communes = local - offices
    schools = units - 1 - departments - local
    if schools < 1:
        raise ValueError(f"--units {units} quá nhỏ: cần ít nhất {departments + local + 2} đơn vị.")
    return Shape(departments, offices, communes, schools)


def latest_closed_quarter(today):
    """The latest quarter whose reporting deadline is before `today` (indicators.periods windows)."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    while True:
        _, _, deadline = P.window(P.QUARTER, year, quarter)
        if deadline < today:
            return year, quarter
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def quarter_codes(today, count):
    """The `count` quarter codes ending at the latest closed quarter, oldest first."""
    year, quarter = latest_closed_quarter(today)
    out = []
    for _ in range(count):
        out.append(P.PeriodSpec(P.QUARTER, year, quarter).code)
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out[::-1]


def document_sizes(indicators):
    """Indicators per document: as even as possible over (at most) 3 documents."""
    n_docs = min(len(DOCUMENTS), indicators)
    return [indicators // n_docs + (1 if i < indicators % n_docs else 0) for i in range(n_docs)]


def percent_value(num, den):
    """100 × num / den quantized to 4 decimals half-up, as text — indicators.rules.compute_value in integers."""
    q = (2_000_000 * num + den) // (2 * den)
    return f"{q // 10000}.{q % 10000:04d}"


def _progress(t, span):
    """0 at the first quarter, 1 at the last, concave (a fast start, a slower end)."""
    if span <= 0:
        return 1.0
    tau = max(1.0, span / 3)
    return (1 - math.exp(-t / tau)) / (1 - math.exp(-span / tau))


def _clip(x, lo=0.0, hi=1.0):
    return lo if x < lo else hi if x > hi else x


def _invalidate_cached_figures():
    """Bulk rows send no model signals: move the dashboards' figure cache on by hand."""
    from . import figure_cache

    figure_cache.bump()


def _synthetic_units():
    return ReportingUnit.objects.filter(Q(code=CODE) | Q(code__startswith=f"{CODE}."))


def exists():
    """Is there synthetic data in the database?"""
    return _synthetic_units().exists() or get_user_model().objects.filter(username__startswith=USER_PREFIX).exists()


# =============================================================================
# Flush
# =============================================================================

def flush():
    """Delete everything `generate` made (values, submissions, their history, users, documents, units).

    Values and submissions go with plain DELETE statements (a million rows
    through the ORM's collector would take minutes); the few hundred other
    rows through the ORM, so cascades and protections apply. Nothing else is
    touched. Returns {what: rows}.
    """
    from reports.models import ReportRun

    out = Counter()
    units = _synthetic_units()
    unit_table = ReportingUnit._meta.db_table
    in_units = f"SELECT id FROM {unit_table} WHERE code = %s OR code LIKE %s"
    unit_params = [CODE, f"{CODE}.%"]
    evidence = DataValue.evidence.rel.related_model._meta.db_table
    with transaction.atomic(), connection.cursor() as cur:
        _invalidate_cached_figures()
        value_table = DataValue._meta.db_table
        cur.execute(f"DELETE FROM {evidence} WHERE data_value_id IN "
                    f"(SELECT id FROM {value_table} WHERE unit_id IN ({in_units}))", unit_params)
        for model in (DataValue, Submission):
            for table in (model.history.model._meta.db_table, model._meta.db_table):
                cur.execute(f"DELETE FROM {table} WHERE unit_id IN ({in_units})", unit_params)
                out[table] += cur.rowcount
        ReportRun.objects.filter(scope_unit__in=units).delete()
        # What people may have added on top through the application (PROTECT would block the units).
        Task.objects.filter(lead_unit__in=units).delete()
        Visit.objects.filter(unit__in=units).delete()
        UnitSuccession.objects.filter(Q(predecessor__in=units) | Q(successor__in=units)).delete()
        User = get_user_model()

        def gone(queryset):  # rows of the queryset's own model deleted (cascades not counted)
            return queryset.delete()[1].get(queryset.model._meta.label, 0)

        out["users"] = gone(User.objects.filter(username__startswith=USER_PREFIX))
        documents = Resolution.objects.filter(owner_unit__in=units)
        Target.objects.filter(indicator__resolution__in=documents).delete()
        out["indicators"] = gone(Indicator.objects.filter(resolution__in=documents))
        out["documents"] = gone(documents)
        depths = sorted(set(units.values_list("depth", flat=True)), reverse=True)
        for depth in depths:  # leaves first: `parent` is PROTECT
            out["units"] += gone(_synthetic_units().filter(depth=depth))
    return dict(out)


# =============================================================================
# Generation
# =============================================================================

@dataclass
class Summary:
    params: Params
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    periods: list = field(default_factory=list)
    accounts: list = field(default_factory=list)  # (username, role words, unit name)
    timings: dict = field(default_factory=dict)  # step -> seconds


@dataclass
class _Unit:
    """A unit as the generator sees it (creation order = iteration order, so ids never matter)."""

    index: int
    code: str
    name: str
    kind: str
    parent: int | None  # index of the parent
    valid_from: dt.date | None = None
    pk: int | None = None
    owner: int | None = None  # index of the unit whose users enter/approve for this one


class Generator:
    """One run; `generate()` below is the entry point."""

    def __init__(self, params, stdout=None):
        self.p = params
        self.rng = random.Random(params.seed)
        self.stdout = stdout
        self.today = params.today or timezone.localdate()
        self.summary = Summary(params)
        self.units = []
        self.periods = []
        self.indicators = []  # [(Indicator, Template)] in creation order
        self.users = {}  # (unit index, role) -> user id
        self._t = time.monotonic()

    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(text if hasattr(self.stdout, "ending") else text + "\n")

    def lap(self, step):
        now = time.monotonic()
        self.summary.timings[step] = round(now - self._t, 2)
        self._t = now

    # --- reference data -------------------------------------------------------
    def make_pillars(self):
        from resolutions.demo import PILLARS

        self.pillars = {}
        for order, (code, name) in enumerate(PILLARS, start=1):
            self.pillars[code], _ = Pillar.objects.get_or_create(code=code, defaults={"name": name, "order": order})

    def make_periods(self):
        codes = quarter_codes(self.today, self.p.quarters)
        self.periods = [Period.ensure(code) for code in codes]
        self.summary.periods = codes

    # --- units ------------------------------------------------------------------
    def plan_units(self):
        """Names, codes and parents of every unit, in creation order."""
        rng = self.rng
        sh = shape(self.p.units)
        units = [_Unit(0, CODE, PROVINCE_NAME, UnitKind.PROVINCE, None)]

        def add(code, name, kind, parent, **kw):
            units.append(_Unit(len(units), code, name, kind, parent, **kw))
            return units[-1]

        for i in range(sh.departments):
            suffix, name = DEPARTMENTS[i % len(DEPARTMENTS)]
            rounds = i // len(DEPARTMENTS)
            if rounds:
                suffix, name = f"{suffix}{rounds + 1}", f"{name} (đơn vị {rounds + 1})"
            add(f"{CODE}.{suffix}", f"{name} tỉnh {PLACE}" if not name.endswith("tỉnh") else f"{name} {PLACE}",
                DEPT, 0)
        edu = 1  # Sở GDĐT
        places = [f"{a} {b}" for a in _SYL_A for b in _SYL_B if a != b]
        rng.shuffle(places)
        place_iter = iter(places * (1 + (sh.offices + sh.communes) * 12 // len(places)))
        offices = []
        for j in range(1, sh.offices + 1):
            place = next(place_iter)
            level = "thị xã" if j % 7 == 0 else "thành phố" if j == 1 else "huyện"
            offices.append(add(f"{CODE}.PGD{j:02d}", f"Phòng Giáo dục và Đào tạo {level} {place}", OFFICE, edu))
        for j in range(1, sh.communes + 1):
            place = next(place_iter)
            level = "phường" if j % 4 == 0 else "xã"
            add(f"{CODE}.XA{j:02d}", f"Ủy ban nhân dân {level} {place}", COMMUNE, 0)
        # Schools: spread over the district offices (sizes vary a little), named after places and people.
        weights = [0.7 + 0.6 * rng.random() for _ in offices]
        total = sum(weights)
        quotas = [int(sh.schools * w / total) for w in weights]
        for k in range(sh.schools - sum(quotas)):
            quotas[k % len(quotas)] += 1
        window_start = self.periods[0].start
        window_days = (self.periods[-1].end - window_start).days
        levels = [(code, words) for code, words, _ in SCHOOL_LEVELS]
        level_weights = [w for _, _, w in SCHOOL_LEVELS]
        used = set()
        for office, quota in zip(offices, quotas, strict=True):
            local_places = [next(place_iter) for _ in range(10)]
            for k in range(1, quota + 1):
                level, words = rng.choices(levels, level_weights)[0]
                place = rng.choice(local_places) if rng.random() < 0.75 else rng.choice(_PEOPLE)
                name = f"Trường {words} {place}"
                n = 2
                while name in used:
                    name = f"Trường {words} {place} số {n}"
                    n += 1
                used.add(name)
                valid_from = None
                if rng.random() < NEW_SCHOOLS:  # opened during the window: no figures before
                    valid_from = window_start + dt.timedelta(days=rng.randint(window_days // 3, window_days * 5 // 6))
                add(f"{office.code}.T{k:03d}", name, SCHOOL, office.index, valid_from=valid_from)
        for u in units:
            u.owner = u.parent if u.kind == SCHOOL else u.index
        self.units = units

    def make_units(self):
        """Province first (save() sets its path), then each level in bulk; paths rebuilt once."""
        province = self.units[0]
        obj = ReportingUnit(code=province.code, name=province.name, kind=province.kind)
        obj.save()
        province.pk = obj.pk
        for level in (DEPT, OFFICE, COMMUNE, SCHOOL):
            rows = [u for u in self.units if u.kind == level]
            objs = [ReportingUnit(code=u.code, name=u.name, kind=u.kind, parent_id=self.units[u.parent].pk,
                                  valid_from=u.valid_from) for u in rows]
            ReportingUnit.objects.bulk_create(objs, batch_size=1000)
            if any(o.pk is None for o in objs):  # a backend that does not return ids
                pks = dict(ReportingUnit.objects.filter(code__in=[u.code for u in rows]).values_list("code", "id"))
                for o in objs:
                    o.pk = pks[o.code]
            for u, o in zip(rows, objs, strict=True):
                u.pk = o.pk
        # The materialised `path`/`depth` of every unit, the model's own helper (units.models).
        ReportingUnit.objects.rebuild_paths()

    # --- documents, indicators, targets ----------------------------------------
    def make_indicators(self):
        rng = self.rng
        kinds_count = Counter(u.kind for u in self.units)
        by_code = {u.code.removeprefix(f"{CODE}."): u for u in self.units}
        documents = []
        for spec, size in zip(DOCUMENTS, document_sizes(self.p.indicators), strict=False):
            owner = self.units[0] if spec.owner == "province" else by_code.get(spec.owner, self.units[1])
            doc = Resolution.objects.create(
                code=spec.code, kind=spec.kind, title=spec.title, issuer=spec.issuer, owner_unit_id=owner.pk,
                issued_on=spec.issued_on, start_year=spec.start_year, end_year=spec.end_year,
                vision_year=spec.vision_year, note=NOTE, implements=documents[0][0] if documents else None,
            )
            documents.append((doc, size))
        n_catalog = len(CATALOG)
        objs, plans = [], []
        # A document reaches its owner's subtree (resolutions.scope): a Sở's plan has figures from that
        # Sở and what is under it only, and applies to the kinds found there.
        children = defaultdict(list)
        for u in self.units:
            if u.parent is not None:
                children[u.parent].append(u.index)

        def subtree(index):
            out, stack = set(), [index]
            while stack:
                i = stack.pop()
                out.add(i)
                stack.extend(children[i])
            return out

        owners = {doc.pk: (0 if spec.owner == "province" else by_code.get(spec.owner, self.units[1]).index)
                  for spec, (doc, _) in zip(DOCUMENTS, documents, strict=False)}
        self.reach = {}
        for r, (doc, size) in enumerate(documents):
            reach = subtree(owners[doc.pk])
            reach_kinds = {self.units[i].kind for i in reach}
            for i in range(size):
                tpl = CATALOG[(r * 11 + i * 7) % n_catalog]  # stride 7: small documents mix measures too
                extra = i // n_catalog
                code = tpl.code if not extra else f"{tpl.code}-{extra + 1}"
                name = tpl.name if not extra else f"{tpl.name} (nhóm {extra + 1})"
                objs.append(Indicator(
                    resolution=doc, pillar=self.pillars[tpl.pillar], code=code, name=name,
                    description="Chỉ tiêu minh họa của bộ dữ liệu tổng hợp.", measure=tpl.measure,
                    decimals=2 if tpl.measure == PCT else 0, numerator_label=tpl.numerator_label,
                    denominator_label=tpl.denominator_label, unit_label=tpl.unit_label, direction=tpl.direction,
                    temporal=tpl.temporal, frequency=Frequency.QUARTERLY,
                    applies_to=[k for k in tpl.kinds if k in reach_kinds], order=i + 1,
                ))
                plans.append(tpl)
                self.reach[(doc.pk, code)] = reach
        Indicator.objects.bulk_create(objs, batch_size=500)
        if any(o.pk is None for o in objs):
            pks = {(i.resolution_id, i.code): i.pk for i in Indicator.objects.filter(resolution__in=[d for d, _ in documents])}
            for o in objs:
                o.pk = pks[(o.resolution_id, o.code)]
        targets = []
        for n, (ind, tpl) in enumerate(zip(objs, plans, strict=True)):
            everyone = n % 7 == 3  # a few documents set one figure for every level
            scopes = [None] if everyone else list(ind.applies_to)
            for kind in scopes:
                level_kind = kind or SCHOOL
                for year, value, operator in self._target_values(tpl, level_kind, kinds_count[level_kind], rng):
                    words = f"{OPERATOR_WORDS[operator]} {value:g}{'%' if tpl.measure != CNT else ' ' + tpl.unit_label}"
                    if kind:
                        words += f" đối với {KIND_WORDS[kind]}"
                    targets.append(Target(indicator=ind, unit_kind=kind, operator=operator, value=value, year=year,
                                          wording=words.strip()))
            self.indicators.append((ind, tpl))
        Target.objects.bulk_create(targets, batch_size=1000)

    def _target_values(self, tpl, kind, n_units, rng):
        """[(year, value, operator)] for one indicator and unit kind, near where its series go."""
        inc = tpl.direction == INC
        if tpl.measure == BOOL:
            first = rng.choice([80, 90, 100])
            return [(MILESTONES[0], first, Operator.GTE), (MILESTONES[1], 100, Operator.GTE)]
        if tpl.measure == PCT:
            lead = KIND_LEAD[kind] if inc else -KIND_LEAD[kind] / 3
            level = tpl.r0 + (tpl.r1 - tpl.r0) * 0.85 + lead
            first = round(100 * _clip(level + (rng.uniform(-0.03, 0.05) if inc else rng.uniform(-0.02, 0.02)),
                                      0.01, 1.0))
            if inc:
                op = Operator.GT if rng.random() < 0.3 and first < 100 else Operator.GTE
                return [(MILESTONES[0], first, op), (MILESTONES[1], min(100, first + rng.randint(3, 10)), op)]
            op = Operator.LTE if rng.random() < 0.6 else Operator.LT
            return [(MILESTONES[0], max(1, first), op), (MILESTONES[1], max(1, first - rng.randint(1, 3)), op)]
        # count: a total for the level, from the mean per unit
        mean = (tpl.lo + tpl.hi) / 2 * KIND_SIZE[kind]
        growth = tpl.r0 + (tpl.r1 - tpl.r0) * 0.85 if tpl.temporal == FLOW else 0.6 + 0.6 * 0.85
        first = max(1, round(mean * growth * n_units * rng.uniform(0.9, 1.1)))
        if inc:
            return [(MILESTONES[0], first, Operator.GTE), (MILESTONES[1], round(first * 1.3), Operator.GTE)]
        return [(MILESTONES[0], first, Operator.LTE), (MILESTONES[1], max(0, round(first * 0.6)), Operator.LTE)]

    # --- users and memberships ---------------------------------------------------
    def make_users(self):
        User = get_user_model()
        password = make_password(PASSWORD)  # one hash for everyone: hashing 180 times would take minutes
        rng = self.rng
        plan = []  # (username, first, last, unit index or None, role or None)
        for u in self.units:
            if u.kind not in (DEPT, OFFICE, COMMUNE):
                continue
            slug = u.code.removeprefix(f"{CODE}.").lower()
            for word, role in (("nhaplieu", Role.ENTRY), ("lanhdao", Role.APPROVER)):
                plan.append((f"{USER_PREFIX}{word}.{slug}", rng.choice(FAMILY), rng.choice(GIVEN), u.index, role))
        plan.append((f"{USER_PREFIX}giamsat", "Trần", "Quốc Giám", 0, Role.SUPERVISOR))
        plan.append((f"{USER_PREFIX}quantri", "Quản trị", "dữ liệu tổng hợp", None, None))
        users = [User(username=name, first_name=first, last_name=last, email=f"{name}@example.vn", password=password,
                      is_staff=role is None, is_superuser=role is None, is_active=True)
                 for name, first, last, _, role in plan]
        User.objects.bulk_create(users, batch_size=500)
        ids = dict(User.objects.filter(username__startswith=USER_PREFIX).values_list("username", "id"))
        memberships = []
        for name, _, _, index, role in plan:
            if role is None:
                self.summary.accounts.append((name, "Quản trị (staff)", "Toàn hệ thống"))
                continue
            self.users[(index, role)] = ids[name]
            memberships.append(Membership(user_id=ids[name], unit_id=self.units[index].pk, role=role))
            if role == Role.SUPERVISOR or len(self.summary.accounts) < 7:
                self.summary.accounts.append((name, Role(role).label, self.units[index].name))
        Membership.objects.bulk_create(memberships, batch_size=1000)

    # --- values and submissions -----------------------------------------------------
    def plan_reports(self):
        """{(unit index, period index): (status, submitted_at, approved_at, reason)}; absent = no report."""
        rng = self.rng
        n = len(self.periods)
        out = {}
        now = dt.datetime.combine(self.today, dt.time(7, 0), tzinfo=VN_TZ)
        reporting = [u for u in self.units if u.kind != UnitKind.PROVINCE]
        chronic = {u.index for u in reporting if rng.random() < CHRONIC_LATE}
        for u in reporting:
            for k, period in enumerate(self.periods):
                if u.valid_from and u.valid_from > period.end:
                    continue  # the school did not exist yet
                age = n - 1 - k
                roll = rng.random()
                if roll < MISSING_REPORT.get(age, OLD_MISSING) * (2 if u.index in chronic else 1):
                    continue
                if age <= 1:
                    pick = rng.random()
                    status = next(s for s, share in (LATEST_STATES if age == 0 else PREVIOUS_STATES) if pick <= share)
                else:
                    status = SubmissionStatus.APPROVED
                late = rng.random() < (0.5 if u.index in chronic else 0.06)
                days = rng.randint(1, 20) if late else -rng.randint(0, 10)
                day = period.deadline + dt.timedelta(days=days)
                submitted = dt.datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59),
                                        tzinfo=VN_TZ)
                submitted = min(submitted, now - dt.timedelta(hours=rng.randint(2, 72)))
                approved = None
                if status == SubmissionStatus.APPROVED:
                    approved = min(submitted + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 6)), now)
                reason = rng.choice(RETURN_REASONS) if status == SubmissionStatus.RETURNED else ""
                if status == SubmissionStatus.DRAFT:
                    submitted = None
                out[(u.index, k)] = (status, submitted, approved, reason)
        return out

    def series(self, unit, tpl):
        """[(numerator, denominator)] over the quarters for one unit and indicator (always draws the same)."""
        rng = self.rng
        span = len(self.periods) - 1
        prog = self._prog
        inc = tpl.direction == INC
        size = KIND_SIZE[unit.kind]
        lead = KIND_LEAD[unit.kind] + self._lag[unit.index]
        r0, r1 = tpl.r0, tpl.r1
        out = []
        if tpl.measure == BOOL:
            u = rng.random() - lead
            for t in range(span + 1):
                share = r0 + (r1 - r0) * prog[t]
                out.append((1 if share >= 1 or u < share else 0, None))
            return out
        if tpl.measure == CNT:
            base = rng.uniform(tpl.lo, tpl.hi) * size * (1 + (lead if inc else -lead))
            prev = 0
            for t in range(span + 1):
                if tpl.temporal == FLOW:
                    val = round(base * (r0 + (r1 - r0) * prog[t]) * (1 + rng.gauss(0, 0.2)))
                    out.append((val if val > 0 else 0, None))
                else:
                    val = round(base * (0.6 + 0.6 * prog[t]) * (1 + rng.gauss(0, 0.03)))
                    prev = val if val > prev else prev
                    out.append((prev, None))
            return out
        off = (lead if inc else -lead / 3) + rng.gauss(0, 0.03)
        base = rng.uniform(tpl.lo, tpl.hi) * size
        stock_den = max(1, round(base))
        prev = 0
        zero_prone = tpl.lo <= 5 and tpl.temporal == FLOW
        for t in range(span + 1):
            rate = r0 + (r1 - r0) * prog[t] + off + rng.gauss(0, 0.02)
            rate = 0.0 if rate < 0 else 1.0 if rate > 1 else rate
            if tpl.temporal == FLOW:
                den = round(base * (1 + 0.02 * t) * (1 + rng.gauss(0, 0.1)))
                if den <= 0 or (zero_prone and rng.random() < 0.03):
                    out.append((0, 0))  # "không phát sinh": no value, left out of rollups
                    continue
                out.append((min(den, round(den * rate)), den))
            else:
                num = min(stock_den, round(stock_den * rate))
                if inc:
                    num = num if num > prev else prev
                    prev = num
                out.append((num, stock_den))
        return out

    def make_values(self):
        """Every applicable (unit, indicator, period) of the units that reported; then the submissions."""
        rng = self.rng
        n = len(self.periods)
        self._prog = [_progress(t, n - 1) for t in range(n)]
        self._lag = {u.index: _clip(rng.gauss(0, 0.06), -0.2, 0.2) for u in self.units}
        reports = self.plan_reports()
        period_ids = [p.pk for p in self.periods]
        stamp = {}
        for (ui, k), (_, submitted, _, _) in reports.items():
            # Last typed in: when sent, or (drafts) some days before the deadline.
            stamp[(ui, k)] = submitted or (
                dt.datetime.combine(self.periods[k].deadline, dt.time(9, 0), tzinfo=VN_TZ) - dt.timedelta(days=ui % 9))
        sink = _CopySink() if connection.vendor == "postgresql" else _OrmSink()
        filled = Counter()
        for u in self.units:
            if u.kind == UnitKind.PROVINCE:
                continue
            entry_user = self.users.get((u.owner, Role.ENTRY))
            states = [reports.get((u.index, k)) for k in range(n)]
            for ind, tpl in self.indicators:
                if u.kind not in ind.applies_to or u.index not in self.reach[(ind.resolution_id, ind.code)]:
                    continue
                measure = tpl.measure
                for k, (num, den) in enumerate(self.series(u, tpl)):
                    roll = rng.random()
                    state = states[k]
                    if state is None:
                        continue
                    if state[0] == SubmissionStatus.DRAFT:
                        if roll >= DRAFT_FILLED and filled[(u.index, k)]:
                            continue
                    elif roll < MISSING_CELL and filled[(u.index, k)]:
                        continue
                    if measure == PCT:
                        value = percent_value(num, den) if den else None
                    else:
                        value = str(num)
                    sink.value(u.pk, ind.pk, period_ids[k], num, den, value, stamp[(u.index, k)], entry_user)
                    filled[(u.index, k)] += 1
        sink.flush_values(period_order=period_ids)  # periods are oldest first
        self.lap("values")
        for (ui, k), (status, submitted, approved, reason) in sorted(reports.items()):
            if not filled[(ui, k)]:
                continue  # a report holding no value is no report
            owner = self.units[ui].owner
            sink.submission(
                self.units[ui].pk, period_ids[k], status, submitted,
                self.users.get((owner, Role.ENTRY)) if submitted else None, approved,
                self.users.get((owner, Role.APPROVER)) if approved else None, reason,
            )
        sink.flush_submissions()
        self.summary.counts["values"] = sink.n_values
        self.summary.counts["submissions"] = sink.n_submissions
        self.summary.counts.update({f"submissions {s}": n for s, n in sorted(sink.statuses.items())})
        self.lap("submissions")

    def run(self):
        started = time.monotonic()
        with transaction.atomic():
            _invalidate_cached_figures()
            self.make_pillars()
            self.make_periods()
            self.plan_units()
            self.make_units()
            self.lap("units")
            kinds = Counter(str(u.kind) for u in self.units)
            self.say(f"Đơn vị: {len(self.units)} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")
            self.make_indicators()
            self.make_users()
            self.lap("indicators, users")
            self.say(f"Chỉ tiêu: {len(self.indicators)}; kỳ: {self.summary.periods[0]} … {self.summary.periods[-1]}")
            self.make_values()
            self.say(f"Số liệu: {self.summary.counts['values']}; báo cáo: {self.summary.counts['submissions']}")
        if connection.vendor == "postgresql":
            # Fresh statistics (and, outside a transaction, the visibility map): the planner and
            # index-only scans see the new rows at once instead of after autovacuum's next pass.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cur:
                for model in (DataValue, Submission, ReportingUnit, Indicator, Target, Membership):
                    cur.execute(f"{command} {model._meta.db_table}")
            self.lap(command.lower())
        kinds = Counter(str(u.kind) for u in self.units)
        self.summary.counts.update({
            "units": len(self.units), **{f"units {k}": v for k, v in kinds.items()},
            "documents": len({i.resolution_id for i, _ in self.indicators}), "indicators": len(self.indicators),
            "targets": Target.objects.filter(indicator__in=[i for i, _ in self.indicators]).count(),
            "periods": len(self.periods), "users": len(self.users) + 1,
        })
        self.summary.seconds = round(time.monotonic() - started, 2)
        return self.summary


def generate(params, stdout=None, flush_first=False):
    """Generate the synthetic province. Refuses (RuntimeError) when synthetic data exists unless `flush_first`."""
    if exists():
        if not flush_first:
            raise RuntimeError(
                "Cơ sở dữ liệu đã có dữ liệu tổng hợp (đơn vị mã SYN…, tài khoản syn.*). "
                "Chạy lại với --flush để xóa dữ liệu tổng hợp cũ rồi tạo mới."
            )
        started = time.monotonic()
        removed = flush()
        if stdout is not None:
            stdout.write(f"Đã xóa dữ liệu tổng hợp cũ trong {time.monotonic() - started:.1f} giây: {removed}")
    return Generator(params, stdout).run()


OPERATOR_WORDS = {Operator.GT: "trên", Operator.GTE: "đạt", Operator.EQ: "bằng", Operator.LTE: "không quá",
                  Operator.LT: "dưới"}


# =============================================================================
# Sinks: COPY on PostgreSQL, bulk_create elsewhere
# =============================================================================

VALUE_COLUMNS = ("unit_id", "indicator_id", "period_id", "numerator", "denominator", "value", "note",
                 "is_illustrative", "quality_confirmed", "version", "created_at", "updated_at", "updated_by_id")
SUBMISSION_COLUMNS = ("unit_id", "period_id", "status", "submitted_at", "submitted_by_id", "approved_at",
                      "approved_by_id", "return_reason", "version")
NULL = "\\N"  # NULL in COPY's text format


def _copy_text(value):
    """One field in PostgreSQL's COPY text format."""
    if value is None:
        return NULL
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class _Sink:
    def __init__(self):
        self.n_values = 0
        self.n_submissions = 0
        self.statuses = Counter()


class _CopySink(_Sink):
    """Rows streamed to COPY … FROM STDIN (psycopg2 `copy_expert`).

    Values are spooled to one temporary file per period and copied quarter
    after quarter, oldest first: a real province's values are typed in
    quarter by quarter, so one quarter's rows sit together on disk. Written in
    generation order (unit by unit) they would be spread over every page of
    the table, and every quarterly rollup would read the whole table.
    """

    def __init__(self):
        super().__init__()
        self.spools = {}  # period id -> temporary file of COPY lines
        self.subs = []
        self.stamps = {}

    def _stamp(self, when):
        text = self.stamps.get(when)
        if text is None:
            text = self.stamps[when] = when.isoformat(sep=" ")
        return text

    def value(self, unit_id, indicator_id, period_id, num, den, value, when, user_id):
        ts = self._stamp(when)
        den = NULL if den is None else den
        value = NULL if value is None else value
        user_id = NULL if user_id is None else user_id
        spool = self.spools.get(period_id)
        if spool is None:
            spool = self.spools[period_id] = tempfile.TemporaryFile("w+", encoding="utf-8")
        spool.write(f"{unit_id}\t{indicator_id}\t{period_id}\t{num}\t{den}\t{value}\t\tt\tf\t1\t{ts}\t{ts}\t{user_id}\n")
        self.n_values += 1

    def flush_values(self, period_order=()):
        """COPY the spooled values, the periods in `period_order` first (oldest first), then any other."""
        order = [pk for pk in period_order if pk in self.spools] + [pk for pk in self.spools if pk not in period_order]
        sql = f"COPY {DataValue._meta.db_table} ({', '.join(VALUE_COLUMNS)}) FROM STDIN"
        for pk in order:
            with self.spools.pop(pk) as spool:
                spool.seek(0)
                with connection.cursor() as cur:
                    cur.cursor.copy_expert(sql, spool)

    def submission(self, unit_id, period_id, status, submitted, submitted_by, approved, approved_by, reason):
        self.subs.append("\t".join(_copy_text(v) for v in (
            unit_id, period_id, status, submitted, submitted_by, approved, approved_by, reason, 1)) + "\n")
        self.n_submissions += 1
        self.statuses[str(status)] += 1

    def flush_submissions(self):
        if self.subs:
            self._copy(Submission, SUBMISSION_COLUMNS, self.subs)
            self.subs = []

    @staticmethod
    def _copy(model, columns, lines):
        buf = io.StringIO("".join(lines))
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cur:
            cur.cursor.copy_expert(sql, buf)  # the psycopg2 cursor under Django's wrapper


class _OrmSink(_Sink):
    """bulk_create in big batches (SQLite and other backends: the test sizes)."""

    BATCH = 5000

    def __init__(self):
        super().__init__()
        self.rows = []
        self.subs = []

    def value(self, unit_id, indicator_id, period_id, num, den, value, when, user_id):
        from decimal import Decimal

        self.rows.append(DataValue(
            unit_id=unit_id, indicator_id=indicator_id, period_id=period_id, numerator=Decimal(num),
            denominator=None if den is None else Decimal(den), value=None if value is None else Decimal(value),
            is_illustrative=True, version=1, updated_by_id=user_id, created_at=when, updated_at=when,
        ))
        self.n_values += 1
        if len(self.rows) >= self.BATCH:
            self.flush_values()

    def flush_values(self, period_order=()):
        DataValue.objects.bulk_create(self.rows, batch_size=1000)
        self.rows = []

    def submission(self, unit_id, period_id, status, submitted, submitted_by, approved, approved_by, reason):
        self.subs.append(Submission(unit_id=unit_id, period_id=period_id, status=status, submitted_at=submitted,
                                    submitted_by_id=submitted_by, approved_at=approved, approved_by_id=approved_by,
                                    return_reason=reason))
        self.n_submissions += 1
        self.statuses[str(status)] += 1

    def flush_submissions(self):
        Submission.objects.bulk_create(self.subs, batch_size=1000)
        self.subs = []


def synthetic_units():
    """The units `generate` made (a queryset)."""
    return _synthetic_units()


__all__ = ["CATALOG", "PASSWORD", "Params", "exists", "flush", "generate", "percent_value", "quarter_codes", "shape",
           "synthetic_units"]
