"""Sign-ins are throttled on every login, the client address cannot be forged, API tokens expire and are revoked.

units.logins (django-axes, django-rest-knox). Every login: the web page /dang-nhap/, the admin's
/admin/login/ and POST /api/v1/auth/token/.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from knox.models import AuthToken

from tests.api_helpers import client_for
from tests.factories import UserFactory

TOKEN = "/api/v1/auth/token/"
RIGHT = "matkhau-demo-123"


@pytest.fixture
def users(db):
    return {
        "a": UserFactory(username="nhaplieu_a"),
        "b": UserFactory(username="nhaplieu_b"),
        "admin": UserFactory(username="quantri", is_staff=True, is_superuser=True),
    }


def web_login(client, username, password, path="/dang-nhap/", **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def api_login(username, password, **extra):
    return client_for().post(TOKEN, {"username": username, "password": password}, format="json", **extra)


@pytest.mark.parametrize("path", ["/dang-nhap/", "/admin/login/"])
def test_web_and_admin_logins_lock_an_account_after_five_failures(client, users, path):
    codes = [web_login(client, "nhaplieu_a", f"sai{i}", path).status_code for i in range(5)]
    assert codes == [200] * 4 + [429]  # the form again four times, then the lockout page
    r = web_login(client, "nhaplieu_a", RIGHT, path)  # the right password waits too
    assert r.status_code == 429
    text = r.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in text and "15 phút" in text
    assert int(r["Retry-After"]) > 14 * 60
    assert "_auth_user_id" not in client.session
    # Another account from another address is not affected.
    assert web_login(client, "quantri", RIGHT, path, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_api_token_login_locks_and_says_how_long(users):
    codes = [api_login("nhaplieu_a", f"sai{i}").status_code for i in range(5)]
    assert codes == [400] * 4 + [429]
    r = api_login("nhaplieu_a", RIGHT)
    assert r.status_code == 429
    assert r.json()["detail"].startswith("Đăng nhập sai quá nhiều lần; vui lòng thử lại sau 15 phút")
    assert int(r["Retry-After"]) > 0


def test_rotating_x_forwarded_for_does_not_bypass_the_throttle(users):
    """The header is not trusted without TRUSTED_PROXIES: 60 wrong passwords from "60 addresses" stop at 5."""
    codes = [api_login("nhaplieu_a", f"sai{i}", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
             for i in range(60)]
    assert codes.count(400) == 4 and codes.count(429) == 56
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_one_address_is_throttled_whatever_the_account(users, settings):
    """Password spraying: 20 failures from one address, over many accounts, lock the address."""
    codes = [api_login(f"nguoi{i}", "sai", REMOTE_ADDR="198.51.100.7").status_code for i in range(20)]
    assert codes == [400] * 19 + [429]
    assert api_login("nhaplieu_a", RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert api_login("nhaplieu_a", RIGHT, REMOTE_ADDR="198.51.100.8").status_code == 200  # the account itself is fine


def test_trusted_proxy_passes_on_the_client_address(users, settings):
    settings.TRUSTED_PROXIES = ["10.1.0.0/16"]
    for _ in range(5):
        api_login("nhaplieu_a", "sai", REMOTE_ADDR="10.1.0.5", HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.44, 10.1.0.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.44"}
    # From an untrusted peer the header is ignored.
    api_login("nhaplieu_b", "sai", REMOTE_ADDR="192.0.2.99", HTTP_X_FORWARDED_FOR="10.1.0.5")
    assert AccessAttempt.objects.filter(username="nhaplieu_b").get().ip_address == "192.0.2.99"


def test_the_lock_ends_after_the_wait(users):
    for i in range(5):
        api_login("nhaplieu_a", f"sai{i}")
    assert api_login("nhaplieu_a", RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert api_login("nhaplieu_a", RIGHT).status_code == 200


# --- tokens -------------------------------------------------------------------------------------------


def token_client(token):
    c = client_for()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return c


def test_tokens_expire(users, settings):
    token = api_login("nhaplieu_a", RIGHT).json()["token"]
    c = token_client(token)
    assert c.get("/api/v1/units/").status_code == 200
    AuthToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
    r = c.get("/api/v1/units/")
    assert r.status_code == 401 and r.json()["detail"] == "Token không hợp lệ."


def test_token_lifetime_follows_the_setting(users, settings):
    settings.REST_KNOX = {"TOKEN_TTL": dt.timedelta(hours=2), "AUTH_HEADER_PREFIX": "Token"}
    before = timezone.now()
    api_login("nhaplieu_a", RIGHT)
    expiry = AuthToken.objects.get().expiry
    assert before + dt.timedelta(hours=2) <= expiry <= timezone.now() + dt.timedelta(hours=2)


def test_a_password_change_revokes_every_token(users):
    tokens = [api_login("nhaplieu_a", RIGHT).json()["token"] for _ in range(2)]
    other = api_login("nhaplieu_b", RIGHT).json()["token"]
    user = users["a"]
    user.set_password("mat-khau-moi-2025")
    user.save()
    for t in tokens:
        assert token_client(t).get("/api/v1/units/").status_code == 401
    assert token_client(other).get("/api/v1/units/").status_code == 200
    # A change through the users API (admin) revokes too; a save without a new password does not.
    fresh = api_login("nhaplieu_a", "mat-khau-moi-2025").json()["token"]
    user.first_name = "Trần"
    user.save()
    assert token_client(fresh).get("/api/v1/units/").status_code == 200
    r = client_for(users["admin"]).patch(f"/api/v1/users/{user.pk}/", {"password": "mat-khau-thu-ba-2026"},
                                         format="json")
    assert r.status_code == 200, r.content
    assert token_client(fresh).get("/api/v1/units/").status_code == 401


def test_owners_list_and_revoke_their_tokens(users):
    t1 = api_login("nhaplieu_a", RIGHT).json()["token"]
    t2 = api_login("nhaplieu_a", RIGHT).json()["token"]
    tb = api_login("nhaplieu_b", RIGHT).json()["token"]
    c = token_client(t1)
    listed = c.get("/api/v1/auth/tokens/").json()
    assert sorted(x["key"] for x in listed) == sorted([t1[:15], t2[:15]])  # never the other user's, never whole
    assert all(x["expiry"] for x in listed)
    assert c.delete(f"/api/v1/auth/tokens/{tb[:15]}/").status_code == 404  # someone else's: unknown
    assert token_client(tb).get("/api/v1/units/").status_code == 200
    assert c.delete(f"/api/v1/auth/tokens/{t2[:15]}/").status_code == 204
    assert token_client(t2).get("/api/v1/units/").status_code == 401
    assert c.delete("/api/v1/auth/tokens/").status_code == 204
    assert c.get("/api/v1/units/").status_code == 401


def test_the_tokens_page(client, users):
    client.force_login(users["a"])
    r = client.post("/tai-khoan/ma-truy-cap/", {"action": "new"})
    assert r.status_code == 200
    token = r.context["new_token"]
    assert "chỉ hiện một lần" in r.content.decode()
    assert token_client(token).get("/api/v1/units/").status_code == 200
    page = client.get("/tai-khoan/ma-truy-cap/").content.decode()
    assert token[:8] in page and token not in page  # listed by its first characters only
    client.post("/tai-khoan/ma-truy-cap/", {"revoke": token[:15]})
    assert token_client(token).get("/api/v1/units/").status_code == 401
    assert client.post("/tai-khoan/ma-truy-cap/", {"revoke": "khong-co"}).status_code == 404


# --- the API's per-user rate -----------------------------------------------------------------------------


def test_api_requests_are_limited_per_user(users, settings):
    settings.API_USER_RATE = "3/min"
    c = client_for(users["a"])
    codes = [c.get("/api/v1/units/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = c.get("/api/v1/units/")
    assert r.json()["detail"].startswith("Quá nhiều yêu cầu. Thử lại sau") and int(r["Retry-After"]) > 0
    assert client_for(users["b"]).get("/api/v1/units/").status_code == 200  # per user
