"""Who issues a document on a given day, and what its heading and signature say.

A document's agency and place are those valid on its date (DESIGN.md §6): a
report dated 2026 about Sở GDĐT Quảng Bình, merged into Sở GDĐT Quảng Trị on
1/7/2025, is issued by the successor, "UBND TỈNH QUẢNG TRỊ / SỞ GIÁO DỤC VÀ
ĐÀO TẠO", in "Quảng Trị". `issuing_unit_on` is the one lookup of that
successor; `profile_for` gives the unit's IssuingProfile of a regime, or one
derived from the tree (unsaved, `is_derived`) when the admin has not
entered it yet.
"""

import re

from .access import top_ancestor
from .models import DocumentRegime, IssuingProfile, ReportingUnit, SuccessionKind, UnitKind, UnitSuccession

FOLLOWED = (SuccessionKind.MERGE, SuccessionKind.RENAME)  # a split has no single successor to speak for it


def issuing_unit_on(unit, day):
    """The unit that speaks for `unit` on `day`: itself while active, else its merge/rename successor.

    Follows the successions in force on `day` (effective_on ≤ day) until a
    unit active that day; a unit ended without such a successor (a split, a
    dissolution) stays itself. One query per step.
    """
    current, seen = unit, {unit.pk}
    while current.valid_to is not None and current.valid_to < day:
        link = (
            UnitSuccession.objects.filter(predecessor=current, kind__in=FOLLOWED, effective_on__lte=day)
            .select_related("successor")
            .order_by("effective_on", "pk")
            .first()
        )
        if link is None or link.successor_id in seen:
            break
        current = link.successor
        seen.add(current.pk)
    return current


_PLACE_PREFIX = re.compile(r"^(UBND\s+)?(Tỉnh|Thành phố)\s+", flags=re.IGNORECASE)


def derived_profile(unit, regime=DocumentRegime.STATE):
    """An unsaved profile from the unit's name and tree, for a unit the admin has not described yet."""
    province = top_ancestor(unit)
    place = _PLACE_PREFIX.sub("", province.name)
    name = unit.name.upper()
    if regime == DocumentRegime.PARTY:
        if unit.kind == UnitKind.PROVINCE:
            values = dict(official_name=f"TỈNH ỦY {place.upper()}", authority="T/M BAN THƯỜNG VỤ",
                          signer_title="BÍ THƯ", number_suffix="-BC/TU")
        else:
            values = dict(governing_body=f"ĐẢNG BỘ {province.name.upper()}", official_name=f"ĐẢNG ỦY {name}",
                          authority="T/M ĐẢNG ỦY", signer_title="BÍ THƯ", number_suffix="-BC/ĐU")
    elif unit.kind == UnitKind.PROVINCE:
        values = dict(official_name=f"ỦY BAN NHÂN DÂN\n{name}", authority="TM. ỦY BAN NHÂN DÂN",
                      signer_title="CHỦ TỊCH", number_suffix="/BC-UBND")
    else:
        parent = ReportingUnit.objects.filter(pk=unit.parent_id).first() if unit.parent_id else None
        governing = ""
        if parent is not None:
            governing = f"UBND {parent.name.upper()}" if parent.kind == UnitKind.PROVINCE else parent.name.upper()
        values = dict(governing_body=governing, official_name=name, signer_title="THỦ TRƯỞNG ĐƠN VỊ",
                      number_suffix="/BC")
    profile = IssuingProfile(unit=unit, regime=regime, place_name=place, short_name=unit.name, **values)
    profile.is_derived = True
    return profile


def profile_for(unit, day, regime=DocumentRegime.STATE):
    """(issuing unit on `day`, its IssuingProfile of `regime`): saved, else derived from the tree."""
    issuer = issuing_unit_on(unit, day)
    profile = IssuingProfile.objects.filter(unit=issuer, regime=regime).first()
    if profile is None:
        profile = derived_profile(issuer, regime)
    else:
        profile.is_derived = False
    return issuer, profile
