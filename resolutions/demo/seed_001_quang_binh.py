"""Seed 001 (Quảng Bình): the Sở GDĐT's 2022 plan for the digital transformation of education and its
targets, each with the seed's wording (96% electronic documents; >95% / >75% / 52% of work dossiers
online at Sở / phòng / schools; ...). The seed names no unit below the Sở and no per-unit figure: the
8 phòng GDĐT, their schools and the quarterly series of 2022 are illustrative."""


from indicators.models import Measure, Operator, Temporal
from resolutions.models import ResolutionKind

from .common import DEPARTMENT, DISTRICT_OFFICE, SCHOOL, IndicatorSpec, ResolutionSpec, Sim

SRC_001 = "Cổng thông tin điện tử tỉnh Quảng Bình, bài “Đẩy mạnh ứng dụng công nghệ thông tin nhằm nâng cao chất lượng, hiệu quả phục vụ người dân và doanh nghiệp về lĩnh vực Giáo dục - Đào tạo”"

# Quảng Bình: 8 phòng GDĐT (abolished with the district level) and their schools.
QB_OFFICES = [
    # code suffix, locality, schools (level, place)
    ("DONGHOI", "thành phố Đồng Hới", [
        ("THCS", "Hải Đình"), ("THCS", "Đồng Phú"), ("THCS", "Nam Lý"), ("TH", "Bắc Lý"),
        ("TH", "Đồng Phú"), ("TH", "Hải Thành"), ("MN", "Đức Ninh Đông"), ("MN", "Bảo Ninh"),
    ]),
    ("BADON", "thị xã Ba Đồn", [
        ("THCS", "Quảng Thọ"), ("THCS", "Quảng Phong"), ("THCS", "Ba Đồn"), ("TH", "Quảng Long"),
        ("TH", "Quảng Thuận"), ("TH", "Quảng Phúc"), ("MN", "Quảng Hòa"), ("MN", "Quảng Văn"),
    ]),
    ("BOTRACH", "huyện Bố Trạch", [
        ("THCS", "Hoàn Lão"), ("TH", "Hoàn Lão"), ("THCS", "Đại Trạch"), ("TH", "Hòa Trạch"),
        ("THCS", "Hưng Trạch"), ("TH", "Phúc Trạch"), ("MN", "Sơn Trạch"), ("MN", "Thanh Trạch"),
    ]),
    ("QUANGNINH", "huyện Quảng Ninh", [
        ("THCS", "Quán Hàu"), ("TH", "Võ Ninh"), ("THCS", "Hàm Ninh"), ("TH", "Gia Ninh"),
        ("THCS", "An Ninh"), ("TH", "Vạn Ninh"), ("MN", "Hiền Ninh"), ("MN", "Lương Ninh"),
    ]),
    ("LETHUY", "huyện Lệ Thủy", [
        ("THCS", "Kiến Giang"), ("TH", "Phong Thủy"), ("THCS", "Sơn Thủy"), ("TH", "Cam Thủy"),
        ("THCS", "Ngư Thủy"), ("TH", "Hưng Thủy"), ("MN", "Mỹ Thủy"), ("MN", "Sen Thủy"),
    ]),
    ("QUANGTRACH", "huyện Quảng Trạch", [
        ("THCS", "Quảng Phương"), ("TH", "Quảng Hưng"), ("THCS", "Quảng Xuân"), ("TH", "Quảng Đông"),
        ("THCS", "Quảng Tùng"), ("TH", "Quảng Châu"), ("MN", "Quảng Hợp"), ("MN", "Quảng Kim"),
    ]),
    ("TUYENHOA", "huyện Tuyên Hóa", [
        ("THCS", "Đồng Lê"), ("TH", "Thanh Thạch"), ("THCS", "Tiến Hóa"), ("TH", "Châu Hóa"),
        ("TH-THCS", "Mai Hóa"), ("TH", "Sơn Hóa"), ("MN", "Văn Hóa"), ("MN", "Đức Hóa"),
    ]),
    ("MINHHOA", "huyện Minh Hóa", [
        ("THCS", "Quy Đạt"), ("TH-THCS", "Dân Hóa"), ("TH-THCS", "Trọng Hóa"), ("TH", "Hóa Tiến"),
        ("TH", "Hóa Sơn"), ("THCS", "Yên Hóa"), ("MN", "Xuân Hóa"), ("MN", "Trung Hóa"),
    ]),
]
QB_UPPER_SECONDARY = [  # (code suffix, name), under the Sở
    ("THPT-CHUYENVNG", "Trường THPT chuyên Võ Nguyên Giáp"),
    ("THPT-DAODUYTU", "Trường THPT Đào Duy Từ"),
    ("THPT-PHANDINHPHUNG", "Trường THPT Phan Đình Phùng"),
    ("THPT-LETHUY", "Trường THPT Lệ Thủy"),
    ("THPT-SO1BOTRACH", "Trường THPT Số 1 Bố Trạch"),
    ("THPT-LUONGTHEVINH", "Trường THPT Lương Thế Vinh"),
]

