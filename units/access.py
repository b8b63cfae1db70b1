"""Who may do what where: the one place that answers it.

Every view, API view and export goes through these helpers, never through
its own filter. A membership reaches the unit's whole subtree; staff users
(admins) reach everything.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config import request_memo

from .models import Membership, ReportingUnit, Role

# Roles that may read a unit's figures and dashboards.
READ_ROLES = (Role.ENTRY, Role.APPROVER, Role.SUPERVISOR, Role.VIEWER)


# A user's memberships are read once per web request (config.request_memo): a page asks
# "may this user see this?" a dozen times.
MEMO = "memberships"


def _forget_memberships(sender, **kwargs):
    memo = request_memo.memo(MEMO)
    if memo is not None:
        memo.clear()  # a request that changes memberships sees the change in its own later checks


post_save.connect(_forget_memberships, sender=Membership, dispatch_uid="access-memberships-save")
post_delete.connect(_forget_memberships, sender=Membership, dispatch_uid="access-memberships-delete")


def _memberships(user, roles):
    if not user.is_authenticated:
        return []
    memo = request_memo.memo(MEMO)
    if memo is not None and user.pk in memo:
        every = memo[user.pk]
    else:
        every = list(Membership.objects.filter(user=user).select_related("unit"))
        if memo is not None:
            memo[user.pk] = every
    return [m for m in every if not roles or m.role in roles]


def memberships(user, roles=None):
    """The user's memberships with one of `roles` (all when None), read once per web request."""
    return _memberships(user, roles)


def scope_q(user, roles=READ_ROLES, field="path"):
    """A Q object matching units (by their `path` field name) in the user's scope.

    `field` lets callers filter related models, e.g. `unit__path`.
    """
    if user.is_authenticated and user.is_staff:
        return Q()
    paths = {m.unit.path for m in _memberships(user, roles)}
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for p in paths:
        q |= Q(**{f"{field}__startswith": p})
    return q


def units_for_user(user, roles=READ_ROLES):
    """Every unit the user reaches with one of `roles`."""
    return ReportingUnit.objects.filter(scope_q(user, roles))


def membership_units(user, roles=READ_ROLES):
    """The units of the user's memberships with one of `roles` (their roles reach these units' subtrees)."""
    return [m.unit for m in _memberships(user, roles)]


def root_units_for_user(user, roles=READ_ROLES):
    """The top units of the user's scope (no unit is below another)."""
    if user.is_authenticated and user.is_staff:
        return list(ReportingUnit.objects.filter(parent__isnull=True))
    units = sorted({m.unit for m in _memberships(user, roles)}, key=lambda u: len(u.path))
    roots = []
    for u in units:
        if not any(u.is_within(r) for r in roots):
            roots.append(u)
    return roots


def has_role(user, unit, roles, on=None):
    """True when the user holds one of `roles` on `unit` or one of its ancestors.

    `on`: a day, for acting on a period (writing its figures, moving its
    report): the tree of that day decides what is under the membership's unit
    (units.tree), and only memberships valid that day count (one passed to a
    successor by a reorganisation starts on its date). Without `on`: today's
    tree, every membership (what a user may read).
    """
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    memberships = _memberships(user, roles)
    if on is None:
        return any(unit.is_within(m.unit) for m in memberships)
    from .tree import tree_on

    tree = tree_on(on)
    return any(tree.is_within(unit.pk, m.unit_id) for m in memberships
               if (m.valid_from is None or m.valid_from <= on) and (m.valid_to is None or m.valid_to >= on))


def get_unit_for_user(user, unit_id, roles=READ_ROLES):
    """The unit `unit_id` if the user reaches it with one of `roles`, else 404.

    Unknown and out-of-scope units look the same, so ids cannot be probed.
    """
    try:
        unit = ReportingUnit.objects.get(pk=unit_id)
    except (ReportingUnit.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("Không tìm thấy đơn vị.")) from None
    if not has_role(user, unit, roles):
        raise Http404(gettext("Không tìm thấy đơn vị."))
    return unit


def roots_within(user, unit, roles=READ_ROLES):
    """The parts of `unit`'s subtree the user reaches, as a list of roots.

    [unit] when the user reaches all of it (admin, or a membership at or above
    it); the user's own roots below it otherwise; [] when none.
    """
    if unit is None:
        return None if (user.is_authenticated and user.is_staff) else root_units_for_user(user, roles)
    if has_role(user, unit, roles):
        return [unit]
    return [r for r in root_units_for_user(user, roles) if r.is_within(unit)]


LAST_ADMIN_MESSAGE = _("Không thể xóa, khóa hoặc bỏ quyền quản trị của quản trị viên cuối cùng; "
                       "hãy cấp quyền quản trị cho người khác trước.")


def removes_last_admin(user, is_staff=False, is_active=False):
    """Would `user` becoming (is_staff, is_active) — or being deleted (the defaults) — leave no active admin?"""
    from django.contrib.auth import get_user_model

    if user.pk is None or not (user.is_staff and user.is_active) or (is_staff and is_active):
        return False
    return not get_user_model().objects.filter(is_staff=True, is_active=True).exclude(pk=user.pk).exists()


def top_ancestor(unit):
    """The root of the tree `unit` belongs to (its province)."""
    ids = unit.ancestor_ids
    return ReportingUnit.objects.get(pk=ids[0]) if ids else unit
