"""Sign-ins and API tokens: who is knocking, how often they may fail, and the tokens they hold.

- `client_ip(request)`: the one answer to "which address is this?" for sign-in
  throttling (django-axes) and the API's rate limit: REMOTE_ADDR, unless it
  is one of settings.TRUSTED_PROXIES; then the right-most X-Forwarded-For
  address that is not a trusted proxy. A client can write any X-Forwarded-For
  it likes, so the header is never read from anyone else.
- Failed sign-ins (web /dang-nhap/, /admin/login/, POST /api/v1/auth/token/)
  are counted by django-axes in the database, per account (from any address)
  and per address (any account): LOGIN_FAILURE_LIMIT failures of one
  account, or LOGIN_FAILURE_LIMIT_PER_ADDRESS from one address, lock it for
  LOGIN_LOCKOUT_MINUTES after the last counted failure. `lockout_response`
  answers 429 with a Vietnamese message saying how long to wait (a page, or
  JSON under /api/), with Retry-After.
- API tokens (django-rest-knox): stored hashed, each expiring API_TOKEN_HOURS
  after it is issued; `issue_token`, `user_tokens`, `revoke_token`; a
  password change revokes every token of the user (`_revoke_on_password_change`).
"""

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.db.models.signals import post_save
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from knox.models import AuthToken
from rest_framework.throttling import UserRateThrottle as DRFUserRateThrottle

# --- the client's address -------------------------------------------------------------------------


def _networks():
    nets = []
    for item in getattr(settings, "TRUSTED_PROXIES", []) or []:
        try:
            nets.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue
    return nets


def _trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the last untrusted X-Forwarded-For hop."""
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a proxy passed on garbage: count the proxy rather than trust it
    return remote


def attempted_username(request, credentials=None):
    """The username a sign-in tried, normalised ("Admin " and "admin" are one account's failures)."""
    name = None
    if credentials:
        name = credentials.get("username")
    if name is None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        name = data.get("username") if hasattr(data, "get") else None
    if name is None:
        return None
    return str(name).strip().lower()[:255] or None


# --- failures and lockouts (django-axes) ---------------------------------------------------------------


class AxesHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per address of its own.

    axes compares one number with one limit; an office behind one address
    (NAT) should be allowed more failures than one account. The per-address
    count is scaled so that LOGIN_FAILURE_LIMIT_PER_ADDRESS failures of an
    address weigh as LOGIN_FAILURE_LIMIT failures of an account.
    """

    def get_failures(self, request, credentials=None):
        per_account, per_address = (
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self.get_user_attempts(request, credentials)
        )
        limit, limit_address = settings.LOGIN_FAILURE_LIMIT, max(1, settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS)
        return max(per_account, per_address * limit // limit_address)


def lockout_wait_seconds(request, credentials=None):
    """Seconds until the account and the address of this sign-in may try again (≥ 1)."""
    username = attempted_username(request, credentials)
    address = client_ip(request)
    latest = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=address)).aggregate(
        t=Max("attempt_time"))["t"]
    cool_off = settings.AXES_COOLOFF_TIME
    if latest is None:
        return math.ceil(cool_off.total_seconds())
    return max(1, math.ceil((latest + cool_off - timezone.now()).total_seconds()))


def wait_words(seconds):
    """'15 phút', '45 giây'."""
    if seconds >= 60:
        minutes = math.ceil(seconds / 60)
        return ngettext("%(count)s phút", "%(count)s phút", minutes) % {"count": minutes}
    return ngettext("%(count)s giây", "%(count)s giây", seconds) % {"count": seconds}


def lockout_message(seconds):
    return gettext("Đăng nhập sai quá nhiều lần; vui lòng thử lại sau %(wait)s. "
                   "Nếu quên mật khẩu, hãy liên hệ quản trị hệ thống.") % {"wait": wait_words(seconds)}


def lockout_response(request, original_response=None, credentials=None):
    """429 for a locked-out sign-in: JSON {"detail"} under /api/, else the sign-in page with the message."""
    seconds = lockout_wait_seconds(request, credentials)
    message = lockout_message(seconds)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


# --- the API's per-user rate limit ------------------------------------------------------------------------


class UserRateThrottle(DRFUserRateThrottle):
    """Requests per signed-in user (anonymous: per client address) at settings.API_USER_RATE."""

    def get_rate(self):
        return settings.API_USER_RATE

    def get_ident(self, request):
        return client_ip(request)


# --- API tokens (django-rest-knox) ------------------------------------------------------------------------


def issue_token(user):
    """A new token for `user`: (AuthToken, the token text, shown once). The oldest beyond the limit go."""
    now = timezone.now()
    with transaction.atomic():
        AuthToken.objects.filter(user=user, expiry__lt=now).delete()
        keep = settings.API_TOKEN_LIMIT - 1
        old = list(AuthToken.objects.filter(user=user).order_by("-created").values_list("digest", flat=True)[keep:])
        if old:
            AuthToken.objects.filter(digest__in=old).delete()
        return AuthToken.objects.create(user=user)


def user_tokens(user):
    """The user's tokens that have not expired, newest first."""
    return AuthToken.objects.filter(user=user).filter(
        Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())).order_by("-created")


def revoke_token(user, token_key):
    """Revoke one of the user's own tokens by its key (the first characters); someone else's is a 404."""
    deleted, _ = AuthToken.objects.filter(user=user, token_key=str(token_key)[:64]).delete()
    if not deleted:
        raise Http404(gettext("Không tìm thấy mã truy cập."))


def revoke_all(user):
    """Revoke every token of the user; returns how many."""
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


def _revoke_on_password_change(sender, instance, created, **kwargs):
    # AbstractBaseUser.set_password() keeps the raw password in `_password` until the save has been made:
    # a save that carries a new password revokes the user's API tokens (sessions are Django's own business:
    # their auth hash changes with the password).
    if not created and getattr(instance, "_password", None) is not None:
        AuthToken.objects.filter(user=instance).delete()


post_save.connect(_revoke_on_password_change, sender=get_user_model(), dispatch_uid="revoke-tokens-on-password")
