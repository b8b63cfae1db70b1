"""Demo data (DESIGN.md §7): the facts of the five seed articles, plus illustrative series.

`load_demo()` is idempotent: every object is looked up by its natural key
(unit code, resolution code, indicator code in its resolution, ...) and only
written when it is missing or differs, so a second run writes nothing (and
adds no audit-history rows). The bulk parts (479 Sóc Trăng schools, the
quarterly series, submissions) are diffed against what is in the database:
missing rows are bulk-created, rows that differ are bulk-updated, and
leftover rows flagged `is_illustrative=True` are deleted. Values entered by
people (not illustrative, not a demo fact) are never touched.

Two kinds of figures:
- facts from seeds/ (`is_illustrative=False`, with a note naming the source):
  Sóc Trăng 2023-Q4 (Báo Sóc Trăng, 24/12/2023) and Sở GDĐT Ninh Thuận
  2023-Q3, 2/9 online public services with dossiers = 22,22%;
- invented per-unit quarterly series (`is_illustrative=True`, the UI says
  "dữ liệu minh họa"), deterministic (random.Random seeded by strings).

Invented targets and tasks are flagged too (`Target.is_illustrative`,
`Task.is_illustrative`, with `illustrative_note` saying what is invented and
why), and pages and workbooks show them with a "minh họa" mark: the targets of
09-NQ/TU (seed 000 gives none; `ILLUSTRATIVE_TARGETS`), the 47 tasks of
1982/QĐ-UBND (seed 004 gives only counts per group: titles, lead units,
deadlines, numbering and which are deployed are invented), and the
recommendations of the two supervisions (texts from the seeds; deadlines,
statuses, and the 2019 numbering invented). The Quảng Bình plan's targets are
the seed's (each with its wording): not flagged.

The demo's "today" is DEMO_TODAY; the statuses of tasks and submissions are
written as seen on that day.
"""

import datetime as dt
import math
import random
import time
import unicodedata
from collections import Counter
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import models, transaction

from indicators.changes import figures_changed
from indicators.models import (
    DataValue,
    Direction,
    Frequency,
    Indicator,
    Measure,
    Operator,
    Period,
    Submission,
    SubmissionStatus,
    Target,
    Temporal,
)
from indicators.rules import compute_value
from resolutions.models import (
    Finding,
    FindingKind,
    Pillar,
    Resolution,
    ResolutionKind,
    Supervision,
    SupervisionKind,
    Task,
    TaskStatus,
    Visit,
)
from units import reorganisation
from units.models import (
    DocumentRegime,
    IssuingProfile,
    Membership,
    Reorganisation,
    ReportingUnit,
    Role,
    UnitKind,
    UnitSuccession,
)

DEMO_TODAY = dt.date(2026, 11, 23)
DEMO_PASSWORD = "demo1234"
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

MERGED_ON = dt.date(2025, 7, 1)
NQ_202 = "Nghị quyết 202/2025/QH15"

PROVINCE = UnitKind.PROVINCE
DEPARTMENT = UnitKind.DEPARTMENT
DISTRICT = UnitKind.DISTRICT
DISTRICT_OFFICE = UnitKind.DISTRICT_OFFICE
SCHOOL = UnitKind.SCHOOL

SRC_000 = "bài “Kết quả triển khai, thực hiện Nghị quyết số 09-NQ/TU tại Sở Giáo dục và Đào tạo” (buổi giám sát ngày 12/9/2023)"
SRC_001 = "Cổng thông tin điện tử tỉnh Quảng Bình, bài “Đẩy mạnh ứng dụng công nghệ thông tin nhằm nâng cao chất lượng, hiệu quả phục vụ người dân và doanh nghiệp về lĩnh vực Giáo dục - Đào tạo”"
SRC_002 = "Báo Sóc Trăng, 24/12/2023, bài “Nhiều lĩnh vực đẩy mạnh chuyển đổi số”"
SRC_003 = "bài “Kiểm tra tình hình ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử” (ngày 8/11/2019)"
SRC_004 = "Báo Quảng Trị, cuộc họp ngày 28/6/2024 đánh giá kết quả thực hiện Quyết định 1982/QĐ-UBND và 6 tháng đầu năm 2024"


# =============================================================================
# Reference data
# =============================================================================

PILLARS = [
    ("nhan_thuc_so", "Nhận thức số"),
    ("the_che_so", "Thể chế số"),
    ("ha_tang_so", "Hạ tầng số"),
    ("du_lieu_so", "Dữ liệu số"),
    ("nhan_luc_so", "Nhân lực số"),
    ("an_toan_thong_tin_mang", "An toàn thông tin mạng"),
    ("chinh_quyen_so", "Chính quyền số"),
    ("kinh_te_so", "Kinh tế số"),
    ("xa_hoi_so", "Xã hội số"),
]


# =============================================================================
# Units
# =============================================================================


class UnitRow(NamedTuple):
    code: str
    name: str
    kind: str
    parent: str | None
    statistical_code: str = ""
    valid_to: dt.date | None = None


