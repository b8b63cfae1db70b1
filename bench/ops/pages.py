"""The pages and API calls, in-process through Django's test Client, in four states of the figure cache."""

from ..common import summary, timed
from .context import client_for
from .floor import check_against_floor, floor_trail, measure_floor, with_floor
from .measure import measure_get


def op_dashboard(ctx, runs, warmups):
    """The resolution dashboard page as the province supervisor, against the floor of its four quarters."""
    url = f"/theo-doi/nghi-quyet/{ctx.doc.pk}/?period={ctx.period.code}"
    row = measure_get(
        client_for(ctx.supervisor), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator
    )
    return with_floor(row, floor_trail(ctx, runs, warmups), measure_floor(ctx, runs, warmups))


def op_api(ctx, runs, warmups):
    """The progress API for the resolution and period, its numerators checked against the floor's sums."""
    url = f"/api/v1/progress/?resolution={ctx.doc.pk}&period={ctx.period.code}"
    seen = {}
    row = measure_get(
        client_for(ctx.supervisor),
        url,
        runs,
        warmups,
        check=lambda r: seen.update(mismatch=check_against_floor(ctx, r)),
        period=ctx.period,
        indicator=ctx.ranking_indicator,
    )
    row["floor_mismatches"] = seen.get("mismatch")
    return with_floor(row, floor_trail(ctx, runs, warmups), measure_floor(ctx, runs, warmups))


def op_refill(ctx, runs, warmups):
    """The worker's refill after a change that emptied the cache (reports.dashboards.warmup.warm_figures): how long
    the province-wide pages may be cold. In the production shape it runs 5 s after such a change."""
    from django.core.cache import cache

    from reports.dashboards.warmup import warm_figures

    def once():
        cache.clear()
        return warm_figures(drill_downs=True)

    done = once()
    return {**summary(timed(once, max(3, runs // 4), warmups=0)), "done": done}


def op_drilldown(ctx, runs, warmups):
    """The drill-down page of a district office."""
    url = f"/theo-doi/don-vi/{ctx.office.pk}/?resolution={ctx.doc.pk}&period={ctx.period.code}"
    return {
        **measure_get(
            client_for(ctx.supervisor), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator
        ),
        "unit": ctx.office.name,
    }


def op_entry(ctx, runs, warmups):
    """The entry form of a school, as its district office's entry user."""
    url = f"/ky-bao-cao/{ctx.period.code}/{ctx.school.pk}/"
    return {
        **measure_get(
            client_for(ctx.office_entry),
            url,
            runs,
            warmups,
            period=ctx.period,
            indicator=ctx.ranking_indicator,
        ),
        "unit": ctx.school.name,
    }


def op_ranking(ctx, runs, warmups):
    """The ranking API of every unit for one percent indicator."""
    url = f"/api/v1/progress/units/?indicator={ctx.ranking_indicator.pk}&period={ctx.period.code}"
    return measure_get(
        client_for(ctx.supervisor), url, runs, warmups, period=ctx.period, indicator=ctx.ranking_indicator
    )
