"""The rules of DESIGN.md §5 for one value: computation, validation, targets, status.

Plain functions, no queries except where a docstring says so. Rollups over
many units live in `indicators.figures` and call these for the final step,
so a rate, a target choice or a status is computed in exactly one place.
"""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from config.language import Words

from .choices import Direction, Measure, Operator
from .limits import DECIMALS_MAX, NOTE_MAX_LENGTH, TEXT_MAX_LENGTH  # noqa: F401 - the bounds, named here too

HUNDRED = Decimal(100)
STORE_QUANT = Decimal("0.0001")
# What DataValue's numerator/denominator (max_digits 20, decimal_places 4) can hold.
STORE_DECIMALS = 4
STORE_LIMIT_DIGITS = 16


class Status:
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"

    LABELS = Words({
        MET: gettext_lazy("Đạt"),
        ON_TRACK: gettext_lazy("Đúng tiến độ"),
        AT_RISK: gettext_lazy("Có nguy cơ"),
        NOT_MET: gettext_lazy("Chưa đạt"),
        NO_DATA: gettext_lazy("Chưa có số liệu"),
        NO_TARGET: gettext_lazy("Chưa có mục tiêu"),
    })
    # "Khả năng đạt" of a report's projection column: the status said as an outlook on the milestone.
    OUTLOOK = Words({
        MET: gettext_lazy("Đã đạt"),
        ON_TRACK: gettext_lazy("Có khả năng đạt"),
        AT_RISK: gettext_lazy("Có nguy cơ không đạt"),
        NOT_MET: gettext_lazy("Không đạt"),
        NO_DATA: gettext_lazy("Chưa đánh giá được"),
        NO_TARGET: gettext_lazy("Chưa có mục tiêu"),
    })
    # Colours of DESIGN.md §5: met green, on_track blue, at_risk amber, not_met red, grey otherwise.
    COLOURS = {
        MET: "#1e7b34",
        ON_TRACK: "#1f5fa8",
        AT_RISK: "#b7791f",
        NOT_MET: "#c0392b",
        NO_DATA: "#7a7f85",
        NO_TARGET: "#7a7f85",
    }


class FigureError(Exception):
    """Bad input for one value. `field` names the field, `message` is Vietnamese."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
# What a typed figure may contain: ASCII digits, one sign, the marks "." and ",". Python's Decimal also reads
# fullwidth and other scripts' digits ("１２"), underscores ("1_0") and exponents ("1e-30"): none of them is
# something a person types as a figure, and each has been used to slip a value past a check.
_FIGURE_CHARS = re.compile(r"^[+-]?[0-9.,]+$")


def _bounded(d, field, label):
    """`d` if it fits DataValue's columns (16 digits before the mark, 4 after), else FigureError."""
    if not d.is_finite():
        raise FigureError(field, _("%(label)s: phải là một số.") % {"label": label})
    if d != 0 and d.adjusted() >= STORE_LIMIT_DIGITS:
        raise FigureError(field, _("%(label)s: số quá lớn (tối đa %(digits)s chữ số phần nguyên).")
                          % {"label": label, "digits": STORE_LIMIT_DIGITS})
    if d != d.quantize(STORE_QUANT):
        raise FigureError(field, _("%(label)s: tối đa %(decimals)s chữ số thập phân.")
                          % {"label": label, "decimals": STORE_DECIMALS})
    return d


