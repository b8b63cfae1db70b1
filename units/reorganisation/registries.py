"""How other apps take part in a reorganisation without `units` importing them.

An app registers, in its `apps.py` (ready), a hand-over (what it holds for an ended unit passes to the
successors; applying.py and reverting.py run them, previewing.py counts them) or an end check (a unit it
cannot let end on the date; steps.py asks every check before a plan is accepted).
"""

HANDOVERS = []  # (name, apply_fn, revert_fn) in registration order; reverting.py runs them backwards


def register_handover(name, apply_fn, revert_fn):
    """Let an app pass what it holds for ended units to their successors.

    `apply_fn(successors, effective_on, dry_run)` gets {ended unit id: [successor ids]} and returns
    (count, undo data as JSON); `revert_fn(undo)` puts things back. `name` is the key in the result
    (e.g. "tasks", "resolutions").
    """
    if name not in {n for n, _, _ in HANDOVERS}:
        HANDOVERS.append((name, apply_fn, revert_fn))


END_CHECKS = []  # fn(unit ids, effective_on) -> {unit id: reason}, asked by steps.py


def register_end_check(fn):
    """Let an app refuse ending units: `fn(unit ids, effective_on)` returns {unit id: Vietnamese reason}.

    indicators registers one: a unit with figures for a period ending on or after the date cannot end
    the day before (those figures would belong to nobody).
    """
    if fn not in END_CHECKS:
        END_CHECKS.append(fn)
