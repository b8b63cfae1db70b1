"""The heat map's cells, written in Python: a district's 30 schools × 20 indicators are 600 cells, and
the template language spent more time on them than the whole page's queries."""

from django import template
from django.utils.html import format_html, format_html_join

from indicators import rules
from indicators.models import Measure

register = template.Library()


@register.simple_tag
def heat_cells(row):
    """The <td>s of one heat-map row (ChildRow): status colour, figure, and a title naming unit and indicator."""
    name = row.unit.name
    cells = []
    for c in row.cells:
        if c is None:
            cells.append(("na", "Không áp dụng", "·"))
            continue
        if c.indicator.measure == Measure.BOOLEAN and not row.is_leaf and c.value is not None:
            text = f"{rules.format_number(c.value, 0)}%"  # share of the subtree's units answering yes
        else:
            text = rules.format_value(c.indicator, c.value)
        cells.append((f"st-{c.status}", f"{name} – {c.indicator.code} ({c.status_label})", text))
    return format_html_join("", '<td class="{}" title="{}">{}</td>', cells) if cells else format_html("")
