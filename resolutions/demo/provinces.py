"""The demo's unit tree: the provinces of the seeds and their continuing neighbours, their Sở, phòng
and schools (the lists of each seed's schools live in its module), the 1/7/2025 reorganisation that
merges provinces of different seeds, and what the units' documents need (issuing profiles)."""

from typing import NamedTuple

from units.models import DocumentRegime

from .common import (
    DEPARTMENT,
    DISTRICT,
    DISTRICT_OFFICE,
    MERGED_ON,
    NQ_202,
    PROVINCE,
    UnitRow,
    office_name,
    school_name,
    slug,
)
from .seed_000_ninh_thuan import NT_BACAI_SCHOOLS, NT_UPPER_SECONDARY
from .seed_001_quang_binh import QB_OFFICES, QB_UPPER_SECONDARY
from .seed_002_soc_trang import ST_OFFICES, ST_SCHOOL_FORMS, ST_UPPER_SECONDARY

# Statistical codes (mã TCTK) only where certain: the provinces as they were
# before 1/7/2025 and huyện Bác Ái. The continuing provinces got their codes
# re-issued with the 2025 reorganisation, so theirs are left blank. Agency
# electronic IDs (mã định danh, QĐ 20/2020/QĐ-TTg) are not known here: blank.
# Sở TT&TT and Sở LĐTBXH were also reorganised on 1/3/2025; that step is not
# modelled (the demo keeps them until the province itself ends).
UPPER_UNITS = [
    # --- Quảng Bình (merged into Quảng Trị on 1/7/2025) ---
    UnitRow("QB", "Tỉnh Quảng Bình", PROVINCE, None, "44"),
    UnitRow("QB.SGDDT", "Sở Giáo dục và Đào tạo Quảng Bình", DEPARTMENT, "QB"),
    # --- Quảng Trị (continuing) ---
    UnitRow("QT", "Tỉnh Quảng Trị", PROVINCE, None),
    UnitRow("QT.VPUBND", "Văn phòng UBND tỉnh Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.STTTT", "Sở Thông tin và Truyền thông Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.SGDDT", "Sở Giáo dục và Đào tạo Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.STC", "Sở Tài chính Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.SNV", "Sở Nội vụ Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.SYT", "Sở Y tế Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.SCT", "Sở Công Thương Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.STP", "Sở Tư pháp Quảng Trị", DEPARTMENT, "QT"),
    UnitRow("QT.SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch Quảng Trị", DEPARTMENT, "QT"),
    # --- Ninh Thuận (merged into Khánh Hòa on 1/7/2025) ---
    UnitRow("NT", "Tỉnh Ninh Thuận", PROVINCE, None, "58"),
    UnitRow("NT.SGDDT", "Sở Giáo dục và Đào tạo Ninh Thuận", DEPARTMENT, "NT"),
    UnitRow("NT.STTTT", "Sở Thông tin và Truyền thông Ninh Thuận", DEPARTMENT, "NT"),
    UnitRow("NT.UBND-BACAI", "UBND huyện Bác Ái", DISTRICT, "NT", "584"),
    UnitRow("NT.PGD-BACAI", "Phòng Giáo dục và Đào tạo huyện Bác Ái", DISTRICT_OFFICE, "NT.UBND-BACAI"),
    # --- Khánh Hòa (continuing) ---
    UnitRow("KH", "Tỉnh Khánh Hòa", PROVINCE, None),
    UnitRow("KH.SGDDT", "Sở Giáo dục và Đào tạo Khánh Hòa", DEPARTMENT, "KH"),
    # --- Sóc Trăng (merged into Cần Thơ on 1/7/2025) ---
    UnitRow("ST", "Tỉnh Sóc Trăng", PROVINCE, None, "94"),
    UnitRow("ST.SGDDT", "Sở Giáo dục và Đào tạo Sóc Trăng", DEPARTMENT, "ST"),
    UnitRow("ST.SLDTBXH", "Sở Lao động - Thương binh và Xã hội Sóc Trăng", DEPARTMENT, "ST"),
    # --- Cần Thơ (continuing) ---
    UnitRow("CT", "Thành phố Cần Thơ", PROVINCE, None),
    UnitRow("CT.SGDDT", "Sở Giáo dục và Đào tạo thành phố Cần Thơ", DEPARTMENT, "CT"),
]

