"""Seed 002 (Sóc Trăng): Nghị quyết 07-NQ/TU of 27/10/2021 and the figures of Báo Sóc Trăng,
24/12/2023, recorded in 2023-Q4: 11 phòng GDĐT and 479 schools on fibre; the Sở GDĐT's computers
325/629/342 (management) and 1.937/3.296/1.566 (teaching); Sở LĐTBXH: 116 of 15.828 unemployment
dossiers online, 8.339/9.189 merit records, 241.715/296.117 children, 41.322 of 43.882 protected
persons with an ID. The seed states no target, and none is invented."""

import datetime as dt

from indicators.models import Measure, Temporal
from resolutions.models import ResolutionKind

from .common import DEPARTMENT, DISTRICT_OFFICE, SCHOOL, IndicatorSpec, ResolutionSpec

SRC_002 = "Báo Sóc Trăng, 24/12/2023, bài “Nhiều lĩnh vực đẩy mạnh chuyển đổi số”"

# Sóc Trăng: the seed's 11 phòng GDĐT and 479 schools on fibre. 31 schools
# under the Sở (THPT level), 448 under the phòng; names are formed from the
# communes of each locality (the seed gives no school names).
ST_UPPER_SECONDARY = [
    "Trường THPT chuyên Nguyễn Thị Minh Khai", "Trường Phổ thông Dân tộc nội trú tỉnh Sóc Trăng",
    "Trường THPT Hoàng Diệu", "Trường THPT Lê Lợi", "Trường THPT Phan Văn Hùng", "Trường THPT Mai Thanh Thế",
    "Trường THPT Thiều Văn Chỏi", "Trường THPT Huỳnh Hữu Nghĩa", "Trường THPT Lịch Hội Thượng",
    "Trường THPT Văn Ngọc Chính", "Trường THPT Đoàn Văn Tố", "Trường THPT An Lạc Thôn", "Trường THPT Phú Tâm",
    "Trường THPT Thuận Hòa", "Trường THPT Mỹ Hương", "Trường THPT Lương Định Của", "Trường THPT Trần Văn Bảy",
    "Trường THPT Ngã Năm", "Trường THPT Vĩnh Hải", "Trường THPT An Ninh", "Trường THPT Hòa Tú",
    "Trường THPT Ngọc Tố", "Trường THPT Đại Ngãi", "Trường THPT Thạnh Tân", "Trường THPT Mỹ Xuyên",
    "Trường THPT Kế Sách", "Trường THPT Cù Lao Dung", "Trường THPT Trần Đề", "Trường THPT Long Phú",
    "Trường THPT Lai Hòa", "Trường THPT Vĩnh Châu",
]
ST_OFFICES = [
    # code suffix, locality, number of schools, communes
    ("TPSOCTRANG", "thành phố Sóc Trăng", 40, [f"Phường {i}" for i in range(1, 11)]),
    ("CHAUTHANH", "huyện Châu Thành", 38, ["Thuận Hòa", "Hồ Đắc Kiện", "Phú Tâm", "An Hiệp", "An Ninh",
                                          "Phú Tân", "Thiện Mỹ", "Châu Thành"]),
    ("KESACH", "huyện Kế Sách", 50, ["Kế Sách", "An Lạc Thôn", "An Lạc Tây", "Ba Trinh", "Đại Hải", "Kế An",
                                    "Kế Thành", "Nhơn Mỹ", "Phong Nẫm", "Thới An Hội", "Trinh Phú",
                                    "Xuân Hòa", "An Mỹ"]),
    ("MYTU", "huyện Mỹ Tú", 40, ["Huỳnh Hữu Nghĩa", "Long Hưng", "Hưng Phú", "Mỹ Hương", "Mỹ Tú",
                                "Mỹ Phước", "Thuận Hưng", "Mỹ Thuận", "Phú Mỹ"]),
    ("CULAODUNG", "huyện Cù Lao Dung", 30, ["Cù Lao Dung", "An Thạnh 1", "An Thạnh 2", "An Thạnh 3",
                                           "An Thạnh Tây", "An Thạnh Đông", "An Thạnh Nam", "Đại Ân 1"]),
    ("LONGPHU", "huyện Long Phú", 42, ["Long Phú", "Đại Ngãi", "Song Phụng", "Long Đức", "Châu Khánh",
                                      "Phú Hữu", "Tân Hưng", "Hậu Thạnh", "Trường Khánh", "Tân Thạnh"]),
    ("MYXUYEN", "huyện Mỹ Xuyên", 45, ["Mỹ Xuyên", "Đại Tâm", "Tham Đôn", "Thạnh Phú", "Ngọc Đông",
                                      "Thạnh Quới", "Hòa Tú 1", "Hòa Tú 2", "Gia Hòa 1", "Gia Hòa 2", "Ngọc Tố"]),
    ("NGANAM", "thị xã Ngã Năm", 32, ["Phường 1", "Phường 2", "Phường 3", "Mỹ Quới", "Tân Long", "Long Bình",
                                      "Mỹ Bình", "Vĩnh Quới"]),
    ("THANHTRI", "huyện Thạnh Trị", 40, ["Phú Lộc", "Hưng Lợi", "Lâm Tân", "Thạnh Tân", "Lâm Kiết",
                                        "Tuân Tức", "Vĩnh Thành", "Thạnh Trị", "Vĩnh Lợi", "Châu Hưng"]),
    ("VINHCHAU", "thị xã Vĩnh Châu", 45, ["Phường 1", "Phường 2", "Vĩnh Phước", "Vĩnh Hiệp", "Lai Hòa",
                                         "Vĩnh Tân", "Vĩnh Hải", "Lạc Hòa", "Hòa Đông"]),
    ("TRANDE", "huyện Trần Đề", 46, ["Trần Đề", "Lịch Hội Thượng", "Đại Ân 2", "Liêu Tú", "Trung Bình",
                                    "Tài Văn", "Viên An", "Viên Bình", "Thạnh Thới An", "Thạnh Thới Thuận"]),
]
# Round-robin over the communes: first a kindergarten, a primary and a lower-secondary school
# in each commune, then further primary schools (B, C) and kindergartens.
ST_SCHOOL_FORMS = [("MN", "{c}"), ("TH", "{c} A"), ("THCS", "{c}"), ("TH", "{c} B"), ("MG", "{c}"), ("TH", "{c} C")]