def to_decimal(raw, field, label, localized=False):
    """Read one figure; None for blank. Raises FigureError naming the field.

    API and Excel send plain numbers ("22.22", 22.22). `localized=True` reads
    what a person types in the Vietnamese form too: "1.937" (thousands
    grouped by dots), "22,22" or "1.937,5" (comma decimal mark). Text must
    be ASCII digits with at most a sign and the marks (no "１２", "1_0",
    "1e5"). Every figure must fit what is stored: below 10^16, at most 4
    decimals (the one bound of every path: form, API, bulk, Excel, findings).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise FigureError(field, _("%(label)s: phải là một số.") % {"label": label})
    if isinstance(raw, int):
        return _bounded(Decimal(raw), field, label)
    if isinstance(raw, float | Decimal):
        try:
            return _bounded(Decimal(repr(raw)) if isinstance(raw, float) else raw, field, label)
        except InvalidOperation:
            raise FigureError(field, _("%(label)s: phải là một số.") % {"label": label}) from None
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if text == "":
        return None
    shown = text if len(text) <= 40 else text[:40] + "…"
    if not _FIGURE_CHARS.match(text):
        raise FigureError(field, _("%(label)s: “%(text)s” không phải là số (chỉ nhập chữ số 0–9).")
                          % {"label": label, "text": shown})
    if localized:
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _GROUPED.match(text.lstrip("+-")):
            text = text.replace(".", "")
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise FigureError(field, _("%(label)s: “%(text)s” không phải là số.") % {"label": label, "text": shown}) from None
    return _bounded(d, field, label)


# --- text: lengths and control characters -------------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls: they break XML (the Excel workbooks) and terminals.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text):
    """`text` without control characters ("\r\n" and "\r" become "\n"; tab and newline stay)."""
    if not isinstance(text, str):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def strip_instance_controls(sender, instance, **kwargs):
    """pre_save: strip control characters from every text field of the product's models (one place for all
    paths: forms, API, admin, imports, commands). A unit name or a task note with a control character must
    never break a workbook or a page for everyone."""
    for f in instance._meta.concrete_fields:
        if f.get_internal_type() in ("CharField", "TextField"):
            value = getattr(instance, f.attname)
            if isinstance(value, str) and _CONTROL.search(value):
                setattr(instance, f.attname, _CONTROL.sub("", value))


def clean_note(raw, field="note", label=None, max_length=NOTE_MAX_LENGTH):
    """A note as stored: control characters stripped, surrounding blanks trimmed, at most `max_length`.

    None stays None (callers use it for "keep the stored note"). Raises FigureError when too long.
    """
    if raw is None:
        return None
    text = strip_controls(str(raw)).strip()
    if len(text) > max_length:
        raise FigureError(field, _("%(label)s: tối đa %(max)s ký tự (đang có %(length)s).") % {
            "label": _("Ghi chú") if label is None else label, "max": format_number(max_length),
            "length": format_number(len(text))})
    return text


def validate_figures(indicator, numerator, denominator, localized=False):
    """Check one value's figures against its indicator's measure: the one rule of every write path.

    The entry form (and its live preview), the API, the bulk API, the Excel
    import and the admin all call this (through `services.clean_value`).
    Refused (DESIGN.md §5): non-numbers, negatives; for a percent, one figure
    without the other and a numerator above the denominator; for a count, a
    denominator or a fraction ("22,22" máy); for a yes/no, anything but 1 or 0;
    figures beyond what is stored (16 digits before the decimal mark, 4 after).
    Returns the cleaned (numerator, denominator) as Decimals (or None).
    Raises FigureError with the field name and a Vietnamese message.
    """
    num_label = indicator.numerator_label or (_("Số lượng") if indicator.measure == Measure.COUNT else _("Tử số"))
    den_label = indicator.denominator_label or _("Mẫu số")
    if indicator.measure == Measure.BOOLEAN:
        num_label = _("Có/Không")
    num = to_decimal(numerator, "numerator", num_label, localized)
    den = to_decimal(denominator, "denominator", den_label, localized)
    if num is not None and num < 0:
        raise FigureError("numerator", _("%(label)s: không được là số âm.") % {"label": num_label})
    if den is not None and den < 0:
        raise FigureError("denominator", _("%(label)s: không được là số âm.") % {"label": den_label})
    if indicator.measure == Measure.PERCENT:
        if (num is None) != (den is None):
            missing = "denominator" if den is None else "numerator"
            raise FigureError(missing, _("%(label)s: cần nhập cả tử số và mẫu số.")
                              % {"label": den_label if den is None else num_label})
        if num is not None and num > den:
            raise FigureError(
                "numerator",
                _("%(numerator_label)s (%(numerator)s) không được lớn hơn %(denominator_label)s (%(denominator)s).")
                % {"numerator_label": num_label, "numerator": format_number(num),
                   "denominator_label": den_label.lower(), "denominator": format_number(den)},
            )
    else:
        if den is not None:
            raise FigureError("denominator", _("Chỉ tiêu này không có mẫu số; chỉ nhập số lượng.")
                              if indicator.measure == Measure.COUNT
                              else _("Chỉ tiêu này không có mẫu số; chỉ nhập Có (1) hoặc Không (0)."))
        if indicator.measure == Measure.BOOLEAN and num is not None and num not in (0, 1):
            raise FigureError("numerator", _("Có/Không: chỉ nhận 1 (Có) hoặc 0 (Không)."))
        if indicator.measure == Measure.COUNT and num is not None and num != num.to_integral_value():
            raise FigureError("numerator", _("%(label)s: phải là số nguyên.") % {"label": num_label})
    return num, den


def compute_value(measure, numerator, denominator):
    """The derived value of one figure; None when there is nothing to compute.

    percent: 100 × numerator / denominator, None when the denominator is 0
    ("không phát sinh") or a figure is missing. count: the count. boolean: 0/1.
    """
    if numerator is None:
        return None
    numerator = Decimal(numerator)
    if measure == Measure.PERCENT:
        if denominator is None or Decimal(denominator) == 0:
            return None
        return (HUNDRED * numerator / Decimal(denominator)).quantize(STORE_QUANT, rounding=ROUND_HALF_UP)
    return numerator.quantize(STORE_QUANT)


def ratio_of_sums(numerator_sum, denominator_sum):
    """A rolled-up percentage: Σnumerator / Σdenominator (never a mean of rates)."""
    if numerator_sum is None or not denominator_sum:
        return None
    return (HUNDRED * Decimal(numerator_sum) / Decimal(denominator_sum)).quantize(STORE_QUANT, rounding=ROUND_HALF_UP)


# --- targets ---------------------------------------------------------------

def target_specificity(target, unit=None, unit_kind=None):
    """2 for a unit's own target, 1 for its kind, 0 for everyone; None if it does not apply."""
    if target.unit_id is not None:
        return 2 if unit is not None and target.unit_id == unit.pk else None
    if target.unit_kind:
        kind = unit.kind if unit is not None else unit_kind
        return 1 if target.unit_kind == kind else None
    return 0


