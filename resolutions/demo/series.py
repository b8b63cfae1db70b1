"""The invented quarterly series of the demo (`is_illustrative=True`): deterministic, each unit and
indicator drawing from a random.Random seeded by strings, so a second run invents the same figures."""

import datetime as dt
import math
import random

from indicators.models import Measure, SubmissionStatus, Temporal

from .common import VN_TZ

SERIES_FIRST = "2022-Q1"
MISSING_CELL = 0.015  # share of cells left empty
MISSING_REPORT = 0.01  # share of unit-quarters with no report at all, before the latest quarter
# The latest quarter of each province's series, by quota so that even a dozen units show a mix:
# (state, cumulative share of the units, ranked by a hash of their code). "skip" = no report at all.
LATEST_QUOTAS = [("skip", 0.05), (SubmissionStatus.RETURNED, 0.11), (SubmissionStatus.DRAFT, 0.18),
                 (SubmissionStatus.SUBMITTED, 0.33), (SubmissionStatus.APPROVED, 1.0)]

RETURN_REASONS = [
    "Đề nghị kiểm tra lại mẫu số: tổng số hồ sơ công việc thấp hơn nhiều so với quý trước.",
    "Thiếu minh chứng cho chỉ tiêu thanh toán không dùng tiền mặt; đề nghị bổ sung.",
    "Tử số chỉ tiêu văn bản điện tử chưa khớp với số liệu trên hệ thống quản lý văn bản; đề nghị rà soát.",
]


def quarter_codes(first, last):
    """Quarter codes from `first` to `last` included: quarter_codes("2022-Q3", "2023-Q1") -> 3 codes."""
    y, q = int(first[:4]), int(first[-1])
    out = []
    while f"{y}-Q{q}" <= last:
        out.append(f"{y}-Q{q}")
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out


PERIOD_CODES = (
    quarter_codes("2022-Q1", "2026-Q4")
    + [f"{y}-H{h}" for y in range(2022, 2027) for h in (1, 2)]
    + [str(y) for y in range(2022, 2027)]
)



def _progress(t, span=13, tau=6.0):
    """0 at the first quarter, 1 at quarter `span`, concave (fast start, slower end)."""
    return (1 - math.exp(-t / tau)) / (1 - math.exp(-span / tau))


def _unit_lag(code):
    """A unit's lasting lead or lag on every indicator (some units stay below target)."""
    return max(-0.12, min(0.12, random.Random(f"lag|{code}").gauss(0, 0.05)))


def _clip(x, lo=0.0, hi=1.0):
    return max(lo, min(hi, x))


def invent_series(unit_code, kind, spec, quarters, t0=0, scale=1.0):
    """[(quarter code, numerator, denominator)] for one unit and indicator; deterministic.

    `t0` is the index of the first quarter counted from 2022-Q1 (a successor
    continues the trend); `scale` multiplies denominators.
    """
    sim = spec.sim[kind]
    rng = random.Random(f"series|{unit_code}|{spec.code}")
    offset = _unit_lag(unit_code) + rng.gauss(0, 0.03)
    out = []
    if spec.measure == Measure.BOOLEAN:
        u = rng.random() - offset  # a lagging unit switches to "yes" later
        for i, q in enumerate(quarters):
            share = sim.r0 + (sim.r1 - sim.r0) * _progress(t0 + i)
            out.append((q, 1 if share >= 1 or u < share else 0, None))
        return out
    fixed_den = max(1, round(rng.randint(sim.lo, sim.hi) * scale))
    prev_num = 0
    for i, q in enumerate(quarters):
        t = t0 + i
        rate = _clip(sim.r0 + (sim.r1 - sim.r0) * _progress(t) + offset + rng.gauss(0, 0.025))
        if spec.temporal == Temporal.FLOW:
            den = round(rng.randint(sim.lo, sim.hi) * (1 + 0.02 * t) * scale)
            num = min(den, round(den * rate))
        else:  # stock: same denominator, numerator does not go back
            den = fixed_den
            num = min(den, max(prev_num, round(den * rate)))
            prev_num = num
        out.append((q, num, den))
    return out




def latest_states(unit_codes, exempt):
    """{unit code: state on the latest quarter} following LATEST_QUOTAS; `exempt` units (forced ones) left out."""
    pool = sorted((c for c in unit_codes if c not in exempt), key=lambda c: random.Random(f"rank|{c}").random())
    out = {}
    for i, code in enumerate(pool):
        position = (i + 0.5) / len(pool)
        out[code] = next(state for state, share in LATEST_QUOTAS if position <= share)
    return out


def at_office_hour(day, rng, hour_lo=8, hour_hi=17):
    """A moment of `day` in office hours (Vietnam time), drawn from `rng`."""
    return dt.datetime(day.year, day.month, day.day, rng.randint(hour_lo, hour_hi - 1), rng.randint(0, 59), tzinfo=VN_TZ)

