"""Shared pieces of the REST API v1: pagination, errors, permissions, fields.

Domain exceptions become HTTP answers here, once, so API views stay thin
callers of the services. The apps register theirs (`register_error`, in
their AppConfig.ready), so this module imports none of them:

- `indicators.rules.FigureError` (bad input)          -> 400 {"<field>": ["message"]}
- `indicators.periods.PeriodCodeError`                -> 400 {"code": ["message"]}
- `indicators.services.WriteConflict` (state)         -> 409 {"detail": "…"} (+ "id" of the current value)
- `django.db.models.ProtectedError` / `IntegrityError` -> 409 {"detail": "…"}
- Django's `Http404` / `PermissionDenied` keep their Vietnamese message (DRF).
"""

import re
from decimal import Decimal

import django_filters
from django import forms
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

_ERRORS = []  # [(exception class, exc -> (body, status))], registered by the apps


def register_error(exc_class, answer):
    """Answer `exc_class` raised in an API view with `answer(exc) -> (body, HTTP status)`, rolling back."""
    if exc_class not in [c for c, _ in _ERRORS]:
        _ERRORS.append((exc_class, answer))


class Pagination(PageNumberPagination):
    """{"count","next","previous","results"}; `?page_size=` up to 500."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class IdFilter(django_filters.NumberFilter):
    """A filter on an id (or a year): a whole number the database can hold, else 400 in Vietnamese.

    django-filter's NumberFilter reads a Decimal: "1e16" or 99999999999999999999 reached the query (and
    SQLite, or a 64-bit column, overflowed into a server error).
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2 ** 63 - 1)
        kwargs.setdefault("error_messages", {
            "invalid": _("Cần một số nguyên."),
            "min_value": _("Giá trị phải từ %(limit_value)s trở lên."),
            "max_value": _("Giá trị không được vượt quá %(limit_value)s."),
        })
        super().__init__(*args, **kwargs)


NOT_FOUND = _("Không tìm thấy bản ghi.")


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """An id in a request body that must name an object the caller may use here, else 404.

    `allowed(user, obj)` decides (a units.access rule, through the owning app's helper). Unknown ids
    and ids of objects that are not the caller's get the same 404 and the same message, so a body
    cannot be used to probe what exists elsewhere.
    """

    def __init__(self, allowed, not_found=NOT_FOUND, **kwargs):
        self.allowed = allowed
        self.not_found = not_found
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str) or not str(data).strip().isdigit():
            self.fail("incorrect_type", data_type=type(data).__name__)
        obj = self.get_queryset().filter(pk=int(data)).first() if int(data) < 2 ** 63 else None
        request = self.context.get("request")
        if obj is None or request is None or not self.allowed(request.user, obj):
            raise NotFound(self.not_found)
        return obj


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Xung đột trạng thái dữ liệu.")
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

    message = _("Chỉ quản trị viên được thay đổi dữ liệu danh mục.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_staff


class IsAdmin(permissions.BasePermission):
    message = _("Chỉ quản trị viên được truy cập.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


def decimal_text(value):
    """A Decimal as a plain string without trailing zeros: 2.0000 -> "2", 2.5000 -> "2.5"."""
    if value is None:
        return None
    d = Decimal(value).normalize()
    return format(d, "f")


# Sent as a JSON number or a string; always answered as a string ("22.22") or null.
FIGURE_SCHEMA = {"oneOf": [{"type": "string", "format": "decimal", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"},
                           {"type": "number"}], "nullable": True}


@extend_schema_field(FIGURE_SCHEMA)
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


# Library messages come in the page's language from the catalogues: locale/vi/LC_MESSAGES/django.po puts
# DRF's and Django's English into Vietnamese (DRF's own catalogue lacks most). One message escapes every
# catalogue: DRF composes "JSON parse error - <detail>" without gettext; it is reworded here, translated.
_JSON_PARSE_ERROR = re.compile(r"^JSON parse error - (.*)$", re.DOTALL)


def vietnamese_messages(data):
    """`data` (an error body: dicts, lists, strings) with DRF's untranslatable JSON parse error translated."""
    if isinstance(data, list):
        return [vietnamese_messages(x) for x in data]
    if isinstance(data, dict):
        return {k: vietnamese_messages(v) for k, v in data.items()}
    if isinstance(data, str):
        found = _JSON_PARSE_ERROR.match(data)
        if found:
            return gettext("Lỗi cú pháp JSON: %(detail)s") % {"detail": found.group(1)}
    return data


# --- the schema documents the errors every operation can answer --------------------------------------------

ERROR_RESPONSES = {
    "400": _("Dữ liệu không hợp lệ: {\"<trường>\": [\"thông báo\"]} hoặc {\"detail\": \"…\"}"),
    "401": _("Chưa đăng nhập hoặc mã truy cập không hợp lệ, hết hạn, đã thu hồi"),
    "403": _("Không có quyền"),
    "404": _("Không có, hoặc nằm ngoài phạm vi của người gọi"),
    "429": _("Quá nhiều yêu cầu (giới hạn theo người dùng; đăng nhập sai nhiều lần); xem Retry-After"),
}
WRITE_ERROR_RESPONSES = {
    "409": _("Xung đột trạng thái: phiên bản cũ, kỳ đã khóa, báo cáo đã gửi, trùng khóa"),
    "413": _("Dữ liệu gửi lên quá lớn"),
}


def document_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: every operation documents the error answers it can give.

    Errors are JSON objects in Vietnamese (API.md): {"detail": "…"} or {"<field>": ["…"]}. Operations keep
    what they document themselves (a 409 with its own description, a 503).
    """
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = {
        "type": "object",
        "description": _("Lỗi: {\"detail\": \"…\"} hoặc {\"<trường>\": [\"…\"]} (tiếng Việt)."),
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    }
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = dict(ERROR_RESPONSES)
            if method in ("post", "put", "patch", "delete"):
                codes.update(WRITE_ERROR_RESPONSES)
            for code, description in codes.items():
                response = operation["responses"].setdefault(code, {"description": description})
                response.setdefault("content", {"application/json": {"schema": ref}})
    return result


def exception_handler(exc, context):
    response = _handle(exc, context)
    if response is not None and response.status_code >= 400:
        response.data = vietnamese_messages(response.data)
    return response


def _handle(exc, context):
    for exc_class, answer in _ERRORS:
        if isinstance(exc, exc_class):
            set_rollback()
            body, code = answer(exc)
            return Response(body, status=code)
    if isinstance(exc, ProtectedError):
        set_rollback()
        return Response(
            {"detail": gettext("Không thể xóa vì còn dữ liệu khác tham chiếu đến bản ghi này.")},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        set_rollback()
        return Response(
            {"detail": gettext("Dữ liệu trùng hoặc vi phạm ràng buộc toàn vẹn; không có gì được lưu.")},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
