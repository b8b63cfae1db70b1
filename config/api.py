"""Shared pieces of the REST API v1: pagination, errors, permissions, fields.

Domain exceptions become HTTP answers here, once, so API views stay thin
callers of the services:

- `indicators.rules.FigureError` (bad input)          -> 400 {"<field>": ["message"]}
- `indicators.periods.PeriodCodeError`                -> 400 {"code": ["message"]}
- `indicators.services.WriteConflict` (state)         -> 409 {"detail": "…"} (+ "id" of the current value)
- `django.db.models.ProtectedError` / `IntegrityError` -> 409 {"detail": "…"}
- Django's `Http404` / `PermissionDenied` keep their Vietnamese message (DRF).
"""

import re
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import APIException
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from indicators.periods import PeriodCodeError
from indicators.rules import FigureError
from indicators.services import WriteConflict


class Pagination(PageNumberPagination):
    """{"count","next","previous","results"}; `?page_size=` up to 500."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Xung đột trạng thái dữ liệu."
    default_code = "conflict"


class AtomicWritesMixin:
    """Each write in its own savepoint: a constraint failure (-> 409) leaves the connection usable."""

    def perform_create(self, serializer):
        with transaction.atomic():
            super().perform_create(serializer)

    def perform_update(self, serializer):
        with transaction.atomic():
            super().perform_update(serializer)

    def perform_destroy(self, instance):
        with transaction.atomic():
            super().perform_destroy(instance)


class IsAdminOrReadOnly(permissions.BasePermission):
    """Reference data: any signed-in user reads, only admins (staff) write."""

    message = "Chỉ quản trị viên được thay đổi dữ liệu danh mục."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_staff


class IsAdmin(permissions.BasePermission):
    message = "Chỉ quản trị viên được truy cập."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


def decimal_text(value):
    """A Decimal as a plain string without trailing zeros: 2.0000 -> "2", 2.5000 -> "2.5"."""
    if value is None:
        return None
    d = Decimal(value).normalize()
    return format(d, "f")


@extend_schema_field(OpenApiTypes.DECIMAL)
class FigureField(serializers.Field):
    """A figure sent as a JSON number or a string, returned as a string.

    Input is passed through untouched: `indicators.rules` reads and checks it
    (one place for the rules and their Vietnamese messages).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return decimal_text(value)


# DRF's Vietnamese catalogue is incomplete: the messages clients meet most, in Vietnamese.
_VI_MESSAGES = [
    (r"^A valid integer is required\.$", "Cần một số nguyên hợp lệ."),
    (r"^A valid number is required\.$", "Cần một số hợp lệ."),
    (r"^Authentication credentials were not provided\.$",
     "Chưa đăng nhập: cần gửi thông tin xác thực (Authorization: Token …)."),
    (r"^Invalid token\.$", "Token không hợp lệ."),
    (r"^Invalid username/password\.$", "Tên đăng nhập hoặc mật khẩu không đúng."),
    (r"^User inactive or deleted\.$", "Tài khoản đã bị khóa hoặc không còn tồn tại."),
    (r"^This field may not be null\.$", "Trường này không được để trống."),
    (r"^\"(.*)\" is not a valid choice\.$", r"“\1” không phải là lựa chọn hợp lệ."),
    (r"^Invalid pk \"(.*)\" - object does not exist\.$", r"Không tìm thấy bản ghi có id “\1”."),
    (r"^Incorrect type\. Expected pk value, received (.*)\.$", r"Sai kiểu dữ liệu: cần id (số), nhận được \1."),
    (r"^Expected a list of items but got type \"(.*)\"\.$", r"Cần một danh sách, nhận được kiểu “\1”."),
    (r"^Invalid data\. Expected a dictionary, but got (.*)\.$", r"Dữ liệu không hợp lệ: cần một đối tượng JSON, nhận được \1."),
    (r"^Ensure this field has no more than (\d+) characters\.$", r"Tối đa \1 ký tự."),
    (r"^Ensure this value is greater than or equal to (.*)\.$", r"Giá trị phải từ \1 trở lên."),
    (r"^Ensure this value is less than or equal to (.*)\.$", r"Giá trị không được vượt quá \1."),
    (r"^Must be a valid boolean\.$", "Cần giá trị đúng/sai (true/false)."),
    (r"^Not a valid string\.$", "Cần một chuỗi ký tự."),
    (r"^Enter a valid date\.$", "Ngày không hợp lệ."),
    (r"^Request was throttled\. Expected available in (\d+) seconds?\.$", r"Quá nhiều yêu cầu; thử lại sau \1 giây."),
    (r"^Request was throttled\.$", "Quá nhiều yêu cầu; vui lòng thử lại sau."),
    (r"^JSON parse error - (.*)$", r"Lỗi cú pháp JSON: \1"),
    (r"^Unsupported media type \"(.*)\" in request\.$", r"Kiểu dữ liệu “\1” không được hỗ trợ."),
    (r"^(.*) with this (.*) already exists\.$", r"Đã có \1 với \2 này."),
    (r"^The fields (.*) must make a unique set\.$", r"Các trường \1 phải là duy nhất."),
]
_VI_COMPILED = [(re.compile(p), r) for p, r in _VI_MESSAGES]


def vietnamese_messages(data):
    if isinstance(data, list):
        return [vietnamese_messages(x) for x in data]
    if isinstance(data, dict):
        return {k: vietnamese_messages(v) for k, v in data.items()}
    if isinstance(data, str):
        for pattern, replacement in _VI_COMPILED:
            if pattern.match(data):
                return pattern.sub(replacement, data)
    return data


def exception_handler(exc, context):
    response = _handle(exc, context)
    if response is not None and response.status_code >= 400:
        response.data = vietnamese_messages(response.data)
    return response


def _handle(exc, context):
    if isinstance(exc, FigureError):
        set_rollback()
        return Response({exc.field: [exc.message]}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PeriodCodeError):
        set_rollback()
        return Response({"code": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, WriteConflict):
        set_rollback()
        body = {"detail": exc.message}
        if exc.current is not None:
            body["id"] = exc.current.pk
            body["version"] = getattr(exc.current, "version", None)
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ProtectedError):
        set_rollback()
        return Response(
            {"detail": "Không thể xóa vì còn dữ liệu khác tham chiếu đến bản ghi này."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        set_rollback()
        return Response(
            {"detail": "Dữ liệu trùng hoặc vi phạm ràng buộc toàn vẹn; không có gì được lưu."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
