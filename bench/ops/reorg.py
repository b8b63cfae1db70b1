"""A whole-province reorganisation (DESIGN.md §8): preview, apply, then the pages after it, rolled back."""

import gc
import random
import time

from ..common import summary
from .context import client_for
from .measure import measure_get

REORG_MOVES, REORG_MERGES = 600, 60


def reorg_payload(ctx):
    """600 schools moved to another Phòng and 60 merged into a neighbour, from the latest quarter's window
    start: the quarter shown is after the date, the one before it is not."""
    from units.models import ReportingUnit, UnitKind

    offices = list(
        ReportingUnit.objects.filter(
            kind=UnitKind.DISTRICT_OFFICE, path__startswith=ctx.province.path
        ).order_by("code")
    )
    schools = list(
        ReportingUnit.objects.filter(
            kind=UnitKind.SCHOOL, path__startswith=ctx.province.path, valid_from__isnull=True
        ).order_by("code")
    )
    rng = random.Random(7)
    rng.shuffle(schools)
    # 600 moves and 60 merges at full size; the same shares of the schools at a tenth.
    scale = min(1.0, len(schools) / 1000)
    n_merges, n_moves = max(1, round(REORG_MERGES * scale)), max(1, round(REORG_MOVES * scale))
    merged = schools[:n_merges]
    into = schools[n_merges : 2 * n_merges]
    moved = schools[2 * n_merges : 2 * n_merges + n_moves]
    steps = [{"kind": "merge", "from": [a.pk], "into": b.pk} for a, b in zip(merged, into, strict=True)]
    by_office = {}
    for k, school in enumerate(moved):
        target = offices[
            (offices.index(next(o for o in offices if o.pk == school.parent_id)) + 1 + k % 3) % len(offices)
        ]
        by_office.setdefault(target.pk, []).append(school.pk)
    steps += [{"kind": "move", "units": ids, "to": office} for office, ids in by_office.items()]
    return (
        {
            "effective_on": ctx.period.start.isoformat(),
            "legal_basis": "Nghị quyết đo hiệu năng (bench)",
            "steps": steps,
        },
        [a.pk for a in merged],
        moved[0],
    )


def op_reorg(ctx, runs, warmups, heavy_runs):
    """Preview and apply of a whole-province reorganisation; then, in the same (rolled-back) transaction,
    the pages for the quarter after the date and the one before it, after a write."""
    from django.db import transaction

    from indicators.models import DataValue, Period, Submission
    from units import reorganisation

    payload, merged, moved_school = reorg_payload(ctx)
    before = Period.objects.filter(kind="quarter", end__lt=ctx.period.start).order_by("-end").first()
    rows = {}

    class Rollback(Exception):
        pass

    def without_late_figures():
        # A merged school reports no more from the date: its figures of the latest quarter go first.
        DataValue.history.model.objects.filter(unit_id__in=merged, period=ctx.period).delete()
        DataValue.objects.filter(unit_id__in=merged, period=ctx.period).delete()
        Submission.objects.filter(unit_id__in=merged, period=ctx.period).delete()

    previews, applies = [], []
    for n in range(heavy_runs):
        try:
            with transaction.atomic():
                without_late_figures()
                t0 = time.perf_counter()
                plan = reorganisation.build_plan(payload)
                reorganisation.preview(plan)
                previews.append(time.perf_counter() - t0)
                plan = reorganisation.build_plan(payload)
                t0 = time.perf_counter()
                result = reorganisation.apply(plan, ctx.admin)
                applies.append(time.perf_counter() - t0)
                if n == heavy_runs - 1:
                    counts = {
                        k: len(v) if isinstance(v, list) else v
                        for k, v in reorganisation.public_result(result).items()
                        if k != "id"
                    }
                    # The apply ran here, in the measuring process; in production it runs in the worker, and
                    # a web process never holds its plan and result: let them go before the pages are timed
                    # (else every full collection in them scans a whole province's reorganisation).
                    del plan, result
                    gc.collect()
                    pages = {
                        "reorg_dashboard_after": (
                            client_for(ctx.supervisor),
                            f"/theo-doi/nghi-quyet/{ctx.doc.pk}/?period={ctx.period.code}",
                        ),
                        "reorg_dashboard_before": (
                            client_for(ctx.supervisor),
                            f"/theo-doi/nghi-quyet/{ctx.doc.pk}/?period={before.code}",
                        ),
                        "reorg_drilldown_after": (
                            client_for(ctx.supervisor),
                            f"/theo-doi/don-vi/{ctx.office.pk}/"
                            f"?resolution={ctx.doc.pk}&period={ctx.period.code}",
                        ),
                        "reorg_entry_after": (
                            client_for(ctx.admin),
                            f"/ky-bao-cao/{ctx.period.code}/{moved_school.pk}/",
                        ),
                    }
                    for name, (client, url) in pages.items():
                        period = before if name.endswith("before") else ctx.period
                        got = measure_get(
                            client, url, runs, warmups, period=period, indicator=ctx.ranking_indicator
                        )
                        rows[name] = {**got["after_write"], "url": url, "cold_p50": got["p50"]}
                raise Rollback
        except Rollback:
            pass
    rows["reorg_preview"] = {**summary(previews), **counts}
    rows["reorg_apply"] = {**summary(applies), **counts}
    return rows
