"""`make bench`: the benchmark of DESIGN.md §8 on a synthetic province.

Run
---
    make bench                      # = .venv/bin/python -m bench

Database: PostgreSQL only (the budgets are PostgreSQL budgets).
- `DATABASE_URL` unset: the dedicated databases `cds_kpi_bench` (full size)
  and `cds_kpi_bench_tenth` (1/10) on postgres@127.0.0.1:5432 are created if
  missing and migrated.
- `DATABASE_URL` set: it must be `postgres://…`; its database holds the
  full-size province and `<name>_tenth` beside it the tenth (created if
  missing). The synthetic data (unit codes `SYN…`, users `syn.*`) is added
  next to whatever is there; other data is never touched. Anything else than
  PostgreSQL is refused with a message.

Data: `python -m bench.make_synthetic` (bench/synthetic/) at full size
(1.100 units, 60 indicators, 20 quarters ≈ 1,2–1,3 million values) and at a
tenth (110 units). Each database keeps a marker (table `bench_marker`) of
the parameters and generator version it was built with; a rerun with the
same parameters reuses the data (seconds instead of a minute). The time of a
fresh generation is printed.

What is measured (p50 / p95 over repeated runs after warm-ups; server time,
in-process through Django's test Client, unless said otherwise):
- `dashboard`: the resolution dashboard page `/theo-doi/nghi-quyet/<pk>/`
  as the province supervisor; floor: the same per-kind aggregation as one
  hand-written SQL query on a raw cursor (Σnumerator, Σdenominator per
  indicator and unit kind over the subtree, counted submissions only, for
  the period and the three before it, which the page shows as its trend;
  the same over the period alone is printed in the notes);
  every page and API call is timed in four states of the figure cache:
  cold (not judged: the worker's refill ends it), after a report is sent,
  after a value is saved, cached (bench.ops.measure.measure_get);
- `refill`: reports.dashboards.warmup.warm_figures from an empty cache (how long the
  cold state lasts after a change of units, indicators or targets);
- `api`: `/api/v1/progress/?resolution=&period=` (same floor);
- `drilldown`: `/theo-doi/don-vi/<pk>/` of a district office;
- `entry`: the entry form `/ky-bao-cao/<code>/<unit>/` of a school, as its
  district office's entry user;
- `ranking`: `/api/v1/progress/units/?indicator=&period=` over every unit;
- `report`: the whole-province `progress` Excel report through
  `reports.runs.generate.run_report` (what the Celery task calls), each run in a
  fresh process (peak RSS measured there), files in a temporary MEDIA_ROOT;
  floor: a bare openpyxl write-only workbook with the same number of cells;
- `narrative`: the whole-province narrative Word report (`kind: narrative`,
  reports.documents.narrative) the same way, in a fresh process (peak RSS), no floor
  (budget < 10 s, < 300 MB);
- `pdf`: its conversion to PDF alone (reports.documents.convert, LibreOffice in its
  own process), the .docx written first and not timed; not judged;
- `import`: `reports.excel.saving.import_workbook` of a filled template of 60.000
  values (6.000 at the tenth) into an open quarter, in a fresh process, in a
  transaction rolled back after each run (nothing stays); `template`: the
  time to build that template (one run, for information);
- `bulk`: `POST /api/v1/values/bulk/` of 5.000 values (token auth), rolled
  back after each run;
- `reorg`: a whole-province reorganisation (units.reorganisation): 600
  schools moved to another Phòng and 60 merged into a neighbour, from the
  latest quarter's window start; preview and apply timed (each apply in a
  transaction rolled back); in the last one, before the rollback, the
  dashboard of the quarter after the date and of the one before it, the
  drill-down and a moved school's entry form, after a write (DESIGN.md §8:
  every budget still met before and after the date);
- `load`: 50 threads × BENCH_LOAD_SECONDS (60) through a real gunicorn
  (config.wsgi, gthread workers) PATCHing values with their version; a 409
  is re-read and retried (counted, not an error); errors are 5xx and
  connection failures; afterwards every value is checked for lost updates
  (final version = initial + successful writes, versions handed out once
  each, the stored figure = the last successful write, one history record
  per write). Full size only by default.

Output: one aligned table (operation, size, p50, p95, peak MB, floor p50,
ratio, budget, OK?) with the budgets of DESIGN.md §8, a table of growth
full/tenth, and notes (query counts, load-test counts). Never a pass/fail
of the test suite: budgets are checked here only.

Environment knobs
-----------------
- `BENCH_ONLY=dashboard,report`  run only these operations (names above);
- `BENCH_SIZES=full,tenth`       which sizes (default both);
- `BENCH_RUNS=20`, `BENCH_WARMUPS=2`  repetitions of the page/API timings;
- `BENCH_HEAVY_RUNS=3`           repetitions of report, import and bulk;
- `BENCH_LOAD_SECONDS=60`, `BENCH_LOAD_USERS=50`, `BENCH_LOAD_SIZES=full`;
- `BENCH_GUNICORN_ARGS="-w 4 -k gthread --threads 4"`;
- `BENCH_REGENERATE=1`           rebuild the synthetic data even when the marker matches;
- `BENCH_OUTPUT=/tmp/bench_table.txt`  also write the tables to a file.

Layout: `__main__` (driver: databases, data, one worker process per size,
the tables), `data` (databases and markers), `ops` (the in-process
operations of one size), `heavy` (one fresh-process measurement: report,
report floor, import), `load` (the load test), `common` (settings,
budgets, statistics, formatting).
"""
