"""The words the page's own scripts show (static/js), translated here and handed over as JSON.

`{% ui_text %}` writes <script type="application/json" id="ui-text">; static/js/base.js reads it.
"""

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


def texts():
    """{key: text} of every sentence a script shows."""
    return {
        "required": _("Vui lòng nhập thông tin vào ô này."),
        "required_select": _("Vui lòng chọn một mục trong danh sách."),
        "required_file": _("Vui lòng chọn tệp."),
        "required_check": _("Vui lòng đánh dấu ô này nếu muốn tiếp tục."),
        "type_mismatch": _("Giá trị chưa đúng định dạng."),
        "too_long": _("Nội dung quá dài."),
        "invalid": _("Giá trị chưa hợp lệ."),
        "choose_file": _("Chọn tệp"),
        "no_file": _("Chưa chọn tệp"),
        "files_chosen": _("tệp đã chọn"),
        "saved_at": _("Đã lưu lúc"),
        "saving": _("Đang lưu…"),
        "not_saved": _("Chưa lưu được (mất kết nối?): số bạn gõ vẫn được giữ trên máy này và sẽ lưu lại."),
        "restored": _("Đã khôi phục số liệu gõ dở lần trước."),
        "cells_with_errors": _("ô có lỗi: sửa trước khi gửi báo cáo"),
        "fix_before_submit": _("Chưa gửi được: còn ô số liệu có lỗi (tô đỏ). Các ô đúng đã được lưu."),
        "changed_by_other": _("Số liệu vừa được người khác sửa; số hiện tại:"),
        "use_current": _("Dùng số hiện tại"),
        "keep_mine": _("Giữ số của tôi (ghi đè)"),
        "no_results": _("Không tìm thấy đơn vị nào."),
        "type_to_search": _("Gõ ít nhất 2 ký tự của tên hoặc mã đơn vị"),
        "results": _("kết quả"),
        "search_unit": _("Tìm đơn vị theo tên hoặc mã"),
        "pick_date": _("Chọn ngày"),
        "month": _("Tháng"),
        "prev_month": _("Tháng trước"),
        "next_month": _("Tháng sau"),
        "weekdays": _("T2,T3,T4,T5,T6,T7,CN"),
        "close": _("Đóng"),
        "bad_date": _("Ngày chưa đúng: nhập theo dạng ngày/tháng/năm, ví dụ 12/09/2023."),
        "scroll_hint": _("Bảng rộng hơn màn hình: vuốt ngang để xem các cột bên phải →"),
    }


@register.simple_tag
def ui_text():
    return json_script(texts(), "ui-text")
