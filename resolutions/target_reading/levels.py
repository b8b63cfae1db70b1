"""Level phrases → unit kinds ("cơ quan Sở" → department, "cấp xã" → commune …).

Only phrases that name a level of reporting units count: "Sở GDĐT" as the
owner of a system, "cơ sở dữ liệu", "trên địa bàn tỉnh" or "Hệ thống thông
tin … cấp bộ, cấp tỉnh" are not levels. "các đơn vị, cơ sở giáo dục" (every
unit *and* the schools) means everyone, not the schools alone.
"""

import re

from units.models import UnitKind

_F = re.IGNORECASE

# (kind, pattern). Overlapping matches keep the first (longest listed first per kind).
LEVEL_PATTERNS = [
    (UnitKind.DISTRICT_OFFICE, r"cấp\s+phòng(?:\s+gd(?:&|\s*và\s*)?đt|\s+giáo\s+dục(?:\s+(?:và|&)\s+đào\s+tạo)?)?"),
    (UnitKind.DISTRICT_OFFICE, r"phòng\s+gd\s*(?:&|và)?\s*đt\b|phòng\s+giáo\s+dục(?:\s+(?:và|&)\s+đào\s+tạo)?"),
    (UnitKind.DEPARTMENT, r"cơ\s+quan\s+(?:cấp\s+)?sở\b|cấp\s+sở\b|các\s+sở\b(?!\s+giáo)|sở,\s*ban,\s*ngành"),
    (UnitKind.DEPARTMENT, r"(?:cơ\s+quan\s+)?cấp\s+tỉnh\b|cấp\s+bộ\b"),
    (UnitKind.DISTRICT, r"(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+(?:cấp\s+)?huyện\b|cấp\s+huyện\b"),
    (UnitKind.COMMUNE, r"(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+(?:cấp\s+)?xã\b|(?:đơn\s+vị\s+)?cấp\s+xã\b"),
    (UnitKind.SCHOOL, r"cơ\s+sở\s+giáo\s+dục|trường\s+học|các\s+trường\b(?!\s+học)"),
]
_LEVEL_RES = [(kind, re.compile(p, _F)) for kind, p in LEVEL_PATTERNS]

# A level word that qualifies a system or a procedure, not the units: "Hệ thống thông tin … cấp bộ, cấp tỉnh".
_NOT_A_LEVEL_BEFORE = re.compile(r"(?:hệ\s+thống|cổng|nền\s+tảng|thủ\s+tục\s+hành\s+chính)[^;%]{0,40}$", _F)
# "các đơn vị, cơ sở giáo dục", "cơ quan, đơn vị quản lý giáo dục, cơ sở giáo dục": every unit.
EVERYONE_RE = re.compile(
    r"đơn\s+vị[^;.%]{0,60}?,\s*(?:các\s+)?(?:cơ\s+sở\s+giáo\s+dục|trường\s+học)"
    r"|giữa\s+các\s+(?:cơ\s+sở\s+giáo\s+dục|trường\s+học)", _F
)

# Subjects that are reporting units themselves ("100% xã", "50% trường học … lắp đặt"): yes/no per unit.
UNIT_SUBJECT_RE = re.compile(
    r"^\s*(?:số\s+)?(?:các\s+)?(?:"
    r"(?P<school>cơ\s+sở\s+giáo\s+dục|trường\s+học|trường\b)"
    r"|(?P<commune>(?:ubnd\s+)?xã\b(?!\s+hội)|đơn\s+vị\s+cấp\s+xã)"
    r"|(?P<district>(?:ubnd\s+)?huyện\b)"
    r"|(?P<any>đơn\s+vị\b(?!\s+tính)|cơ\s+quan\b|cơ\s+quan\s+nhà\s+nước|cơ\s+quan,\s*đơn\s+vị|ubnd\b)"
    r")",
    _F,
)


def find_levels(text, offset=0):
    """[(start, end, kind)] of the level phrases in `text` (offsets + `offset`), without overlaps."""
    found = []
    for kind, rx in _LEVEL_RES:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _k in found):
                continue
            if _NOT_A_LEVEL_BEFORE.search(text[:m.start()]):
                continue
            found.append((m.start(), m.end(), kind))
    found.sort()
    return [(s + offset, e + offset, k) for s, e, k in found]


def level_kind(phrase):
    """The unit kind a level phrase names ("cấp Sở" → department), None for none or "tất cả"."""
    hits = find_levels(phrase or "")
    return hits[0][2] if hits else None


def unit_subject(after_value):
    """When the words right after a value are reporting units ("xã", "các đơn vị"): (kind or None, True)."""
    m = UNIT_SUBJECT_RE.match(after_value or "")
    if not m:
        return None, False
    for kind in ("school", "commune", "district"):
        if m.group(kind):
            return kind, True
    return None, True