# The 1/7/2025 reorganisation, carried out by units.reorganisation (not by hand-written rows): the three
# provinces and their Sở merge into the continuing ones; the district level ends, its Phòng GDĐT pass
# to the successor Sở GDĐT (their schools continue under it) and huyện Bác Ái to the province. Sở TT&TT
# and Sở LĐTBXH were reorganised on 1/3/2025 into Sở KH&CN and Sở Nội vụ; the demo hands them over to
# those of the successor province on 1/7/2025.
def reorganisation_2025():
    """The steps of the 1/7/2025 reorganisation, by unit code (units.reorganisation accepts codes)."""
    steps = [
        {"kind": "merge", "from": ["QB"], "into": "QT"},
        {"kind": "merge", "from": ["NT"], "into": "KH"},
        {"kind": "merge", "from": ["ST"], "into": "CT"},
        {"kind": "merge", "from": ["QB.SGDDT"], "into": "QT.SGDDT"},
        {"kind": "merge", "from": ["NT.SGDDT"], "into": "KH.SGDDT"},
        {"kind": "merge", "from": ["ST.SGDDT"], "into": "CT.SGDDT"},
        {"kind": "merge", "from": ["NT.STTTT"],
         "into": {"code": "KH.SKHCN", "name": "Sở Khoa học và Công nghệ Khánh Hòa", "kind": DEPARTMENT,
                  "parent": "KH"}},
        {"kind": "merge", "from": ["ST.SLDTBXH"],
         "into": {"code": "CT.SNV", "name": "Sở Nội vụ thành phố Cần Thơ", "kind": DEPARTMENT, "parent": "CT"}},
        {"kind": "merge", "from": [f"QB.PGD-{s}" for s, _, _ in QB_OFFICES], "into": "QT.SGDDT"},
        {"kind": "merge", "from": [f"ST.PGD-{s}" for s, _, _, _ in ST_OFFICES], "into": "CT.SGDDT"},
        {"kind": "merge", "from": ["NT.PGD-BACAI"], "into": "KH.SGDDT"},
        {"kind": "merge", "from": ["NT.UBND-BACAI"], "into": "KH"},
    ]
    return {"effective_on": MERGED_ON.isoformat(), "legal_basis": NQ_202, "steps": steps}


# What documents need (units.IssuingProfile), for the provinces, their Sở and the successors (DESIGN.md §6).
# A report on a Tỉnh ủy resolution ("-NQ/TU") is issued in the party's layout by the Tỉnh ủy or the Sở's
# party committee (Đảng ủy Sở); other reports in the state's (Nghị định 30/2020/NĐ-CP). Headings, place
# names and number symbols follow the units' official names; the signers' names are placeholders
# ("Nguyễn Văn A"): the seeds name no signer, and the demo signs for no real person.
class ProfileRow(NamedTuple):
    unit: str
    regime: str
    governing_body: str
    official_name: str
    short_name: str
    place: str
    suffix: str
    authority: str
    title: str
    signer: str
    recipients: tuple


_UBND_AUTHORITY = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
_SO_RECIPIENTS = ("UBND tỉnh (để báo cáo);", "Sở Thông tin và Truyền thông (để phối hợp);", "Giám đốc, các Phó Giám đốc Sở;",
                  "Lưu: VT, VP.")
_SO_RECIPIENTS_2025 = ("UBND tỉnh (để báo cáo);", "Sở Khoa học và Công nghệ (để phối hợp);",
                       "Giám đốc, các Phó Giám đốc Sở;", "Lưu: VT, VP.")
_TU_RECIPIENTS = ("Ban Chỉ đạo Trung ương (để báo cáo);", "Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy;",
                  "Các đảng bộ trực thuộc Tỉnh ủy;", "Lưu Văn phòng Tỉnh ủy.")
_DU_RECIPIENTS = ("Ban Thường vụ Tỉnh ủy (để báo cáo);", "Các chi bộ trực thuộc;", "Lưu Văn phòng Đảng ủy.")


