"""units.issuing: the unit that speaks for another on a date, and its document profile."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UnitFactory
from units.issuing import issuing_unit_on, profile_for
from units.models import DocumentRegime, IssuingProfile, SuccessionKind, UnitKind, UnitSuccession


def test_the_successor_speaks_after_the_merger_only(merger):
    assert issuing_unit_on(merger["qb_so"], dt.date(2025, 6, 30)) == merger["qb_so"]
    assert issuing_unit_on(merger["qb_so"], dt.date(2026, 3, 5)) == merger["qt_so"]
    assert issuing_unit_on(merger["qt_so"], dt.date(2026, 3, 5)) == merger["qt_so"]


def test_a_chain_of_successions_is_followed_and_a_split_is_not(merger):
    renamed = UnitFactory(code="QT.SGDDT2", name="Sở Giáo dục Quảng Trị", kind=UnitKind.DEPARTMENT)
    qt_so = merger["qt_so"]
    qt_so.valid_to = dt.date(2026, 1, 31)
    qt_so.save()
    UnitSuccession.objects.create(predecessor=qt_so, successor=renamed, kind=SuccessionKind.RENAME,
                                  effective_on=dt.date(2026, 2, 1))
    assert issuing_unit_on(merger["qb_so"], dt.date(2026, 3, 5)) == renamed
    assert issuing_unit_on(merger["qb_so"], dt.date(2026, 1, 15)) == qt_so
    split_away = UnitFactory(code="X", kind=UnitKind.DEPARTMENT, valid_to=dt.date(2024, 12, 31))
    UnitSuccession.objects.create(predecessor=split_away, successor=renamed, kind=SuccessionKind.SPLIT,
                                  effective_on=dt.date(2025, 1, 1))
    assert issuing_unit_on(split_away, dt.date(2026, 3, 5)) == split_away


def test_profile_of_the_regime_or_one_read_from_the_tree(merger):
    unit, profile = profile_for(merger["qb_so"], dt.date(2026, 3, 5))
    assert unit == merger["qt_so"] and not profile.is_derived
    assert (profile.governing_body, profile.official_lines, profile.place_name) == (
        "UBND TỈNH QUẢNG TRỊ", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO"], "Quảng Trị")
    _, before = profile_for(merger["qb_so"], dt.date(2025, 6, 1))
    assert before.place_name == "Quảng Bình" and before.signer_name == "Trần Thị Q"
    # No party profile entered: one derived from the tree, in the party's words.
    _, party = profile_for(merger["qt_so"], dt.date(2026, 3, 5), DocumentRegime.PARTY)
    assert party.is_derived and party.governing_body == "ĐẢNG BỘ TỈNH QUẢNG TRỊ"
    assert party.official_name == "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO QUẢNG TRỊ" and party.number_suffix == "-BC/ĐU"
    _, province = profile_for(merger["qt"], dt.date(2026, 3, 5))
    assert province.official_lines == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"] and province.place_name == "Quảng Trị"


def test_authority_must_be_of_the_regimes_forms(merger):
    profile = IssuingProfile(unit=merger["qt"], regime=DocumentRegime.STATE, official_name="ỦY BAN NHÂN DÂN",
                             place_name="Quảng Trị", number_suffix="/BC-UBND", signer_title="CHỦ TỊCH",
                             authority="TM. ỦY BAN NHÂN DÂN\nK/T CHỦ TỊCH")
    with pytest.raises(ValidationError) as exc:
        profile.full_clean()
    assert "K/T CHỦ TỊCH" in str(exc.value) and "TM., KT., Q., TL., TUQ." in str(exc.value)
    profile.authority = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    profile.full_clean()
    profile.regime = DocumentRegime.PARTY
    with pytest.raises(ValidationError):
        profile.full_clean()  # the party writes T/M, K/T


def test_profiles_are_edited_in_the_admin(admin_client, merger):
    data = {
        "unit": merger["qt"].pk, "regime": "party", "governing_body": "", "official_name": "TỈNH ỦY QUẢNG TRỊ",
        "short_name": "Tỉnh ủy Quảng Trị", "place_name": "Quảng Trị", "number_suffix": "-BC/TU",
        "authority": "T/M BAN THƯỜNG VỤ", "signer_title": "PHÓ BÍ THƯ", "signer_name": "Lê Văn S",
        "recipients": "Ban Thường vụ Tỉnh ủy;\nLưu Văn phòng Tỉnh ủy.",
    }
    response = admin_client.post(reverse("admin:units_issuingprofile_add"), {**data, "authority": "KT. BÍ THƯ"})
    assert response.status_code == 200 and "không đúng thể thức" in response.content.decode()
    assert admin_client.post(reverse("admin:units_issuingprofile_add"), data).status_code == 302
    saved = IssuingProfile.objects.get(unit=merger["qt"], regime="party")
    assert saved.recipient_lines == ["Ban Thường vụ Tỉnh ủy;", "Lưu Văn phòng Tỉnh ủy."]
    # one profile per unit and regime
    response = admin_client.post(reverse("admin:units_issuingprofile_add"), data)
    assert response.status_code == 200 and IssuingProfile.objects.filter(unit=merger["qt"]).count() == 1