def slug(text):
    """ASCII upper-case code part: "Hải Đình" -> "HAIDINH"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if c.isascii() and c.isalnum()).upper()


SCHOOL_LEVELS = {
    "MN": "Mầm non",
    "MG": "Mẫu giáo",
    "TH": "Tiểu học",
    "THCS": "THCS",
    "TH-THCS": "Tiểu học và THCS",
    "THPT": "THPT",
}

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

# Quảng Bình: 8 phòng GDĐT (abolished with the district level) and their schools.
QB_OFFICES = [
    # code suffix, locality, schools (level, place)
    ("DONGHOI", "thành phố Đồng Hới", [
        ("THCS", "Hải Đình"), ("THCS", "Đồng Phú"), ("THCS", "Nam Lý"), ("TH", "Bắc Lý"),
        ("TH", "Đồng Phú"), ("TH", "Hải Thành"), ("MN", "Đức Ninh Đông"), ("MN", "Bảo Ninh"),
    ]),
    ("BADON", "thị xã Ba Đồn", [
        ("THCS", "Quảng Thọ"), ("THCS", "Quảng Phong"), ("THCS", "Ba Đồn"), ("TH", "Quảng Long"),
        ("TH", "Quảng Thuận"), ("TH", "Quảng Phúc"), ("MN", "Quảng Hòa"), ("MN", "Quảng Văn"),
    ]),
    ("BOTRACH", "huyện Bố Trạch", [
        ("THCS", "Hoàn Lão"), ("TH", "Hoàn Lão"), ("THCS", "Đại Trạch"), ("TH", "Hòa Trạch"),
        ("THCS", "Hưng Trạch"), ("TH", "Phúc Trạch"), ("MN", "Sơn Trạch"), ("MN", "Thanh Trạch"),
    ]),
    ("QUANGNINH", "huyện Quảng Ninh", [
        ("THCS", "Quán Hàu"), ("TH", "Võ Ninh"), ("THCS", "Hàm Ninh"), ("TH", "Gia Ninh"),
        ("THCS", "An Ninh"), ("TH", "Vạn Ninh"), ("MN", "Hiền Ninh"), ("MN", "Lương Ninh"),
    ]),
    ("LETHUY", "huyện Lệ Thủy", [
        ("THCS", "Kiến Giang"), ("TH", "Phong Thủy"), ("THCS", "Sơn Thủy"), ("TH", "Cam Thủy"),
        ("THCS", "Ngư Thủy"), ("TH", "Hưng Thủy"), ("MN", "Mỹ Thủy"), ("MN", "Sen Thủy"),
    ]),
    ("QUANGTRACH", "huyện Quảng Trạch", [
        ("THCS", "Quảng Phương"), ("TH", "Quảng Hưng"), ("THCS", "Quảng Xuân"), ("TH", "Quảng Đông"),
        ("THCS", "Quảng Tùng"), ("TH", "Quảng Châu"), ("MN", "Quảng Hợp"), ("MN", "Quảng Kim"),
    ]),
    ("TUYENHOA", "huyện Tuyên Hóa", [
        ("THCS", "Đồng Lê"), ("TH", "Thanh Thạch"), ("THCS", "Tiến Hóa"), ("TH", "Châu Hóa"),
        ("TH-THCS", "Mai Hóa"), ("TH", "Sơn Hóa"), ("MN", "Văn Hóa"), ("MN", "Đức Hóa"),
    ]),
    ("MINHHOA", "huyện Minh Hóa", [
        ("THCS", "Quy Đạt"), ("TH-THCS", "Dân Hóa"), ("TH-THCS", "Trọng Hóa"), ("TH", "Hóa Tiến"),
        ("TH", "Hóa Sơn"), ("THCS", "Yên Hóa"), ("MN", "Xuân Hóa"), ("MN", "Trung Hóa"),
    ]),
]
QB_UPPER_SECONDARY = [  # (code suffix, name), under the Sở
    ("THPT-CHUYENVNG", "Trường THPT chuyên Võ Nguyên Giáp"),
    ("THPT-DAODUYTU", "Trường THPT Đào Duy Từ"),
    ("THPT-PHANDINHPHUNG", "Trường THPT Phan Đình Phùng"),
    ("THPT-LETHUY", "Trường THPT Lệ Thủy"),
    ("THPT-SO1BOTRACH", "Trường THPT Số 1 Bố Trạch"),
    ("THPT-LUONGTHEVINH", "Trường THPT Lương Thế Vinh"),
]

NT_UPPER_SECONDARY = [
    ("THPT-CHUYENLQD", "Trường THPT chuyên Lê Quý Đôn"),
    ("THPT-CHUVANAN", "Trường THPT Chu Văn An"),
    ("THPT-THAPCHAM", "Trường THPT Tháp Chàm"),
    ("THPT-NGUYENTRAI", "Trường THPT Nguyễn Trãi"),
    ("THPT-NINHHAI", "Trường THPT Ninh Hải"),
    ("THPT-BACAI", "Trường THPT Bác Ái"),
    ("PTDTNT-TINH", "Trường Phổ thông Dân tộc nội trú tỉnh Ninh Thuận"),
]
NT_BACAI_SCHOOLS = [("TH", "Phước Đại"), ("THCS", "Phước Đại"), ("TH", "Phước Bình"), ("THCS", "Phước Bình"),
                    ("TH", "Phước Tân"), ("MN", "Phước Tiến")]

# Sóc Trăng: the seed's 11 phòng GDĐT and 479 schools on fibre. 31 schools
# under the Sở (THPT level), 448 under the phòng; names are formed from the
# communes of each locality (the seed gives no school names).
ST_UPPER_SECONDARY = [
    "Trường THPT chuyên Nguyễn Thị Minh Khai", "Trường Phổ thông Dân tộc nội trú tỉnh Sóc Trăng",
    "Trường THPT Hoàng Diệu", "Trường THPT Lê Lợi", "Trường THPT Phan Văn Hùng", "Trường THPT Mai Thanh Thế",
    "Trường THPT Thiều Văn Chỏi", "Trường THPT Huỳnh Hữu Nghĩa", "Trường THPT Lịch Hội Thượng",
    "Trường THPT Văn Ngọc Chính", "Trường THPT Đoàn Văn Tố", "Trường THPT An Lạc Thôn", "Trường THPT Phú Tâm",
    "Trường THPT Thuận Hòa", "Trường THPT Mỹ Hương", "Trường THPT Lương Định Của", "Trường THPT Trần Văn Bảy",
    "Trường THPT Ngã Năm", "Trường THPT Vĩnh Hải", "Trường THPT An Ninh", "Trường THPT Hòa Tú",
    "Trường THPT Ngọc Tố", "Trường THPT Đại Ngãi", "Trường THPT Thạnh Tân", "Trường THPT Mỹ Xuyên",
    "Trường THPT Kế Sách", "Trường THPT Cù Lao Dung", "Trường THPT Trần Đề", "Trường THPT Long Phú",
    "Trường THPT Lai Hòa", "Trường THPT Vĩnh Châu",
]
ST_OFFICES = [
    # code suffix, locality, number of schools, communes
    ("TPSOCTRANG", "thành phố Sóc Trăng", 40, [f"Phường {i}" for i in range(1, 11)]),
    ("CHAUTHANH", "huyện Châu Thành", 38, ["Thuận Hòa", "Hồ Đắc Kiện", "Phú Tâm", "An Hiệp", "An Ninh",
                                          "Phú Tân", "Thiện Mỹ", "Châu Thành"]),
    ("KESACH", "huyện Kế Sách", 50, ["Kế Sách", "An Lạc Thôn", "An Lạc Tây", "Ba Trinh", "Đại Hải", "Kế An",
                                    "Kế Thành", "Nhơn Mỹ", "Phong Nẫm", "Thới An Hội", "Trinh Phú",
                                    "Xuân Hòa", "An Mỹ"]),
    ("MYTU", "huyện Mỹ Tú", 40, ["Huỳnh Hữu Nghĩa", "Long Hưng", "Hưng Phú", "Mỹ Hương", "Mỹ Tú",
                                "Mỹ Phước", "Thuận Hưng", "Mỹ Thuận", "Phú Mỹ"]),
    ("CULAODUNG", "huyện Cù Lao Dung", 30, ["Cù Lao Dung", "An Thạnh 1", "An Thạnh 2", "An Thạnh 3",
                                           "An Thạnh Tây", "An Thạnh Đông", "An Thạnh Nam", "Đại Ân 1"]),
    ("LONGPHU", "huyện Long Phú", 42, ["Long Phú", "Đại Ngãi", "Song Phụng", "Long Đức", "Châu Khánh",
                                      "Phú Hữu", "Tân Hưng", "Hậu Thạnh", "Trường Khánh", "Tân Thạnh"]),
    ("MYXUYEN", "huyện Mỹ Xuyên", 45, ["Mỹ Xuyên", "Đại Tâm", "Tham Đôn", "Thạnh Phú", "Ngọc Đông",
                                      "Thạnh Quới", "Hòa Tú 1", "Hòa Tú 2", "Gia Hòa 1", "Gia Hòa 2", "Ngọc Tố"]),
    ("NGANAM", "thị xã Ngã Năm", 32, ["Phường 1", "Phường 2", "Phường 3", "Mỹ Quới", "Tân Long", "Long Bình",
                                      "Mỹ Bình", "Vĩnh Quới"]),
    ("THANHTRI", "huyện Thạnh Trị", 40, ["Phú Lộc", "Hưng Lợi", "Lâm Tân", "Thạnh Tân", "Lâm Kiết",
                                        "Tuân Tức", "Vĩnh Thành", "Thạnh Trị", "Vĩnh Lợi", "Châu Hưng"]),
    ("VINHCHAU", "thị xã Vĩnh Châu", 45, ["Phường 1", "Phường 2", "Vĩnh Phước", "Vĩnh Hiệp", "Lai Hòa",
                                         "Vĩnh Tân", "Vĩnh Hải", "Lạc Hòa", "Hòa Đông"]),
    ("TRANDE", "huyện Trần Đề", 46, ["Trần Đề", "Lịch Hội Thượng", "Đại Ân 2", "Liêu Tú", "Trung Bình",
                                    "Tài Văn", "Viên An", "Viên Bình", "Thạnh Thới An", "Thạnh Thới Thuận"]),
]
# Round-robin over the communes: first a kindergarten, a primary and a lower-secondary school
# in each commune, then further primary schools (B, C) and kindergartens.
ST_SCHOOL_FORMS = [("MN", "{c}"), ("TH", "{c} A"), ("THCS", "{c}"), ("TH", "{c} B"), ("MG", "{c}"), ("TH", "{c} C")]


def office_name(locality):
    return f"Phòng Giáo dục và Đào tạo {locality}"


def school_name(level, place):
    return f"Trường {SCHOOL_LEVELS[level]} {place}"


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
    rows = [UnitRow(f"QB.PGD-{s}", office_name(loc), DISTRICT_OFFICE, "QB.SGDDT")
            for s, loc, _ in QB_OFFICES]
    rows += [UnitRow(f"ST.PGD-{s}", office_name(loc), DISTRICT_OFFICE, "ST.SGDDT")
             for s, loc, _, _ in ST_OFFICES]
    return rows


HAI_DINH = "QB.DONGHOI.THCS-HAIDINH"
PGD_DONG_HOI = "QB.PGD-DONGHOI"


# =============================================================================
# Resolutions, indicators, targets
# =============================================================================


class Sim(NamedTuple):
    """How an illustrative series is invented for one unit kind.

    percent: denominator drawn in [lo, hi] (each quarter for `flow`, once for
    `stock`), rate rising from r0 (2022-Q1) to r1 (2025-Q2) plus unit noise.
    boolean: share of units answering yes rising from r0 to r1.
    """

    lo: int
    hi: int
    r0: float
    r1: float


class IndicatorSpec(NamedTuple):
    code: str
    name: str
    pillar: str
    measure: str
    temporal: str
    applies_to: list
    numerator_label: str = ""
    denominator_label: str = ""
    unit_label: str = "%"
    description: str = ""
    targets: tuple = ()  # (unit_kind or None, operator, value, year, wording)
    sim: dict | None = None  # unit kind -> Sim
    decimals: int = 2
    assigned: tuple = ()  # codes of the units the indicator is assigned to (Indicator.assigned_units)


class ResolutionSpec(NamedTuple):
    code: str
    kind: str
    title: str
    issuer: str
    owner: str
    issued_on: dt.date | None
    start_year: int
    end_year: int
    vision_year: int | None
    note: str


QB_PLAN = ResolutionSpec(
    code="KH-CĐS-GDĐT-2022/QB",
    kind=ResolutionKind.PLAN,
    title="Kế hoạch xây dựng Chuyển đổi số ngành Giáo dục năm 2022",
    issuer="Sở Giáo dục và Đào tạo Quảng Bình",
    owner="QB.SGDDT",
    issued_on=None,
    start_year=2022,
    end_year=2022,
    vision_year=None,
    note=f"Nguồn: {SRC_001}. Bài viết không nêu số, ngày ban hành kế hoạch; "
    "“KH-CĐS-GDĐT-2022/QB” là mã do hệ thống đặt.",
)

NQ_09 = ResolutionSpec(
    code="09-NQ/TU",
    kind=ResolutionKind.RESOLUTION,
    title="Về chuyển đổi số tỉnh Ninh Thuận giai đoạn 2021-2025, tầm nhìn năm 2030",
    issuer="Ban Thường vụ Tỉnh ủy Ninh Thuận",
    owner="NT",
    issued_on=dt.date(2021, 11, 29),
    start_year=2021,
    end_year=2025,
    vision_year=2030,
    note=f"Nguồn: {SRC_000}. Bài viết không nêu các con số mục tiêu của Nghị quyết: các chỉ tiêu, "
    "mục tiêu dưới đây (trừ số liệu 22,22%) là minh họa.",
)

NQ_07 = ResolutionSpec(
    code="07-NQ/TU",
    kind=ResolutionKind.RESOLUTION,
    title="Về chuyển đổi số tỉnh Sóc Trăng đến năm 2025, định hướng đến năm 2030",
    issuer="Ban Chấp hành Đảng bộ tỉnh Sóc Trăng khóa XIV",
    owner="ST",
    issued_on=dt.date(2021, 10, 27),
    start_year=2021,
    end_year=2025,
    vision_year=2030,
    note=f"Nguồn: {SRC_002}. Số liệu ghi nhận vào kỳ Quý IV/2023; bài viết không nêu mục tiêu của Nghị quyết.",
)

QD_1982 = ResolutionSpec(
    code="1982/QĐ-UBND",
    kind=ResolutionKind.DECISION,
    title="Về giao nhiệm vụ thực hiện chuyển đổi số tỉnh Quảng Trị",
    issuer="UBND tỉnh Quảng Trị",
    owner="QT",
    issued_on=dt.date(2022, 7, 29),
    start_year=2022,
    end_year=2025,
    vision_year=None,
    note=f"Nguồn: {SRC_004}. Bài viết không nêu trích yếu chính thức và thời hạn của Quyết định; "
    "trích yếu và giai đoạn 2022-2025 ở đây là ghi tạm. Sở Thông tin và Truyền thông là cơ quan thường trực "
    "tham mưu; tình trạng nhiệm vụ ghi theo báo cáo 6 tháng đầu năm 2024.",
)

_SO, _PHONG, _TRUONG = DEPARTMENT, DISTRICT_OFFICE, SCHOOL
_EDU = [_SO, _PHONG, _TRUONG]

QB_INDICATORS = [
    IndicatorSpec(
        "VB-DIENTU", "Tỷ lệ văn bản trao đổi dưới dạng điện tử", "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW, _EDU,
        "Số văn bản trao đổi hoàn toàn dưới dạng điện tử hoặc điện tử song song với văn bản giấy",
        "Tổng số văn bản trao đổi (trừ văn bản thuộc phạm vi bí mật Nhà nước)",
        description="Văn bản trao đổi giữa các đơn vị nội bộ ngành, cơ quan quản lý giáo dục, các cơ sở giáo dục "
        "với các cơ quan, đơn vị ngoài ngành.",
        targets=((None, Operator.GTE, 96, 2022,
                  "tỷ lệ văn bản trao đổi ... hoàn toàn dưới dạng điện tử và dưới dạng điện tử song song với văn bản "
                  "giấy đạt 96% (trừ văn bản thuộc phạm vi bí mật Nhà nước)"),),
        sim={_SO: Sim(250, 450, .90, .99), _PHONG: Sim(120, 260, .80, .97), _TRUONG: Sim(25, 90, .70, .95)},
    ),
    IndicatorSpec(
        "HSCV-MANG", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "chinh_quyen_so", Measure.PERCENT,
        Temporal.FLOW, _EDU,
        "Số hồ sơ công việc được xử lý trên môi trường mạng", "Tổng số hồ sơ công việc",
        targets=(
            (_SO, Operator.GT, 95, 2022, "trên 95% tỷ lệ hồ sơ công việc tại cơ quan Sở"),
            (_PHONG, Operator.GT, 75, 2022, "trên 75% tỷ lệ hồ sơ công việc tại các phòng GDĐT"),
            (_TRUONG, Operator.GTE, 52, 2022,
             "52% tỷ lệ hồ sơ công việc tại các cơ sở giáo dục trong tỉnh được xử lý trên môi trường mạng"),
        ),
        sim={_SO: Sim(180, 320, .91, .99), _PHONG: Sim(90, 200, .66, .92), _TRUONG: Sim(15, 60, .38, .75)},
    ),
    IndicatorSpec(
        "BC-HETHONG", "Tỷ lệ chế độ báo cáo được thực hiện trên hệ thống thông tin báo cáo", "chinh_quyen_so",
        Measure.PERCENT, Temporal.STOCK, _EDU,
        "Số chế độ báo cáo, chỉ tiêu tổng hợp thực hiện trên hệ thống thông tin báo cáo của tỉnh/bộ và Sở GDĐT",
        "Tổng số chế độ báo cáo định kỳ, báo cáo thống kê phải thực hiện",
        targets=((None, Operator.GT, 80, 2022,
                  "trên 80% chế độ báo cáo, chỉ tiêu tổng hợp báo cáo định kỳ và báo cáo thống kê về kinh tế - xã hội "
                  "... được thực hiện trên hệ thống thông tin báo cáo của tỉnh/bộ và Sở GDĐT"),),
        sim={_SO: Sim(18, 24, .70, .95), _PHONG: Sim(10, 14, .60, .92), _TRUONG: Sim(6, 10, .50, .90)},
    ),
    IndicatorSpec(
        "CSDL-KETNOI", "Tỷ lệ cơ sở dữ liệu quan trọng của ngành được kết nối, chia sẻ", "du_lieu_so",
        Measure.PERCENT, Temporal.STOCK, [_SO],
        "Số cơ sở dữ liệu quan trọng của ngành được kết nối, chia sẻ", "Tổng số cơ sở dữ liệu quan trọng của ngành",
        targets=((None, Operator.GT, 50, 2022,
                  "trên 50% cơ sở dữ liệu tạo nền tảng phát triển chính quyền số, chuyển đổi số quan trọng của ngành "
                  "được kết nối, chia sẻ"),),
        sim={_SO: Sim(8, 12, .38, .80)},
    ),
    IndicatorSpec(
        "KT-MOITRUONGSO", "Tỷ lệ hoạt động kiểm tra thực hiện thông qua môi trường số", "chinh_quyen_so",
        Measure.PERCENT, Temporal.FLOW, [_SO, _PHONG],
        "Số cuộc kiểm tra thực hiện thông qua môi trường số và hệ thống thông tin", "Tổng số cuộc kiểm tra",
        targets=((None, Operator.GT, 30, 2022,
                  "trên 30% hoạt động kiểm tra của cơ quan, đơn vị quản lí giáo dục được thực hiện thông qua môi "
                  "trường số và hệ thống thông tin của cơ quan, đơn vị quản lý"),),
        sim={_SO: Sim(4, 12, .20, .55), _PHONG: Sim(0, 6, .10, .45)},
    ),
    IndicatorSpec(
        "DVCTT-CONGQG", "Tỷ lệ dịch vụ công trực tuyến mức độ 3, 4 được tích hợp lên Cổng Dịch vụ công Quốc gia",
        "chinh_quyen_so", Measure.PERCENT, Temporal.STOCK, [_SO],
        "Số dịch vụ công trực tuyến mức độ 3, 4 được tích hợp lên Cổng Dịch vụ công Quốc gia",
        "Tổng số dịch vụ công trực tuyến mức độ 3, 4 phổ biến, liên quan tới người dân, doanh nghiệp",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% tỷ lệ dịch vụ công trực tuyến mức độ 3, 4 phổ biến, liên quan tới người dân, doanh nghiệp trên "
                  "Cổng Dịch vụ công của tỉnh được tích hợp lên Cổng Dịch vụ công Quốc gia"),),
        sim={_SO: Sim(28, 34, .80, 1.0)},
    ),
    IndicatorSpec(
        "HAILONG", "Tỷ lệ người dân, doanh nghiệp hài lòng về giải quyết thủ tục hành chính, cung cấp dịch vụ công",
        "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW, [_SO, _PHONG],
        "Số lượt đánh giá hài lòng trên Cổng Dịch vụ công", "Tổng số lượt đánh giá trên Cổng Dịch vụ công",
        targets=(
            (_SO, Operator.GT, 85, 2022, "đạt trên 85% đối với cấp Sở"),
            (_PHONG, Operator.GT, 80, 2022, "trên 80% đối với cấp phòng GDĐT"),
        ),
        sim={_SO: Sim(120, 400, .84, .95), _PHONG: Sim(20, 90, .76, .92)},
    ),
    IndicatorSpec(
        "GD-XACTHUC", "Tỷ lệ giao dịch trên Cổng dịch vụ công và Hệ thống một cửa điện tử được xác thực điện tử",
        "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW, [_SO, _PHONG],
        "Số giao dịch được xác thực điện tử",
        "Tổng số giao dịch trên Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử của tỉnh",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% tỷ lệ giao dịch trên Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử của tỉnh được "
                  "xác thực điện tử"),),
        sim={_SO: Sim(150, 450, .86, 1.0), _PHONG: Sim(30, 120, .80, 1.0)},
    ),
    IndicatorSpec(
        "ATTT-PHOBIEN", "Tỷ lệ cán bộ, công chức, viên chức, người lao động được phổ biến về an toàn thông tin",
        "an_toan_thong_tin_mang", Measure.PERCENT, Temporal.STOCK, _EDU,
        "Số CBCCVC, người lao động được phổ biến, quán triệt về trách nhiệm và kỹ năng bảo đảm an toàn thông tin",
        "Tổng số CBCCVC và người lao động",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% cán bộ, công chức, viên chức và người lao động trong toàn ngành được phổ biến, quán triệt "
                  "thường xuyên về trách nhiệm và kỹ năng cơ bản bảo đảm an toàn thông tin"),),
        sim={_SO: Sim(90, 110, .75, 1.0), _PHONG: Sim(12, 22, .70, 1.0), _TRUONG: Sim(25, 70, .55, 1.0)},
    ),
    IndicatorSpec(
        "ATTT-DAOTAO", "Tỷ lệ cán bộ phụ trách CNTT được đào tạo, bồi dưỡng về an toàn thông tin",
        "an_toan_thong_tin_mang", Measure.PERCENT, Temporal.STOCK, _EDU,
        "Số cán bộ phụ trách CNTT được đào tạo, bồi dưỡng về an toàn thông tin", "Tổng số cán bộ phụ trách CNTT",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% cán bộ phụ trách CNTT của các đơn vị, cơ sở giáo dục được đào tạo, bồi dưỡng về an toàn "
                  "thông tin"),),
        sim={_SO: Sim(4, 6, .60, 1.0), _PHONG: Sim(1, 3, .40, 1.0), _TRUONG: Sim(1, 2, .30, .95)},
    ),
    IndicatorSpec(
        "KDTM-TRUONG", "Trường học sử dụng phương thức thanh toán không dùng tiền mặt", "kinh_te_so", Measure.BOOLEAN,
        Temporal.STOCK, [_TRUONG],
        "Đã lắp đặt, sử dụng phương thức thanh toán không dùng tiền mặt để thanh toán học phí và các giao dịch khác",
        unit_label="",
        description="Mỗi trường trả lời Có/Không; tỷ lệ = số trường trả lời Có / số trường phải báo cáo.",
        targets=((None, Operator.GTE, 50, 2022,
                  "50% trường học, cơ sở giáo dục trên địa bàn tỉnh lắp đặt, sử dụng các phương thức thanh toán không "
                  "dùng tiền mặt để thanh toán học phí và các giao dịch khác"),),
        sim={_TRUONG: Sim(0, 0, .25, .80)},
    ),
    IndicatorSpec(
        "KDTM-GIATRI", "Tỷ lệ giá trị giao dịch thanh toán không dùng tiền mặt trong trường học", "kinh_te_so",
        Measure.PERCENT, Temporal.FLOW, [_TRUONG],
        "Giá trị giao dịch thanh toán không dùng tiền mặt (triệu đồng)", "Tổng giá trị các giao dịch thu, thanh toán (triệu đồng)",
        description="Kế hoạch ghi “số lượng và giá trị giao dịch ... đạt 50%”; hệ thống theo dõi theo giá trị.",
        targets=((None, Operator.GTE, 50, 2022,
                  "số lượng và giá trị giao dịch thanh toán không dùng tiền mặt trong các trường học, cơ sở giáo dục "
                  "đạt 50%"),),
        sim={_TRUONG: Sim(80, 900, .20, .65)},
    ),
    IndicatorSpec(
        "TO-CDS", "Đơn vị đã thành lập Tổ Chỉ đạo Chuyển đổi số", "nhan_thuc_so", Measure.BOOLEAN, Temporal.STOCK, _EDU,
        "Đã thành lập Tổ Chỉ đạo Chuyển đổi số do người đứng đầu đơn vị làm Tổ trưởng", unit_label="",
        description="Mỗi đơn vị trả lời Có/Không; tỷ lệ = số đơn vị trả lời Có / số đơn vị phải báo cáo.",
        targets=((None, Operator.GTE, 100, 2022,
                  "100% các đơn vị, cơ sở giáo dục trong toàn ngành thành lập Tổ Chỉ đạo Chuyển đổi số do người đứng "
                  "đầu đơn vị, cơ sở giáo dục làm Tổ trưởng"),),
        sim={_SO: Sim(0, 0, 1.0, 1.0), _PHONG: Sim(0, 0, .75, 1.0), _TRUONG: Sim(0, 0, .45, 1.05)},
    ),
]

_NT_NOTE = ("Chỉ tiêu và mục tiêu minh họa (bài viết nguồn không nêu con số mục tiêu của Nghị quyết 09-NQ/TU); "
            "mục tiêu đặt theo định hướng Chương trình Chuyển đổi số quốc gia.")
NQ09_INDICATORS = [
    IndicatorSpec(
        "HSCV-MANG", "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng", "chinh_quyen_so", Measure.PERCENT,
        Temporal.FLOW, [DEPARTMENT, DISTRICT, DISTRICT_OFFICE],
        "Số hồ sơ công việc được xử lý trên môi trường mạng", "Tổng số hồ sơ công việc", description=_NT_NOTE,
        targets=((DEPARTMENT, Operator.GTE, 90, 2025, ""), (DISTRICT, Operator.GTE, 80, 2025, ""),
                 (DISTRICT_OFFICE, Operator.GTE, 80, 2025, "")),
        sim={DEPARTMENT: Sim(150, 400, .70, .93), DISTRICT: Sim(200, 500, .55, .85),
             DISTRICT_OFFICE: Sim(60, 150, .50, .85)},
    ),
    IndicatorSpec(
        "VB-KYSO", "Tỷ lệ văn bản đi được ký số", "chinh_quyen_so", Measure.PERCENT, Temporal.FLOW,
        [DEPARTMENT, DISTRICT, DISTRICT_OFFICE, SCHOOL],
        "Số văn bản đi được ký số", "Tổng số văn bản đi", description=_NT_NOTE,
        targets=((None, Operator.GTE, 90, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={DEPARTMENT: Sim(150, 350, .75, .97), DISTRICT: Sim(150, 400, .60, .90),
             DISTRICT_OFFICE: Sim(50, 140, .55, .90), SCHOOL: Sim(15, 60, .30, .80)},
    ),
    IndicatorSpec(
        "DVCTT-TOANTRINH", "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình", "chinh_quyen_so",
        Measure.PERCENT, Temporal.STOCK, [DEPARTMENT, DISTRICT],
        "Số thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
        "Tổng số thủ tục hành chính đủ điều kiện cung cấp trực tuyến toàn trình", description=_NT_NOTE,
        targets=((None, Operator.GTE, 80, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={DEPARTMENT: Sim(25, 60, .20, .60), DISTRICT: Sim(40, 80, .15, .50)},
    ),
    IndicatorSpec(
        "DVCTT-PS", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", "chinh_quyen_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT, DISTRICT],
        "Số dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến", "Tổng số dịch vụ công trực tuyến được cung cấp",
        description="Đoàn giám sát theo Quyết định 1521-QĐ/TU ghi nhận tại Sở Giáo dục và Đào tạo: đạt 22,22% "
        "(2/9 dịch vụ). Mục tiêu là minh họa.",
        targets=((None, Operator.GTE, 50, 2025, ""),),
        sim={DEPARTMENT: Sim(9, 20, .10, .50), DISTRICT: Sim(10, 25, .10, .45)},
    ),
    IndicatorSpec(
        "HOCPHI-KDTM", "Tỷ lệ lượt thu học phí không dùng tiền mặt", "kinh_te_so", Measure.PERCENT, Temporal.FLOW,
        [SCHOOL],
        "Số lượt nộp học phí bằng phương thức không dùng tiền mặt", "Tổng số lượt nộp học phí", description=_NT_NOTE,
        targets=((None, Operator.GTE, 80, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={SCHOOL: Sim(100, 600, .15, .85)},
    ),
    IndicatorSpec(
        "CSDL-NGANH", "Cơ sở giáo dục cập nhật đầy đủ dữ liệu lên cơ sở dữ liệu ngành", "du_lieu_so", Measure.BOOLEAN,
        Temporal.STOCK, [SCHOOL],
        "Đã cập nhật đầy đủ dữ liệu học sinh, giáo viên, trường lớp lên cơ sở dữ liệu ngành", unit_label="",
        description=_NT_NOTE, targets=((None, Operator.GTE, 100, 2025, ""),),
        sim={SCHOOL: Sim(0, 0, .40, .95)},
    ),
    IndicatorSpec(
        "KYNANGSO", "Tỷ lệ cán bộ, công chức, viên chức được tập huấn kỹ năng số", "nhan_luc_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT, DISTRICT, DISTRICT_OFFICE, SCHOOL],
        "Số CBCCVC được tập huấn, bồi dưỡng kỹ năng số", "Tổng số CBCCVC", description=_NT_NOTE,
        targets=((None, Operator.GTE, 80, 2025, ""), (None, Operator.GTE, 100, 2030, "")),
        sim={DEPARTMENT: Sim(60, 120, .30, .90), DISTRICT: Sim(80, 150, .25, .85),
             DISTRICT_OFFICE: Sim(10, 20, .30, .90), SCHOOL: Sim(20, 60, .20, .85)},
    ),
]

_ST_SOURCE = f"Nguồn: {SRC_002}."
_COMPUTERS = [("THPT", "trung học phổ thông"), ("THCS", "trung học cơ sở"), ("TH", "tiểu học")]
NQ07_INDICATORS = [
    IndicatorSpec(
        "CAPQUANG", "Đơn vị kết nối internet cáp quang", "ha_tang_so", Measure.BOOLEAN, Temporal.STOCK,
        [DEPARTMENT, DISTRICT_OFFICE, SCHOOL], "Đơn vị đã kết nối internet cáp quang", unit_label="",
        description=f"{_ST_SOURCE} “Tại sở, 11 phòng giáo dục và đào tạo ..., 479 trường đều kết nối cáp quang "
        "internet tại đơn vị.”",
    ),
    *[
        IndicatorSpec(
            f"MT-{purpose}-{level}", f"Số máy vi tính phục vụ {label} cấp {level_name}", "ha_tang_so", Measure.COUNT,
            Temporal.STOCK, [DEPARTMENT], f"Số máy vi tính phục vụ {label} cấp {level_name}", unit_label="máy",
            description=f"{_ST_SOURCE} Số liệu toàn ngành do Sở Giáo dục và Đào tạo tổng hợp.", decimals=0,
            assigned=("ST.SGDDT",),
        )
        for purpose, label in (("QL", "quản lý"), ("GD", "giảng dạy"))
        for level, level_name in _COMPUTERS
    ],
    IndicatorSpec(
        "BHTN-TRUCTUYEN", "Tỷ lệ hồ sơ hưởng trợ cấp thất nghiệp tiếp nhận, trả kết quả trực tuyến", "chinh_quyen_so",
        Measure.PERCENT, Temporal.STOCK, [DEPARTMENT],
        "Số lượt hồ sơ “Giải quyết hưởng trợ cấp thất nghiệp” tiếp nhận, trả kết quả trên Cổng dịch vụ công Quốc gia",
        "Tổng số hồ sơ đề nghị giải quyết hưởng bảo hiểm thất nghiệp đã tiếp nhận, giải quyết",
        description=f"{_ST_SOURCE} Số lũy kế từ 01/6/2022 đến 30/11/2023, do Sở Lao động - Thương binh và Xã hội báo cáo.",
        assigned=("ST.SLDTBXH",),
    ),
    IndicatorSpec(
        "NCC-CAPNHAT", "Tỷ lệ hồ sơ người có công được cập nhật lên phần mềm quản lý", "du_lieu_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT],
        "Số hồ sơ người có công đang hưởng trợ cấp hằng tháng đã cập nhật lên phần mềm quản lý",
        "Tổng số hồ sơ người có công đang hưởng trợ cấp hằng tháng", description=_ST_SOURCE,
        assigned=("ST.SLDTBXH",),
    ),
    IndicatorSpec(
        "TREEM-CAPNHAT", "Tỷ lệ trẻ em được cập nhật dữ liệu", "du_lieu_so", Measure.PERCENT, Temporal.STOCK,
        [DEPARTMENT], "Số trẻ em đã được cập nhật dữ liệu", "Tổng số trẻ em trên địa bàn tỉnh", description=_ST_SOURCE,
        assigned=("ST.SLDTBXH",),
    ),
    IndicatorSpec(
        "BTXH-DINHDANH", "Tỷ lệ đối tượng bảo trợ xã hội có mã định danh cá nhân", "du_lieu_so", Measure.PERCENT,
        Temporal.STOCK, [DEPARTMENT], "Số đối tượng bảo trợ xã hội hợp lệ có mã định danh cá nhân",
        "Tổng số đối tượng bảo trợ xã hội hợp lệ đã cập nhật", description=_ST_SOURCE,
        assigned=("ST.SLDTBXH",),
    ),
]

RESOLUTIONS = [(QB_PLAN, QB_INDICATORS), (NQ_09, NQ09_INDICATORS), (NQ_07, NQ07_INDICATORS), (QD_1982, [])]

# Targets the seeds do not state (flagged `Target.is_illustrative`, shown with a "minh họa" mark and this
# reason). Seed 001 states every target of the Quảng Bình plan (each carries its wording); seed 000 states
# none of 09-NQ/TU's (only the finding 22,22%); seed 002 states none of 07-NQ/TU's and none is invented.
ILLUSTRATIVE_TARGETS = {
    NQ_09.code: "Mục tiêu do hệ thống tạo để minh họa; văn bản gốc không nêu số liệu này (bài viết nguồn không nêu "
                "con số mục tiêu của Nghị quyết 09-NQ/TU; đặt theo định hướng Chương trình Chuyển đổi số quốc gia).",
}


# =============================================================================
# Seed facts as values
# =============================================================================

FACT_NOTE_ST = f"Nguồn: {SRC_002}."
ST_FACT_PERIOD = "2023-Q4"  # the article is dated 24/12/2023
ST_COMPUTERS = {  # seed 002
    "MT-QL-THPT": 325, "MT-QL-THCS": 629, "MT-QL-TH": 342,
    "MT-GD-THPT": 1937, "MT-GD-THCS": 3296, "MT-GD-TH": 1566,
}
ST_SOCIAL = {  # seed 002, Sở LĐTBXH: (numerator, denominator, extra note)
    "BHTN-TRUCTUYEN": (116, 15828, " Lũy kế từ 01/6/2022 đến 30/11/2023; trong đó tiếp nhận trực tiếp trên 15.700 hồ sơ."),
    "NCC-CAPNHAT": (8339, 9189, ""),
    "TREEM-CAPNHAT": (241715, 296117, ""),
    "BTXH-DINHDANH": (41322, 43882, ""),
}
NT_FACT_PERIOD = "2023-Q3"  # the visit of 12/9/2023 falls in Quý III/2023 (15/6–14/9/2023)
NT_FACT_NOTE = (f"Nguồn: {SRC_000}: “dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp, đạt tỷ lệ 22,22%”. "
                "Bài viết chỉ nêu tỷ lệ; 2/9 là cặp tử số/mẫu số nhỏ nhất cho đúng 22,22%.")
# The Sở's illustrative DVCTT-PS series around that fact: (numerator, denominator) per quarter 2022-Q1..2025-Q2.
NT_DVCTT_PS_SERIES = [(0, 9), (1, 9), (1, 9), (1, 9), (1, 9), (1, 9), (2, 9), (2, 9), (3, 9), (3, 9),
                      (4, 10), (4, 10), (5, 10), (5, 10)]


# =============================================================================
# Tasks of Decision 1982/QĐ-UBND (Quảng Trị), status at 6 tháng đầu năm 2024
# =============================================================================

GROUP_GENERAL = "Nhóm nhiệm vụ chung"
GROUP_GOV = "Phát triển chính quyền số"
GROUP_ECON = "Phát triển kinh tế số"
GROUP_SOC = "Phát triển xã hội số"
_D, _P, _N = TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED

# Seed 004: "11/11 nhóm nhiệm vụ chung được giao cơ bản đã triển khai thực hiện. Đã triển khai 11/21
# nhiệm vụ phát triển chính quyền số, 5/9 nhiệm vụ phát triển kinh tế số, 1/6 nhiệm vụ phát triển xã
# hội số". "Đã triển khai" = in progress or done. Titles, lead units and deadlines are plausible
# inventions: the article names none.
QD1982_TASKS = {
    GROUP_GENERAL: [
        ("nhan_thuc_so", "Tuyên truyền, nâng cao nhận thức về chuyển đổi số cho cán bộ, công chức, viên chức và người dân",
         "QT.STTTT", dt.date(2025, 12, 31), _P),
        ("nhan_thuc_so", "Kiện toàn Ban Chỉ đạo Chuyển đổi số tỉnh và Tổ giúp việc", "QT.VPUBND", dt.date(2022, 9, 30), _D),
        ("the_che_so", "Xây dựng, ban hành cơ chế, chính sách hỗ trợ, thúc đẩy chuyển đổi số của tỉnh", "QT.STTTT",
         dt.date(2023, 12, 31), _P),
        ("the_che_so", "Ban hành quy chế quản lý, vận hành, khai thác các hệ thống thông tin dùng chung của tỉnh",
         "QT.STTTT", dt.date(2023, 6, 30), _D),
        ("ha_tang_so", "Nâng cấp, mở rộng mạng truyền số liệu chuyên dùng đến cấp xã", "QT.STTTT", dt.date(2024, 12, 31), _P),
        ("ha_tang_so", "Phát triển hạ tầng băng rộng cố định và di động 4G/5G đến thôn, bản", "QT.STTTT",
         dt.date(2025, 12, 31), _P),
        ("du_lieu_so", "Xây dựng kho dữ liệu dùng chung và nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGSP)",
         "QT.STTTT", dt.date(2024, 12, 31), _P),
        ("du_lieu_so", "Xây dựng, cập nhật cơ sở dữ liệu chuyên ngành và tích hợp về kho cơ sở dữ liệu dùng chung",
         "QT.VPUBND", dt.date(2025, 12, 31), _P),
        ("nhan_luc_so", "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức", "QT.SNV", dt.date(2025, 12, 31), _P),
        ("nhan_luc_so", "Bố trí, bồi dưỡng nhân lực chuyên trách công nghệ thông tin, chuyển đổi số tại các cơ quan",
         "QT.SNV", dt.date(2024, 12, 31), _P),
        ("an_toan_thong_tin_mang", "Bảo đảm an toàn thông tin mạng theo mô hình 4 lớp cho các hệ thống thông tin của tỉnh",
         "QT.STTTT", dt.date(2023, 12, 31), _D),
    ],
    GROUP_GOV: [
        (None, "Nâng cấp Hệ thống thông tin giải quyết thủ tục hành chính tỉnh", "QT.VPUBND", dt.date(2023, 6, 30), _D),
        (None, "Cung cấp dịch vụ công trực tuyến toàn trình đối với các thủ tục hành chính đủ điều kiện", "QT.VPUBND",
         dt.date(2024, 12, 31), _P),
        (None, "Tích hợp, kết nối Cổng dịch vụ công tỉnh với Cổng Dịch vụ công Quốc gia", "QT.VPUBND",
         dt.date(2022, 12, 31), _D),
        (None, "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "QT.VPUBND", dt.date(2024, 12, 31), _P),
        (None, "Triển khai hệ thống quản lý văn bản và điều hành liên thông 4 cấp", "QT.STTTT", dt.date(2023, 6, 30), _D),
        (None, "Cấp và sử dụng chữ ký số chuyên dùng cho cán bộ, công chức", "QT.STTTT", dt.date(2023, 12, 31), _D),
        (None, "Xây dựng Trung tâm Giám sát, điều hành thông minh (IOC) của tỉnh", "QT.STTTT", dt.date(2024, 12, 31), _P),
        (None, "Xây dựng Hệ thống thông tin báo cáo của tỉnh kết nối Hệ thống thông tin báo cáo Chính phủ", "QT.VPUBND",
         dt.date(2023, 12, 31), _D),
        (None, "Triển khai hệ thống họp trực tuyến đến cấp xã", "QT.STTTT", dt.date(2023, 6, 30), _D),
        (None, "Xây dựng cơ sở dữ liệu cán bộ, công chức, viên chức của tỉnh", "QT.SNV", dt.date(2024, 12, 31), _P),
        (None, "Triển khai phần mềm quản lý ngân sách, tài sản công", "QT.STC", dt.date(2024, 12, 31), _P),
        (None, "Xây dựng cơ sở dữ liệu ngành giáo dục của tỉnh kết nối cơ sở dữ liệu của Bộ Giáo dục và Đào tạo",
         "QT.SGDDT", dt.date(2025, 6, 30), _N),
        (None, "Triển khai hồ sơ sức khỏe điện tử và bệnh án điện tử", "QT.SYT", dt.date(2025, 12, 31), _N),
        (None, "Xây dựng cơ sở dữ liệu hộ tịch điện tử dùng chung", "QT.STP", dt.date(2025, 6, 30), _N),
        (None, "Triển khai thanh toán trực tuyến phí, lệ phí thủ tục hành chính", "QT.STC", dt.date(2024, 12, 31), _N),
        (None, "Xây dựng hệ thống thông tin quản lý thanh tra, giải quyết khiếu nại, tố cáo", "QT.VPUBND",
         dt.date(2025, 12, 31), _N),
        (None, "Triển khai nền tảng phân tích, tổng hợp dữ liệu phục vụ chỉ đạo, điều hành", "QT.STTTT",
         dt.date(2025, 12, 31), _N),
        (None, "Triển khai lưu trữ hồ sơ điện tử của các cơ quan nhà nước", "QT.SNV", dt.date(2025, 6, 30), _N),
        (None, "Số hóa tài liệu lưu trữ lịch sử của tỉnh", "QT.SNV", dt.date(2025, 12, 31), _N),
        (None, "Đánh giá mức độ hài lòng của người dân đối với dịch vụ hành chính công trên môi trường số", "QT.VPUBND",
         dt.date(2024, 12, 31), _N),
        (None, "Triển khai ứng dụng công dân số của tỉnh", "QT.STTTT", dt.date(2025, 12, 31), _N),
    ],
    GROUP_ECON: [
        (None, "Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số", "QT.SCT", dt.date(2025, 12, 31), _P),
        (None, "Đưa sản phẩm nông sản, đặc sản của tỉnh lên sàn thương mại điện tử", "QT.SCT", dt.date(2024, 12, 31), _P),
        (None, "Phát triển thanh toán không dùng tiền mặt trong các dịch vụ công", "QT.STC", dt.date(2025, 12, 31), _P),
        (None, "Hỗ trợ hộ kinh doanh, hợp tác xã ứng dụng nền tảng số", "QT.SCT", dt.date(2023, 12, 31), _D),
        (None, "Phát triển du lịch thông minh: bản đồ số, thuyết minh tự động tại các điểm di tích", "QT.SVHTTDL",
         dt.date(2024, 12, 31), _P),
        (None, "Thu hút doanh nghiệp công nghệ số đầu tư vào tỉnh", "QT.SCT", dt.date(2025, 12, 31), _N),
        (None, "Phát triển doanh nghiệp cung cấp nền tảng số của tỉnh", "QT.STTTT", dt.date(2025, 12, 31), _N),
        (None, "Xây dựng khu công nghệ thông tin tập trung", "QT.STTTT", dt.date(2025, 12, 31), _N),
        (None, "Triển khai hóa đơn điện tử và truy xuất nguồn gốc sản phẩm", "QT.SCT", dt.date(2025, 6, 30), _N),
    ],
    GROUP_SOC: [
        (None, "Phổ cập kỹ năng số cho người dân thông qua Tổ công nghệ số cộng đồng", "QT.STTTT",
         dt.date(2025, 12, 31), _P),
        (None, "Phát triển học liệu số, dạy học trực tuyến trong các cơ sở giáo dục", "QT.SGDDT", dt.date(2025, 6, 30), _N),
        (None, "Mở chuyên ngành đào tạo về chuyển đổi số tại các trường cao đẳng trên địa bàn", "QT.SGDDT",
         dt.date(2025, 12, 31), _N),
        (None, "Triển khai khám, chữa bệnh từ xa", "QT.SYT", dt.date(2025, 12, 31), _N),
        (None, "Phát triển cộng đồng số, các kênh tương tác số giữa chính quyền và người dân", "QT.STTTT",
         dt.date(2025, 6, 30), _N),
        (None, "Hướng dẫn người dân kích hoạt tài khoản định danh điện tử và sử dụng tiện ích số", "QT.STTTT",
         dt.date(2024, 12, 31), _N),
    ],
}
QD1982_GROUP_PILLAR = {GROUP_GOV: "chinh_quyen_so", GROUP_ECON: "kinh_te_so", GROUP_SOC: "xa_hoi_so"}


# =============================================================================
# Supervision 1521-QĐ/TU (seed 000) and the 2019 inspection (seed 003)
# =============================================================================

SUPERVISION_1521 = {
    "decision_ref": "1521-QĐ/TU",
    "decision_date": dt.date(2023, 6, 28),
    "title": "Giám sát việc lãnh đạo, chỉ đạo và tổ chức thực hiện Nghị quyết số 09-NQ/TU ngày 29/11/2021 của Ban "
    "Thường vụ Tỉnh ủy về chuyển đổi số tỉnh Ninh Thuận giai đoạn 2021-2025, tầm nhìn năm 2030 đối với một số "
    "tổ chức đảng",
    "kind": SupervisionKind.SUPERVISION,
    "issuer": "Ban Thường vụ Tỉnh ủy Ninh Thuận",
    "chair": "Đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh",
    # Seed 000 writes "Sở Tài chỉnh" (typo) — corrected here.
    "members": "\n".join([
        "Giám đốc Công an tỉnh",
        "Giám đốc Sở Tài chính",
        "Giám đốc Sở Thông tin và Truyền thông",
        "Giám đốc Sở Khoa học và Công nghệ",
        "Chánh Văn phòng UBND tỉnh",
    ]),
}
VISIT_1521 = {
    "unit": "NT.SGDDT",
    "date": dt.date(2023, 9, 12),
    "summary": "Chiều ngày 12/9/2023, đồng chí Nguyễn Long Biên, Phó Chủ tịch UBND tỉnh chủ trì buổi giám sát thực "
    "hiện Nghị quyết số 09-NQ/TU tại Đảng ủy Sở Giáo dục và Đào tạo. Đoàn giám sát thống nhất đánh giá Đảng ủy Sở "
    "đã thực hiện tốt công tác lãnh đạo, chỉ đạo triển khai thực hiện Nghị quyết; bên cạnh đó còn một số hạn chế. "
    "Kết luận buổi giám sát, đồng chí Phó Chủ tịch UBND tỉnh đề nghị Đảng ủy Sở lưu ý một số nhiệm vụ trong thời "
    "gian tới để tiếp tục triển khai, thực hiện có hiệu quả Nghị quyết số 09-NQ/TU."
    f"\nNguồn: {SRC_000}.",
    "findings": [
        # kind, text, indicator code (09-NQ/TU) or None, value or None
        (FindingKind.STRENGTH, "Đảng ủy Sở Giáo dục và Đào tạo đã thực hiện tốt công tác lãnh đạo, chỉ đạo triển khai "
         "thực hiện Nghị quyết số 09-NQ/TU", None, None),
        (FindingKind.STRENGTH, "Công tác tuyên truyền, nâng cao nhận thức số, kỹ năng số của cấp ủy, chi bộ, đảng viên, "
         "công chức, viên chức và người lao động của ngành được thực hiện tốt và có nhiều chuyển biến tích cực",
         None, None),
        (FindingKind.STRENGTH, "Cơ chế chính sách để thúc đẩy chuyển đổi số được ban hành kịp thời, nguồn nhân lực phục "
         "vụ chuyển đổi số từng bước được củng cố và tăng cường", None, None),
        (FindingKind.STRENGTH, "Hạ tầng công nghệ thông tin, an toàn thông tin được quan tâm đầu tư, từng bước đáp ứng "
         "nhu cầu chuyển đổi số của ngành, các nền tảng số chuyên ngành thực hiện có hiệu quả", None, None),
        (FindingKind.STRENGTH, "Văn bản xử lý trên môi trường mạng ngày càng được nâng lên, dịch vụ công trực tuyến có "
         "nhiều chuyển biến tích cực", "HSCV-MANG", None),
        (FindingKind.STRENGTH, "Thanh toán không dùng tiền mặt trong thu học phí được tập trung đẩy mạnh",
         "HOCPHI-KDTM", None),
        (FindingKind.LIMITATION, "Phương pháp, cách thức quán triệt chưa “sinh động”, “hấp dẫn”", None, None),
        (FindingKind.LIMITATION, "Dịch vụ công trực tuyến có phát sinh hồ sơ còn thấp, đạt tỷ lệ 22,22%", "DVCTT-PS",
         Decimal("22.22")),
        (FindingKind.LIMITATION, "Việc phát triển cơ sở dữ liệu ngành còn rời rạc, chưa khai thác hết hiệu quả của "
         "dữ liệu", "CSDL-NGANH", None),
        (FindingKind.LIMITATION, "Việc tiếp cận cái mới về chuyển đổi số của cán bộ, công chức, viên chức lớn tuổi "
         "còn hạn chế", "KYNANGSO", None),
    ],
    # The seed numbers the recommendations (1)…(4), (6)…(9): there is no (5) in the article.
    # The numbers are kept as published so the follow-up matches the conclusion document.
    # Statuses and progress notes are illustrative (the seed gives none).
    "recommendations": [
        (1, "nhan_thuc_so", "Chuyển đổi số là nhiệm vụ chính trị quan trọng cả trước mắt và lâu dài, cần phải kiên "
         "quyết, kiên trì trong lãnh đạo, chỉ đạo thực hiện hiệu quả các mục tiêu, nhiệm vụ và giải pháp chuyển đổi "
         "số, thúc đẩy phát triển kinh tế số, xã hội số", dt.date(2025, 6, 30), _P),
        (2, "du_lieu_so", "Chủ động phối hợp với các sở, ban, ngành để tích hợp dữ liệu, đảm bảo an toàn thông tin nhằm "
         "khai thác, vận hành một cách hiệu quả hệ thống hạ tầng công nghệ thông tin ngành giáo dục và đào tạo đặt "
         "tại Trung tâm dữ liệu tỉnh", dt.date(2024, 6, 30), _D),
        (3, "nhan_luc_so", "Phát huy tối đa nội lực của đội ngũ cán bộ phụ trách công nghệ thông tin của Sở, kết hợp "
         "với nguồn lực của các trường học để triển khai một cách hiệu quả trong quản lý, điều hành và dạy và học",
         dt.date(2024, 12, 31), _P),
        (4, "du_lieu_so", "Phối hợp với các đơn vị cung cấp giải pháp công nghệ và phần mềm quản lý trường học để cập "
         "nhật, điều chỉnh cơ sở dữ liệu nhằm từng bước nâng cao chất lượng nguồn dữ liệu", dt.date(2024, 6, 30), _D),
        (6, "nhan_thuc_so", "Đổi mới cách thức và phương pháp quán triệt Nghị quyết của Đảng “sinh động”, “hấp dẫn”, "
         "sự quan tâm của cán bộ quản lý trong chuyển đổi số", dt.date(2024, 6, 30), _N),
        (7, "chinh_quyen_so", "Tiếp tục tăng cường lãnh đạo, chỉ đạo của cấp ủy thực hiện ký số, xử lý hồ sơ công việc "
         "trên môi trường mạng, nâng cao chất lượng dịch vụ công trực tuyến toàn trình", dt.date(2024, 12, 31), _P),
        (8, "kinh_te_so", "Đẩy mạnh hoạt động không dùng tiền mặt trong các hoạt động thu và thanh toán, tạo sự thuận "
         "lợi, tiện ích và dễ sử dụng cho phụ huynh và học sinh trong thực hiện giao dịch", dt.date(2024, 9, 30), _D),
        (9, None, "Rà soát, bổ sung nội dung kết quả thực hiện các chỉ tiêu được giao trong Nghị quyết số 09-NQ/TU, có "
         "giải pháp hữu hiệu và tập trung ưu tiên thực hiện, phấn đấu đạt và vượt các chỉ tiêu mà Nghị quyết 09 đã "
         "đề ra", dt.date(2023, 12, 31), _P),
    ],
}

# Seed 003 gives no decision number for the 2019 inspection: the reference says what it is.
INSPECTION_2019 = {
    "decision_ref": "Đoàn kiểm tra UBND tỉnh (2019)",
    "decision_date": None,
    "title": "Kiểm tra tình hình ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử năm 2019",
    "kind": SupervisionKind.INSPECTION,
    "issuer": "UBND tỉnh Ninh Thuận",
    "chair": "Đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh",
    "members": "",  # the article names only "đoàn công tác của UBND tỉnh"
}
# The article does not number the conclusions: they are numbered here in the order written.
# Statuses and progress notes are illustrative.
VISITS_2019 = [
    {
        "unit": "NT.UBND-BACAI",
        "date": dt.date(2019, 11, 8),
        "summary": "Ngày 8/11/2019, đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ tịch UBND tỉnh cùng đoàn công tác "
        "của UBND tỉnh kiểm tra tình hình ứng dụng CNTT, xây dựng chính quyền điện tử tại UBND huyện Bác Ái. Năm "
        "2019 việc triển khai có nhiều chuyển biến tích cực; UBND huyện kiến nghị UBND tỉnh tiếp tục bố trí kinh phí "
        "hằng năm để mua sắm máy vi tính, thiết bị hạ tầng CNTT và tập huấn, đào tạo phổ cập kỹ năng sử dụng CNTT "
        "cho cán bộ, công chức trên địa bàn huyện."
        f"\nNguồn: {SRC_003}.",
        "findings": [
            (FindingKind.STRENGTH, "Việc chuyển tải công văn qua hộp thư điện tử được thường xuyên, ổn định", None),
            (FindingKind.STRENGTH, "Trang thông tin điện tử của huyện hoạt động hiệu quả, góp phần quảng bá, giới thiệu "
             "thông tin kinh tế và tiềm năng đầu tư phát triển của địa phương", None),
            (FindingKind.STRENGTH, "Việc kết nối thông tin qua hệ thống CNTT từ huyện đến xã được thông suốt, đường công "
             "văn đến và đi đều triển khai qua hộp thư điện tử, góp phần nâng cao hiệu quả, tiết kiệm chi phí văn "
             "phòng phẩm", None),
            (FindingKind.STRENGTH, "Đầu tư trang thiết bị, hạ tầng CNTT; triển khai hộp thư điện tử từ cấp huyện đến "
             "cấp xã", None),
            (FindingKind.LIMITATION, "Nguồn nhân lực CNTT vẫn còn thiếu, chưa có cơ chế, chính sách thu hút, đào tạo "
             "nguồn CNTT phục vụ địa phương", None),
            (FindingKind.LIMITATION, "Một số địa phương còn hạn chế trong việc khai thác, sử dụng phần mềm TD.Office để "
             "xử lý công việc", None),
            (FindingKind.LIMITATION, "Hệ thống “một cửa hiện đại” tại UBND huyện hiệu quả khai thác sử dụng chưa cao",
             None),
            (FindingKind.LIMITATION, "Nhận thức về vai trò, vị trí của ứng dụng CNTT trong một bộ phận cán bộ, công chức "
             "còn hạn chế; nguồn nhân lực cho CNTT còn thiếu và yếu; việc ứng dụng CNTT chưa nhận được sự quan tâm "
             "trong các tầng lớp nhân dân, doanh nghiệp", None),
        ],
        "recommendations": [
            (1, "nhan_thuc_so", "Nâng cao nhận thức trong cán bộ, công chức về vai trò, vị trí của ứng dụng CNTT trong "
             "thực thi công vụ, nhất là trách nhiệm người đứng đầu các cơ quan, đơn vị, góp phần thực hiện tốt nhiệm "
             "vụ cải cách hành chính của địa phương", "NT.UBND-BACAI", dt.date(2020, 6, 30), _D),
            (2, "chinh_quyen_so", "Lựa chọn những công việc trọng tâm về ứng dụng CNTT để tập trung thực hiện hiệu quả",
             "NT.UBND-BACAI", dt.date(2020, 6, 30), _D),
            (3, "nhan_luc_so", "Sở Thông tin và Truyền thông tiếp tục quan tâm, hỗ trợ huyện Bác Ái triển khai ứng dụng "
             "CNTT, nhất là tăng cường tập huấn, bồi dưỡng cho cán bộ CNTT cũng như cán bộ, công chức, viên chức trên "
             "địa bàn huyện", "NT.STTTT", dt.date(2020, 12, 31), _D),
            (4, "chinh_quyen_so", "Cải thiện, củng cố và nâng cao chất lượng Trang thông tin điện tử của huyện",
             "NT.UBND-BACAI", dt.date(2020, 3, 31), _D),
            (5, "chinh_quyen_so", "Tăng cường kiểm tra việc ứng dụng CNTT tại các cơ quan, đơn vị và các địa phương để "
             "đẩy mạnh ứng dụng CNTT trên địa bàn", "NT.UBND-BACAI", dt.date(2020, 12, 31), _P),
        ],
    },
    {
        "unit": "NT.SGDDT",
        "date": dt.date(2019, 11, 8),
        "summary": "Chiều ngày 8/11/2019, đoàn công tác của UBND tỉnh do đồng chí Lê Văn Bình, UVTV Tỉnh ủy, Phó Chủ "
        "tịch UBND tỉnh dẫn đầu kiểm tra tình hình ứng dụng CNTT, xây dựng chính quyền điện tử tại Sở Giáo dục và "
        "Đào tạo. Đồng chí ghi nhận những cố gắng, nỗ lực của ngành trong việc ứng dụng CNTT thời gian qua."
        f"\nNguồn: {SRC_003}.",
        "findings": [
            (FindingKind.STRENGTH, "CNTT được ứng dụng rộng rãi trong soạn giáo án, thực hiện bài giảng, khai thác dữ "
             "liệu, đánh giá, học tập của học sinh và quản lý giáo dục; rút ngắn khoảng cách trong giáo dục giữa các "
             "vùng miền", None),
            (FindingKind.STRENGTH, "Đã trang bị nhiều phần mềm quản lý cán bộ, quản lý học sinh, quản lý tài chính, "
             "giảng dạy, thiết bị", None),
            (FindingKind.STRENGTH, "Cơ quan Sở khai thác phần mềm Văn phòng điện tử TD-Office chung với các cơ quan, đơn "
             "vị cấp tỉnh và triển khai đến 25 đơn vị trực thuộc", Decimal(25)),
            (FindingKind.LIMITATION, "Cơ sở vật chất chưa đáp ứng yêu cầu, thiếu thiết bị", None),
            (FindingKind.LIMITATION, "Nguồn nhân lực đáp ứng yêu cầu quản lý các phần mềm còn thiếu", None),
            (FindingKind.LIMITATION, "Quá trình triển khai ứng dụng CNTT trong toàn ngành trong năm học vừa qua còn chậm",
             None),
        ],
        "recommendations": [
            (1, "nhan_thuc_so", "Nâng cao nhận thức về vai trò, vị trí của việc ứng dụng CNTT, xem đây là nhiệm vụ trọng "
             "tâm, thường xuyên, đặc biệt là nâng cao vai trò, trách nhiệm của người đứng đầu", "NT.SGDDT",
             dt.date(2020, 6, 30), _D),
            (2, "the_che_so", "Ban hành văn bản, kế hoạch cụ thể về ứng dụng CNTT trong toàn ngành để tạo ra sự chuyển "
             "biến tích cực trong việc ứng dụng CNTT", "NT.SGDDT", dt.date(2020, 3, 31), _D),
            (3, "chinh_quyen_so", "Tiếp tục rà soát các khâu ứng dụng CNTT, lựa chọn những khâu, lĩnh vực trọng tâm, "
             "đột phá để cải thiện", "NT.SGDDT", dt.date(2020, 12, 31), _D),
            (4, "chinh_quyen_so", "Đẩy mạnh việc khai thác, sử dụng hiệu quả Cổng thông tin điện tử của Sở GD&ĐT đáp "
             "ứng tốt nhu cầu khai thác thông tin phục vụ cho nhiệm vụ chính trị của ngành", "NT.SGDDT",
             dt.date(2020, 6, 30), _P),
        ],
    },
]

# What of each task the seeds do not state (flagged `Task.is_illustrative`, shown with a "minh họa" mark).
TASKS_1982_INVENTED = (
    "Nội dung, đơn vị chủ trì, thời hạn, số thứ tự và tình trạng của từng nhiệm vụ do hệ thống tạo để minh họa; "
    "bài viết nguồn chỉ nêu số nhiệm vụ đã triển khai theo nhóm (11/11 nhóm nhiệm vụ chung, 11/21 nhiệm vụ phát "
    "triển chính quyền số, 5/9 kinh tế số, 1/6 xã hội số)."
)
RECS_1521_INVENTED = (
    "Nội dung và số thứ tự theo kết luận buổi giám sát (bài viết nguồn; bài không có kiến nghị số 5); đơn vị chủ "
    "trì, thời hạn, tình trạng và tiến độ do hệ thống tạo để minh họa."
)
RECS_2019_INVENTED = (
    "Nội dung theo kết luận buổi kiểm tra (bài viết nguồn); số thứ tự do hệ thống đánh theo thứ tự trong bài; "
    "thời hạn, tình trạng và tiến độ do hệ thống tạo để minh họa."
)

TASK_NOTE_ILLUSTRATIVE = {
    _D: "Dữ liệu minh họa: đã hoàn thành.",
    _P: "Dữ liệu minh họa: đang triển khai.",
    _N: "Dữ liệu minh họa: chưa triển khai.",
}
# The report gives counts per group only: which task is deployed is illustrative (the counts match the report).
TASK_NOTE_1982 = {
    _D: "Minh họa, khớp số liệu theo nhóm của báo cáo 6 tháng đầu năm 2024: đã triển khai, cơ bản hoàn thành.",
    _P: "Minh họa, khớp số liệu theo nhóm của báo cáo 6 tháng đầu năm 2024: đã triển khai, đang thực hiện.",
    _N: "Minh họa, khớp số liệu theo nhóm của báo cáo 6 tháng đầu năm 2024: chưa triển khai.",
}


# =============================================================================
# Users
# =============================================================================


class DemoUser(NamedTuple):
    username: str
    first_name: str  # họ (family name), as tests/factories.py does: full name = first + last
    last_name: str
    role: str | None  # None: staff superuser
    units: tuple


DEMO_USERS = [
    DemoUser("admin", "Quản trị", "hệ thống", None, ()),
    DemoUser("nhaplieu.truong", "Hoàng", "Thị Thu Hà", Role.ENTRY, (HAI_DINH,)),
    DemoUser("nhaplieu.so", "Nguyễn", "Thị Kim Ngân", Role.ENTRY, ("NT.SGDDT",)),
    DemoUser("lanhdao.phong", "Trần", "Văn Hùng", Role.APPROVER, (PGD_DONG_HOI,)),
    DemoUser("lanhdao.so", "Lê", "Thị Minh Hương", Role.APPROVER, ("QB.SGDDT",)),
    DemoUser("giamsat", "Phạm", "Quốc Bảo", Role.SUPERVISOR, ("NT", "QB")),
    DemoUser("xem", "Võ", "Thị Thanh Tâm", Role.VIEWER, ("ST",)),
]


# =============================================================================
# Periods and illustrative series
# =============================================================================

SERIES_FIRST = "2022-Q1"
QB_LAST = "2022-Q4"  # the Quảng Bình plan is a plan for 2022: it asks for figures of 2022 only
NT_LAST = "2025-Q2"  # Ninh Thuận's units report 09-NQ/TU until 30/6/2025 (the province ends)
# 09-NQ/TU (2021-2025, milestones to 2030) reaches Khánh Hòa from 1/7/2025; Quý IV/2026 is being entered.
SUCCESSOR_FIRST, SUCCESSOR_LAST = "2025-Q3", "2026-Q4"
SUCCESSOR_UNIT = "KH.SGDDT"  # Sở GDĐT Khánh Hòa, with Ninh Thuận's schools from 1/7/2025
SUCCESSOR_SCALE = 1.8  # the merged Sở handles more dossiers
MISSING_CELL = 0.015  # share of cells left empty
MISSING_REPORT = 0.01  # share of unit-quarters with no report at all, before the latest quarter
# The latest quarter of each province's series, by quota so that even a dozen units show a mix:
# (state, cumulative share of the units, ranked by a hash of their code). "skip" = no report at all.
LATEST_QUOTAS = [("skip", 0.05), (SubmissionStatus.RETURNED, 0.11), (SubmissionStatus.DRAFT, 0.18),
                 (SubmissionStatus.SUBMITTED, 0.33), (SubmissionStatus.APPROVED, 1.0)]

DEMO_REASON = "Dữ liệu mẫu (nạp bởi load_demo)"
RETURN_REASONS = [
    "Đề nghị kiểm tra lại mẫu số: tổng số hồ sơ công việc thấp hơn nhiều so với quý trước.",
    "Thiếu minh chứng cho chỉ tiêu thanh toán không dùng tiền mặt; đề nghị bổ sung.",
    "Tử số chỉ tiêu văn bản điện tử chưa khớp với số liệu trên hệ thống quản lý văn bản; đề nghị rà soát.",
]
# Persona situations on the latest period, so every demo login has something to do.
FORCED_SUBMISSIONS = {
    (HAI_DINH, QB_LAST): (SubmissionStatus.RETURNED, RETURN_REASONS[0]),
    ("QB.DONGHOI.THCS-DONGPHU", QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    ("QB.DONGHOI.TH-BACLY", QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    (PGD_DONG_HOI, QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    ("QB.SGDDT", QB_LAST): (SubmissionStatus.SUBMITTED, ""),
    ("NT.SGDDT", NT_LAST): (SubmissionStatus.APPROVED, ""),
    ("NT.SGDDT", NT_FACT_PERIOD): (SubmissionStatus.APPROVED, ""),
    (SUCCESSOR_UNIT, SUCCESSOR_LAST): (SubmissionStatus.DRAFT, ""),
    (SUCCESSOR_UNIT, "2026-Q3"): (SubmissionStatus.APPROVED, ""),
}
NEVER_SKIPPED = {HAI_DINH, PGD_DONG_HOI, "QB.SGDDT", "NT.SGDDT", SUCCESSOR_UNIT,
                 "QB.DONGHOI.THCS-DONGPHU", "QB.DONGHOI.TH-BACLY"}


def quarter_codes(first, last):
    y, q = int(first[:4]), int(first[-1])
    out = []
    while f"{y}-Q{q}" <= last:
        out.append(f"{y}-Q{q}")
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out


PERIOD_CODES = (
    quarter_codes("2022-Q1", "2026-Q4")
    + [f"{y}-H{h}" for y in range(2022, 2027) for h in (1, 2)]
    + [str(y) for y in range(2022, 2027)]
)


def _progress(t, span=13, tau=6.0):
    """0 at the first quarter, 1 at quarter `span`, concave (fast start, slower end)."""
    return (1 - math.exp(-t / tau)) / (1 - math.exp(-span / tau))


def _unit_lag(code):
    """A unit's lasting lead or lag on every indicator (some units stay below target)."""
    return max(-0.12, min(0.12, random.Random(f"lag|{code}").gauss(0, 0.05)))


