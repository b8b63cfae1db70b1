"""Seed 003 (Ninh Thuận, 8/11/2019): the inspection of the use of IT and e-government by the UBND
tỉnh at UBND huyện Bác Ái and Sở GDĐT, its findings (TD.Office at 25 affiliated units, ...) and its
conclusions as follow-up tasks. No resolution: the inspection predates 09-NQ/TU."""

import datetime as dt
from decimal import Decimal

from resolutions.models import FindingKind, Supervision, SupervisionKind, TaskStatus

from .common import upsert

_D, _P, _N = TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED

SRC_003 = "bài “Kiểm tra tình hình ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử” (ngày 8/11/2019)"

# Seed 003 gives no decision number for the 2019 inspection: the reference says what it is.
INSPECTION_2019 = {
    "decision_ref": "Đoàn kiểm tra UBND tỉnh (2019)",
    "decision_date": None,
    "title": "Kiểm tra tình hình ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử năm 2019",
    "kind": SupervisionKind.INSPECTION,
    "issuer": "UBND tỉnh Ninh Thuận",
    "chair": "Đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh",
    "members": "",  # the article names only "đoàn công tác của UBND tỉnh"
}
# The article does not number the conclusions: they are numbered here in the order written.
# Statuses and progress notes are illustrative.
VISITS_2019 = [
    {
        "unit": "NT.UBND-BACAI",
        "date": dt.date(2019, 11, 8),
        "summary": "Ngày 8/11/2019, đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh cùng đoàn công tác "
        "của UBND tỉnh kiểm tra tình hình ứng dụng CNTT, xây dựng chính quyền điện tử tại UBND huyện Bác Ái. Năm "
        "2019 việc triển khai có nhiều chuyển biến tích cực; UBND huyện kiến nghị UBND tỉnh tiếp tục bố trí kinh phí "
        "hằng năm để mua sắm máy vi tính, thiết bị hạ tầng CNTT và tập huấn, đào tạo phổ cập kỹ năng sử dụng CNTT "
        "cho cán bộ, công chức trên địa bàn huyện."
        f"\nNguồn: {SRC_003}.",
        "findings": [
            (FindingKind.STRENGTH, "Việc chuyển tải công văn qua hộp thư điện tử được thường xuyên, ổn định", None),
            (FindingKind.STRENGTH, "Trang thông tin điện tử của huyện hoạt động hiệu quả, góp phần quảng bá, giới thiệu "
             "thông tin kinh tế và tiềm năng đầu tư phát triển của địa phương", None),
            (FindingKind.STRENGTH, "Việc kết nối thông tin qua hệ thống CNTT từ huyện đến xã được thông suốt, đường công "
             "văn đến và đi đều triển khai qua hộp thư điện tử, góp phần nâng cao hiệu quả, tiết kiệm chi phí văn "
             "phòng phẩm", None),
            (FindingKind.STRENGTH, "Đầu tư trang thiết bị, hạ tầng CNTT; triển khai hộp thư điện tử từ cấp huyện đến "
             "cấp xã", None),
            (FindingKind.LIMITATION, "Nguồn nhân lực CNTT vẫn còn thiếu, chưa có cơ chế, chính sách thu hút, đào tạo "
             "nguồn CNTT phục vụ địa phương", None),
            (FindingKind.LIMITATION, "Một số địa phương còn hạn chế trong việc khai thác, sử dụng phần mềm TD.Office để "
             "xử lý công việc", None),
            (FindingKind.LIMITATION, "Hệ thống “một cửa hiện đại” tại UBND huyện hiệu quả khai thác sử dụng chưa cao",
             None),
            (FindingKind.LIMITATION, "Nhận thức về vai trò, vị trí của ứng dụng CNTT trong một bộ phận cán bộ, công chức "
             "còn hạn chế; nguồn nhân lực cho CNTT còn thiếu và yếu; việc ứng dụng CNTT chưa nhận được sự quan tâm "
             "trong các tầng lớp nhân dân, doanh nghiệp", None),
        ],
        "recommendations": [
            (1, "nhan_thuc_so", "Nâng cao nhận thức trong cán bộ, công chức về vai trò, vị trí của ứng dụng CNTT trong "
             "thực thi công vụ, nhất là trách nhiệm người đứng đầu các cơ quan, đơn vị, góp phần thực hiện tốt nhiệm "
             "vụ cải cách hành chính của địa phương", "NT.UBND-BACAI", dt.date(2020, 6, 30), _D),
            (2, "chinh_quyen_so", "Lựa chọn những công việc trọng tâm về ứng dụng CNTT để tập trung thực hiện hiệu quả",
             "NT.UBND-BACAI", dt.date(2020, 6, 30), _D),
            (3, "nhan_luc_so", "Sở Thông tin và Truyền thông tiếp tục quan tâm, hỗ trợ huyện Bác Ái triển khai ứng dụng "
             "CNTT, nhất là tăng cường tập huấn, bồi dưỡng cho cán bộ CNTT cũng như cán bộ, công chức, viên chức trên "
             "địa bàn huyện", "NT.STTTT", dt.date(2020, 12, 31), _D),
            (4, "chinh_quyen_so", "Cải thiện, củng cố và nâng cao chất lượng Trang thông tin điện tử của huyện",
             "NT.UBND-BACAI", dt.date(2020, 3, 31), _D),
            (5, "chinh_quyen_so", "Tăng cường kiểm tra việc ứng dụng CNTT tại các cơ quan, đơn vị và các địa phương để "
             "đẩy mạnh ứng dụng CNTT trên địa bàn", "NT.UBND-BACAI", dt.date(2020, 12, 31), _P),
        ],
    },
    {
        "unit": "NT.SGDDT",
        "date": dt.date(2019, 11, 8),
        "summary": "Chiều ngày 8/11/2019, đoàn công tác của UBND tỉnh do đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ "
        "tịch UBND tỉnh dẫn đầu kiểm tra tình hình ứng dụng CNTT, xây dựng chính quyền điện tử tại Sở Giáo dục và "
        "Đào tạo. Đồng chí ghi nhận những cố gắng, nỗ lực của ngành trong việc ứng dụng CNTT thời gian qua."
        f"\nNguồn: {SRC_003}.",
        "findings": [
            (FindingKind.STRENGTH, "CNTT được ứng dụng rộng rãi trong soạn giáo án, thực hiện bài giảng, khai thác dữ "
             "liệu, đánh giá, học tập của học sinh và quản lý giáo dục; rút ngắn khoảng cách trong giáo dục giữa các "
             "vùng miền", None),
            (FindingKind.STRENGTH, "Đã trang bị nhiều phần mềm quản lý cán bộ, quản lý học sinh, quản lý tài chính, "
             "giảng dạy, thiết bị", None),
            (FindingKind.STRENGTH, "Cơ quan Sở khai thác phần mềm Văn phòng điện tử TD-Office chung với các cơ quan, đơn "
             "vị cấp tỉnh và triển khai đến 25 đơn vị trực thuộc", Decimal(25)),
            (FindingKind.LIMITATION, "Cơ sở vật chất chưa đáp ứng yêu cầu, thiếu thiết bị", None),
            (FindingKind.LIMITATION, "Nguồn nhân lực đáp ứng yêu cầu quản lý các phần mềm còn thiếu", None),
            (FindingKind.LIMITATION, "Quá trình triển khai ứng dụng CNTT trong toàn ngành trong năm học vừa qua còn chậm",
             None),
        ],
        "recommendations": [
            (1, "nhan_thuc_so", "Nâng cao nhận thức về vai trò, vị trí của việc ứng dụng CNTT, xem đây là nhiệm vụ trọng "
             "tâm, thường xuyên, đặc biệt là nâng cao vai trò, trách nhiệm của người đứng đầu", "NT.SGDDT",
             dt.date(2020, 6, 30), _D),
            (2, "the_che_so", "Ban hành văn bản, kế hoạch cụ thể về ứng dụng CNTT trong toàn ngành để tạo ra sự chuyển "
             "biến tích cực trong việc ứng dụng CNTT", "NT.SGDDT", dt.date(2020, 3, 31), _D),
            (3, "chinh_quyen_so", "Tiếp tục rà soát các khâu ứng dụng CNTT, lựa chọn những khâu, lĩnh vực trọng tâm, "
             "đột phá để cải thiện", "NT.SGDDT", dt.date(2020, 12, 31), _D),
            (4, "chinh_quyen_so", "Đẩy mạnh việc khai thác, sử dụng hiệu quả Cổng thông tin điện tử của Sở GD&ĐT đáp "
             "ứng tốt nhu cầu khai thác thông tin phục vụ cho nhiệm vụ chính trị của ngành", "NT.SGDDT",
             dt.date(2020, 6, 30), _P),
        ],
    },
]

RECS_2019_INVENTED = (
    "Nội dung theo kết luận buổi kiểm tra (bài viết nguồn); số thứ tự do hệ thống đánh theo thứ tự trong bài; "
    "thời hạn, tình trạng và tiến độ do hệ thống tạo để minh họa."
)


def load(loader):
    """The inspection, its two visits, their findings and conclusions."""
    data = dict(INSPECTION_2019)
    sup = upsert(loader.stats, Supervision, {"decision_ref": data.pop("decision_ref")}, {**data, "resolution": None})
    for visit in VISITS_2019:
        loader.load_visit(sup, visit, invented=RECS_2019_INVENTED)
