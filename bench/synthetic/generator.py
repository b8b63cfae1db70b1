"""Building the synthetic province, step by step, in one transaction."""

import datetime as dt
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from indicators.models import (
    DataValue,
    Frequency,
    Indicator,
    Operator,
    Period,
    Submission,
    SubmissionStatus,
    Target,
)
from resolutions.models import Pillar, Resolution
from units.models import Membership, ReportingUnit, Role, UnitKind

from .catalog import (
    _PEOPLE,
    _SYL_A,
    _SYL_B,
    BOOL,
    CATALOG,
    CHRONIC_LATE,
    CNT,
    CODE,
    COMMUNE,
    DEPARTMENTS,
    DEPT,
    DOCUMENTS,
    DRAFT_FILLED,
    FAMILY,
    FLOW,
    GIVEN,
    INC,
    KIND_LEAD,
    KIND_SIZE,
    KIND_WORDS,
    LATEST_STATES,
    MILESTONES,
    MISSING_CELL,
    MISSING_REPORT,
    NEW_SCHOOLS,
    NOTE,
    OFFICE,
    OLD_MISSING,
    PASSWORD,
    PCT,
    PLACE,
    PREVIOUS_STATES,
    PROVINCE_NAME,
    RETURN_REASONS,
    SCHOOL,
    SCHOOL_LEVELS,
    USER_PREFIX,
    VN_TZ,
)
from .params import (
    Params,
    _clip,
    _invalidate_cached_figures,
    _progress,
    document_sizes,
    exists,
    flush,
    percent_value,
    quarter_codes,
    shape,
)
from .sinks import _CopySink, _OrmSink

# =============================================================================
# Generation
# =============================================================================

@dataclass
class Summary:
    params: Params
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    periods: list = field(default_factory=list)
    accounts: list = field(default_factory=list)  # (username, role words, unit name)
    timings: dict = field(default_factory=dict)  # step -> seconds


@dataclass
class _Unit:
    """A unit as the generator sees it (creation order = iteration order, so ids never matter)."""

    index: int
    code: str
    name: str
    kind: str
    parent: int | None  # index of the parent
    valid_from: dt.date | None = None
    pk: int | None = None
    owner: int | None = None  # index of the unit whose users enter/approve for this one