NQ_07 = ResolutionSpec(
    code="07-NQ/TU",
    kind=ResolutionKind.RESOLUTION,
    title="Về chuyển đổi số tỉnh Sóc Trăng đến năm 2025, định hướng đến năm 2030",
    issuer="Ban Chấp hành Đảng bộ tỉnh Sóc Trăng khóa XIV",
    owner="ST",
    issued_on=dt.date(2021, 10, 27),
    start_year=2021,
    end_year=2025,
    vision_year=2030,
    note=f"Nguồn: {SRC_002}. Số liệu ghi nhận vào kỳ Quý IV/2023; bài viết không nêu mục tiêu của Nghị quyết.",
)


_ST_SOURCE = f"Nguồn: {SRC_002}."
_COMPUTERS = [("THPT", "trung học phổ thông"), ("THCS", "trung học cơ sở"), ("TH", "tiểu học")]
NQ07_INDICATORS = [
    IndicatorSpec(
        "CAPQUANG", "Đơn vị kết nối internet cáp quang", "ha_tang_so", Measure.BOOLEAN, Temporal.STOCK,
        [DEPARTMENT, DISTRICT_OFFICE, SCHOOL], "Đơn vị đã kết nối internet cáp quang", unit_label="",
        description=f"{_ST_SOURCE} “Tại sở, 11 phòng giáo dục và đào tạo ..., 479 trường đều kết nối cáp quang "
        "internet tại đơn vị.”",
    ),
    *[
        IndicatorSpec(
            f"MT-{purpose}-{level}", f"Số máy vi tính phục vụ {label} cấp {level_name}", "ha_tang_so", Measure.COUNT,
            Temporal.STOCK, [DEPARTMENT], f"Số máy vi tính phục vụ {label} cấp {level_name}", unit_label="máy",
            description=f"{_ST_SOURCE} Số liệu toàn ngành do Sở Giáo dục và Đào tạo tổng hợp.", decimals=0,
            assigned=("ST.SGDDT",),
        )
        for purpose, label in (("QL", "quản lý"), ("GD", "giảng dạy"))
        for level, level_name in _COMPUTERS
    ],
    IndicatorSpec(
        "BHTN-TRUCTUYEN", "Tỷ lệ hồ sơ hưởng trợ cấp thất nghiệp tiếp nhận, trả kết quả trực tuyến", "chinh_quyen_so",
        Measure.PERCENT, Temporal.STOCK, [DEPARTMENT],
        "Số lượt hồ sơ “Giải quyết hưởng trợ cấp thất nghiệp” tiếp nhận, trả kết quả trên Cổng dịch vụ công Quốc gia",
        "Tổng số hồ sơ đề nghị giải quyết hưởng bảo hiểm thất nghiệp đã tiếp nhận, giải quyết",
        description=f"{_ST_SOURCE} Số lũy kế từ 01/6/2022 đến 30/11/2023, do Sở Lao động - Thương binh và Xã hội báo cáo.",
        assigned=("ST.SLDTBXH",),
    ),
    IndicatorSpec(
        "NCC-CAPNHAT", "Tỷ lệ hồ sơ người có công được cập nhật lên phần mềm quản lý", "du_lieu_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT],
        "Số hồ sơ người có công đang hưởng trợ cấp hằng tháng đã cập nhật lên phần mềm quản lý",
        "Tổng số hồ sơ người có công đang hưởng trợ cấp hằng tháng", description=_ST_SOURCE,
        assigned=("ST.SLDTBXH",),
    ),
    IndicatorSpec(
        "TREEM-CAPNHAT", "Tỷ lệ trẻ em được cập nhật dữ liệu", "du_lieu_so", Measure.PERCENT, Temporal.STOCK,
        [DEPARTMENT], "Số trẻ em đã được cập nhật dữ liệu", "Tổng số trẻ em trên địa bàn tỉnh", description=_ST_SOURCE,
        assigned=("ST.SLDTBXH",),
    ),
    IndicatorSpec(
        "BTXH-DINHDANH", "Tỷ lệ đối tượng bảo trợ xã hội có mã định danh cá nhân", "du_lieu_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT], "Số đối tượng bảo trợ xã hội hợp lệ có mã định danh cá nhân",
        "Tổng số đối tượng bảo trợ xã hội hợp lệ đã cập nhật", description=_ST_SOURCE,
        assigned=("ST.SLDTBXH",),
    ),
]

