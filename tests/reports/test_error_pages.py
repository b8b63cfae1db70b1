"""Vietnamese where a person looks: error pages with DEBUG off, the CSRF page, the admin's third-party
sections (a project catalogue compiled at setup)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import path, reverse

from config.compile_locale import compile_all

pytestmark = pytest.mark.django_db


def _denied(request):
    raise PermissionDenied("Bạn không có quyền duyệt báo cáo của Trường THPT Số 1 (cần vai trò “Phê duyệt”).")


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("cam/", _denied), path("loi/", _broken)]
handler404 = "config.views.page_not_found"


@override_settings(DEBUG=False)
def test_404_is_vietnamese_and_keeps_our_message(client, personas):
    client.force_login(personas["user_a"])
    r = client.get("/khong-co-trang-nay/")
    page = r.content.decode()
    assert r.status_code == 404 and "Không tìm thấy trang hoặc dữ liệu bạn cần" in page and "Not Found" not in page
    r = client.get(reverse("unit-detail", args=[999999]))
    assert r.status_code == 404 and "Không tìm thấy đơn vị." in r.content.decode()


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_403_keeps_its_reason_and_500_is_vietnamese(db):
    c = Client(raise_request_exception=False)
    page = c.get("/cam/").content.decode()
    assert "Bạn không có quyền thực hiện việc này" in page and "cần vai trò “Phê duyệt”" in page
    assert "403 Forbidden" not in page
    r = c.get("/loi/")
    assert r.status_code == 500 and "Hệ thống gặp lỗi khi xử lý yêu cầu" in r.content.decode()


@override_settings(DEBUG=False)
def test_a_stale_form_gets_the_vietnamese_csrf_page(personas):
    c = Client(enforce_csrf_checks=True)
    c.force_login(personas["user_a"])
    r = c.post(reverse("notification-settings"), {"app-returned": "1", "csrfmiddlewaretoken": "cu-het-han"})
    page = r.content.decode()
    assert r.status_code == 403 and "Trang đã mở quá lâu nên chưa gửi được" in page
    assert "CSRF verification failed" not in page


@override_settings(DEBUG=False)
def test_an_unknown_api_address_answers_json_and_a_page_address_a_page(client, personas):
    """API clients parse every answer as JSON (API.md); a person gets the Vietnamese page."""
    client.force_login(personas["user_a"])
    r = client.get("/api/v1/findings/khong-phai-so/")
    assert (r.status_code, r["Content-Type"], r.json()) == (404, "application/json", {"detail": "Không tìm thấy."})
    r = client.get("/giam-sat/khong-co/")
    assert r.status_code == 404 and r["Content-Type"].startswith("text/html")


@override_settings(DEBUG=False)
def test_400_is_vietnamese(client):
    r = client.get("/", HTTP_HOST="khong-hop-le")
    assert r.status_code == 400 and "Yêu cầu không hợp lệ" in r.content.decode()


def test_the_admin_shows_the_scheduler_and_tokens_in_vietnamese(client, personas):
    compile_all()  # what `make setup` does on a fresh clone
    from django.utils import translation
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    translation.activate("vi")
    client.force_login(personas["admin"])
    page = client.get(reverse("admin:index")).content.decode()
    assert "Tác vụ định kỳ" in page and "Mã truy cập API" in page
    assert "Periodic Tasks" not in page and "Auth token" not in page and "Access attempts" not in page
    assert "Khóa đăng nhập" in page and "Lần đăng nhập sai" in page
    page = client.get(reverse("admin:django_celery_beat_periodictask_changelist")).content.decode()
    assert "mỗi 4 phút" in page and "every 4 minutes" not in page
