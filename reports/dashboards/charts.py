"""Charts drawn on the server as inline SVG: no JavaScript library, no CDN, prints as it shows.

Figures arrive already computed (indicators.figures / indicators.rules);
this module only places them on a canvas and labels them the Vietnamese way
(indicators.rules.format_number: 1.937 and 22,22).
"""

import datetime as dt
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from indicators.rules import HUNDRED, PERCENT_DECIMALS, Status, format_number, project_to_year_end, time_x


def _f(x):
    return f"{x:.1f}"


def _nice_step(span, ticks=5):
    """A round step (1, 2, 2.5, 5 × 10^k) giving about `ticks` intervals over `span`."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    mag = 10 ** int(f"{raw:e}".split("e")[1])
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def sparkline(values, status=Status.NO_DATA, width=110, height=28, label=""):
    """A small trend line of the last periods (None = gap); the last point coloured by status."""
    pts = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    title = escape(label)
    if not pts:
        return mark_safe(
            f'<svg class="spark" width="{width}" height="{height}" role="img" aria-label="{title}">'
            f'<line x1="2" y1="{height / 2}" x2="{width - 2}" y2="{height / 2}" stroke="#d9dee2" stroke-dasharray="3 3"/></svg>'
        )
    n = max(len(values) - 1, 1)
    lo = min(v for _, v in pts)
    hi = max(v for _, v in pts)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    pad = 4

    def xy(i, v):
        return pad + (width - 2 * pad) * i / n, height - pad - (height - 2 * pad) * (v - lo) / (hi - lo)

    coords = [xy(i, v) for i, v in pts]
    path = " ".join(f"{_f(x)},{_f(y)}" for x, y in coords)
    colour = Status.COLOURS.get(status, "#7a7f85")
    lx, ly = coords[-1]
    return mark_safe(
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        f'<polyline points="{path}" fill="none" stroke="#5f6b73" stroke-width="1.5"/>'
        f'<circle cx="{_f(lx)}" cy="{_f(ly)}" r="3" fill="{colour}"/></svg>'
    )


def line_chart(series, targets=(), percent=True, decimals=2, width=1200, height=330, title=""):
    """The series over all periods with target steps, milestone years and the projection.

    series: [(Period, value|None)] oldest first.
    targets: [Target] (kind-level or general) — each drawn as a dashed line up to its milestone year.
    Returns a dict {"svg": safe html, "projection": (milestone_year, value)|None}.
    """
    if percent:
        decimals = max(PERCENT_DECIMALS, decimals or 0)  # a figure's label: 76,92%, as on every page
    left, right, top, bottom = 58, 150, 18, 46
    pw, ph = width - left - right, height - top - bottom
    pts = [(p, float(v)) for p, v in series if v is not None]
    if not series:
        return {"svg": format_html('<p class="muted">{}</p>', _("Chưa có kỳ báo cáo nào.")), "projection": None}

    x0 = time_x(series[0][0].start)
    x1 = time_x(series[-1][0].end)
    milestones = sorted({t.year for t in targets})
    # The projection to the end of the next milestone year: the rule statuses are judged on
    # (rules.trend_projection: the last ≤ 4 periods, a share capped at 100%), so the page and the
    # reports' "Ước thực hiện" column show the same figure.
    proj = None
    last_year = series[-1][0].end.year
    ahead = [y for y in milestones if y >= last_year]
    if pts and ahead:
        # The status rule's own projection (rules.project_to_year_end), capped at 100% for a share.
        value = project_to_year_end([(p.end, v) for p, v in series], ahead[0], HUNDRED if percent else None)
        if value is not None:
            at = time_x(dt.date(ahead[0], 12, 31))
            proj = (ahead[0], at, value, (time_x(pts[-1][0].end), pts[-1][1]))
            x1 = max(x1, at)
    if milestones:
        x1 = max(x1, min(max(milestones) + 1, x1 + 6) if max(milestones) + 1 - x0 < 12 else x1)
    if x1 <= x0:
        x1 = x0 + 1

    values = [v for _, v in pts] + [float(t.value) for t in targets]
    if proj:
        values.append(proj[2])
    lo = min(values + [0.0])
    hi = max(values + [1.0])
    if percent:
        lo, hi = 0.0, max(100.0, hi)
    step = _nice_step(hi - lo)
    hi = step * (int(hi / step) + (0 if hi % step == 0 else 1))

    def X(x):
        return left + pw * (x - x0) / (x1 - x0)

    def Y(v):
        return top + ph - ph * (v - lo) / (hi - lo)

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{escape(title)}" '
        f'preserveAspectRatio="xMinYMin meet" font-size="12" font-family="inherit">',
        f"<title>{escape(title)}</title>",
    ]
    # Horizontal grid and y labels.
    v = lo
    while v <= hi + 1e-9:
        y = Y(v)
        out.append(f'<line x1="{left}" y1="{_f(y)}" x2="{left + pw}" y2="{_f(y)}" stroke="#e6e9ec"/>')
        label = format_number(Decimal(str(round(v, 4)))) + ("%" if percent else "")
        out.append(f'<text x="{left - 6}" y="{_f(y + 4)}" text-anchor="end" fill="#5f6b73">{label}</text>')
        v += step
    # Year ticks on the x axis.
    for year in range(int(x0), int(x1) + 1):
        if x0 <= year <= x1:
            x = X(year)
            out.append(f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{top + ph}" stroke="#eef0f2"/>')
        mid = year + 0.5
        if x0 <= mid <= x1:
            out.append(f'<text x="{_f(X(mid))}" y="{top + ph + 30}" text-anchor="middle" fill="#1d2327" font-weight="600">{year}</text>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#5f6b73"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#5f6b73"/>')
    # Quarter labels under each point (short: Q1…Q4).
    for p, _v in series:
        x = X(time_x(p.end))
        short = {"quarter": f"Q{p.number}", "half_year": _("6Tđầu") if p.number == 1 else _("6Tcuối"),
                 "year": ""}.get(p.kind, "")
        out.append(f'<text x="{_f(x)}" y="{top + ph + 14}" text-anchor="middle" fill="#5f6b73" font-size="10">{short}</text>')
    # Milestone years and target lines.
    prev_end = x0
    for t in sorted(targets, key=lambda t: t.year):
        end = time_x(dt.date(t.year, 12, 31))
        ty = Y(float(t.value))
        xa, xb = X(max(prev_end, x0)), X(min(end, x1))
        if xb > xa:
            out.append(f'<line class="target" x1="{_f(xa)}" y1="{_f(ty)}" x2="{_f(xb)}" y2="{_f(ty)}" stroke="#a3231f" stroke-width="2" stroke-dasharray="6 4"/>')
            word = escape(_("Mục tiêu %(year)s: %(target)s") % {"year": t.year, "target": str(t)})
            out.append(f'<text x="{_f(xa + 4)}" y="{_f(ty - 5)}" fill="#a3231f">{word}</text>')
        if x0 <= end <= x1:
            out.append(f'<line x1="{_f(X(end))}" y1="{top}" x2="{_f(X(end))}" y2="{top + ph}" stroke="#a3231f" stroke-opacity=".35"/>')
            mark = escape(_("mốc %(year)s") % {"year": t.year})
            out.append(f'<text x="{_f(X(end) + 3)}" y="{top + 11}" fill="#a3231f" font-size="11">{mark}</text>')
        prev_end = end
    # The projection: dotted from the last value to the milestone.
    if proj:
        year, at, value, (lx, lv) = proj
        out.append(
            f'<line class="projection" x1="{_f(X(lx))}" y1="{_f(Y(lv))}" x2="{_f(X(at))}" y2="{_f(Y(max(min(value, hi), lo)))}" '
            f'stroke="#1f5fa8" stroke-width="1.5" stroke-dasharray="2 3"/>'
        )
        forecast = escape(_("Dự báo %(year)s: %(value)s") % {
            "year": year, "value": format_number(Decimal(str(round(value, decimals))), decimals) + ("%" if percent else "")})
        out.append(f'<text x="{_f(X(at) + 4)}" y="{_f(Y(max(min(value, hi), lo)) + 14)}" fill="#1f5fa8">{forecast}</text>')
    # The series itself.
    segment = []
    segments = []
    for p, v in series:
        if v is None:
            if segment:
                segments.append(segment)
            segment = []
        else:
            segment.append((X(time_x(p.end)), Y(float(v))))
    if segment:
        segments.append(segment)
    for seg in segments:
        out.append('<polyline fill="none" stroke="#1d2327" stroke-width="2" points="'
                   + " ".join(f"{_f(x)},{_f(y)}" for x, y in seg) + '"/>')
    for p, v in series:
        if v is None:
            continue
        x, y = X(time_x(p.end)), Y(float(v))
        text = format_number(v, decimals) + ("%" if percent else "")
        out.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" fill="#1d2327"><title>{escape(p.label)}: {text}</title></circle>')
    if pts:
        p, v = pts[-1]
        out.append(f'<text x="{_f(X(time_x(p.end)))}" y="{_f(Y(v) - 8)}" text-anchor="middle" font-weight="700">'
                   f'{format_number(Decimal(str(v)), decimals)}{"%" if percent else ""}</text>')
    out.append("</svg>")
    return {"svg": mark_safe("".join(out)), "projection": (proj[0], proj[2]) if proj else None}
