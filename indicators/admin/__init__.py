"""Admin (quản trị) for indicators, targets, periods, data values, evidence and submissions.

Rules are not re-implemented here: values are validated and computed by
`indicators.rules` (through `services.clean_value`, as every write path),
period windows come from `indicators.periods.window`. A submission's status
and a period's lock are never edited as fields: admin actions call the
workflow (`indicators.workflow`) and `services.set_period_lock`, asking for the
reason those services require on an intermediate page, so the same rules and
the same audit apply as in the application.

The admin classes live by concern: `indicators.py` (indicators, targets), `periods.py`, `values.py` (data
values, evidence), `submissions.py`; `actions.py` holds the reason-asking actions the last two share, and
`words.py` the target words the resolution pages use too. Importing the package registers them all.
"""

from . import indicators, periods, submissions, values  # noqa: F401 - each registers its admin classes
