"""Reporting periods: codes, Vietnamese labels and data windows.

Codes: `2024-Q3`, `2024-H1`, `2024`. Windows follow the reporting-regime
decree (Nghị định 09/2019/NĐ-CP) by default: data from the 15th of the
month before the period to the 14th of its last month, deadline the 20th
of the last month. `settings.PERIOD_WINDOWS = "calendar"` switches to
calendar windows (statistical regime); their deadline is the 20th of the
month after the period, since the window then ends on the last day.
"""

import datetime as dt
import re
from calendar import monthrange
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

QUARTER = "quarter"
HALF_YEAR = "half_year"
YEAR = "year"

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# One label pattern per quarter: English writes "Q3/2024" where Vietnamese writes a Roman numeral.
QUARTER_LABELS = {
    1: gettext_noop("Quý I/%(year)s"),
    2: gettext_noop("Quý II/%(year)s"),
    3: gettext_noop("Quý III/%(year)s"),
    4: gettext_noop("Quý IV/%(year)s"),
}
_CODE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QH])(?P<number>\d))?$")


class PeriodCodeError(ValueError):
    """A period code that cannot be read."""


@dataclass(frozen=True)
class PeriodSpec:
    kind: str
    year: int
    number: int  # quarter 1-4, half 1-2, 1 for a year

    @property
    def code(self):
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == HALF_YEAR:
            return f"{self.year}-H{self.number}"
        return f"{self.year}"

    @property
    def first_month(self):
        return {QUARTER: 3 * (self.number - 1) + 1, HALF_YEAR: 6 * (self.number - 1) + 1, YEAR: 1}[self.kind]

    @property
    def last_month(self):
        return {QUARTER: 3 * self.number, HALF_YEAR: 6 * self.number, YEAR: 12}[self.kind]


def parse_code(code):
    """`2024-Q3` -> PeriodSpec(quarter, 2024, 3). Raises PeriodCodeError."""
    m = _CODE_RE.match((code or "").strip().upper())
    if not m:
        raise PeriodCodeError(_("Mã kỳ báo cáo “%(code)s” không hợp lệ (ví dụ hợp lệ: 2024-Q3, 2024-H1, 2024).")
                              % {"code": code})
    year = int(m["year"])
    if m["kind"] is None:
        return PeriodSpec(YEAR, year, 1)
    kind = QUARTER if m["kind"] == "Q" else HALF_YEAR
    number = int(m["number"])
    if not (1 <= number <= (4 if kind == QUARTER else 2)):
        message = (_("Mã kỳ báo cáo “%(code)s” không hợp lệ: quý %(number)s không tồn tại.") if kind == QUARTER
                   else _("Mã kỳ báo cáo “%(code)s” không hợp lệ: nửa năm %(number)s không tồn tại."))
        raise PeriodCodeError(message % {"code": code, "number": number})
    return PeriodSpec(kind, year, number)


def label(kind, year, number):
    """The label in the active language, computed (never stored): "Quý III/2024", "6 tháng đầu năm 2024",
    "Năm 2024" in Vietnamese (documents are made under Vietnamese)."""
    if kind == QUARTER:
        pattern = _(QUARTER_LABELS[number])
    elif kind == HALF_YEAR:
        pattern = _("6 tháng đầu năm %(year)s") if number == 1 else _("6 tháng cuối năm %(year)s")
    else:
        pattern = _("Năm %(year)s")
    return pattern % {"year": year}


def _shift_month(year, month, delta):
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def window(kind, year, number, mode=None):
    """(start, end, deadline) of a period under the configured regime."""
    spec = PeriodSpec(kind, year, number)
    mode = mode or getattr(settings, "PERIOD_WINDOWS", "decree")
    if mode == "calendar":
        start = dt.date(year, spec.first_month, 1)
        end = dt.date(year, spec.last_month, monthrange(year, spec.last_month)[1])
        dy, dm = _shift_month(year, spec.last_month, 1)
        return start, end, dt.date(dy, dm, 20)
    sy, sm = _shift_month(year, spec.first_month, -1)
    return dt.date(sy, sm, 15), dt.date(year, spec.last_month, 14), dt.date(year, spec.last_month, 20)


def sub_specs(spec, kind):
    """The periods of `kind` inside `spec` (the quarters of a year, ...)."""
    if spec.kind == kind:
        return [spec]
    if kind == QUARTER and spec.kind == YEAR:
        return [PeriodSpec(QUARTER, spec.year, q) for q in range(1, 5)]
    if kind == QUARTER and spec.kind == HALF_YEAR:
        return [PeriodSpec(QUARTER, spec.year, q) for q in ((1, 2) if spec.number == 1 else (3, 4))]
    if kind == HALF_YEAR and spec.kind == YEAR:
        return [PeriodSpec(HALF_YEAR, spec.year, 1), PeriodSpec(HALF_YEAR, spec.year, 2)]
    return []