def _province_profiles(code, name, place, signers, successor_era=False):
    """The UBND (state) and Tỉnh ủy (party) profiles of a province: "ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ"."""
    city = name.startswith("Thành phố")
    upper = name.upper()
    committee = "Thành ủy" if city else "Tỉnh ủy"
    return [
        ProfileRow(code, DocumentRegime.STATE, "", f"ỦY BAN NHÂN DÂN\n{upper}", f"Ủy ban nhân dân {name[0].lower()}{name[1:]}",
                   place, "/BC-UBND", _UBND_AUTHORITY, "PHÓ CHỦ TỊCH", signers[0],
                   ("Văn phòng Chính phủ (để báo cáo);", "Bộ Khoa học và Công nghệ (để báo cáo);" if successor_era
                    else "Bộ Thông tin và Truyền thông (để báo cáo);", f"Thường trực {committee} (để báo cáo);",
                    "Các sở, ban, ngành;", "Lưu: VT, KGVX.")),
        ProfileRow(code, DocumentRegime.PARTY, "", f"{committee.upper()} {place.upper()}", f"{committee} {place}",
                   place, "-BC/TU", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", signers[1],
                   _TU_RECIPIENTS if not city else tuple(x.replace("Tỉnh ủy", "Thành ủy") for x in _TU_RECIPIENTS)),
    ]


def _so_profiles(code, province, place, official, short, abbr, signers, successor_era=False, party=False):
    """A Sở's state profile ("UBND TỈNH QUẢNG TRỊ / SỞ GIÁO DỤC VÀ ĐÀO TẠO") and, with `party` (True, or the
    name as printed), its Đảng ủy's."""
    rows = [ProfileRow(code, DocumentRegime.STATE, f"UBND {province.upper()}", official.upper(), short, place,
                       f"/BC-{abbr}", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", signers[0],
                       _SO_RECIPIENTS_2025 if successor_era else _SO_RECIPIENTS)]
    if party:
        # The name on two lines where it reads well: the heading's column is narrow.
        name = party if isinstance(party, str) else f"ĐẢNG ỦY SỞ\n{official.upper().removeprefix('SỞ ')}"
        rows.append(ProfileRow(code, DocumentRegime.PARTY, f"ĐẢNG BỘ {province.upper()}", name,
                               f"Đảng ủy {official}", place, "-BC/ĐU", "T/M ĐẢNG ỦY", "BÍ THƯ", signers[1],
                               _DU_RECIPIENTS))
    return rows


