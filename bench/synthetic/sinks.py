"""Where generated rows go: COPY on PostgreSQL, bulk_create elsewhere."""

import datetime as dt
import io
import tempfile
from collections import Counter

from django.db import connection

from indicators.models import (
    DataValue,
    Submission,
)

# =============================================================================
# Sinks: COPY on PostgreSQL, bulk_create elsewhere
# =============================================================================

VALUE_COLUMNS = ("unit_id", "indicator_id", "period_id", "numerator", "denominator", "value", "note",
                 "is_illustrative", "quality_confirmed", "version", "created_at", "updated_at", "updated_by_id")
SUBMISSION_COLUMNS = ("unit_id", "period_id", "status", "submitted_at", "submitted_by_id", "approved_at",
                      "approved_by_id", "return_reason", "version")
NULL = "\\N"  # NULL in COPY's text format


def _copy_text(value):
    """One field in PostgreSQL's COPY text format."""
    if value is None:
        return NULL
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class _Sink:
    def __init__(self):
        self.n_values = 0
        self.n_submissions = 0
        self.statuses = Counter()


class _CopySink(_Sink):
    """Rows streamed to COPY … FROM STDIN (psycopg2 `copy_expert`).

    Values are spooled to one temporary file per period and copied quarter
    after quarter, oldest first: a real province's values are typed in
    quarter by quarter, so one quarter's rows sit together on disk. Written in
    generation order (unit by unit) they would be spread over every page of
    the table, and every quarterly rollup would read the whole table.
    """

    def __init__(self):
        super().__init__()
        self.spools = {}  # period id -> temporary file of COPY lines
        self.subs = []
        self.stamps = {}

    def _stamp(self, when):
        text = self.stamps.get(when)
        if text is None:
            text = self.stamps[when] = when.isoformat(sep=" ")
        return text

    def value(self, unit_id, indicator_id, period_id, num, den, value, when, user_id):
        ts = self._stamp(when)
        den = NULL if den is None else den
        value = NULL if value is None else value
        user_id = NULL if user_id is None else user_id
        spool = self.spools.get(period_id)
        if spool is None:
            spool = self.spools[period_id] = tempfile.TemporaryFile("w+", encoding="utf-8")
        spool.write(f"{unit_id}\t{indicator_id}\t{period_id}\t{num}\t{den}\t{value}\t\tt\tf\t1\t{ts}\t{ts}\t{user_id}\n")
        self.n_values += 1

    def flush_values(self, period_order=()):
        """COPY the spooled values, the periods in `period_order` first (oldest first), then any other."""
        order = [pk for pk in period_order if pk in self.spools] + [pk for pk in self.spools if pk not in period_order]
        sql = f"COPY {DataValue._meta.db_table} ({', '.join(VALUE_COLUMNS)}) FROM STDIN"
        for pk in order:
            with self.spools.pop(pk) as spool:
                spool.seek(0)
                with connection.cursor() as cur:
                    cur.cursor.copy_expert(sql, spool)

    def submission(self, unit_id, period_id, status, submitted, submitted_by, approved, approved_by, reason):
        self.subs.append("\t".join(_copy_text(v) for v in (
            unit_id, period_id, status, submitted, submitted_by, approved, approved_by, reason, 1)) + "\n")
        self.n_submissions += 1
        self.statuses[str(status)] += 1

    def flush_submissions(self):
        if self.subs:
            self._copy(Submission, SUBMISSION_COLUMNS, self.subs)
            self.subs = []

    @staticmethod
    def _copy(model, columns, lines):
        buf = io.StringIO("".join(lines))
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cur:
            cur.cursor.copy_expert(sql, buf)  # the psycopg2 cursor under Django's wrapper


class _OrmSink(_Sink):
    """bulk_create in big batches (SQLite and other backends: the test sizes)."""

    BATCH = 5000

    def __init__(self):
        super().__init__()
        self.rows = []
        self.subs = []

    def value(self, unit_id, indicator_id, period_id, num, den, value, when, user_id):
        from decimal import Decimal

        self.rows.append(DataValue(
            unit_id=unit_id, indicator_id=indicator_id, period_id=period_id, numerator=Decimal(num),
            denominator=None if den is None else Decimal(den), value=None if value is None else Decimal(value),
            is_illustrative=True, version=1, updated_by_id=user_id, created_at=when, updated_at=when,
        ))
        self.n_values += 1
        if len(self.rows) >= self.BATCH:
            self.flush_values()

    def flush_values(self, period_order=()):
        DataValue.objects.bulk_create(self.rows, batch_size=1000)
        self.rows = []

    def submission(self, unit_id, period_id, status, submitted, submitted_by, approved, approved_by, reason):
        self.subs.append(Submission(unit_id=unit_id, period_id=period_id, status=status, submitted_at=submitted,
                                    submitted_by_id=submitted_by, approved_at=approved, approved_by_id=approved_by,
                                    return_reason=reason))
        self.n_submissions += 1
        self.statuses[str(status)] += 1

    def flush_submissions(self):
        Submission.objects.bulk_create(self.subs, batch_size=1000)
        self.subs = []


