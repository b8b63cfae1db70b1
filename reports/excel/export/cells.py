"""What a cell of a report holds: text that never starts a formula, number formats, figures as Excel numbers."""

from decimal import Decimal

from indicators.models import Measure
from indicators.rules import PERCENT_DECIMALS, SHARES, yes_no_word

COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# What makes Excel (or LibreOffice, Sheets) read a cell's text as a formula or a DDE call: the one list,
# used by safe_text here and by the import template's cells (reports.excel.template).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(value):
    """User text for a cell: never a formula. "=HYPERLINK(…)" -> "'=HYPERLINK(…)"."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def percent_format(decimals=2):
    """The number format of a fraction shown as a percentage with `decimals` places ("0.00%")."""
    return "0." + "0" * decimals + "%" if decimals else "0%"


def change_format(base):
    """`base` with its sign always shown ("+1,38", "-2", "0"): the format of a change."""
    return f"+{base};-{base};{base}"


def fraction(value):
    """A stored percentage (22.2222) as the fraction Excel formats with `0.00%` (0.222222)."""
    return None if value is None else float(Decimal(value) / 100)


def measure_format(measure, decimals=2):
    """A percentage has PERCENT_DECIMALS places (22,22%), more only when the indicator asks (rules.percent_decimals)."""
    return percent_format(max(PERCENT_DECIMALS, decimals or 0)) if measure in SHARES else COUNT_FORMAT


def change_figure(change, measure, decimals=2):
    """(cell value, number format) of a change between two periods (rules.format_change).

    A rate's change is in percentage points, "+1,38 điểm %" (the number of
    points, not a fraction: "+1,38%" would read as a relative change); a
    count's is a signed number.
    """
    value = None if change is None else float(change)
    if measure in SHARES:
        places = max(PERCENT_DECIMALS, decimals or 0)
        return value, change_format("0." + "0" * places + '" điểm %"')
    return value, change_format(COUNT_FORMAT)


def unit_figure(value, measure, decimals=2):
    """(cell value, number format) of ONE unit's figure: a yes/no answer is its word ("Có"/"Không",
    judged as 100% / 0%: rules.yes_no_word), anything else as `figure`."""
    if measure == Measure.BOOLEAN:
        return yes_no_word(value), "@"
    return figure(value, measure, decimals)


def figure(value, measure, decimals=2):
    """(cell value, number format) of an indicator's value."""
    fmt = measure_format(measure, decimals)
    if value is None:
        return None, fmt
    if measure in (Measure.PERCENT, Measure.BOOLEAN):
        return fraction(value), fmt
    return float(value), fmt
