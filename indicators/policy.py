"""Who may write a unit's figures for a period: the one answer every write path gets.

The entry form, the API (one value and bulk), the Excel import and the admin
all reach `indicators.services` / `indicators.bulk`, which ask here:
- the role: `entry` on the unit or one of its ancestors, in the tree and the
  memberships of the period's last day (`units.access.has_role(on=…)`: a
  school moved to a new parent on 1/7/2025 is its old Phòng's for Quý II and
  its new Sở's from Quý III; a membership passed to a successor starts on
  the reorganisation's date);
- the state: `services.writable_states` (unit active on the period's last
  day, period not locked, report not sent or approved).
Moving a report (submit, approve, return) asks the same role rule
(`indicators.workflow`).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from units.access import has_role
from units.models import Role


class EntryDenied(PermissionDenied):
    """The user lacks the entry role on the unit for the period (HTTP 403); `message` is Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def entry_denied(user, unit, period):
    """Why `user` may not enter figures of `unit` for `period` (the role only), or None."""
    if user is not None and has_role(user, unit, [Role.ENTRY], on=period.end):
        return None
    return (_("Bạn không có quyền nhập số liệu cho %(unit)s (cần vai trò “Nhập liệu”) của %(period)s.")
            % {"unit": unit.name, "period": period.label})


def check_entry(user, unit, period):
    """Raise EntryDenied unless `user` may enter figures of `unit` for `period`."""
    message = entry_denied(user, unit, period)
    if message:
        raise EntryDenied(message)


def entry_units(user, units, period):
    """Ids among `units` whose figures for `period` `user` may enter (the role only)."""
    return {u.pk for u in units if not entry_denied(user, u, period)}
