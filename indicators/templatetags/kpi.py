"""Template filters that print figures the Vietnamese way, through indicators.rules."""

from django import template

from config.language import Words
from indicators import rules
from units.models import UnitKind

register = template.Library()

KIND_LABELS = Words(UnitKind.choices)


@register.filter
def vn_number(value, decimals=None):
    """1937 -> "1.937"; 22.2222|vn_number:2 -> "22,22"."""
    if value is None or value == "":
        return "—"
    return rules.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def figure(value, indicator):
    """A value as users read it for its indicator: "22,22%", "1.937 máy", "Có"."""
    return rules.format_value(indicator, value)


@register.filter
def share(value, indicator):
    """A figure over many units: like `figure`, but a yes/no is the share of units answering yes ("52,10%")."""
    return rules.format_value(indicator, value, share=True)


@register.filter
def percent(value, indicator=None):
    """A percentage or a share of units (already ×100): 22.2222 -> "22,22%" (rules.percent_decimals)."""
    return rules.format_percent(value, rules.percent_decimals(indicator))


@register.filter
def change(delta, indicator):
    """A change between two values: "+1,38 điểm %" for a rate or share, "+12 máy" for a count."""
    return rules.format_change(indicator, delta)


@register.filter
def target_words(target, indicator=None):
    """A target as documents write it: "trên 95%"."""
    return rules.format_target(target, indicator.measure if indicator is not None else None)


@register.filter
def kind_label(kind):
    return KIND_LABELS.get(kind, kind)


@register.filter
def status_label(status):
    return rules.Status.LABELS.get(status, status)


@register.filter
def unit_path(unit_id):
    """"Tỉnh … › Sở …": the units above a unit in today's tree (the unit picker's second line)."""
    from units.widgets import unit_path as path

    try:
        return path(int(unit_id))
    except (TypeError, ValueError):
        return ""
