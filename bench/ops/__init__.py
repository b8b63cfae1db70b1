"""The operations of one size, in one process: `python -m bench.ops SIZE OUT.json` (`__main__`).

The driver (`bench.__main__`) sets DATABASE_URL to that size's database.
Pages and API calls go through Django's test Client (server time: URL
resolution, middleware, session, view, template), logged in as the user a
real person would be. Report and import runs are delegated to fresh
processes (`bench.heavy`) so their peak memory is their own.

`context` (the objects every operation needs), `measure` (a GET in four cache
states, a fresh process), `floor` (the hand-written SQL the pages are compared
with), `pages` (dashboard, API, drill-down, entry form, ranking, the cache
refill), `documents` (report, narrative, PDF), `writes` (template and import,
bulk API), `reorg` (a whole-province reorganisation).
"""