def applicable_target(targets, year, unit=None, unit_kind=None):
    """The target that applies to a period of `year` for a unit (or a unit kind).

    The most specific scope wins (unit > kind > everyone). Among its
    milestones: the nearest year >= `year`; after the last milestone, the last.
    `targets` is an iterable of Target (already fetched: no query here).
    """
    best_level, scoped = -1, []
    for t in targets:
        level = target_specificity(t, unit, unit_kind)
        if level is None:
            continue
        if level > best_level:
            best_level, scoped = level, [t]
        elif level == best_level:
            scoped.append(t)
    if not scoped:
        return None
    ahead = [t for t in scoped if t.year >= year]
    if ahead:
        return min(ahead, key=lambda t: t.year)
    return max(scoped, key=lambda t: t.year)


def compare(value, operator, target_value):
    """Does `value` satisfy `operator target_value`?"""
    value, target_value = Decimal(value), Decimal(target_value)
    return {
        Operator.GT: value > target_value,
        Operator.GTE: value >= target_value,
        Operator.EQ: value == target_value,
        Operator.LTE: value <= target_value,
        Operator.LT: value < target_value,
    }[operator]


def projection(points, at):
    """Least-squares line through `points` [(x, y)], evaluated at x=`at`.

    Returns None with fewer than two distinct x (no line to draw).
    """
    if len(points) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    return my + slope * (at - mx)


def project_to_year_end(series, year, ceiling=None):
    """Where the series is heading by 31/12 of `year` (the "Dự báo" of pages and "Ước thực hiện" of reports).

    `series` is [(period_end, value)] oldest first; the least-squares line
    through its last ≤ 4 values, evaluated at the end of `year`, capped at
    `ceiling` (status_ceiling: a share cannot be projected past 100%).
    None with fewer than two values (no line to draw).
    """
    points = [(time_x(d), float(v)) for d, v in list(series)[-4:] if v is not None]
    projected = projection(points, time_x(dt.date(year, 12, 31)))
    if projected is not None and ceiling is not None:
        projected = min(projected, float(ceiling))
    return projected


def time_x(day):
    """A date as a fractional year, the x axis of projections."""
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def reaches_year_end(period_end, year):
    """Does a period ending on `period_end` reach the end of `year`?

    True for the year's last quarter, its second half, the year itself (all
    end in December, in either window regime) and any later period. Before
    that, a target of `year` can still be reached: the trend decides.
    """
    return period_end.year > year or (period_end.year == year and period_end.month == 12)


def evaluate_status(value, target, period_end, series=(), direction=Direction.INCREASE, ceiling=None):
    """The status of a value against its target (DESIGN.md §5).

    `series` is the list of (period_end, value) for the last periods up to
    and including this one (oldest first); the last ≤ 4 are used for the
    projection. met when the comparison holds; otherwise not_met once the
    period reaches the end of the milestone year (reaches_year_end); before
    that on_track when the least-squares line reaches the target by the end
    of the milestone year, else at_risk. `ceiling` caps the projection (100
    for a share: a rate cannot be projected past 100%).
    """
    if target is None:
        return Status.NO_TARGET
    if value is None:
        return Status.NO_DATA
    if compare(value, target.operator, target.value):
        return Status.MET
    if reaches_year_end(period_end, target.year):
        return Status.NOT_MET
    projected = project_to_year_end(series, target.year, ceiling)
    if projected is None:
        return Status.AT_RISK
    operator = target.operator
    if operator == Operator.EQ:
        # Reaching an exact target: judge by the side the indicator improves towards.
        operator = Operator.GTE if direction == Direction.INCREASE else Operator.LTE
    return Status.ON_TRACK if compare(Decimal(str(round(projected, 4))), operator, target.value) else Status.AT_RISK


