"""A synthetic province for benchmarks (DESIGN.md §8): ~1.100 units, 60 indicators, 20 quarters.

`generate(Params(...))` builds, in one transaction:

- one province ("Tỉnh Minh Sơn", code `SYN`), 30 departments (Sở, ban, ngành),
  60 local units (half district offices — phòng GDĐT under the Sở GDĐT — half
  communes under the province) and ~1.000 schools under the district offices;
  `--units` scales every level proportionally (110 units: 3 / 6 / 100);
- 3 documents (a provincial resolution, a programme decision, the education
  department's plan) with their indicators spread over the DX pillars: a mix
  of percent / count / boolean, increase / decrease, flow / stock, almost all
  applying to schools and most to the upper levels too; targets per unit kind
  (a few "for everyone") at the milestone years 2025 and 2030;
- the quarterly periods (`Period.ensure`, so codes, windows and deadlines are
  the ones of `indicators.periods`) ending at the latest quarter whose deadline
  has passed;
- a value for every applicable (unit, indicator, period) — ≈ 1,3 million at
  full size — with series trending toward the targets, per-unit leads and lags,
  noise, "không phát sinh" (0/0) now and then, units missing or late on recent
  periods, drafts half filled in, submissions returned with a reason, most
  approved; one Submission per unit and period holding values;
- users and memberships: an entry (`syn.nhaplieu.*`) and an approver
  (`syn.lanhdao.*`) per department, district office and commune, a province
  supervisor (`syn.giamsat`) and an admin (`syn.quantri`), all with the
  password PASSWORD.

Everything is deterministic given the seed (one `random.Random(seed)`, never
the global generator) and `today` (which fixes the periods): the same
parameters give the same units, indicators and figures, keyed by codes (the
database ids may differ).

Fast on purpose: rows are written with bulk_create in big batches and, on
PostgreSQL, values and submissions with COPY (psycopg2 `copy_expert`); tables
are analysed (VACUUM ANALYZE) afterwards so the planner knows them.
Deliberate shortcut: bulk rows get NO django-simple-history records (units,
indicators, targets, values, submissions created here have no "created"
history row). That is acceptable for synthetic data — the audit trail starts
with the first change made through the application.

All values are flagged `is_illustrative=True` (the UI says "dữ liệu minh
họa"). `flush()` removes everything this module created, and only that.
"""

from .catalog import (
           CATALOG,
           CODE,
           DOCUMENTS,
           FULL_UNITS,
           GENERATOR_VERSION,
           PASSWORD,
           RETURN_REASONS,
           USER_PREFIX,
)
from .generator import generate
from .params import Params, exists, flush, percent_value, quarter_codes, shape, synthetic_units

__all__ = ["CATALOG", "CODE", "DOCUMENTS", "FULL_UNITS", "GENERATOR_VERSION", "PASSWORD", "Params", "RETURN_REASONS",
           "USER_PREFIX",
           "exists", "flush", "generate", "percent_value", "quarter_codes", "shape", "synthetic_units"]