ISSUING_PROFILES = [
    *_province_profiles("QB", "Tỉnh Quảng Bình", "Quảng Bình", ("Nguyễn Văn A", "Trần Văn B")),
    *_province_profiles("QT", "Tỉnh Quảng Trị", "Quảng Trị", ("Lê Văn C", "Phạm Thị D"), successor_era=True),
    *_province_profiles("NT", "Tỉnh Ninh Thuận", "Ninh Thuận", ("Hoàng Văn E", "Võ Thị G")),
    *_province_profiles("KH", "Tỉnh Khánh Hòa", "Khánh Hòa", ("Đặng Văn H", "Bùi Thị K"), successor_era=True),
    *_province_profiles("ST", "Tỉnh Sóc Trăng", "Sóc Trăng", ("Đỗ Văn L", "Ngô Thị M")),
    *_province_profiles("CT", "Thành phố Cần Thơ", "Cần Thơ", ("Dương Văn N", "Lý Thị P"), successor_era=True),
    *_so_profiles("QB.SGDDT", "tỉnh Quảng Bình", "Quảng Bình", "Sở Giáo dục và Đào tạo",
                  "Sở Giáo dục và Đào tạo tỉnh Quảng Bình", "SGDĐT", ("Trần Thị Q", "")),
    *_so_profiles("QT.SGDDT", "tỉnh Quảng Trị", "Quảng Trị", "Sở Giáo dục và Đào tạo",
                  "Sở Giáo dục và Đào tạo tỉnh Quảng Trị", "SGDĐT", ("Nguyễn Thị R", "Lê Văn S"), True, party=True),
    *_so_profiles("QT.STTTT", "tỉnh Quảng Trị", "Quảng Trị", "Sở Thông tin và Truyền thông",
                  "Sở Thông tin và Truyền thông tỉnh Quảng Trị", "STTTT", ("Phan Văn T", "")),
    *_so_profiles("NT.SGDDT", "tỉnh Ninh Thuận", "Ninh Thuận", "Sở Giáo dục và Đào tạo",
                  "Sở Giáo dục và Đào tạo tỉnh Ninh Thuận", "SGDĐT", ("Huỳnh Văn U", "Mai Thị V"), party=True),
    *_so_profiles("NT.STTTT", "tỉnh Ninh Thuận", "Ninh Thuận", "Sở Thông tin và Truyền thông",
                  "Sở Thông tin và Truyền thông tỉnh Ninh Thuận", "STTTT", ("Châu Văn X", "")),
    *_so_profiles("KH.SGDDT", "tỉnh Khánh Hòa", "Khánh Hòa", "Sở Giáo dục và Đào tạo",
                  "Sở Giáo dục và Đào tạo tỉnh Khánh Hòa", "SGDĐT", ("Trịnh Văn Y", "Tạ Thị Z"), True, party=True),
    *_so_profiles("ST.SGDDT", "tỉnh Sóc Trăng", "Sóc Trăng", "Sở Giáo dục và Đào tạo",
                  "Sở Giáo dục và Đào tạo tỉnh Sóc Trăng", "SGDĐT", ("Lâm Văn A", "Kim Thị B"), party=True),
    *_so_profiles("ST.SLDTBXH", "tỉnh Sóc Trăng", "Sóc Trăng", "Sở Lao động - Thương binh và Xã hội",
                  "Sở Lao động - Thương binh và Xã hội tỉnh Sóc Trăng", "SLĐTBXH", ("Thạch Văn C", "Sơn Thị D"),
                  party="ĐẢNG ỦY SỞ LAO ĐỘNG -\nTHƯƠNG BINH VÀ XÃ HỘI"),
    *_so_profiles("CT.SGDDT", "thành phố Cần Thơ", "Cần Thơ", "Sở Giáo dục và Đào tạo",
                  "Sở Giáo dục và Đào tạo thành phố Cần Thơ", "SGDĐT", ("Trương Văn E", "Quách Thị G"), True,
                  party=True),
]


def school_rows():
    """Every demo school: (code, name, parent code). Written in bulk."""
    rows = []
    for suffix, _, schools in QB_OFFICES:
        for level, place in schools:
            rows.append((f"QB.{suffix}.{level}-{slug(place)}", school_name(level, place), f"QB.PGD-{suffix}"))
    for suffix, name in QB_UPPER_SECONDARY:
        rows.append((f"QB.SGDDT.{suffix}", name, "QB.SGDDT"))
    for suffix, name in NT_UPPER_SECONDARY:
        rows.append((f"NT.SGDDT.{suffix}", name, "NT.SGDDT"))
    for level, place in NT_BACAI_SCHOOLS:
        rows.append((f"NT.BACAI.{level}-{slug(place)}", school_name(level, place), "NT.PGD-BACAI"))
    for i, name in enumerate(ST_UPPER_SECONDARY, start=1):
        rows.append((f"ST.SGDDT.THPT-{i:03d}", name, "ST.SGDDT"))
    for suffix, _, quota, communes in ST_OFFICES:
        made = 0
        for level, pattern in ST_SCHOOL_FORMS:
            for commune in communes:
                if made == quota:
                    break
                place = pattern.format(c=commune)
                rows.append((f"ST.{suffix}.{level}-{slug(place)}", school_name(level, place), f"ST.PGD-{suffix}"))
                made += 1
        assert made == quota, suffix
    return rows


def office_rows():
    """Every demo phòng GDĐT (Quảng Bình's and Sóc Trăng's), under its Sở."""
    rows = [UnitRow(f"QB.PGD-{s}", office_name(loc), DISTRICT_OFFICE, "QB.SGDDT")
            for s, loc, _ in QB_OFFICES]
    rows += [UnitRow(f"ST.PGD-{s}", office_name(loc), DISTRICT_OFFICE, "ST.SGDDT")
             for s, loc, _, _ in ST_OFFICES]
    return rows