class Generator:
    """One run; `generate()` below is the entry point."""

    def __init__(self, params, stdout=None):
        self.p = params
        self.rng = random.Random(params.seed)
        self.stdout = stdout
        self.today = params.today or timezone.localdate()
        self.summary = Summary(params)
        self.units = []
        self.periods = []
        self.indicators = []  # [(Indicator, Template)] in creation order
        self.users = {}  # (unit index, role) -> user id
        self._t = time.monotonic()

    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(text if hasattr(self.stdout, "ending") else text + "\n")

    def lap(self, step):
        now = time.monotonic()
        self.summary.timings[step] = round(now - self._t, 2)
        self._t = now

    # --- reference data -------------------------------------------------------
    def make_pillars(self):
        from resolutions.demo.common import PILLARS

        self.pillars = {}
        for order, (code, name) in enumerate(PILLARS, start=1):
            self.pillars[code], _ = Pillar.objects.get_or_create(code=code, defaults={"name": name, "order": order})

    def make_periods(self):
        codes = quarter_codes(self.today, self.p.quarters)
        self.periods = [Period.ensure(code) for code in codes]
        self.summary.periods = codes

    # --- units ------------------------------------------------------------------
    def plan_units(self):
        """Names, codes and parents of every unit, in creation order."""
        rng = self.rng
        sh = shape(self.p.units)
        units = [_Unit(0, CODE, PROVINCE_NAME, UnitKind.PROVINCE, None)]

        def add(code, name, kind, parent, **kw):
            units.append(_Unit(len(units), code, name, kind, parent, **kw))
            return units[-1]

        for i in range(sh.departments):
            suffix, name = DEPARTMENTS[i % len(DEPARTMENTS)]
            rounds = i // len(DEPARTMENTS)
            if rounds:
                suffix, name = f"{suffix}{rounds + 1}", f"{name} (đơn vị {rounds + 1})"
            add(f"{CODE}.{suffix}", f"{name} tỉnh {PLACE}" if not name.endswith("tỉnh") else f"{name} {PLACE}",
                DEPT, 0)
        edu = 1  # Sở GDĐT
        places = [f"{a} {b}" for a in _SYL_A for b in _SYL_B if a != b]
        rng.shuffle(places)
        place_iter = iter(places * (1 + (sh.offices + sh.communes) * 12 // len(places)))
        offices = []
        for j in range(1, sh.offices + 1):
            place = next(place_iter)
            level = "thị xã" if j % 7 == 0 else "thành phố" if j == 1 else "huyện"
            offices.append(add(f"{CODE}.PGD{j:02d}", f"Phòng Giáo dục và Đào tạo {level} {place}", OFFICE, edu))
        for j in range(1, sh.communes + 1):
            place = next(place_iter)
            level = "phường" if j % 4 == 0 else "xã"
            add(f"{CODE}.XA{j:02d}", f"Ủy ban nhân dân {level} {place}", COMMUNE, 0)
        # Schools: spread over the district offices (sizes vary a little), named after places and people.
        weights = [0.7 + 0.6 * rng.random() for _ in offices]
        total = sum(weights)
        quotas = [int(sh.schools * w / total) for w in weights]
        for k in range(sh.schools - sum(quotas)):
            quotas[k % len(quotas)] += 1
        window_start = self.periods[0].start
        window_days = (self.periods[-1].end - window_start).days
        levels = [(code, words) for code, words, _ in SCHOOL_LEVELS]
        level_weights = [w for _, _, w in SCHOOL_LEVELS]
        used = set()
        for office, quota in zip(offices, quotas, strict=True):
            local_places = [next(place_iter) for _ in range(10)]
            for k in range(1, quota + 1):
                level, words = rng.choices(levels, level_weights)[0]
                place = rng.choice(local_places) if rng.random() < 0.75 else rng.choice(_PEOPLE)
                name = f"Trường {words} {place}"
                n = 2
                while name in used:
                    name = f"Trường {words} {place} số {n}"
                    n += 1
                used.add(name)
                valid_from = None
                if rng.random() < NEW_SCHOOLS:  # opened during the window: no figures before
                    valid_from = window_start + dt.timedelta(days=rng.randint(window_days // 3, window_days * 5 // 6))
                add(f"{office.code}.T{k:03d}", name, SCHOOL, office.index, valid_from=valid_from)
        for u in units:
            u.owner = u.parent if u.kind == SCHOOL else u.index
        self.units = units

    def make_units(self):
        """Province first (save() sets its path), then each level in bulk; paths rebuilt once."""
        province = self.units[0]
        obj = ReportingUnit(code=province.code, name=province.name, kind=province.kind)
        obj.save()
        province.pk = obj.pk
        for level in (DEPT, OFFICE, COMMUNE, SCHOOL):
            rows = [u for u in self.units if u.kind == level]
            objs = [ReportingUnit(code=u.code, name=u.name, kind=u.kind, parent_id=self.units[u.parent].pk,
                                  valid_from=u.valid_from) for u in rows]
            ReportingUnit.objects.bulk_create(objs, batch_size=1000)
            if any(o.pk is None for o in objs):  # a backend that does not return ids
                pks = dict(ReportingUnit.objects.filter(code__in=[u.code for u in rows]).values_list("code", "id"))
                for o in objs:
                    o.pk = pks[o.code]
            for u, o in zip(rows, objs, strict=True):
                u.pk = o.pk
        # The materialised `path`/`depth` of every unit, the model's own helper (units.models).
        ReportingUnit.objects.rebuild_paths()

    # --- documents, indicators, targets ----------------------------------------
    def make_indicators(self):
        rng = self.rng
        kinds_count = Counter(u.kind for u in self.units)
        by_code = {u.code.removeprefix(f"{CODE}."): u for u in self.units}
        documents = []
        for spec, size in zip(DOCUMENTS, document_sizes(self.p.indicators), strict=False):
            owner = self.units[0] if spec.owner == "province" else by_code.get(spec.owner, self.units[1])
            doc = Resolution.objects.create(
                code=spec.code, kind=spec.kind, title=spec.title, issuer=spec.issuer, owner_unit_id=owner.pk,
                issued_on=spec.issued_on, start_year=spec.start_year, end_year=spec.end_year,
                vision_year=spec.vision_year, note=NOTE, implements=documents[0][0] if documents else None,
            )
            documents.append((doc, size))
        n_catalog = len(CATALOG)
        objs, plans = [], []
        # A document reaches its owner's subtree (indicators.reach): a Sở's plan has figures from that
        # Sở and what is under it only, and applies to the kinds found there.
        children = defaultdict(list)
        for u in self.units:
            if u.parent is not None:
                children[u.parent].append(u.index)

        def subtree(index):
            out, stack = set(), [index]
            while stack:
                i = stack.pop()
                out.add(i)
                stack.extend(children[i])
            return out

        owners = {doc.pk: (0 if spec.owner == "province" else by_code.get(spec.owner, self.units[1]).index)
                  for spec, (doc, _) in zip(DOCUMENTS, documents, strict=False)}
        self.reach = {}
        for r, (doc, size) in enumerate(documents):
            reach = subtree(owners[doc.pk])
            reach_kinds = {self.units[i].kind for i in reach}
            for i in range(size):
                tpl = CATALOG[(r * 11 + i * 7) % n_catalog]  # stride 7: small documents mix measures too
                extra = i // n_catalog
                code = tpl.code if not extra else f"{tpl.code}-{extra + 1}"
                name = tpl.name if not extra else f"{tpl.name} (nhóm {extra + 1})"
                objs.append(Indicator(
                    resolution=doc, pillar=self.pillars[tpl.pillar], code=code, name=name,
                    description="Chỉ tiêu minh họa của bộ dữ liệu tổng hợp.", measure=tpl.measure,
                    decimals=2 if tpl.measure == PCT else 0, numerator_label=tpl.numerator_label,
                    denominator_label=tpl.denominator_label, unit_label=tpl.unit_label, direction=tpl.direction,
                    temporal=tpl.temporal, frequency=Frequency.QUARTERLY,
                    applies_to=[k for k in tpl.kinds if k in reach_kinds], order=i + 1,
                ))
                plans.append(tpl)
                self.reach[(doc.pk, code)] = reach
        Indicator.objects.bulk_create(objs, batch_size=500)
        if any(o.pk is None for o in objs):
            pks = {(i.resolution_id, i.code): i.pk for i in Indicator.objects.filter(resolution__in=[d for d, _ in documents])}
            for o in objs:
                o.pk = pks[(o.resolution_id, o.code)]
        targets = []
        for n, (ind, tpl) in enumerate(zip(objs, plans, strict=True)):
            everyone = n % 7 == 3  # a few documents set one figure for every level
            scopes = [None] if everyone else list(ind.applies_to)
            for kind in scopes:
                level_kind = kind or SCHOOL
                for year, value, operator in self._target_values(tpl, level_kind, kinds_count[level_kind], rng):
                    words = f"{OPERATOR_WORDS[operator]} {value:g}{'%' if tpl.measure != CNT else ' ' + tpl.unit_label}"
                    if kind:
                        words += f" đối với {KIND_WORDS[kind]}"
                    targets.append(Target(indicator=ind, unit_kind=kind, operator=operator, value=value, year=year,
                                          wording=words.strip()))
            self.indicators.append((ind, tpl))
        Target.objects.bulk_create(targets, batch_size=1000)

    def _target_values(self, tpl, kind, n_units, rng):
        """[(year, value, operator)] for one indicator and unit kind, near where its series go."""
        inc = tpl.direction == INC
        if tpl.measure == BOOL:
            first = rng.choice([80, 90, 100])
            return [(MILESTONES[0], first, Operator.GTE), (MILESTONES[1], 100, Operator.GTE)]
        if tpl.measure == PCT:
            lead = KIND_LEAD[kind] if inc else -KIND_LEAD[kind] / 3
            level = tpl.r0 + (tpl.r1 - tpl.r0) * 0.85 + lead
            first = round(100 * _clip(level + (rng.uniform(-0.03, 0.05) if inc else rng.uniform(-0.02, 0.02)),
                                      0.01, 1.0))
            if inc:
                op = Operator.GT if rng.random() < 0.3 and first < 100 else Operator.GTE
                return [(MILESTONES[0], first, op), (MILESTONES[1], min(100, first + rng.randint(3, 10)), op)]
            op = Operator.LTE if rng.random() < 0.6 else Operator.LT
            return [(MILESTONES[0], max(1, first), op), (MILESTONES[1], max(1, first - rng.randint(1, 3)), op)]
        # count: a total for the level, from the mean per unit
        mean = (tpl.lo + tpl.hi) / 2 * KIND_SIZE[kind]
        growth = tpl.r0 + (tpl.r1 - tpl.r0) * 0.85 if tpl.temporal == FLOW else 0.6 + 0.6 * 0.85
        first = max(1, round(mean * growth * n_units * rng.uniform(0.9, 1.1)))
        if inc:
            return [(MILESTONES[0], first, Operator.GTE), (MILESTONES[1], round(first * 1.3), Operator.GTE)]
        return [(MILESTONES[0], first, Operator.LTE), (MILESTONES[1], max(0, round(first * 0.6)), Operator.LTE)]

    # --- users and memberships ---------------------------------------------------
    def make_users(self):
        User = get_user_model()
        password = make_password(PASSWORD)  # one hash for everyone: hashing 180 times would take minutes
        rng = self.rng
        plan = []  # (username, first, last, unit index or None, role or None)
        for u in self.units:
            if u.kind not in (DEPT, OFFICE, COMMUNE):
                continue
            slug = u.code.removeprefix(f"{CODE}.").lower()
            for word, role in (("nhaplieu", Role.ENTRY), ("lanhdao", Role.APPROVER)):
                plan.append((f"{USER_PREFIX}{word}.{slug}", rng.choice(FAMILY), rng.choice(GIVEN), u.index, role))
        plan.append((f"{USER_PREFIX}giamsat", "Trần", "Quốc Giám", 0, Role.SUPERVISOR))
        plan.append((f"{USER_PREFIX}quantri", "Quản trị", "dữ liệu tổng hợp", None, None))
        users = [User(username=name, first_name=first, last_name=last, email=f"{name}@example.vn", password=password,
                      is_staff=role is None, is_superuser=role is None, is_active=True)
                 for name, first, last, _, role in plan]
        User.objects.bulk_create(users, batch_size=500)
        ids = dict(User.objects.filter(username__startswith=USER_PREFIX).values_list("username", "id"))
        memberships = []
        for name, _, _, index, role in plan:
            if role is None:
                self.summary.accounts.append((name, "Quản trị (staff)", "Toàn hệ thống"))
                continue
            self.users[(index, role)] = ids[name]
            memberships.append(Membership(user_id=ids[name], unit_id=self.units[index].pk, role=role))
            if role == Role.SUPERVISOR or len(self.summary.accounts) < 7:
                self.summary.accounts.append((name, Role(role).label, self.units[index].name))
        Membership.objects.bulk_create(memberships, batch_size=1000)

    # --- values and submissions -----------------------------------------------------
    def plan_reports(self):
        """{(unit index, period index): (status, submitted_at, approved_at, reason)}; absent = no report."""
        rng = self.rng
        n = len(self.periods)
        out = {}
        now = dt.datetime.combine(self.today, dt.time(7, 0), tzinfo=VN_TZ)
        reporting = [u for u in self.units if u.kind != UnitKind.PROVINCE]
        chronic = {u.index for u in reporting if rng.random() < CHRONIC_LATE}
        for u in reporting:
            for k, period in enumerate(self.periods):
                if u.valid_from and u.valid_from > period.end:
                    continue  # the school did not exist yet
                age = n - 1 - k
                roll = rng.random()
                if roll < MISSING_REPORT.get(age, OLD_MISSING) * (2 if u.index in chronic else 1):
                    continue
                if age <= 1:
                    pick = rng.random()
                    status = next(s for s, share in (LATEST_STATES if age == 0 else PREVIOUS_STATES) if pick <= share)
                else:
                    status = SubmissionStatus.APPROVED
                late = rng.random() < (0.5 if u.index in chronic else 0.06)
                days = rng.randint(1, 20) if late else -rng.randint(0, 10)
                day = period.deadline + dt.timedelta(days=days)
                submitted = dt.datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59),
                                        tzinfo=VN_TZ)
                submitted = min(submitted, now - dt.timedelta(hours=rng.randint(2, 72)))
                approved = None
                if status == SubmissionStatus.APPROVED:
                    approved = min(submitted + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 6)), now)
                reason = rng.choice(RETURN_REASONS) if status == SubmissionStatus.RETURNED else ""
                if status == SubmissionStatus.DRAFT:
                    submitted = None
                out[(u.index, k)] = (status, submitted, approved, reason)
        return out

    def series(self, unit, tpl):
        """[(numerator, denominator)] over the quarters for one unit and indicator (always draws the same)."""
        rng = self.rng
        span = len(self.periods) - 1
        prog = self._prog
        inc = tpl.direction == INC
        size = KIND_SIZE[unit.kind]
        lead = KIND_LEAD[unit.kind] + self._lag[unit.index]
        r0, r1 = tpl.r0, tpl.r1
        out = []
        if tpl.measure == BOOL:
            u = rng.random() - lead
            for t in range(span + 1):
                share = r0 + (r1 - r0) * prog[t]
                out.append((1 if share >= 1 or u < share else 0, None))
            return out
        if tpl.measure == CNT:
            base = rng.uniform(tpl.lo, tpl.hi) * size * (1 + (lead if inc else -lead))
            prev = 0
            for t in range(span + 1):
                if tpl.temporal == FLOW:
                    val = round(base * (r0 + (r1 - r0) * prog[t]) * (1 + rng.gauss(0, 0.2)))
                    out.append((val if val > 0 else 0, None))
                else:
                    val = round(base * (0.6 + 0.6 * prog[t]) * (1 + rng.gauss(0, 0.03)))
                    prev = val if val > prev else prev
                    out.append((prev, None))
            return out
        off = (lead if inc else -lead / 3) + rng.gauss(0, 0.03)
        base = rng.uniform(tpl.lo, tpl.hi) * size
        stock_den = max(1, round(base))
        prev = 0
        zero_prone = tpl.lo <= 5 and tpl.temporal == FLOW
        for t in range(span + 1):
            rate = r0 + (r1 - r0) * prog[t] + off + rng.gauss(0, 0.02)
            rate = 0.0 if rate < 0 else 1.0 if rate > 1 else rate
            if tpl.temporal == FLOW:
                den = round(base * (1 + 0.02 * t) * (1 + rng.gauss(0, 0.1)))
                if den <= 0 or (zero_prone and rng.random() < 0.03):
                    out.append((0, 0))  # "không phát sinh": no value, left out of rollups
                    continue
                out.append((min(den, round(den * rate)), den))
            else:
                num = min(stock_den, round(stock_den * rate))
                if inc:
                    num = num if num > prev else prev
                    prev = num
                out.append((num, stock_den))
        return out

    def make_values(self):
        """Every applicable (unit, indicator, period) of the units that reported; then the submissions."""
        rng = self.rng
        n = len(self.periods)
        self._prog = [_progress(t, n - 1) for t in range(n)]
        self._lag = {u.index: _clip(rng.gauss(0, 0.06), -0.2, 0.2) for u in self.units}
        reports = self.plan_reports()
        period_ids = [p.pk for p in self.periods]
        stamp = {}
        for (ui, k), (_, submitted, _, _) in reports.items():
            # Last typed in: when sent, or (drafts) some days before the deadline.
            stamp[(ui, k)] = submitted or (
                dt.datetime.combine(self.periods[k].deadline, dt.time(9, 0), tzinfo=VN_TZ) - dt.timedelta(days=ui % 9))
        sink = _CopySink() if connection.vendor == "postgresql" else _OrmSink()
        filled = Counter()
        for u in self.units:
            if u.kind == UnitKind.PROVINCE:
                continue
            entry_user = self.users.get((u.owner, Role.ENTRY))
            states = [reports.get((u.index, k)) for k in range(n)]
            for ind, tpl in self.indicators:
                if u.kind not in ind.applies_to or u.index not in self.reach[(ind.resolution_id, ind.code)]:
                    continue
                measure = tpl.measure
                for k, (num, den) in enumerate(self.series(u, tpl)):
                    roll = rng.random()
                    state = states[k]
                    if state is None:
                        continue
                    if state[0] == SubmissionStatus.DRAFT:
                        if roll >= DRAFT_FILLED and filled[(u.index, k)]:
                            continue
                    elif roll < MISSING_CELL and filled[(u.index, k)]:
                        continue
                    if measure == PCT:
                        value = percent_value(num, den) if den else None
                    else:
                        value = str(num)
                    sink.value(u.pk, ind.pk, period_ids[k], num, den, value, stamp[(u.index, k)], entry_user)
                    filled[(u.index, k)] += 1
        sink.flush_values(period_order=period_ids)  # periods are oldest first
        self.lap("values")
        for (ui, k), (status, submitted, approved, reason) in sorted(reports.items()):
            if not filled[(ui, k)]:
                continue  # a report holding no value is no report
            owner = self.units[ui].owner
            sink.submission(
                self.units[ui].pk, period_ids[k], status, submitted,
                self.users.get((owner, Role.ENTRY)) if submitted else None, approved,
                self.users.get((owner, Role.APPROVER)) if approved else None, reason,
            )
        sink.flush_submissions()
        self.summary.counts["values"] = sink.n_values
        self.summary.counts["submissions"] = sink.n_submissions
        self.summary.counts.update({f"submissions {s}": n for s, n in sorted(sink.statuses.items())})
        self.lap("submissions")

    def run(self):
        started = time.monotonic()
        with transaction.atomic():
            _invalidate_cached_figures()
            self.make_pillars()
            self.make_periods()
            self.plan_units()
            self.make_units()
            self.lap("units")
            kinds = Counter(str(u.kind) for u in self.units)
            self.say(f"Đơn vị: {len(self.units)} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")
            self.make_indicators()
            self.make_users()
            self.lap("indicators, users")
            self.say(f"Chỉ tiêu: {len(self.indicators)}; kỳ: {self.summary.periods[0]} … {self.summary.periods[-1]}")
            self.make_values()
            self.say(f"Số liệu: {self.summary.counts['values']}; báo cáo: {self.summary.counts['submissions']}")
        if connection.vendor == "postgresql":
            # Fresh statistics (and, outside a transaction, the visibility map): the planner and
            # index-only scans see the new rows at once instead of after autovacuum's next pass.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cur:
                for model in (DataValue, Submission, ReportingUnit, Indicator, Target, Membership):
                    cur.execute(f"{command} {model._meta.db_table}")
            self.lap(command.lower())
        kinds = Counter(str(u.kind) for u in self.units)
        self.summary.counts.update({
            "units": len(self.units), **{f"units {k}": v for k, v in kinds.items()},
            "documents": len({i.resolution_id for i, _ in self.indicators}), "indicators": len(self.indicators),
            "targets": Target.objects.filter(indicator__in=[i for i, _ in self.indicators]).count(),
            "periods": len(self.periods), "users": len(self.users) + 1,
        })
        self.summary.seconds = round(time.monotonic() - started, 2)
        return self.summary


def generate(params, stdout=None, flush_first=False):
    """Generate the synthetic province. Refuses (RuntimeError) when synthetic data exists unless `flush_first`."""
    if exists():
        if not flush_first:
            raise RuntimeError(
                "Cơ sở dữ liệu đã có dữ liệu tổng hợp (đơn vị mã SYN…, tài khoản syn.*). "
                "Chạy lại với --flush để xóa dữ liệu tổng hợp cũ rồi tạo mới."
            )
        started = time.monotonic()
        removed = flush()
        if stdout is not None:
            stdout.write(f"Đã xóa dữ liệu tổng hợp cũ trong {time.monotonic() - started:.1f} giây: {removed}")
    return Generator(params, stdout).run()


OPERATOR_WORDS = {Operator.GT: "trên", Operator.GTE: "đạt", Operator.EQ: "bằng", Operator.LTE: "không quá",
                  Operator.LT: "dưới"}