FACT_NOTE_ST = f"Nguồn: {SRC_002}."
ST_FACT_PERIOD = "2023-Q4"  # the article is dated 24/12/2023
ST_COMPUTERS = {  # seed 002
    "MT-QL-THPT": 325, "MT-QL-THCS": 629, "MT-QL-TH": 342,
    "MT-GD-THPT": 1937, "MT-GD-THCS": 3296, "MT-GD-TH": 1566,
}
ST_SOCIAL = {  # seed 002, Sở LĐTBXH: (numerator, denominator, extra note)
    "BHTN-TRUCTUYEN": (116, 15828, " Lũy kế từ 01/6/2022 đến 30/11/2023; trong đó tiếp nhận trực tiếp trên 15.700 hồ sơ."),
    "NCC-CAPNHAT": (8339, 9189, ""),
    "TREEM-CAPNHAT": (241715, 296117, ""),
    "BTXH-DINHDANH": (41322, 43882, ""),
}


def load(loader):
    """07-NQ/TU and its indicators."""
    loader.load_resolution(NQ_07, NQ07_INDICATORS)


def add_values(loader, cells):
    """The seed's figures (2023-Q4), not illustrative, each with its source."""
    period_id = loader.periods[ST_FACT_PERIOD].pk

    def put(unit_code, ind_code, num, den, note, illustrative=False):
        ind = loader.indicators[(NQ_07.code, ind_code)]
        cells[(loader.units[unit_code].pk, ind.pk, period_id)] = (num, den, note, illustrative)

    fibre_units = ["ST.SGDDT"] + [c for c in loader.units if c.startswith("ST.") and
                                   loader.units[c].kind in (DISTRICT_OFFICE, SCHOOL)]
    for code in fibre_units:
        put(code, "CAPQUANG", 1, None, FACT_NOTE_ST)
    # The seed says nothing of Sở LĐTBXH's connection; without a value the share of departments
    # on fibre would read 50%. An illustrative "yes", flagged as such.
    put("ST.SLDTBXH", "CAPQUANG", 1, None, "", illustrative=True)
    for ind_code, count in ST_COMPUTERS.items():
        put("ST.SGDDT", ind_code, count, None, FACT_NOTE_ST)
    for ind_code, (num, den, extra) in ST_SOCIAL.items():
        put("ST.SLDTBXH", ind_code, num, den, FACT_NOTE_ST + extra)