def _clip(x, lo=0.0, hi=1.0):
    return max(lo, min(hi, x))


def invent_series(unit_code, kind, spec, quarters, t0=0, scale=1.0):
    """[(quarter code, numerator, denominator)] for one unit and indicator; deterministic.

    `t0` is the index of the first quarter counted from 2022-Q1 (a successor
    continues the trend); `scale` multiplies denominators.
    """
    sim = spec.sim[kind]
    rng = random.Random(f"series|{unit_code}|{spec.code}")
    offset = _unit_lag(unit_code) + rng.gauss(0, 0.03)
    out = []
    if spec.measure == Measure.BOOLEAN:
        u = rng.random() - offset  # a lagging unit switches to "yes" later
        for i, q in enumerate(quarters):
            share = sim.r0 + (sim.r1 - sim.r0) * _progress(t0 + i)
            out.append((q, 1 if share >= 1 or u < share else 0, None))
        return out
    fixed_den = max(1, round(rng.randint(sim.lo, sim.hi) * scale))
    prev_num = 0
    for i, q in enumerate(quarters):
        t = t0 + i
        rate = _clip(sim.r0 + (sim.r1 - sim.r0) * _progress(t) + offset + rng.gauss(0, 0.025))
        if spec.temporal == Temporal.FLOW:
            den = round(rng.randint(sim.lo, sim.hi) * (1 + 0.02 * t) * scale)
            num = min(den, round(den * rate))
        else:  # stock: same denominator, numerator does not go back
            den = fixed_den
            num = min(den, max(prev_num, round(den * rate)))
            prev_num = num
        out.append((q, num, den))
    return out