HAI_DINH = "QB.DONGHOI.THCS-HAIDINH"
PGD_DONG_HOI = "QB.PGD-DONGHOI"
QB_LAST = "2022-Q4"  # the Quảng Bình plan is a plan for 2022: it asks for figures of 2022 only

QB_PLAN = ResolutionSpec(
    code="KH-CĐS-GDĐT-2022/QB",
    kind=ResolutionKind.PLAN,
    title="Kế hoạch xây dựng Chuyển đổi số ngành Giáo dục năm 2022",
    issuer="Sở Giáo dục và Đào tạo Quảng Bình",
    owner="QB.SGDDT",
    issued_on=None,
    start_year=2022,
    end_year=2022,
    vision_year=None,
    note=f"Nguồn: {SRC_001}. Bài viết không nêu số, ngày ban hành kế hoạch; "
    "“KH-CĐS-GDĐT-2022/QB” là mã do hệ thống đặt.",
)


_SO, _PHONG, _TRUONG = DEPARTMENT, DISTRICT_OFFICE, SCHOOL
_EDU = [_SO, _PHONG, _TRUONG]

QB_INDICATORS = [
    IndicatorSpec(
        "VB-DIENTU", "Tỷ lệ văn bản trao đổi dưới dạng điện tử", "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW, _EDU,
        "Số văn bản trao đổi hoàn toàn dưới dạng điện tử hoặc điện tử song song với văn bản giấy",
        "Tổng số văn bản trao đổi (trừ văn bản thuộc phạm vi bí mật Nhà nước)",
        description="Văn bản trao đổi giữa các đơn vị nội bộ ngành, cơ quan quản lý giáo dục, các cơ sở giáo dục "
        "với các cơ quan, đơn vị ngoài ngành.",
        targets=((None, Operator.GTE, 96, 2022,
                  "tỷ lệ văn bản trao đổi ... hoàn toàn dưới dạng điện tử và dưới dạng điện tử song song với văn bản "
                  "giấy đạt 96% (trừ văn bản thuộc phạm vi bí mật Nhà nước)"),),
        sim={_SO: Sim(250, 450, .90, .99), _PHONG: Sim(120, 260, .80, .97), _TRUONG: Sim(25, 90, .70, .95)},
    ),
    IndicatorSpec(
        "HSCV-MANG", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "chinh_quyen_so", Measure.PERCENT,
        Temporal.FLOW, _EDU,
        "Số hồ sơ công việc được xử lý trên môi trường mạng", "Tổng số hồ sơ công việc",
        targets=(
            (_SO, Operator.GT, 95, 2022, "trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở"),
            (_PHONG, Operator.GT, 75, 2022, "trên 75% tỷ lệ hồ sơ công việc tại các phòng GDĐT"),
            (_TRUONG, Operator.GTE, 52, 2022,
             "52% tỷ lệ hồ sơ công việc tại các cơ sở giáo dục trong tỉnh được xử lý trên môi trường mạng"),
        ),
        sim={_SO: Sim(180, 320, .91, .99), _PHONG: Sim(90, 200, .66, .92), _TRUONG: Sim(15, 60, .38, .75)},
    ),
    IndicatorSpec(
        "BC-HETHONG", "Tỷ lệ chế độ báo cáo được thực hiện trên hệ thống thông tin báo cáo", "chinh_quyen_so",
        Measure.PERCENT, Temporal.STOCK, _EDU,
        "Số chế độ báo cáo, chỉ tiêu tổng hợp thực hiện trên hệ thống thông tin báo cáo của tỉnh/bộ và Sở GDĐT",
        "Tổng số chế độ báo cáo định kỳ, báo cáo thống kê phải thực hiện",
        targets=((None, Operator.GT, 80, 2022,
                  "trên 80% chế độ báo cáo, chỉ tiêu tổng hợp báo cáo định kỳ và báo cáo thống kê về kinh tế - xã hội "
                  "... được thực hiện trên hệ thống thông tin báo cáo của tỉnh/bộ và Sở GDĐT"),),
        sim={_SO: Sim(18, 24, .70, .95), _PHONG: Sim(10, 14, .60, .92), _TRUONG: Sim(6, 10, .50, .90)},
    ),
    IndicatorSpec(
        "CSDL-KETNOI", "Tỷ lệ cơ sở dữ liệu quan trọng của ngành được kết nối, chia sẻ", "du_lieu_so",
        Measure.PERCENT, Temporal.STOCK, [_SO],
        "Số cơ sở dữ liệu quan trọng của ngành được kết nối, chia sẻ", "Tổng số cơ sở dữ liệu quan trọng của ngành",
        targets=((None, Operator.GT, 50, 2022,
                  "trên 50% cơ sở dữ liệu tạo nền tảng phát triển chính quyền số, chuyển đổi số quan trọng của ngành "
                  "được kết nối, chia sẻ"),),
        sim={_SO: Sim(8, 12, .38, .80)},
    ),
    IndicatorSpec(
        "KT-MOITRUONGSO", "Tỷ lệ hoạt động kiểm tra thực hiện thông qua môi trường số", "chinh_quyen_so",
        Measure.PERCENT, Temporal.FLOW, [_SO, _PHONG],
        "Số cuộc kiểm tra thực hiện thông qua môi trường số và hệ thống thông tin", "Tổng số cuộc kiểm tra",
        targets=((None, Operator.GT, 30, 2022,
                  "trên 30% hoạt động kiểm tra của cơ quan, đơn vị quản lí giáo dục được thực hiện thông qua môi "
                  "trường số và hệ thống thông tin của cơ quan, đơn vị quản lý"),),
        sim={_SO: Sim(4, 12, .20, .55), _PHONG: Sim(0, 6, .10, .45)},
    ),
    IndicatorSpec(
        "DVCTT-CONGQG", "Tỷ lệ dịch vụ công trực tuyến mức độ 3, 4 được tích hợp lên Cổng Dịch vụ công Quốc gia",
        "chinh_quyen_so", Measure.PERCENT, Temporal.STOCK, [_SO],
        "Số dịch vụ công trực tuyến mức độ 3, 4 được tích hợp lên Cổng Dịch vụ công Quốc gia",
        "Tổng số dịch vụ công trực tuyến mức độ 3, 4 phổ biến, liên quan tới người dân, doanh nghiệp",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% tỷ lệ dịch vụ công trực tuyến mức độ 3, 4 phổ biến, liên quan tới người dân, doanh nghiệp trên "
                  "Cổng Dịch vụ công của tỉnh được tích hợp lên Cổng Dịch vụ công Quốc gia"),),
        sim={_SO: Sim(28, 34, .80, 1.0)},
    ),
    IndicatorSpec(
        "HAILONG", "Tỷ lệ người dân, doanh nghiệp hài lòng về giải quyết thủ tục hành chính, cung cấp dịch vụ công",
        "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW, [_SO, _PHONG],
        "Số lượt đánh giá hài lòng trên Cổng Dịch vụ công", "Tổng số lượt đánh giá trên Cổng Dịch vụ công",
        targets=(
            (_SO, Operator.GT, 85, 2022, "đạt trên 85% đối với cấp Sở"),
            (_PHONG, Operator.GT, 80, 2022, "trên 80% đối với cấp phòng GDĐT"),
        ),
        sim={_SO: Sim(120, 400, .84, .95), _PHONG: Sim(20, 90, .76, .92)},
    ),
    IndicatorSpec(
        "GD-XACTHUC", "Tỷ lệ giao dịch trên Cổng dịch vụ công và Hệ thống một cửa điện tử được xác thực điện tử",
        "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW, [_SO, _PHONG],
        "Số giao dịch được xác thực điện tử",
        "Tổng số giao dịch trên Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử của tỉnh",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% tỷ lệ giao dịch trên Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử của tỉnh được "
                  "xác thực điện tử"),),
        sim={_SO: Sim(150, 450, .86, 1.0), _PHONG: Sim(30, 120, .80, 1.0)},
    ),
    IndicatorSpec(
        "ATTT-PHOBIEN", "Tỷ lệ cán bộ, công chức, viên chức, người lao động được phổ biến về an toàn thông tin",
        "an_toan_thong_tin_mang", Measure.PERCENT, Temporal.STOCK, _EDU,
        "Số CBCCVC, người lao động được phổ biến, quán triệt về trách nhiệm và kỹ năng bảo đảm an toàn thông tin",
        "Tổng số CBCCVC và người lao động",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% cán bộ, công chức, viên chức và người lao động trong toàn ngành được phổ biến, quán triệt "
                  "thường xuyên về trách nhiệm và kỹ năng cơ bản bảo đảm an toàn thông tin"),),
        sim={_SO: Sim(90, 110, .75, 1.0), _PHONG: Sim(12, 22, .70, 1.0), _TRUONG: Sim(25, 70, .55, 1.0)},
    ),
    IndicatorSpec(
        "ATTT-DAOTAO", "Tỷ lệ cán bộ phụ trách CNTT được đào tạo, bồi dưỡng về an toàn thông tin",
        "an_toan_thong_tin_mang", Measure.PERCENT, Temporal.STOCK, _EDU,
        "Số cán bộ phụ trách CNTT được đào tạo, bồi dưỡng về an toàn thông tin", "Tổng số cán bộ phụ trách CNTT",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% cán bộ phụ trách CNTT của các đơn vị, cơ sở giáo dục được đào tạo, bồi dưỡng về an toàn "
                  "thông tin"),),
        sim={_SO: Sim(4, 6, .60, 1.0), _PHONG: Sim(1, 3, .40, 1.0), _TRUONG: Sim(1, 2, .30, .95)},
    ),
    IndicatorSpec(
        "KDTM-TRUONG", "Trường học sử dụng phương thức thanh toán không dùng tiền mặt", "kinh_te_so", Measure.BOOLEAN,
        Temporal.STOCK, [_TRUONG],
        "Đã lắp đặt, sử dụng phương thức thanh toán không dùng tiền mặt để thanh toán học phí và các giao dịch khác",
        unit_label="",
        description="Mỗi trường trả lời Có/Không; tỷ lệ = số trường trả lời Có / số trường phải báo cáo.",
        targets=((None, Operator.GTE, 50, 2022,
                  "50% trường học, cơ sở giáo dục trên địa bàn tỉnh lắp đặt, sử dụng các phương thức thanh toán không "
                  "dùng tiền mặt để thanh toán học phí và các giao dịch khác"),),
        sim={_TRUONG: Sim(0, 0, .25, .80)},
    ),
    IndicatorSpec(
        "KDTM-GIATRI", "Tỷ lệ giá trị giao dịch thanh toán không dùng tiền mặt trong trường học", "kinh_te_so",
        Measure.PERCENT, Temporal.FLOW, [_TRUONG],
        "Giá trị giao dịch thanh toán không dùng tiền mặt (triệu đồng)", "Tổng giá trị các giao dịch thu, thanh toán (triệu đồng)",
        description="Kế hoạch ghi “số lượng và giá trị giao dịch ... đạt 50%”; hệ thống theo dõi theo giá trị.",
        targets=((None, Operator.GTE, 50, 2022,
                  "số lượng và giá trị giao dịch thanh toán không dùng tiền mặt trong các trường học, cơ sở giáo dục "
                  "đạt 50%"),),
        sim={_TRUONG: Sim(80, 900, .20, .65)},
    ),
    IndicatorSpec(
        "TO-CDS", "Đơn vị đã thành lập Tổ Chỉ đạo Chuyển đổi số", "nhan_thuc_so", Measure.BOOLEAN, Temporal.STOCK, _EDU,
        "Đã thành lập Tổ Chỉ đạo Chuyển đổi số do người đứng đầu đơn vị làm Tổ trưởng", unit_label="",
        description="Mỗi đơn vị trả lời Có/Không; tỷ lệ = số đơn vị trả lời Có / số đơn vị phải báo cáo.",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% các đơn vị, cơ sở giáo dục trong toàn ngành thành lập Tổ Chỉ đạo Chuyển đổi số do người đứng "
                  "đầu đơn vị, cơ sở giáo dục làm Tổ trưởng"),),
        sim={_SO: Sim(0, 0, 1.0, 1.0), _PHONG: Sim(0, 0, .75, 1.0), _TRUONG: Sim(0, 0, .45, 1.05)},
    ),
]


def load(loader):
    """The plan, its indicators and the seed's targets."""
    loader.load_resolution(QB_PLAN, QB_INDICATORS)


def add_values(loader, cells):
    """Illustrative quarterly series of 2022 for Quảng Bình's units."""
    loader.add_series(cells, QB_PLAN.code, QB_INDICATORS, ("QB",), QB_LAST)
