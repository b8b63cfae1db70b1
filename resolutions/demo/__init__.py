"""Demo data (DESIGN.md §7): the facts of the five seed articles, plus illustrative series.

Why here: the demo data of every app (units, resolutions, indicators, values, submissions, users) has
always been loaded from this app, whose `load_demo` command `make run` calls. The seed articles are
about resolutions and their follow-up (plans, decisions, supervisions); the units and figures they
mention exist only to follow those up, so the resolutions app is the natural owner. No other app is a
clearer home: `indicators` owns values but not the resolutions the values answer to, and `units` would
have to import resolutions and indicators, against the dependency direction of the apps.

One module per seed article (`seed_000_ninh_thuan` ... `seed_004_quang_tri`): its resolution,
indicators, targets, tasks, visits and figures, and the units it names. Shared pieces: `common`
(the shapes of the data, the upsert), `series` (the invented quarterly series), `provinces` (the unit
tree and its 1/7/2025 reorganisation, which joins provinces of different seeds), `people` (the demo
logins and the situations they find). `loader` runs the seeds in order in one transaction.

`loader.load_demo()` is idempotent: every object is looked up by its natural key
(unit code, resolution code, indicator code in its resolution, ...) and only
written when it is missing or differs, so a second run writes nothing (and
adds no audit-history rows). The bulk parts (479 Sóc Trăng schools, the
quarterly series, submissions) are diffed against what is in the database:
missing rows are bulk-created, rows that differ are bulk-updated, and
leftover rows flagged `is_illustrative=True` are deleted. Values entered by
people (not illustrative, not a demo fact) are never touched.

Two kinds of figures:
- facts from seeds/ (`is_illustrative=False`, with a note naming the source):
  Sóc Trăng 2023-Q4 (Báo Sóc Trăng, 24/12/2023) and Sở GDĐT Ninh Thuận
  2023-Q3, 2/9 online public services with dossiers = 22,22%;
- invented per-unit quarterly series (`is_illustrative=True`, the UI says
  "dữ liệu minh họa"), deterministic (random.Random seeded by strings).

Invented targets and tasks are flagged too (`Target.is_illustrative`,
`Task.is_illustrative`, with `illustrative_note` saying what is invented and
why), and pages and workbooks show them with a "minh họa" mark: the targets of
09-NQ/TU (seed 000 gives none), the 47 tasks of
1982/QĐ-UBND (seed 004 gives only counts per group: titles, lead units,
deadlines, numbering and which are deployed are invented), and the
recommendations of the two supervisions (texts from the seeds; deadlines,
statuses, and the 2019 numbering invented). The Quảng Bình plan's targets are
the seed's (each with its wording): not flagged.

The demo's "today" is DEMO_TODAY; the statuses of tasks and submissions are
written as seen on that day.
"""
