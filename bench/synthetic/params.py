"""Parameters of the synthetic province, its shape at a size, and flushing it."""

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q

from indicators import periods as P
from indicators.models import (
    DataValue,
    Indicator,
    Submission,
    Target,
)
from resolutions.models import Resolution, Task, Visit
from units.models import ReportingUnit, UnitSuccession

from .catalog import CODE, DOCUMENTS, FULL_DEPARTMENTS, FULL_LOCAL, FULL_UNITS, USER_PREFIX

# =============================================================================
# Parameters and shape
# =============================================================================

@dataclass(frozen=True)
class Params:
    units: int = FULL_UNITS
    indicators: int = 60
    quarters: int = 20
    seed: int = 42
    today: dt.date | None = None  # None: the local date; fixes which quarters exist


class Shape(NamedTuple):
    departments: int
    offices: int
    communes: int
    schools: int


def shape(units):
    """How many units of each level: 1 province, then 30 / 60 / the rest per 1.100, at least one each."""
    departments = max(1, round(FULL_DEPARTMENTS * units / FULL_UNITS))
    local = max(2, round(FULL_LOCAL * units / FULL_UNITS))
    offices = (local + 1) // 2
    communes = local - offices
    schools = units - 1 - departments - local
    if schools < 1:
        raise ValueError(f"--units {units} quá nhỏ: cần ít nhất {departments + local + 2} đơn vị.")
    return Shape(departments, offices, communes, schools)


def latest_closed_quarter(today):
    """The latest quarter whose reporting deadline is before `today` (indicators.periods windows)."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    while True:
        _, _, deadline = P.window(P.QUARTER, year, quarter)
        if deadline < today:
            return year, quarter
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def quarter_codes(today, count):
    """The `count` quarter codes ending at the latest closed quarter, oldest first."""
    year, quarter = latest_closed_quarter(today)
    out = []
    for _ in range(count):
        out.append(P.PeriodSpec(P.QUARTER, year, quarter).code)
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out[::-1]


def document_sizes(indicators):
    """Indicators per document: as even as possible over (at most) 3 documents."""
    n_docs = min(len(DOCUMENTS), indicators)
    return [indicators // n_docs + (1 if i < indicators % n_docs else 0) for i in range(n_docs)]


def percent_value(num, den):
    """100 × num / den quantized to 4 decimals half-up, as text — indicators.rules.compute_value in integers."""
    q = (2_000_000 * num + den) // (2 * den)
    return f"{q // 10000}.{q % 10000:04d}"


def _progress(t, span):
    """0 at the first quarter, 1 at the last, concave (a fast start, a slower end)."""
    if span <= 0:
        return 1.0
    tau = max(1.0, span / 3)
    return (1 - math.exp(-t / tau)) / (1 - math.exp(-span / tau))


def _clip(x, lo=0.0, hi=1.0):
    return lo if x < lo else hi if x > hi else x


def _invalidate_cached_figures():
    """Bulk rows send no model signals: move the unit tree's version and the figure cache on by hand."""
    from indicators.changes import figures_changed
    from units.signals import tree_changed

    tree_changed()
    figures_changed()


def _synthetic_units():
    return ReportingUnit.objects.filter(Q(code=CODE) | Q(code__startswith=f"{CODE}."))


def exists():
    """Is there synthetic data in the database?"""
    return _synthetic_units().exists() or get_user_model().objects.filter(username__startswith=USER_PREFIX).exists()


# =============================================================================
# Flush
# =============================================================================

def flush():
    """Delete everything `generate` made (values, submissions, their history, users, documents, units).

    Values and submissions go with plain DELETE statements (a million rows
    through the ORM's collector would take minutes); the few hundred other
    rows through the ORM, so cascades and protections apply. Nothing else is
    touched. Returns {what: rows}.
    """
    from reports.models import ReportRun

    out = Counter()
    units = _synthetic_units()
    unit_table = ReportingUnit._meta.db_table
    in_units = f"SELECT id FROM {unit_table} WHERE code = %s OR code LIKE %s"
    unit_params = [CODE, f"{CODE}.%"]
    evidence = DataValue.evidence.rel.related_model._meta.db_table
    with transaction.atomic(), connection.cursor() as cur:
        _invalidate_cached_figures()
        value_table = DataValue._meta.db_table
        cur.execute(f"DELETE FROM {evidence} WHERE data_value_id IN "
                    f"(SELECT id FROM {value_table} WHERE unit_id IN ({in_units}))", unit_params)
        for model in (DataValue, Submission):
            for table in (model.history.model._meta.db_table, model._meta.db_table):
                cur.execute(f"DELETE FROM {table} WHERE unit_id IN ({in_units})", unit_params)
                out[table] += cur.rowcount
        ReportRun.objects.filter(scope_unit__in=units).delete()
        # What people may have added on top through the application (PROTECT would block the units).
        Task.objects.filter(lead_unit__in=units).delete()
        Visit.objects.filter(unit__in=units).delete()
        UnitSuccession.objects.filter(Q(predecessor__in=units) | Q(successor__in=units)).delete()
        User = get_user_model()

        def gone(queryset):  # rows of the queryset's own model deleted (cascades not counted)
            return queryset.delete()[1].get(queryset.model._meta.label, 0)

        out["users"] = gone(User.objects.filter(username__startswith=USER_PREFIX))
        documents = Resolution.objects.filter(owner_unit__in=units)
        Target.objects.filter(indicator__resolution__in=documents).delete()
        out["indicators"] = gone(Indicator.objects.filter(resolution__in=documents))
        out["documents"] = gone(documents)
        depths = sorted(set(units.values_list("depth", flat=True)), reverse=True)
        for depth in depths:  # leaves first: `parent` is PROTECT
            out["units"] += gone(_synthetic_units().filter(depth=depth))
    return dict(out)



def synthetic_units():
    """The units `generate` made (a queryset)."""
    return _synthetic_units()


