"""Seed 004 (Quảng Trị): Quyết định 1982/QĐ-UBND of 29/7/2022 and its task groups as reported on
28/6/2024: 11/11 general, 11/21 digital government, 5/9 digital economy, 1/6 digital society deployed.
The seed gives counts only: the 47 tasks' titles, lead units, deadlines and statuses are illustrative
(the counts match the report)."""

import datetime as dt

from resolutions.models import ResolutionKind, Task, TaskStatus

from .common import ResolutionSpec, upsert

SRC_004 = "Báo Quảng Trị, cuộc họp ngày 28/6/2024 đánh giá kết quả thực hiện Quyết định 1982/QĐ-UBND và 6 tháng đầu năm 2024"

QD_1982 = ResolutionSpec(
    code="1982/QĐ-UBND",
    kind=ResolutionKind.DECISION,
    title="Về giao nhiệm vụ thực hiện chuyển đổi số tỉnh Quảng Trị",
    issuer="UBND tỉnh Quảng Trị",
    owner="QT",
    issued_on=dt.date(2022, 7, 29),
    start_year=2022,
    end_year=2025,
    vision_year=None,
    note=f"Nguồn: {SRC_004}. Bài viết không nêu trích yếu chính thức và thời hạn của Quyết định; "
    "trích yếu và giai đoạn 2022-2025 ở đây là ghi tạm. Sở Thông tin và Truyền thông là cơ quan thường trực "
    "tham mưu; tình trạng nhiệm vụ ghi theo báo cáo 6 tháng đầu năm 2024.",
)

GROUP_GENERAL = "Nhóm nhiệm vụ chung"
GROUP_GOV = "Phát triển chính quyền số"
GROUP_ECON = "Phát triển kinh tế số"
GROUP_SOC = "Phát triển xã hội số"
_D, _P, _N = TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED

# Seed 004: "11/11 nhóm nhiệm vụ chung được giao cơ bản đã triển khai thực hiện. Đã triển khai 11/21
# nhiệm vụ phát triển chính quyền số, 5/9 nhiệm vụ phát triển kinh tế số, 1/6 nhiệm vụ phát triển xã
# hội số". "Đã triển khai" = in progress or done. Titles, lead units and deadlines are plausible
# inventions: the article names none.
QD1982_TASKS = {
    GROUP_GENERAL: [
        ("nhan_thuc_so", "Tuyên truyền, nâng cao nhận thức về chuyển đổi số cho cán bộ, công chức, viên chức và người dân",
         "QT.STTTT", dt.date(2025, 12, 31), _P),
        ("nhan_thuc_so", "Kiện toàn Ban Chỉ đạo Chuyển đổi số tỉnh và Tổ giúp việc", "QT.VPUBND", dt.date(2022, 9, 30), _D),
        ("the_che_so", "Xây dựng, ban hành cơ chế, chính sách hỗ trợ, thúc đẩy chuyển đổi số của tỉnh", "QT.STTTT",
         dt.date(2023, 12, 31), _P),
        ("the_che_so", "Ban hành quy chế quản lý, vận hành, khai thác các hệ thống thông tin dùng chung của tỉnh",
         "QT.STTTT", dt.date(2023, 6, 30), _D),
        ("ha_tang_so", "Nâng cấp, mở rộng mạng truyền số liệu chuyên dùng đến cấp xã", "QT.STTTT", dt.date(2024, 12, 31), _P),
        ("ha_tang_so", "Phát triển hạ tầng băng rộng cố định và di động 4G/5G đến thôn, bản", "QT.STTTT",
         dt.date(2025, 12, 31), _P),
        ("du_lieu_so", "Xây dựng kho dữ liệu dùng chung và nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGSP)",
         "QT.STTTT", dt.date(2024, 12, 31), _P),
        ("du_lieu_so", "Xây dựng, cập nhật cơ sở dữ liệu chuyên ngành và tích hợp về kho cơ sở dữ liệu dùng chung",
         "QT.VPUBND", dt.date(2025, 12, 31), _P),
        ("nhan_luc_so", "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức", "QT.SNV", dt.date(2025, 12, 31), _P),
        ("nhan_luc_so", "Bố trí, bồi dưỡng nhân lực chuyên trách công nghệ thông tin, chuyển đổi số tại các cơ quan",
         "QT.SNV", dt.date(2024, 12, 31), _P),
        ("an_toan_thong_tin_mang", "Bảo đảm an toàn thông tin mạng theo mô hình 4 lớp cho các hệ thống thông tin của tỉnh",
         "QT.STTTT", dt.date(2023, 12, 31), _D),
    ],
    GROUP_GOV: [
        (None, "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "QT.VPUBND", dt.date(2023, 6, 30), _D),
        (None, "Cung cấp dịch vụ công trực tuyến toàn trình đối với các thủ tục hành chính đủ điều kiện", "QT.VPUBND",
         dt.date(2024, 12, 31), _P),
        (None, "Tích hợp, kết nối Cổng dịch vụ công tỉnh với Cổng Dịch vụ công Quốc gia", "QT.VPUBND",
         dt.date(2022, 12, 31), _D),
        (None, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "QT.VPUBND", dt.date(2024, 12, 31), _P),
        (None, "Triển khai hệ thống quản lý văn bản và điều hành liên thông 4 cấp", "QT.STTTT", dt.date(2023, 6, 30), _D),
        (None, "Cấp và sử dụng chữ ký số chuyên dùng cho cán bộ, công chức", "QT.STTTT", dt.date(2023, 12, 31), _D),
        (None, "Xây dựng Trung tâm Giám sát, điều hành thông minh (IOC) của tỉnh", "QT.STTTT", dt.date(2024, 12, 31), _P),
        (None, "Xây dựng Hệ thống thông tin báo cáo của tỉnh kết nối Hệ thống thông tin báo cáo Chính phủ", "QT.VPUBND",
         dt.date(2023, 12, 31), _D),
        (None, "Triển khai hệ thống họp trực tuyến đến cấp xã", "QT.STTTT", dt.date(2023, 6, 30), _D),
        (None, "Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh", "QT.SNV", dt.date(2024, 12, 31), _P),
        (None, "Triển khai phần mềm quản lý ngân sách, tài sản công", "QT.STC", dt.date(2024, 12, 31), _P),
        (None, "Xây dựng cơ sở dữ liệu ngành giáo dục của tỉnh kết nối cơ sở dữ liệu của Bộ Giáo dục và Đào tạo",
         "QT.SGDDT", dt.date(2025, 6, 30), _N),
        (None, "Triển khai hồ sơ sức khỏe điện tử và bệnh án điện tử", "QT.SYT", dt.date(2025, 12, 31), _N),
        (None, "Xây dựng cơ sở dữ liệu hộ tịch điện tử dùng chung", "QT.STP", dt.date(2025, 6, 30), _N),
        (None, "Triển khai thanh toán trực tuyến phí, lệ phí thủ tục hành chính", "QT.STC", dt.date(2024, 12, 31), _N),
        (None, "Xây dựng hệ thống thông tin quản lý thanh tra, giải quyết khiếu nại, tố cáo", "QT.VPUBND",
         dt.date(2025, 12, 31), _N),
        (None, "Triển khai nền tảng phân tích, tổng hợp dữ liệu phục vụ chỉ đạo, điều hành", "QT.STTTT",
         dt.date(2025, 12, 31), _N),
        (None, "Triển khai lưu trữ hồ sơ điện tử của các cơ quan nhà nước", "QT.SNV", dt.date(2025, 6, 30), _N),
        (None, "Số hóa tài liệu lưu trữ lịch sử của tỉnh", "QT.SNV", dt.date(2025, 12, 31), _N),
        (None, "Đánh giá mức độ hài lòng của người dân đối với dịch vụ hành chính công trên môi trường số", "QT.VPUBND",
         dt.date(2024, 12, 31), _N),
        (None, "Triển khai ứng dụng công dân số của tỉnh", "QT.STTTT", dt.date(2025, 12, 31), _N),
    ],
    GROUP_ECON: [
        (None, "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số", "QT.SCT", dt.date(2025, 12, 31), _P),
        (None, "Đưa sản phẩm nông sản, đặc sản của tỉnh lên sàn thương mại điện tử", "QT.SCT", dt.date(2024, 12, 31), _P),
        (None, "Phát triển thanh toán không dùng tiền mặt trong các dịch vụ công", "QT.STC", dt.date(2025, 12, 31), _P),
        (None, "Hỗ trợ hộ kinh doanh, hợp tác xã ứng dụng nền tảng số", "QT.SCT", dt.date(2023, 12, 31), _D),
        (None, "Phát triển du lịch thông minh: bản đồ số, thuyết minh tự động tại các điểm di tích", "QT.SVHTTDL",
         dt.date(2024, 12, 31), _P),
        (None, "Thu hút doanh nghiệp công nghệ số đầu tư vào tỉnh", "QT.SCT", dt.date(2025, 12, 31), _N),
        (None, "Phát triển doanh nghiệp cung cấp nền tảng số của tỉnh", "QT.STTTT", dt.date(2025, 12, 31), _N),
        (None, "Xây dựng khu công nghệ thông tin tập trung", "QT.STTTT", dt.date(2025, 12, 31), _N),
        (None, "Triển khai hóa đơn điện tử và truy xuất nguồn gốc sản phẩm", "QT.SCT", dt.date(2025, 6, 30), _N),
    ],
    GROUP_SOC: [
        (None, "Phổ cập kỹ năng số cho người dân thông qua Tổ công nghệ số cộng đồng", "QT.STTTT",
         dt.date(2025, 12, 31), _P),
        (None, "Phát triển học liệu số, dạy học trực tuyến trong các cơ sở giáo dục", "QT.SGDDT", dt.date(2025, 6, 30), _N),
        (None, "Mở chuyên ngành đào tạo về chuyển đổi số tại các trường cao đẳng trên địa bàn", "QT.SGDDT",
         dt.date(2025, 12, 31), _N),
        (None, "Triển khai khám, chữa bệnh từ xa", "QT.SYT", dt.date(2025, 12, 31), _N),
        (None, "Phát triển cộng đồng số, các kênh tương tác số giữa chính quyền và người dân", "QT.STTTT",
         dt.date(2025, 6, 30), _N),
        (None, "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử và sử dụng tiện ích số", "QT.STTTT",
         dt.date(2024, 12, 31), _N),
    ],
}
QD1982_GROUP_PILLAR = {GROUP_GOV: "chinh_quyen_so", GROUP_ECON: "kinh_te_so", GROUP_SOC: "xa_hoi_so"}

# What of each task the seeds do not state (flagged `Task.is_illustrative`, shown with a "minh họa" mark).
TASKS_1982_INVENTED = (
    "Nội dung, đơn vị chủ trì, thời hạn, số thứ tự và tình trạng của từng nhiệm vụ do hệ thống tạo để minh họa; "
    "bài viết nguồn chỉ nêu số nhiệm vụ đã triển khai theo nhóm (11/11 nhóm nhiệm vụ chung, 11/21 nhiệm vụ phát "
    "triển chính quyền số, 5/9 kinh tế số, 1/6 xã hội số)."
)

# The report gives counts per group only: which task is deployed is illustrative (the counts match the report).
TASK_NOTE_1982 = {
    _D: "Minh họa, khớp số liệu theo nhóm của báo cáo 6 tháng đầu năm 2024: đã triển khai, cơ bản hoàn thành.",
    _P: "Minh họa, khớp số liệu theo nhóm của báo cáo 6 tháng đầu năm 2024: đã triển khai, đang thực hiện.",
    _N: "Minh họa, khớp số liệu theo nhóm của báo cáo 6 tháng đầu năm 2024: chưa triển khai.",
}



def load(loader):
    """The decision (no indicator: the seed counts tasks) and its tasks."""
    res = loader.load_resolution(QD_1982, [])
    for group, rows in QD1982_TASKS.items():
        for number, (pillar, title, lead, deadline, status) in enumerate(rows, start=1):
            pillar = pillar or QD1982_GROUP_PILLAR[group]
            upsert(
                loader.stats,
                Task,
                {"resolution": res, "visit": None, "group": group, "number": number},
                {
                    "pillar": loader.pillars[pillar],
                    "title": title,
                    "deadline": deadline,
                    "status": status,
                    "progress_note": TASK_NOTE_1982[status],
                    "is_illustrative": True,
                    "illustrative_note": TASKS_1982_INVENTED,
                },
                on_create={"lead_unit": loader.units[lead]},
            )
