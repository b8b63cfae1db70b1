"""Report runs, one concern a module:

    access.py              who may request a report, who sees which run
    kinds.py               what each kind takes and is written as (parameters, formats, MIME types)
    document_overrides.py  the requester's overrides of the document frame, and its defaults on the page
    requests.py            a request checked, the run created and queued
    generate.py            compiling a run: its data and file, running → done | failed
    recovery.py            runs that did not finish: heartbeat, stale runs, retry
    after_deadline.py      the scheduled reports due after a period's deadline, compiled
    subscriptions.py       subscriptions, and e-mailing a compiled scheduled report

Beside them: the worker's and beat's jobs (tasks.py), the in-process beat of `make run` (schedule.py), the
"Báo cáo" page and the reports API (views.py, urls.py, api.py). Deadline reminders are
reports.notifications'.
"""
