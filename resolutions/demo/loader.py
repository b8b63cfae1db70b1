"""The demo loader: runs the seed modules in order, in one transaction (see the package docstring)."""

import datetime as dt
import random
import time
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models, transaction

from indicators.changes import figures_changed
from indicators.models import (
    DataValue,
    Direction,
    Frequency,
    Indicator,
    Period,
    Submission,
    SubmissionStatus,
    Target,
)
from indicators.rules import compute_value
from resolutions.models import Finding, Pillar, Resolution, Supervision, Task, Visit
from units import reorganisation
from units.models import IssuingProfile, Membership, Reorganisation, ReportingUnit, Role, UnitSuccession

from . import (
    seed_000_ninh_thuan,
    seed_001_quang_binh,
    seed_002_soc_trang,
    seed_003_bac_ai,
    seed_004_quang_tri,
)
from .common import (
    DEMO_PASSWORD,
    DEMO_REASON,
    MERGED_ON,
    NQ_202,
    PILLARS,
    SCHOOL,
    TASK_NOTE_ILLUSTRATIVE,
    upsert,
)
from .people import DEMO_USERS, FORCED_SUBMISSIONS, NEVER_SKIPPED
from .provinces import ISSUING_PROFILES, UPPER_UNITS, office_rows, reorganisation_2025, school_rows
from .seed_000_ninh_thuan import NT_FACT_PERIOD, NT_LAST, SUCCESSOR_UNIT
from .seed_001_quang_binh import HAI_DINH
from .seed_002_soc_trang import ST_FACT_PERIOD
from .series import (
    MISSING_CELL,
    MISSING_REPORT,
    PERIOD_CODES,
    RETURN_REASONS,
    SERIES_FIRST,
    at_office_hour,
    invent_series,
    latest_states,
    quarter_codes,
)

# The seed articles in the order of their numbers. Each writes its resolution, indicators, tasks and visits
# (`load`); those that give figures add their cells (`add_values`: the invented series first, then the seed's
# facts over them).
SEEDS = (seed_000_ninh_thuan, seed_001_quang_binh, seed_002_soc_trang, seed_003_bac_ai, seed_004_quang_tri)
SEEDS_WITH_VALUES = (seed_000_ninh_thuan, seed_001_quang_binh, seed_002_soc_trang)