def status_ceiling(measure):
    """The projection's cap for a measure: 100 for shares (percent, boolean), none for counts."""
    return HUNDRED if measure in (Measure.PERCENT, Measure.BOOLEAN) else None


def judged_value(measure, value):
    """What one unit's stored value is judged as: a yes/no answer as 100% / 0%, others as they are."""
    if value is None or measure != Measure.BOOLEAN:
        return value
    return HUNDRED if Decimal(value) >= 1 else Decimal(0)


# --- wording ---------------------------------------------------------------
#
# The one place that writes figures for people (DESIGN.md §6): pages, template
# filters (indicators/templatetags/kpi.py), charts, the heat map, admin, the
# API's text of a value and the change columns all call these. Numbers 1.937,
# percents 22,22% (PERCENT_DECIMALS, or more when an indicator asks for more),
# a change of a rate in percentage points ("+1,38 điểm %"). Years and ids are
# never grouped: templates print them with `|unlocalize` (2025, value="1234").

PERCENT_DECIMALS = 2
SHARES = (Measure.PERCENT, Measure.BOOLEAN)  # measures shown as a percentage (a yes/no rolls up as a share)


def format_number(value, decimals=None):
    """Vietnamese number: 1.937 and 22,22 (thousands '.', decimals ',')."""
    if value is None:
        return ""
    d = Decimal(value)
    if decimals is None:
        d = d.normalize()
        decimals = max(0, -d.as_tuple().exponent)
    q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP) if decimals else d.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    text = f"{q:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def percent_decimals(indicator=None):
    """Decimals of a percentage: 2 everywhere (76,92%), more only when the indicator asks for more (≤ 6)."""
    return min(DECIMALS_MAX, max(PERCENT_DECIMALS, getattr(indicator, "decimals", None) or 0))


def format_percent(value, decimals=PERCENT_DECIMALS):
    """A percentage (already ×100): 22.2222 -> '22,22%'; None -> '—'."""
    if value is None or value == "":
        return "—"
    return f"{format_number(value, decimals)}%"


def format_value(indicator, value, share=False):
    """A value as users read it: '22,22%', '1.937 máy', 'Có'.

    A yes/no is one unit's answer (Có/Không, also when judged 100/0); with
    `share` it is the share of units answering yes over many units ('52,10%').
    """
    if value is None:
        return "—"
    if indicator.measure == Measure.PERCENT or (share and indicator.measure == Measure.BOOLEAN):
        return format_percent(value, percent_decimals(indicator))
    if indicator.measure == Measure.BOOLEAN:
        return yes_no_word(value)
    unit = f" {indicator.unit_label}" if indicator.unit_label else ""
    return f"{format_number(value, 0)}{unit}"


def yes_no_word(value):
    """One unit's yes/no answer as it reads: "Có" (1, or judged 100) / "Không"; None for no answer."""
    if value is None:
        return None
    return _("Có") if Decimal(value) >= 1 else _("Không")


def format_change(indicator, delta):
    """A change between two values: '+1,38 điểm %' for a rate or share, '+12 máy' / '−3' for a count.

    A rate changes by percentage points, never by "%" (that would be a relative
    change). The sign follows the rounded figure: a change that rounds to zero
    has none ('0,00 điểm %').
    """
    if delta is None:
        return "—"
    d = Decimal(delta)
    shares = indicator.measure in SHARES
    decimals = percent_decimals(indicator) if shares else 0
    size = abs(d).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "" if size == 0 else ("+" if d > 0 else "\u2212")
    if shares:
        # Translators: a change of a rate in percentage points; %(number)s is Vietnamese-formatted ("1,38").
        return _("%(sign)s%(number)s điểm %%") % {"sign": sign, "number": format_number(size, decimals)}
    suffix = f" {indicator.unit_label}" if indicator.unit_label else ""
    return f"{sign}{format_number(size, decimals)}{suffix}"


