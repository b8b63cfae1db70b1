"""The synthetic province's shape: its names, sizes, shares, indicator templates and documents."""

import datetime as dt
from typing import NamedTuple
from zoneinfo import ZoneInfo

from indicators.models import (
    Direction,
    Measure,
    SubmissionStatus,
    Temporal,
)
from resolutions.models import ResolutionKind
from units.models import UnitKind

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
NOTE = ("Dữ liệu tổng hợp (synthetic) cho đo hiệu năng (DESIGN.md §8), tạo bởi lệnh python -m bench.make_synthetic: "
        "đơn vị, chỉ tiêu và số liệu đều là minh họa.")


