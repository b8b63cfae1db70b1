"""The floor of the dashboard and the API: the same aggregation as one hand-written SQL query on a raw cursor."""

from ..common import summary, timed
from .measure import VARIANTS

FLOOR_SQL = """
SELECT v.indicator_id, u.kind, SUM(v.numerator), SUM(v.denominator), COUNT(*)
FROM indicators_datavalue v
JOIN units_reportingunit u ON u.id = v.unit_id
JOIN indicators_indicator i ON i.id = v.indicator_id
JOIN indicators_submission s ON s.unit_id = v.unit_id AND s.period_id = v.period_id
WHERE v.period_id = %s AND i.resolution_id = %s AND u.path LIKE %s
  AND s.status IN ('submitted', 'approved') AND v.value IS NOT NULL
GROUP BY v.indicator_id, u.kind
"""


FLOOR_TRAIL_SQL = """
SELECT v.indicator_id, u.kind, v.period_id, SUM(v.numerator), SUM(v.denominator), COUNT(*)
FROM indicators_datavalue v
JOIN units_reportingunit u ON u.id = v.unit_id
JOIN indicators_indicator i ON i.id = v.indicator_id
JOIN indicators_submission s ON s.unit_id = v.unit_id AND s.period_id = v.period_id
WHERE v.period_id = ANY(%s) AND i.resolution_id = %s AND u.path LIKE %s
  AND s.status IN ('submitted', 'approved') AND v.value IS NOT NULL
GROUP BY v.indicator_id, u.kind, v.period_id
"""


def floor_trail(ctx, runs, warmups):
    """The floor of the dashboard and the API: the same aggregation over the quarter shown and the three
    before it, which the pages show as the trend and judge statuses by (rules.evaluate_status)."""
    from django.db import connection

    from indicators.figures import trailing_periods

    ids = [p.pk for p in trailing_periods(ctx.period)]

    def once():
        with connection.cursor() as cur:
            cur.execute(FLOOR_TRAIL_SQL, [ids, ctx.doc.pk, ctx.province.path + "%"])
            cur.fetchall()

    return summary(timed(once, runs, warmups))


def floor_query(ctx):
    """The floor's rows for the quarter shown: Σnumerator, Σdenominator and count per indicator and unit kind."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(FLOOR_SQL, [ctx.period.pk, ctx.doc.pk, ctx.province.path + "%"])
        return cur.fetchall()


def measure_floor(ctx, runs, warmups):
    """Timings of the floor's query over the quarter shown alone."""
    return summary(timed(lambda: floor_query(ctx), runs, warmups))


def check_against_floor(ctx, response):
    """The API's per-kind numerators must be the floor's sums (same aggregation), else say so."""
    from decimal import Decimal

    floor = {(ind, kind): (num, den, n) for ind, kind, num, den, n in floor_query(ctx)}
    mismatches = 0
    for item in response.json()["indicators"]:
        if item["measure"] == "boolean":
            continue
        for row in item["by_kind"]:
            f = floor.get((item["indicator"], row["unit_kind"]))
            ours = Decimal(row["numerator"]) if row["numerator"] is not None else None
            if (f[0] if f else None) != ours or (f[2] if f else 0) != row["units_reported"]:
                mismatches += 1
    return mismatches


# --- the operations ------------------------------------------------------------------------


def with_floor(row, floor, floor_quarter):
    """Ratios of every state to the floor (the page's own aggregation: four quarters)."""
    row.update(
        floor_p50=floor["p50"], ratio=row["p50"] / floor["p50"], floor_quarter_p50=floor_quarter["p50"]
    )
    for variant in VARIANTS:
        if variant in row:
            row[variant].update(floor_p50=floor["p50"], ratio=row[variant]["p50"] / floor["p50"])
    return row
