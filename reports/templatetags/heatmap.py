"""The heat map's cells, written in Python: a district's 30 schools × 20 indicators are 600 cells, and
the template language (and format_html per cell) spent more time on them than the page's queries."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from indicators import rules
from indicators.models import Measure
from indicators.rules import Status

register = template.Library()


@register.simple_tag
def heat_cells(row):
    """The <td>s of one heat-map row (ChildRow): status colour, figure, and a title naming unit and indicator."""
    name = escape(row.unit.name)
    not_applicable_title = escape(_("Không áp dụng"))
    not_applicable = f'<td class="na" title="{not_applicable_title}">·</td>'
    labels = dict(Status.LABELS.items())  # translated once per row, not twice per cell
    parts = []
    for c in row.cells:
        if c is None:
            parts.append(not_applicable)
            continue
        if c.indicator.measure == Measure.BOOLEAN and not row.is_leaf and c.value is not None:
            text = rules.format_value(c.indicator, c.value, share=True)  # share of the subtree's units answering yes
        elif c.value is None and not row.is_leaf and c.status not in (Status.NO_DATA, Status.NO_TARGET):
            # Levels with different targets are not blended into one figure (figures.blendable):
            # the cell says how the subtree stands; the unit's page gives each level's figure.
            text = labels[c.status]
        else:
            text = rules.format_value(c.indicator, c.value)
        parts.append(f'<td class="st-{c.status}" title="{name} – {escape(c.indicator.code)} ({labels[c.status]})">'
                     f"{escape(text)}</td>")
    return mark_safe("".join(parts))  # every text from the database is escaped above
