"""What every seed module of the demo shares: its "today", unit kinds, pillars, the shapes of its
specifications, and the idempotent write (`upsert`)."""

import datetime as dt
import unicodedata
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db import models

from resolutions.models import TaskStatus
from units.models import UnitKind

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

DEMO_REASON = "Dữ liệu mẫu của bản trình diễn"  # the audit reason of the demo's own writes

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


def office_name(locality):
    """The name of the phòng GDĐT of a locality."""
    return f"Phòng Giáo dục và Đào tạo {locality}"


def school_name(level, place):
    """A school's name from its level code (SCHOOL_LEVELS) and place."""
    return f"Trường {SCHOOL_LEVELS[level]} {place}"



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



_D, _P, _N = TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED
TASK_NOTE_ILLUSTRATIVE = {
    _D: "Dữ liệu minh họa: đã hoàn thành.",
    _P: "Dữ liệu minh họa: đang triển khai.",
    _N: "Dữ liệu minh họa: chưa triển khai.",
}


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