class Loader:
    """One run of the demo loader; `units`, `pillars`, ... map codes to objects."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.stats = Counter()
        self.units = {}
        self.pillars = {}
        self.resolutions = {}
        self.indicators = {}  # (resolution code, indicator code) -> Indicator
        self.periods = {}
        self.users = {}
        self.latest = {}  # unit code -> state on its last quarter (see latest_states)
        self.last = {}  # unit code -> the last quarter it reports in the demo

    def say(self, text):
        if self.stdout is not None:
            # A command's OutputWrapper ends lines itself; a plain stream does not.
            self.stdout.write(text if hasattr(self.stdout, "ending") else text + "\n")

    # --- reference data -------------------------------------------------------
    def load_pillars(self):
        for order, (code, name) in enumerate(PILLARS, start=1):
            self.pillars[code] = upsert(self.stats, Pillar, {"code": code}, {"name": name, "order": order})

    def load_periods(self):
        for code in PERIOD_CODES:
            existed = Period.objects.filter(code=code).exists()
            self.periods[code] = Period.ensure(code)
            if not existed:
                self.stats[("Period", "created")] += 1

    # --- units ------------------------------------------------------------------
    def load_units(self):
        """The units as they were before 1/7/2025. Parents and end dates are set when a unit is created
        only: afterwards the reorganisation owns them (apply_reorganisation)."""
        for row in UPPER_UNITS + office_rows():
            unit = ReportingUnit.objects.filter(code=row.code).first()
            if unit is None:
                unit = ReportingUnit(code=row.code, parent=self.units[row.parent] if row.parent else None,
                                     valid_to=row.valid_to)
                self.stats[("ReportingUnit", "created")] += 1
            fields = {"name": row.name, "kind": row.kind, "statistical_code": row.statistical_code}
            if unit.pk is None or any(getattr(unit, f) != v for f, v in fields.items()):
                for f, v in fields.items():
                    setattr(unit, f, v)
                if unit.pk is not None:
                    self.stats[("ReportingUnit", "updated")] += 1
                unit.save()
            self.units[row.code] = unit
        self._load_schools()

    def load_issuing_profiles(self):
        for row in ISSUING_PROFILES:
            upsert(
                self.stats,
                IssuingProfile,
                {"unit": self.units[row.unit], "regime": row.regime},
                {
                    "governing_body": row.governing_body,
                    "official_name": row.official_name,
                    "short_name": row.short_name,
                    "place_name": row.place,
                    "number_suffix": row.suffix,
                    "authority": row.authority,
                    "signer_title": row.title,
                    "signer_name": row.signer,
                    "recipients": "\n".join(row.recipients),
                },
            )

    def _load_schools(self):
        """Schools in bulk (hundreds of them), then the materialised paths rebuilt (and every school placed)."""
        wanted = {code: (name, self.units[parent].pk) for code, name, parent in school_rows()}
        existing = {u.code: u for u in ReportingUnit.objects.filter(code__in=wanted)}
        create, update = [], []
        for code, (name, parent_id) in wanted.items():
            unit = existing.get(code)
            if unit is None:
                create.append(ReportingUnit(code=code, name=name, kind=SCHOOL, parent_id=parent_id))
            elif (unit.name, unit.kind) != (name, SCHOOL):
                unit.name, unit.kind = name, SCHOOL
                update.append(unit)
        ReportingUnit.objects.bulk_create(create, batch_size=500)
        ReportingUnit.objects.bulk_update(update, ["name", "kind"], batch_size=500)
        if create or update:
            ReportingUnit.objects.rebuild_paths()
        self.stats[("ReportingUnit", "created")] += len(create)
        self.stats[("ReportingUnit", "updated")] += len(update)
        self.units.update({u.code: u for u in ReportingUnit.objects.filter(code__in=wanted)})

    def apply_reorganisation(self):
        """The 1/7/2025 reorganisation through units.reorganisation, once (a later run finds it applied)."""
        done = Reorganisation.objects.filter(legal_basis=NQ_202, effective_on=MERGED_ON, reverted_at__isnull=True)
        if not done.exists():
            reorganisation.apply(reorganisation.build_plan(reorganisation_2025()))
            self.stats[("Reorganisation", "created")] += 1
        self.units = {u.code: u for u in ReportingUnit.objects.all()}

    # --- resolutions, indicators, targets ----------------------------------------
    def load_resolution(self, spec, indicators, invented_targets=""):
        """A resolution and its indicators with their targets; `invented_targets` says why the targets are
        illustrative (empty: the seed states them). Returns the resolution."""
        res = upsert(
            self.stats,
            Resolution,
            {"code": spec.code},
            {
                "kind": spec.kind,
                "title": spec.title,
                "issuer": spec.issuer,
                "owner_unit": self.units[spec.owner],
                "issued_on": spec.issued_on,
                "start_year": spec.start_year,
                "end_year": spec.end_year,
                "vision_year": spec.vision_year,
                "note": spec.note,
            },
        )
        self.resolutions[spec.code] = res
        for order, ind in enumerate(indicators, start=1):
            self.indicators[(spec.code, ind.code)] = self._load_indicator(res, ind, order, invented_targets)
        return res

    def _load_indicator(self, res, spec, order, invented):
        ind = upsert(
            self.stats,
            Indicator,
            {"resolution": res, "code": spec.code},
            {
                "pillar": self.pillars[spec.pillar],
                "name": spec.name,
                "description": spec.description,
                "measure": spec.measure,
                "decimals": spec.decimals,
                "numerator_label": spec.numerator_label,
                "denominator_label": spec.denominator_label,
                "unit_label": spec.unit_label,
                "direction": Direction.INCREASE,
                "temporal": spec.temporal,
                "frequency": Frequency.QUARTERLY,
                "applies_to": list(spec.applies_to),
                "order": order,
                "is_active": True,
            },
        )
        # Assigned units (07-NQ/TU: computers to Sở GDĐT, social dossiers to Sở LĐTBXH); after the merger
        # their successors carry them (indicators.reach.units_reached).
        wanted = {self.units[c].pk for c in spec.assigned}
        if set(ind.assigned_units.values_list("pk", flat=True)) != wanted:
            ind.assigned_units.set(wanted)
        for unit_kind, operator, value, year, wording in spec.targets:
            upsert(
                self.stats,
                Target,
                {"indicator": ind, "unit_kind": unit_kind, "unit": None, "year": year},
                {"operator": operator, "value": Decimal(value), "wording": wording,
                 "is_illustrative": bool(invented), "illustrative_note": invented},
            )
        return ind

    # --- tasks, supervisions ---------------------------------------------------------
    def load_visit(self, supervision, data, resolution_code=None, invented=""):
        """A visit, its findings and its recommendations; `invented` says what of them the seed does not state."""
        visit = upsert(
            self.stats,
            Visit,
            {"supervision": supervision, "unit": self.units[data["unit"]], "date": data["date"]},
            {"summary": data["summary"]},
        )
        for order, row in enumerate(data["findings"], start=1):
            kind, text = row[0], row[1]
            indicator_code, value = (row[2], row[3]) if len(row) == 4 else (None, row[2])
            indicator = self.indicators[(resolution_code, indicator_code)] if indicator_code else None
            upsert(
                self.stats,
                Finding,
                {"visit": visit, "order": order},
                {"kind": kind, "text": text, "indicator": indicator, "value": value},
            )
        for rec in data["recommendations"]:
            if len(rec) == 5:  # lead unit: the visited unit
                number, pillar, title, deadline, status = rec
                lead = data["unit"]
            else:
                number, pillar, title, lead, deadline, status = rec
            upsert(
                self.stats,
                Task,
                {"visit": visit, "number": number},
                {
                    "resolution": None,
                    "pillar": self.pillars[pillar] if pillar else None,
                    "group": "",
                    "title": title,
                    "deadline": deadline,
                    "status": status,
                    "progress_note": TASK_NOTE_ILLUSTRATIVE[status],
                    "is_illustrative": bool(invented),
                    "illustrative_note": invented,
                },
                on_create={"lead_unit": self.units[lead]},
            )
        return visit

    # --- users ----------------------------------------------------------------------
    def load_users(self):
        User = get_user_model()
        for du in DEMO_USERS:
            admin = du.role is None
            user = upsert(
                self.stats,
                User,
                {"username": du.username},
                {
                    "first_name": du.first_name,
                    "last_name": du.last_name,
                    "email": f"{du.username}@example.vn",
                    "is_staff": admin,
                    "is_superuser": admin,
                    "is_active": True,
                },
            )
            # check_password costs a full hash even for an empty password: skip it for new users.
            if not user.password or not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            for code in du.units:
                _, created = Membership.objects.get_or_create(user=user, unit=self.units[code], role=du.role)
                self.stats[("Membership", "created")] += int(created)
            self.users[du.username] = user

    # --- values and submissions -----------------------------------------------------------
    def _units_under(self, prefixes, kinds):
        return sorted(
            (u for c, u in self.units.items() if c.split(".")[0] in prefixes and u.kind in kinds),
            key=lambda u: u.code,
        )

    def add_series(self, cells, res_code, specs, provinces, last, fixed=None):
        """Illustrative quarterly series from SERIES_FIRST to `last` for the units of `provinces` each indicator
        applies to; `fixed` {(unit code, indicator code): [(numerator, denominator) per quarter]} replaces an
        invented series."""
        fixed = fixed or {}
        quarters = quarter_codes(SERIES_FIRST, last)
        kinds = {k for s in specs for k in s.applies_to}
        units = self._units_under(provinces, kinds)
        self.plan_latest([u.code for u in units])
        for unit in units:
            self.last.setdefault(unit.code, last)
            skipped = {q for q in quarters if self.skip_report(unit.code, q)}
            for spec in specs:
                if unit.kind not in spec.applies_to:
                    continue
                ind = self.indicators[(res_code, spec.code)]
                if (unit.code, spec.code) in fixed:
                    series = [(q, n, d) for q, (n, d) in zip(quarters, fixed[(unit.code, spec.code)], strict=True)]
                else:
                    series = invent_series(unit.code, unit.kind, spec, quarters)
                miss = random.Random(f"missing|{unit.code}|{spec.code}")
                for q, num, den in series:
                    if miss.random() < MISSING_CELL or q in skipped:
                        continue
                    cells[(unit.pk, ind.pk, self.periods[q].pk)] = (num, den, "", True)

    def plan_latest(self, unit_codes):
        """Decide the units' state on their latest quarter (series.latest_states; the personas' are forced)."""
        self.latest.update(latest_states(unit_codes, NEVER_SKIPPED))

    def skip_report(self, unit_code, period_code):
        """Whether the unit sends no report at all for the period (the latest one by plan_latest)."""
        if period_code == self.last.get(unit_code):
            return self.latest.get(unit_code) == "skip"
        if unit_code in NEVER_SKIPPED:
            return False
        return random.Random(f"skip|{unit_code}|{period_code}").random() < MISSING_REPORT

    def sync_values(self, cells):
        measures = {i.pk: i.measure for i in self.indicators.values()}
        indicator_ids = list(measures)
        existing = {}
        for row in DataValue.objects.filter(indicator_id__in=indicator_ids).values_list(
            "id", "unit_id", "indicator_id", "period_id", "numerator", "denominator", "value", "note", "is_illustrative"
        ):
            existing[row[1:4]] = row
        create, update = [], []
        for key, (num, den, note, illustrative) in cells.items():
            num = Decimal(num) if num is not None else None
            den = Decimal(den) if den is not None else None
            value = compute_value(measures[key[1]], num, den)
            row = existing.pop(key, None)
            if row is None:
                create.append(DataValue(unit_id=key[0], indicator_id=key[1], period_id=key[2], numerator=num,
                                        denominator=den, value=value, note=note, is_illustrative=illustrative))
            elif tuple(row[4:]) != (num, den, value, note, illustrative):
                update.append(DataValue(id=row[0], numerator=num, denominator=den, value=value, note=note,
                                        is_illustrative=illustrative))
        stale = [row[0] for row in existing.values() if row[8]]  # illustrative leftovers only
        DataValue.objects.bulk_create(create, batch_size=2000)
        DataValue.objects.bulk_update(update, ["numerator", "denominator", "value", "note", "is_illustrative"],
                                      batch_size=2000)
        if stale:
            DataValue.objects.filter(id__in=stale).delete()
        self.record_value_history(indicator_ids, [dv.pk for dv in update])
        self.stats[("DataValue", "created")] += len(create)
        self.stats[("DataValue", "updated")] += len(update)
        self.stats[("DataValue", "deleted")] += len(stale)

    def record_value_history(self, indicator_ids, updated_ids):
        """Audit rows for the demo's values, written as the demo's own entry (no user, reason DEMO_REASON):
        every value without a history row gets its "created" row (also values loaded before this existed),
        every value the loader changed an "updated" one. The first edit in the form then shows the old
        figure ("31 → 35"), never "— → 31". The same INSERT … SELECT as the bulk writes (indicators.bulk)."""
        from django.utils import timezone

        from indicators.bulk import _record_history

        history = DataValue.history.model
        recorded = set(history.objects.filter(indicator_id__in=indicator_ids).values_list("id", flat=True).distinct())
        missing = [pk for pk in DataValue.objects.filter(indicator_id__in=indicator_ids).values_list("pk", flat=True)
                   if pk not in recorded]
        now = timezone.now()
        _record_history(missing, "+", None, DEMO_REASON, now)
        _record_history([pk for pk in updated_ids if pk in recorded], "~", None, DEMO_REASON, now)
        self.stats[("DataValue history", "created")] += len(missing)

    def desired_submissions(self, cells):
        """{(unit_id, period_id): fields} for every unit-period holding a value."""
        code_of_unit = {u.pk: c for c, u in self.units.items()}
        code_of_period = {p.pk: c for c, p in self.periods.items()}
        pairs = sorted({(code_of_unit[u], code_of_period[p]) for u, _, p in cells})
        by_user = self.users
        out = {}
        for unit_code, period_code in pairs:
            unit, period = self.units[unit_code], self.periods[period_code]
            last = self.last.get(unit_code, ST_FACT_PERIOD)
            status, reason = self._submission_status(unit_code, period_code, last)
            rng = random.Random(f"when|{unit_code}|{period_code}")
            late = rng.random() < 0.10 and period_code not in (last, NT_FACT_PERIOD, ST_FACT_PERIOD)
            day = period.deadline + dt.timedelta(days=rng.randint(1, 12) if late else -rng.randint(0, 5))
            submitted_at = at_office_hour(day, rng) if status != SubmissionStatus.DRAFT else None
            approved_at = None
            if status == SubmissionStatus.APPROVED:
                approved_at = submitted_at + dt.timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 5))
            entry = by_user["nhaplieu.truong"] if unit_code == HAI_DINH else (
                by_user["nhaplieu.so"] if unit_code in ("NT.SGDDT", SUCCESSOR_UNIT) else None)
            approver = None
            if status == SubmissionStatus.APPROVED and unit_code.startswith("QB."):
                approver = by_user["lanhdao.phong"] if unit_code.startswith("QB.DONGHOI.") else by_user["lanhdao.so"]
            out[(unit.pk, period.pk)] = {
                "status": status,
                "submitted_at": submitted_at,
                "submitted_by_id": entry.pk if entry and submitted_at else None,
                "approved_at": approved_at,
                "approved_by_id": approver.pk if approver else None,
                "return_reason": reason,
            }
        return out

    def _submission_status(self, unit_code, period_code, last):
        forced = FORCED_SUBMISSIONS.get((unit_code, period_code))
        if forced:
            return forced
        roll = random.Random(f"status|{unit_code}|{period_code}").random()
        if period_code == last and unit_code in self.latest:
            state = self.latest[unit_code]
            reason = RETURN_REASONS[int(roll * 100) % len(RETURN_REASONS)] if state == SubmissionStatus.RETURNED else ""
            return state, reason
        if last == NT_LAST and period_code == "2025-Q1" and roll < 0.06:
            return SubmissionStatus.SUBMITTED, ""
        return SubmissionStatus.APPROVED, ""

    def sync_submissions(self, wanted):
        fields = ["status", "submitted_at", "submitted_by_id", "approved_at", "approved_by_id", "return_reason"]
        unit_ids = {u for u, _ in wanted}
        existing = {
            (s.unit_id, s.period_id): s for s in Submission.objects.filter(unit_id__in=unit_ids).only("id", "unit_id", "period_id", *fields)
        }
        create, update = [], []
        for key, values in wanted.items():
            sub = existing.get(key)
            if sub is None:
                create.append(Submission(unit_id=key[0], period_id=key[1], **values))
            elif any(getattr(sub, f) != v for f, v in values.items()):
                for f, v in values.items():
                    setattr(sub, f, v)
                update.append(sub)
        # A demo unit's submission that no longer has a value at all (the generator changed) goes too.
        has_values = DataValue.objects.filter(unit_id=models.OuterRef("unit_id"), period_id=models.OuterRef("period_id"))
        stale = [
            s.pk
            for s in Submission.objects.filter(unit_id__in=[u.pk for u in self.units.values()])
            .exclude(models.Exists(has_values))
            .only("id", "unit_id", "period_id")
            if (s.unit_id, s.period_id) not in wanted
        ]
        Submission.objects.bulk_create(create, batch_size=2000)
        Submission.objects.bulk_update(update, [f.removesuffix("_id") for f in fields], batch_size=2000)
        if stale:
            Submission.objects.filter(id__in=stale).delete()
        self.stats[("Submission", "created")] += len(create)
        self.stats[("Submission", "updated")] += len(update)
        self.stats[("Submission", "deleted")] += len(stale)

    # --- the whole run --------------------------------------------------------------------
    def run(self):
        started = time.monotonic()
        with transaction.atomic():
            figures_changed()  # bulk writes below send no signals
            self.load_pillars()
            self.load_periods()
            self.load_units()
            self.load_issuing_profiles()
            self.say(f"Đơn vị: {len(self.units)}")
            for seed in SEEDS:
                seed.load(self)
            self.load_users()
            self.apply_reorganisation()  # after users and tasks: memberships and open tasks pass on
            cells = {}  # {(unit_id, indicator_id, period_id): (numerator, denominator, note, is_illustrative)}
            for seed in SEEDS_WITH_VALUES:
                seed.add_values(self, cells)
            self.sync_values(cells)
            self.say(f"Số liệu: {len(cells)} ô (minh họa và số liệu thật từ bài báo)")
            self.sync_submissions(self.desired_submissions(cells))
        self.stats[("_", "seconds")] = round(time.monotonic() - started, 2)
        return self.stats


def load_demo(stdout=None):
    """Load (or refresh) the demo data in one transaction; returns Counter {(model, action): n}."""
    return Loader(stdout).run()


def counts():
    """Row counts of the demo's tables (for the command's summary and the tests)."""
    User = get_user_model()
    return {
        "Trụ cột": Pillar.objects.count(),
        "Đơn vị báo cáo": ReportingUnit.objects.count(),
        "Kế thừa đơn vị": UnitSuccession.objects.count(),
        "Đợt sắp xếp đơn vị": Reorganisation.objects.count(),
        "Thông tin ban hành văn bản": IssuingProfile.objects.count(),
        "Văn bản": Resolution.objects.count(),
        "Chỉ tiêu": Indicator.objects.count(),
        "Mục tiêu": Target.objects.count(),
        "Kỳ báo cáo": Period.objects.count(),
        "Nhiệm vụ, kiến nghị": Task.objects.count(),
        "Cuộc giám sát, kiểm tra": Supervision.objects.count(),
        "Buổi làm việc": Visit.objects.count(),
        "Nhận xét": Finding.objects.count(),
        "Số liệu": DataValue.objects.count(),
        "  trong đó minh họa": DataValue.objects.filter(is_illustrative=True).count(),
        "Báo cáo của đơn vị": Submission.objects.count(),
        "Người dùng": User.objects.count(),
        "Phân quyền": Membership.objects.count(),
    }


def logins():
    """Rows (username, password, role, units) of the demo logins, for printing."""
    roles = dict(Role.choices)
    rows = []
    for du in DEMO_USERS:
        if du.role is None:
            rows.append((du.username, DEMO_PASSWORD, "Quản trị (staff, superuser)", "Toàn hệ thống"))
            continue
        names = ", ".join(ReportingUnit.objects.get(code=c).name for c in du.units)
        rows.append((du.username, DEMO_PASSWORD, roles[du.role], names))
    return rows