def target_gap(indicator, value, target):
    """How far a (judged) value is ahead of its target, in the indicator's direction: positive ahead,
    negative behind, None without a value or a target. For a percent or a yes/no share, percentage points."""
    if value is None or target is None or target.value is None:
        return None
    delta = Decimal(value) - Decimal(target.value)
    return -delta if indicator.direction == Direction.DECREASE else delta


def gap_words(indicator, gap):
    """"vượt 3,50 điểm %", "còn thiếu 12,00 điểm %", "bằng mục tiêu" (the ranking's gap to the target)."""
    if gap is None:
        return "—"
    size = format_change(indicator, abs(gap)).lstrip("+")
    if size.startswith("0") and not any(ch in "123456789" for ch in size.split(" ")[0]):
        return _("bằng mục tiêu")
    return _("vượt %(size)s") % {"size": size} if gap > 0 else _("còn thiếu %(size)s") % {"size": size}


def value_text(indicator, value, share=False):
    """A value as the API writes it (a decimal point, no grouping), or None.

    A percent (and, with `share`, a yes/no rolled up as a share of units) has
    percent_decimals places ("22.22" for 2/9, stored 22.2222); a count and one
    unit's yes/no answer are the plain number ("1937", "1").
    """
    if value is None:
        return None
    d = Decimal(value)
    if indicator.measure == Measure.PERCENT or (share and indicator.measure == Measure.BOOLEAN):
        return format(d.quantize(Decimal(1).scaleb(-percent_decimals(indicator)), rounding=ROUND_HALF_UP), "f")
    return format(d.normalize(), "f")


OPERATOR_WORDS = Words({
    Operator.GT: pgettext_lazy("target operator", "trên"),
    Operator.GTE: pgettext_lazy("target operator", "đạt"),
    Operator.EQ: pgettext_lazy("target operator", "bằng"),
    Operator.LTE: pgettext_lazy("target operator", "không quá"),
    Operator.LT: pgettext_lazy("target operator", "dưới"),
})


def format_target(target, measure=None):
    """A target the way documents write it: 'trên 95%', 'đạt 96%', 'không quá 10'."""
    if target is None:
        return "—"
    measure = measure or target.indicator.measure
    number = format_number(target.value)  # as the document writes it: 'trên 95%', not 'trên 95,00%'
    return f"{OPERATOR_WORDS[target.operator]} {number}{'%' if measure in SHARES else ''}"


def check_period(indicator, period):
    """Raise FigureError unless `period` is one of the indicator's reporting periods (its frequency)."""
    if indicator.period_kind != period.kind:
        raise FigureError(
            "period",
            _("Chỉ tiêu %(code)s báo cáo %(frequency)s; %(period)s không phải kỳ báo cáo của chỉ tiêu này.")
            % {"code": indicator.code, "frequency": indicator.get_frequency_display().lower(), "period": period.label},
        )


def unit_period_problem(unit, period):
    """Why `unit` is not expected for `period` (a Vietnamese sentence naming both), or None.

    A unit is expected for a period, and may be written for it, only when it
    is active on the period's last day (DESIGN.md §5, "Who is expected"):
    `valid_from <= period.end` and (`valid_to` is empty or `valid_to >= period.end`).
    A unit dissolved or merged on 1/7/2025 (valid_to 30/06/2025) keeps its
    figures up to Quý II/2025 but gets none for Quý III/2025 or later; its
    successor reports those. No query.
    """
    end = period.end
    if unit.valid_to is not None and unit.valid_to < end:
        return _("Đơn vị “%(unit)s” chỉ hoạt động đến ngày %(day)s, trước ngày cuối của %(period)s (%(end)s); "
                 "không nhận số liệu %(period)s của đơn vị này.") % {
            "unit": unit.name, "day": f"{unit.valid_to:%d/%m/%Y}", "period": period.label, "end": f"{end:%d/%m/%Y}"}
    if unit.valid_from is not None and unit.valid_from > end:
        return _("Đơn vị “%(unit)s” bắt đầu hoạt động từ ngày %(day)s, sau ngày cuối của %(period)s (%(end)s); "
                 "không nhận số liệu %(period)s của đơn vị này.") % {
            "unit": unit.name, "day": f"{unit.valid_from:%d/%m/%Y}", "period": period.label, "end": f"{end:%d/%m/%Y}"}
    return None


def check_unit_period(unit, period):
    """Raise FigureError("period", …) unless `unit` is expected for `period` (see unit_period_problem)."""
    problem = unit_period_problem(unit, period)
    if problem:
        raise FigureError("period", problem)
