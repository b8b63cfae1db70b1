"""Target words of the admin and of the resolution pages: "trên 95% (Sở, 2022)"."""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from units.models import UnitKind

from ..rules import format_target

# Short scope words for target summaries: "trên 95% (Sở, 2022)".
KIND_SHORT = {
    UnitKind.PROVINCE: pgettext_lazy("unit kind, short", "Tỉnh"),
    UnitKind.DEPARTMENT: pgettext_lazy("unit kind, short", "Sở"),
    UnitKind.DISTRICT: pgettext_lazy("unit kind, short", "Huyện"),
    UnitKind.DISTRICT_OFFICE: pgettext_lazy("unit kind, short", "Phòng"),
    UnitKind.COMMUNE: pgettext_lazy("unit kind, short", "Xã"),
    UnitKind.SCHOOL: pgettext_lazy("unit kind, short", "Trường"),
    UnitKind.OTHER: pgettext_lazy("unit kind, short", "Khác"),
}


def unlocalized_year(year):
    """A year as the admin shows it: 2025, never 2.025 (an int field would get USE_THOUSAND_SEPARATOR's grouping)."""
    return "—" if year is None else str(year)


def target_label(target, measure=None):
    """One target as users write it, with its scope and milestone: 'trên 95% (Sở, 2022)'."""
    if target.unit_id:
        scope = target.unit.name
    elif target.unit_kind:
        scope = KIND_SHORT.get(target.unit_kind, target.get_unit_kind_display())
    else:
        scope = _("Tất cả")
    return f"{format_target(target, measure)} ({scope}, {target.year})"


def _target_order(target):
    kind_rank = UnitKind.values.index(target.unit_kind) if target.unit_kind in UnitKind.values else -1
    return (target.year, target.unit_id is not None, kind_rank)


def targets_summary(indicator, html=False):
    """All targets of an indicator (prefetch `targets__unit` to avoid queries).

    Plain text joined by "; ", or with `html=True` one target per line for list columns.
    """
    labels = [target_label(t, indicator.measure) for t in sorted(indicator.targets.all(), key=_target_order)]
    if not labels:
        return "—"
    if html:
        return format_html_join(
            mark_safe("<br>"), '<span style="white-space:nowrap">{}</span>', ((x,) for x in labels)
        )
    return "; ".join(labels)
