"""The page "Mã truy cập API" (/tai-khoan/ma-truy-cap/): a user's own API tokens, to issue, list and revoke (units.logins)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache

from . import logins


@never_cache
@login_required
def tokens_page(request):
    """GET: the user's tokens. POST action=new: issue one (shown once); revoke=<key>; revoke_all."""
    new_token = None
    if request.method == "POST":
        if request.POST.get("action") == "new":
            auth_token, new_token = logins.issue_token(request.user)
            messages.success(request, gettext("Đã tạo mã truy cập mới. Hãy chép lại ngay: mã chỉ hiện một lần."))
        elif request.POST.get("action") == "revoke_all":
            n = logins.revoke_all(request.user)
            messages.success(request, ngettext("Đã thu hồi %(count)s mã truy cập.", "Đã thu hồi %(count)s mã truy cập.",
                                                n) % {"count": n})
            return redirect("api-tokens-page")
        elif request.POST.get("revoke"):
            logins.revoke_token(request.user, request.POST["revoke"])
            messages.success(request, gettext("Đã thu hồi mã truy cập."))
            return redirect("api-tokens-page")
    return render(request, "units/tokens.html", {
        "tokens": list(logins.user_tokens(request.user)), "new_token": new_token,
    })
