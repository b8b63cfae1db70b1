"""The unit picker every form uses: a <select> that static/js/unit-picker.js turns into a search box.

Without script it is a plain list. With it, the user types part of a name or a code and picks from
results that show each unit's place in the tree ("Tỉnh Quảng Bình › Sở GDĐT › Phòng GDĐT Đồng Hới"),
with the keyboard or a thumb. `search_roles` makes it ask /don-vi/tim/ (units.views.unit_search: the
user's scope for those roles, units active on the chosen period's last day); without it the picker
searches its own options (a list the form already narrowed, e.g. the units a resolution reaches).
The form still validates the chosen unit on the server.
"""

from django import forms
from django.urls import reverse
from django.utils import timezone


def unit_path(pk, day=None):
    """"Tỉnh … › Sở …": the names above unit `pk` in the tree of `day` (today)."""
    from .tree import tree_on

    tree = tree_on(day or timezone.localdate())
    return " › ".join(tree.units[a].name for a in tree.ancestors(pk) if a in tree.units)


def picker_attrs(search_roles=None, day_source=None, day=None):
    """The data-* attributes of a picker (for templates that write their own <select>)."""
    attrs = {"data-unit-picker": "1"}
    if search_roles:
        attrs["data-search-url"] = reverse("unit-search")
        attrs["data-roles"] = ",".join(search_roles)
    if day_source:
        attrs["data-day-source"] = day_source
    if day:
        attrs["data-day"] = day.isoformat()
    return attrs


class UnitPicker(forms.Select):
    """A Select of units whose options carry their code and ancestors (data-code, data-path)."""

    def __init__(self, attrs=None, search_roles=None, day_source=None, day=None):
        merged = picker_attrs(search_roles, day_source, day)
        merged.update(attrs or {})
        super().__init__(merged)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        unit = getattr(value, "instance", None)
        if unit is not None:
            option["attrs"]["data-code"] = unit.code
            option["attrs"]["data-path"] = unit_path(unit.pk)
        return option


class DatedSelect(forms.Select):
    """A Select of periods whose options carry their last day (data-day): the unit picker then offers the
    units active that day."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        period = getattr(value, "instance", None)
        if period is not None and getattr(period, "end", None):
            option["attrs"]["data-day"] = period.end.isoformat()
        return option