def latest_states(unit_codes):
    """{unit code: state on the latest quarter} following LATEST_QUOTAS; forced units left out."""
    pool = sorted((c for c in unit_codes if c not in NEVER_SKIPPED), key=lambda c: random.Random(f"rank|{c}").random())
    out = {}
    for i, code in enumerate(pool):
        position = (i + 0.5) / len(pool)
        out[code] = next(state for state, share in LATEST_QUOTAS if position <= share)
    return out


def _at(day, rng, hour_lo=8, hour_hi=17):
    return dt.datetime(day.year, day.month, day.day, rng.randint(hour_lo, hour_hi - 1), rng.randint(0, 59), tzinfo=VN_TZ)


# =============================================================================
# Writing helpers
# =============================================================================


def _differs(obj, field_name, value):
    field = obj._meta.get_field(field_name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, field_name) != value


def upsert(stats, model, lookup, values, on_create=None):
    """get-or-create on a natural key; save() only when something differs (no spurious history).

    `on_create`: fields set when creating only (what another operation owns afterwards, such as a task's
    lead unit, which the reorganisation passes to a successor).
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(on_create or {}))
        obj.save()
        stats[(model.__name__, "created")] += 1
        return obj
    changed = [f for f, v in values.items() if _differs(obj, f, v)]
    if changed:
        for f in changed:
            setattr(obj, f, values[f])
        obj.save()
        stats[(model.__name__, "updated")] += 1
    return obj


class Loader:
    """One run of the demo loader; `units`, `pillars`, ... map codes to objects."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.stats = Counter()
        self.units = {}
        self.pillars = {}
        self.resolutions = {}
        self.indicators = {}  # (resolution code, indicator code) -> Indicator
        self.periods = {}
        self.users = {}
        self.latest = {}  # unit code -> state on its last quarter (see latest_states)
        self.last = {}  # unit code -> the last quarter it reports in the demo

    def say(self, text):
        if self.stdout is not None:
            # A command's OutputWrapper ends lines itself; a plain stream does not.
            self.stdout.write(text if hasattr(self.stdout, "ending") else text + "\n")

    # --- reference data -------------------------------------------------------
    def load_pillars(self):
        for order, (code, name) in enumerate(PILLARS, start=1):
            self.pillars[code] = upsert(self.stats, Pillar, {"code": code}, {"name": name, "order": order})

    def load_periods(self):
        for code in PERIOD_CODES:
            existed = Period.objects.filter(code=code).exists()
            self.periods[code] = Period.ensure(code)
            if not existed:
                self.stats[("Period", "created")] += 1

    # --- units ------------------------------------------------------------------
    def load_units(self):
        """The units as they were before 1/7/2025. Parents and end dates are set when a unit is created
        only: afterwards the reorganisation owns them (apply_reorganisation)."""
        for row in UPPER_UNITS + office_rows():
            unit = ReportingUnit.objects.filter(code=row.code).first()
            if unit is None:
                unit = ReportingUnit(code=row.code, parent=self.units[row.parent] if row.parent else None,
                                     valid_to=row.valid_to)
                self.stats[("ReportingUnit", "created")] += 1
            fields = {"name": row.name, "kind": row.kind, "statistical_code": row.statistical_code}
            if unit.pk is None or any(getattr(unit, f) != v for f, v in fields.items()):
                for f, v in fields.items():
                    setattr(unit, f, v)
                if unit.pk is not None:
                    self.stats[("ReportingUnit", "updated")] += 1
                unit.save()
            self.units[row.code] = unit
        self._load_schools()

    def load_issuing_profiles(self):
        for row in ISSUING_PROFILES:
            upsert(
                self.stats,
                IssuingProfile,
                {"unit": self.units[row.unit], "regime": row.regime},
                {
                    "governing_body": row.governing_body,
                    "official_name": row.official_name,
                    "short_name": row.short_name,
                    "place_name": row.place,
                    "number_suffix": row.suffix,
                    "authority": row.authority,
                    "signer_title": row.title,
                    "signer_name": row.signer,
                    "recipients": "\n".join(row.recipients),
                },
            )

    def _load_schools(self):
        """Schools in bulk (hundreds of them), then the materialised paths rebuilt (and every school placed)."""
        wanted = {code: (name, self.units[parent].pk) for code, name, parent in school_rows()}
        existing = {u.code: u for u in ReportingUnit.objects.filter(code__in=wanted)}
        create, update = [], []
        for code, (name, parent_id) in wanted.items():
            unit = existing.get(code)
            if unit is None:
                create.append(ReportingUnit(code=code, name=name, kind=SCHOOL, parent_id=parent_id))
            elif (unit.name, unit.kind) != (name, SCHOOL):
                unit.name, unit.kind = name, SCHOOL
                update.append(unit)
        ReportingUnit.objects.bulk_create(create, batch_size=500)
        ReportingUnit.objects.bulk_update(update, ["name", "kind"], batch_size=500)
        if create or update:
            ReportingUnit.objects.rebuild_paths()
        self.stats[("ReportingUnit", "created")] += len(create)
        self.stats[("ReportingUnit", "updated")] += len(update)
        self.units.update({u.code: u for u in ReportingUnit.objects.filter(code__in=wanted)})

    def apply_reorganisation(self):
        """The 1/7/2025 reorganisation through units.reorganisation, once (a later run finds it applied)."""
        done = Reorganisation.objects.filter(legal_basis=NQ_202, effective_on=MERGED_ON, reverted_at__isnull=True)
        if not done.exists():
            reorganisation.apply(reorganisation.build_plan(reorganisation_2025()))
            self.stats[("Reorganisation", "created")] += 1
        self.units = {u.code: u for u in ReportingUnit.objects.all()}

    # --- resolutions, indicators, targets ----------------------------------------
    def load_resolutions(self):
        for spec, indicators in RESOLUTIONS:
            res = upsert(
                self.stats,
                Resolution,
                {"code": spec.code},
                {
                    "kind": spec.kind,
                    "title": spec.title,
                    "issuer": spec.issuer,
                    "owner_unit": self.units[spec.owner],
                    "issued_on": spec.issued_on,
                    "start_year": spec.start_year,
                    "end_year": spec.end_year,
                    "vision_year": spec.vision_year,
                    "note": spec.note,
                },
            )
            self.resolutions[spec.code] = res
            for order, ind in enumerate(indicators, start=1):
                self.indicators[(spec.code, ind.code)] = self._load_indicator(res, ind, order)

    def _load_indicator(self, res, spec, order):
        ind = upsert(
            self.stats,
            Indicator,
            {"resolution": res, "code": spec.code},
            {
                "pillar": self.pillars[spec.pillar],
                "name": spec.name,
                "description": spec.description,
                "measure": spec.measure,
                "decimals": spec.decimals,
                "numerator_label": spec.numerator_label,
                "denominator_label": spec.denominator_label,
                "unit_label": spec.unit_label,
                "direction": Direction.INCREASE,
                "temporal": spec.temporal,
                "frequency": Frequency.QUARTERLY,
                "applies_to": list(spec.applies_to),
                "order": order,
                "is_active": True,
            },
        )
        # Assigned units (07-NQ/TU: computers to Sở GDĐT, social dossiers to Sở LĐTBXH); after the merger
        # their successors carry them (resolutions.scope.units_reached).
        wanted = {self.units[c].pk for c in spec.assigned}
        if set(ind.assigned_units.values_list("pk", flat=True)) != wanted:
            ind.assigned_units.set(wanted)
        invented = ILLUSTRATIVE_TARGETS.get(res.code, "")
        for unit_kind, operator, value, year, wording in spec.targets:
            upsert(
                self.stats,
                Target,
                {"indicator": ind, "unit_kind": unit_kind, "unit": None, "year": year},
                {"operator": operator, "value": Decimal(value), "wording": wording,
                 "is_illustrative": bool(invented), "illustrative_note": invented},
            )
        return ind

    # --- tasks, supervisions ---------------------------------------------------------
    def load_1982_tasks(self):
        res = self.resolutions[QD_1982.code]
        for group, rows in QD1982_TASKS.items():
            for number, (pillar, title, lead, deadline, status) in enumerate(rows, start=1):
                pillar = pillar or QD1982_GROUP_PILLAR[group]
                upsert(
                    self.stats,
                    Task,
                    {"resolution": res, "visit": None, "group": group, "number": number},
                    {
                        "pillar": self.pillars[pillar],
                        "title": title,
                        "deadline": deadline,
                        "status": status,
                        "progress_note": TASK_NOTE_1982[status],
                        "is_illustrative": True,
                        "illustrative_note": TASKS_1982_INVENTED,
                    },
                    on_create={"lead_unit": self.units[lead]},
                )

    def _load_visit(self, supervision, data, resolution_code=None, invented=""):
        """A visit, its findings and its recommendations; `invented` says what of them the seed does not state."""
        visit = upsert(
            self.stats,
            Visit,
            {"supervision": supervision, "unit": self.units[data["unit"]], "date": data["date"]},
            {"summary": data["summary"]},
        )
        for order, row in enumerate(data["findings"], start=1):
            kind, text = row[0], row[1]
            indicator_code, value = (row[2], row[3]) if len(row) == 4 else (None, row[2])
            indicator = self.indicators[(resolution_code, indicator_code)] if indicator_code else None
            upsert(
                self.stats,
                Finding,
                {"visit": visit, "order": order},
                {"kind": kind, "text": text, "indicator": indicator, "value": value},
            )
        for rec in data["recommendations"]:
            if len(rec) == 5:  # lead unit: the visited unit
                number, pillar, title, deadline, status = rec
                lead = data["unit"]
            else:
                number, pillar, title, lead, deadline, status = rec
            upsert(
                self.stats,
                Task,
                {"visit": visit, "number": number},
                {
                    "resolution": None,
                    "pillar": self.pillars[pillar] if pillar else None,
                    "group": "",
                    "title": title,
                    "deadline": deadline,
                    "status": status,
                    "progress_note": TASK_NOTE_ILLUSTRATIVE[status],
                    "is_illustrative": bool(invented),
                    "illustrative_note": invented,
                },
                on_create={"lead_unit": self.units[lead]},
            )
        return visit

    def load_supervisions(self):
        data = dict(SUPERVISION_1521)
        sup = upsert(
            self.stats,
            Supervision,
            {"decision_ref": data.pop("decision_ref")},
            {**data, "resolution": self.resolutions[NQ_09.code]},
        )
        self._load_visit(sup, VISIT_1521, NQ_09.code, RECS_1521_INVENTED)
        data = dict(INSPECTION_2019)
        sup = upsert(self.stats, Supervision, {"decision_ref": data.pop("decision_ref")}, {**data, "resolution": None})
        for visit in VISITS_2019:
            self._load_visit(sup, visit, invented=RECS_2019_INVENTED)

    # --- users ----------------------------------------------------------------------
    def load_users(self):
        User = get_user_model()
        for du in DEMO_USERS:
            admin = du.role is None
            user = upsert(
                self.stats,
                User,
                {"username": du.username},
                {
                    "first_name": du.first_name,
                    "last_name": du.last_name,
                    "email": f"{du.username}@example.vn",
                    "is_staff": admin,
                    "is_superuser": admin,
                    "is_active": True,
                },
            )
            # check_password costs a full hash even for an empty password: skip it for new users.
            if not user.password or not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            for code in du.units:
                _, created = Membership.objects.get_or_create(user=user, unit=self.units[code], role=du.role)
                self.stats[("Membership", "created")] += int(created)
            self.users[du.username] = user

    # --- values and submissions -----------------------------------------------------------
    def desired_values(self):
        """{(unit_id, indicator_id, period_id): (numerator, denominator, note, is_illustrative)}."""
        cells = {}
        self._add_series(cells, QB_PLAN.code, QB_INDICATORS, ("QB",), QB_LAST)
        self._add_series(cells, NQ_09.code, NQ09_INDICATORS, ("NT",), NT_LAST)
        self._add_successor_series(cells)
        self._add_facts(cells)
        return cells

    def _units_under(self, prefixes, kinds):
        return sorted(
            (u for c, u in self.units.items() if c.split(".")[0] in prefixes and u.kind in kinds),
            key=lambda u: u.code,
        )

    def _add_series(self, cells, res_code, specs, provinces, last):
        quarters = quarter_codes(SERIES_FIRST, last)
        kinds = {k for s in specs for k in s.applies_to}
        units = self._units_under(provinces, kinds)
        self.latest.update(latest_states([u.code for u in units]))
        for unit in units:
            self.last.setdefault(unit.code, last)
            skipped = {q for q in quarters if self._skip_report(unit.code, q)}
            for spec in specs:
                if unit.kind not in spec.applies_to:
                    continue
                ind = self.indicators[(res_code, spec.code)]
                if unit.code == "NT.SGDDT" and spec.code == "DVCTT-PS":
                    series = [(q, n, d) for q, (n, d) in zip(quarters, NT_DVCTT_PS_SERIES, strict=True)]
                else:
                    series = invent_series(unit.code, unit.kind, spec, quarters)
                miss = random.Random(f"missing|{unit.code}|{spec.code}")
                for q, num, den in series:
                    if miss.random() < MISSING_CELL or q in skipped:
                        continue
                    cells[(unit.pk, ind.pk, self.periods[q].pk)] = (num, den, "", True)

    def _skip_report(self, unit_code, period_code):
        if period_code == self.last.get(unit_code):
            return self.latest.get(unit_code) == "skip"
        if unit_code in NEVER_SKIPPED:
            return False
        return random.Random(f"skip|{unit_code}|{period_code}").random() < MISSING_REPORT

    def _add_successor_series(self, cells):
        """09-NQ/TU reaches Khánh Hòa from 1/7/2025 (its owner's successor): the units it expects from Quý
        III/2025 (Sở GDĐT Khánh Hòa, the new Sở KH&CN, Ninh Thuận's schools under their new Sở) carry on,
        illustrative, to the quarter being entered; the schools continue their own trend."""
        from indicators.figures import expected_units

        quarters = quarter_codes(SUCCESSOR_FIRST, SUCCESSOR_LAST)
        t0 = len(quarter_codes(SERIES_FIRST, NT_LAST))
        first = self.periods[SUCCESSOR_FIRST]
        specs = {s.code: s for s in NQ09_INDICATORS}
        codes = set()
        for spec in NQ09_INDICATORS:
            ind = self.indicators[(NQ_09.code, spec.code)]
            codes |= set(expected_units(None, first, spec.applies_to, ind).values_list("code", flat=True))
        units = sorted((self.units[c] for c in codes), key=lambda u: u.code)
        self.latest.update(latest_states([u.code for u in units]))
        for unit in units:
            self.last[unit.code] = SUCCESSOR_LAST
            new_here = not unit.code.startswith("NT.")  # a Khánh Hòa unit: new to this resolution
            skipped = {q for q in quarters if self._skip_report(unit.code, q)}
            for n, (code, spec) in enumerate(specs.items()):
                if unit.kind not in spec.applies_to:
                    continue
                ind = self.indicators[(NQ_09.code, code)]
                series = invent_series(unit.code, unit.kind, spec, quarters, t0=t0,
                                       scale=SUCCESSOR_SCALE if new_here else 1.0)
                for q, num, den in series:
                    if q in skipped or (unit.code == SUCCESSOR_UNIT and q == SUCCESSOR_LAST and n % 2):
                        continue  # the current quarter of the Sở: a draft, half filled in
                    cells[(unit.pk, ind.pk, self.periods[q].pk)] = (num, den, "", True)

    def _add_facts(self, cells):
        """The seed figures: not illustrative, each with its source."""
        st = self.periods[ST_FACT_PERIOD].pk

        def put(unit_code, res_code, ind_code, num, den, note, period_id=st):
            ind = self.indicators[(res_code, ind_code)]
            cells[(self.units[unit_code].pk, ind.pk, period_id)] = (num, den, note, False)

        fibre_units = ["ST.SGDDT"] + [c for c in self.units if c.startswith("ST.") and
                                       self.units[c].kind in (DISTRICT_OFFICE, SCHOOL)]
        for code in fibre_units:
            put(code, NQ_07.code, "CAPQUANG", 1, None, FACT_NOTE_ST)
        # The seed says nothing of Sở LĐTBXH's connection; without a value the share of departments
        # on fibre would read 50%. An illustrative "yes", flagged as such.
        ind = self.indicators[(NQ_07.code, "CAPQUANG")]
        cells[(self.units["ST.SLDTBXH"].pk, ind.pk, st)] = (1, None, "", True)
        for ind_code, count in ST_COMPUTERS.items():
            put("ST.SGDDT", NQ_07.code, ind_code, count, None, FACT_NOTE_ST)
        for ind_code, (num, den, extra) in ST_SOCIAL.items():
            put("ST.SLDTBXH", NQ_07.code, ind_code, num, den, FACT_NOTE_ST + extra)
        put("NT.SGDDT", NQ_09.code, "DVCTT-PS", 2, 9, NT_FACT_NOTE, self.periods[NT_FACT_PERIOD].pk)

    def sync_values(self, cells):
        measures = {i.pk: i.measure for i in self.indicators.values()}
        indicator_ids = list(measures)
        existing = {}
        for row in DataValue.objects.filter(indicator_id__in=indicator_ids).values_list(
            "id", "unit_id", "indicator_id", "period_id", "numerator", "denominator", "value", "note", "is_illustrative"
        ):
            existing[row[1:4]] = row
        create, update = [], []
        for key, (num, den, note, illustrative) in cells.items():
            num = Decimal(num) if num is not None else None
            den = Decimal(den) if den is not None else None
            value = compute_value(measures[key[1]], num, den)
            row = existing.pop(key, None)
            if row is None:
                create.append(DataValue(unit_id=key[0], indicator_id=key[1], period_id=key[2], numerator=num,
                                        denominator=den, value=value, note=note, is_illustrative=illustrative))
            elif tuple(row[4:]) != (num, den, value, note, illustrative):
                update.append(DataValue(id=row[0], numerator=num, denominator=den, value=value, note=note,
                                        is_illustrative=illustrative))
        stale = [row[0] for row in existing.values() if row[8]]  # illustrative leftovers only
        DataValue.objects.bulk_create(create, batch_size=2000)
        DataValue.objects.bulk_update(update, ["numerator", "denominator", "value", "note", "is_illustrative"],
                                      batch_size=2000)
        if stale:
            DataValue.objects.filter(id__in=stale).delete()
        self.record_value_history(indicator_ids, [dv.pk for dv in update])
        self.stats[("DataValue", "created")] += len(create)
        self.stats[("DataValue", "updated")] += len(update)
        self.stats[("DataValue", "deleted")] += len(stale)

    def record_value_history(self, indicator_ids, updated_ids):
        """Audit rows for the demo's values, written as the demo's own entry (no user, reason DEMO_REASON):
        every value without a history row gets its "created" row (also values loaded before this existed),
        every value the loader changed an "updated" one. The first edit in the form then shows the old
        figure ("31 → 35"), never "— → 31". The same INSERT … SELECT as the bulk writes (indicators.bulk)."""
        from django.utils import timezone

        from indicators.bulk import _record_history

        history = DataValue.history.model
        recorded = set(history.objects.filter(indicator_id__in=indicator_ids).values_list("id", flat=True).distinct())
        missing = [pk for pk in DataValue.objects.filter(indicator_id__in=indicator_ids).values_list("pk", flat=True)
                   if pk not in recorded]
        now = timezone.now()
        _record_history(missing, "+", None, DEMO_REASON, now)
        _record_history([pk for pk in updated_ids if pk in recorded], "~", None, DEMO_REASON, now)
        self.stats[("DataValue history", "created")] += len(missing)

    def desired_submissions(self, cells):
        """{(unit_id, period_id): fields} for every unit-period holding a value."""
        code_of_unit = {u.pk: c for c, u in self.units.items()}
        code_of_period = {p.pk: c for c, p in self.periods.items()}
        pairs = sorted({(code_of_unit[u], code_of_period[p]) for u, _, p in cells})
        by_user = self.users
        out = {}
        for unit_code, period_code in pairs:
            unit, period = self.units[unit_code], self.periods[period_code]
            last = self.last.get(unit_code, ST_FACT_PERIOD)
            status, reason = self._submission_status(unit_code, period_code, last)
            rng = random.Random(f"when|{unit_code}|{period_code}")
            late = rng.random() < 0.10 and period_code not in (last, NT_FACT_PERIOD, ST_FACT_PERIOD)
            day = period.deadline + dt.timedelta(days=rng.randint(1, 12) if late else -rng.randint(0, 5))
            submitted_at = _at(day, rng) if status != SubmissionStatus.DRAFT else None
            approved_at = None
            if status == SubmissionStatus.APPROVED:
                approved_at = submitted_at + dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 5))
            entry = by_user["nhaplieu.truong"] if unit_code == HAI_DINH else (
                by_user["nhaplieu.so"] if unit_code in ("NT.SGDDT", SUCCESSOR_UNIT) else None)
            approver = None
            if status == SubmissionStatus.APPROVED and unit_code.startswith("QB."):
                approver = by_user["lanhdao.phong"] if unit_code.startswith("QB.DONGHOI.") else by_user["lanhdao.so"]
            out[(unit.pk, period.pk)] = {
                "status": status,
                "submitted_at": submitted_at,
                "submitted_by_id": entry.pk if entry and submitted_at else None,
                "approved_at": approved_at,
                "approved_by_id": approver.pk if approver else None,
                "return_reason": reason,
            }
        return out

    def _submission_status(self, unit_code, period_code, last):
        forced = FORCED_SUBMISSIONS.get((unit_code, period_code))
        if forced:
            return forced
        roll = random.Random(f"status|{unit_code}|{period_code}").random()
        if period_code == last and unit_code in self.latest:
            state = self.latest[unit_code]
            reason = RETURN_REASONS[int(roll * 100) % len(RETURN_REASONS)] if state == SubmissionStatus.RETURNED else ""
            return state, reason
        if last == NT_LAST and period_code == "2025-Q1" and roll < 0.06:
            return SubmissionStatus.SUBMITTED, ""
        return SubmissionStatus.APPROVED, ""

    def sync_submissions(self, wanted):
        fields = ["status", "submitted_at", "submitted_by_id", "approved_at", "approved_by_id", "return_reason"]
        unit_ids = {u for u, _ in wanted}
        existing = {
            (s.unit_id, s.period_id): s for s in Submission.objects.filter(unit_id__in=unit_ids).only("id", "unit_id", "period_id", *fields)
        }
        create, update = [], []
        for key, values in wanted.items():
            sub = existing.get(key)
            if sub is None:
                create.append(Submission(unit_id=key[0], period_id=key[1], **values))
            elif any(getattr(sub, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(sub, f, v)
                update.append(sub)
        # A demo unit's submission that no longer has a value at all (the generator changed) goes too.
        has_values = DataValue.objects.filter(unit_id=models.OuterRef("unit_id"), period_id=models.OuterRef("period_id"))
        stale = [
            s.pk
            for s in Submission.objects.filter(unit_id__in=[u.pk for u in self.units.values()])
            .exclude(models.Exists(has_values))
            .only("id", "unit_id", "period_id")
            if (s.unit_id, s.period_id) not in wanted
        ]
        Submission.objects.bulk_create(create, batch_size=2000)
        Submission.objects.bulk_update(update, [f.removesuffix("_id") for f in fields], batch_size=2000)
        if stale:
            Submission.objects.filter(id__in=stale).delete()
        self.stats[("Submission", "created")] += len(create)
        self.stats[("Submission", "updated")] += len(update)
        self.stats[("Submission", "deleted")] += len(stale)

    # --- the whole run --------------------------------------------------------------------
    def run(self):
        started = time.monotonic()
        with transaction.atomic():
            figures_changed()  # bulk writes below send no signals
            self.load_pillars()
            self.load_periods()
            self.load_units()
            self.load_issuing_profiles()
            self.say(f"Đơn vị: {len(self.units)}")
            self.load_resolutions()
            self.load_1982_tasks()
            self.load_supervisions()
            self.load_users()
            self.apply_reorganisation()  # after users and tasks: memberships and open tasks pass on
            cells = self.desired_values()
            self.sync_values(cells)
            self.say(f"Số liệu: {len(cells)} ô (minh họa và số liệu thật từ bài báo)")
            self.sync_submissions(self.desired_submissions(cells))
        self.stats[("_", "seconds")] = round(time.monotonic() - started, 2)
        return self.stats


def load_demo(stdout=None):
    """Load (or refresh) the demo data in one transaction; returns Counter {(model, action): n}."""
    return Loader(stdout).run()


def counts():
    """Row counts of the demo's tables (for the command's summary and the tests)."""
    User = get_user_model()
    return {
        "Trụ cột": Pillar.objects.count(),
        "Đơn vị báo cáo": ReportingUnit.objects.count(),
        "Kế thừa đơn vị": UnitSuccession.objects.count(),
        "Đợt sắp xếp đơn vị": Reorganisation.objects.count(),
        "Thông tin ban hành văn bản": IssuingProfile.objects.count(),
        "Văn bản": Resolution.objects.count(),
        "Chỉ tiêu": Indicator.objects.count(),
        "Mục tiêu": Target.objects.count(),
        "Kỳ báo cáo": Period.objects.count(),
        "Nhiệm vụ, kiến nghị": Task.objects.count(),
        "Cuộc giám sát, kiểm tra": Supervision.objects.count(),
        "Buổi làm việc": Visit.objects.count(),
        "Nhận xét": Finding.objects.count(),
        "Số liệu": DataValue.objects.count(),
        "  trong đó minh họa": DataValue.objects.filter(is_illustrative=True).count(),
        "Báo cáo của đơn vị": Submission.objects.count(),
        "Người dùng": User.objects.count(),
        "Phân quyền": Membership.objects.count(),
    }


def logins():
    """Rows (username, password, role, units) of the demo logins, for printing."""
    roles = dict(Role.choices)
    rows = []
    for du in DEMO_USERS:
        if du.role is None:
            rows.append((du.username, DEMO_PASSWORD, "Quản trị (staff, superuser)", "Toàn hệ thống"))
            continue
        names = ", ".join(ReportingUnit.objects.get(code=c).name for c in du.units)
        rows.append((du.username, DEMO_PASSWORD, roles[du.role], names))
    return rows
