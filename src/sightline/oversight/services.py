"""Writes of materialised deadlines: one child's after a change, or everyone's nightly.

The engine works out every clock from the record (`engine.deadlines.evaluate_deadlines`); these
services store its answer in `Deadline` so that worklist pages are plain indexed queries. A
child's rows are always replaced as a whole, inside one transaction, so a page never shows half
of an old answer and half of a new one.
"""

from __future__ import annotations

import functools
import time as clock
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import CHILD_RULE_IDS, evaluate_deadlines, rules_reading
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.models import Deadline, DeadlineRun
from sightline.people.models import Person
from sightline.standards.calendar import WorkingCalendar
from sightline.standards.timescales import Rulebook, rulebook

__all__ = [
    "DeadlineRefreshSummary",
    "council_standards",
    "deadlines_evaluate",
    "deadlines_refresh_all",
    "deadlines_refresh_for_child",
]

# Rows per INSERT batch: large enough to amortise round trips, small enough that a whole
# council's deadlines never sit in memory as Python tuples at once.
_INSERT_BATCH = 10_000
# SQLite's page cache (KiB) while a whole council's deadlines are rewritten; the default 2 MB
# cannot hold the worklist indexes of millions of rows, and the rewrite then thrashes.
_SQLITE_BULK_CACHE_KIB = 256 * 1024
# Names the PostgreSQL advisory lock taken by the nightly rebuild (exclusively) and by one-child
# refreshes (shared); any constant unique to this use will do.
_REBUILD_LOCK_KEY = 0x5347_444C
# Children whose rows the nightly rebuild replaces per transaction: a few thousand rows, written
# in tens of milliseconds, so a page view waiting for the write lock waits no longer than that.
TICK_BATCH_CHILDREN = 500

_COLUMNS = (
    "child_id",
    "rule_id",
    "record_type",
    "record_id",
    "clock_start",
    "due",
    "met_on",
    "status",
    "working_days_overdue",
    "context_end",
    "computed_for",
    "worker_id",
    "team_id",
    "is_child_protection",
    "is_looked_after",
    "computed_at",
)


@dataclass(frozen=True)
class DeadlineRefreshSummary:
    """What a recalculation stored: how many deadlines, by status, and how long it took."""

    as_at: date
    deadline_count: int
    status_counts: dict[str, int]
    seconds: float


def council_standards() -> tuple[Rulebook, WorkingCalendar]:
    """Return the council's rulebook and working calendar, built once per distinct setting.

    Settings are read on every call (never at import), so a test or a deployment that changes
    them gets matching standards; the building itself is cached.
    """
    closures = tuple(str(day) for day in settings.SIGHTLINE_LOCAL_CLOSURE_DAYS)
    return _standards_for(
        settings.SIGHTLINE_LOCAL_STANDARDS, closures, settings.SIGHTLINE_END_OF_WORKING_DAY
    )


@functools.lru_cache(maxsize=8)
def _standards_for(
    overrides: str, closures: tuple[str, ...], end_of_day: time
) -> tuple[Rulebook, WorkingCalendar]:
    try:
        closure_days = [date.fromisoformat(day) for day in closures]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"SIGHTLINE_LOCAL_CLOSURE_DAYS must be dates like 2026-12-24: {error}"
        ) from None
    calendar = WorkingCalendar(local_closures=closure_days, end_of_day=end_of_day)
    try:
        rules = rulebook(overrides or None, calendar)
    except ValueError as error:
        raise ImproperlyConfigured(f"SIGHTLINE_LOCAL_STANDARDS: {error}") from None
    return rules, calendar


def deadlines_evaluate(
    dataset: Dataset, *, as_at: date, rule_ids: Collection[str] | None = None
) -> pl.DataFrame:
    """Return the engine's deadlines for `dataset` as at `as_at`, under the council's standards.

    `rule_ids` narrows the evaluation to those rules (default: every rule).
    """
    rules, calendar = council_standards()
    return evaluate_deadlines(dataset, as_at, rules, calendar, rule_ids=rule_ids)


def deadlines_refresh_for_child(
    child_id: int, *, as_at: date | None = None, changed: Collection[str] | None = None
) -> int:
    """Recalculate one child's deadlines from their record and replace their stored rows.

    Called after every write to the child's record commits. `changed` names the dataset frames
    the write touched (e.g. ``("visits",)``): only the rules that read them are recalculated and
    replaced (`engine.deadlines.rules_reading`), since no other rule's answer can have moved;
    without it, every rule is. The child's row is locked first so that two refreshes racing
    after two quick writes cannot store the older answer last. Return the number of deadlines
    stored.
    """
    as_at = as_at or timezone.localdate()
    rule_ids = CHILD_RULE_IDS
    if changed is not None:
        reading = rules_reading(changed)
        if reading is not None:
            rule_ids = tuple(rule_id for rule_id in reading if rule_id in CHILD_RULE_IDS)
    with transaction.atomic():
        _lock_against_rebuild(exclusive=False)
        if not Person.objects.select_for_update().filter(pk=child_id).exists():
            return 0
        frame = _child_deadlines(child_id, as_at, rule_ids)
        stored = Deadline.objects.filter(child_id=child_id)
        if rule_ids != CHILD_RULE_IDS:
            stored = stored.filter(rule_id__in=rule_ids)
        stored.delete()
        return _insert(frame, as_at=as_at, computed_at=timezone.now())


def deadlines_refresh_all(*, as_at: date | None = None) -> DeadlineRefreshSummary:
    """Recalculate every child's deadlines as at `as_at` (default today) and replace them all.

    This is the nightly tick: statuses move with the date even when no record changes. The
    record is read and evaluated once; the rows are then replaced a batch of children at a time
    (`TICK_BATCH_CHILDREN`, by child id), each batch in its own short transaction, so the write
    lock is never held for longer than one batch takes and page views (which write their audit
    event and session) wait a fraction of a second rather than failing with "database is
    locked". Each child's rows are replaced whole, in one transaction, so a page never shows
    half of a child's old answer and half of its new one; during the tick some children already
    have tonight's answer and others still last night's.

    The record is read before those transactions, so a child whose record changed meanwhile has
    newer rows (stored by their own refresh) than this rebuild's reading: in each batch those
    children are recalculated again from the record as it now stands, inside the transaction.
    """
    as_at = as_at or timezone.localdate()
    started = clock.perf_counter()
    started_at = timezone.now()
    frame = _storable(deadlines_evaluate(load_dataset(), as_at=as_at))
    stored_ids = Deadline.objects.values_list("child_id", flat=True).distinct()
    child_ids = sorted(set(frame["child_id"].unique().to_list()) | set(stored_ids))
    stored = 0
    counts: dict[str, int] = {}
    with _bulk_page_cache():
        for offset in range(0, len(child_ids), TICK_BATCH_CHILDREN):
            batch = child_ids[offset : offset + TICK_BATCH_CHILDREN]
            part_stored, part_counts = _refresh_batch(frame, batch, as_at, started_at)
            stored += part_stored
            for status, count in part_counts.items():
                counts[status] = counts.get(status, 0) + count
    counts = dict(sorted(counts.items()))
    DeadlineRun.objects.create(
        as_at=as_at,
        started_at=started_at,
        finished_at=timezone.now(),
        deadline_count=stored,
        status_counts=counts,
    )
    return DeadlineRefreshSummary(
        as_at=as_at,
        deadline_count=stored,
        status_counts=counts,
        seconds=clock.perf_counter() - started,
    )


def _refresh_batch(
    frame: pl.DataFrame, batch: list[int], as_at: date, started_at: datetime
) -> tuple[int, dict[str, int]]:
    """Replace the rows of these children (one short transaction); return count and statuses."""
    low, high = batch[0], batch[-1]
    with transaction.atomic():
        _lock_against_rebuild(exclusive=True)
        in_batch = Deadline.objects.filter(child_id__gte=low, child_id__lte=high)
        changed = sorted(
            set(in_batch.filter(computed_at__gte=started_at).values_list("child_id", flat=True))
        )
        in_batch.delete()
        ours = frame.filter(pl.col("child_id").is_between(low, high))
        parts = [ours.filter(~pl.col("child_id").is_in(changed))]
        parts += [_child_deadlines(child_id, as_at) for child_id in changed]
        stored = sum(_insert(part, as_at=as_at, computed_at=started_at) for part in parts)
    statuses = pl.concat([part.select("status") for part in parts])
    return stored, dict(statuses.group_by("status").len().iter_rows())


def _child_deadlines(
    child_id: int, as_at: date, rule_ids: Collection[str] = CHILD_RULE_IDS
) -> pl.DataFrame:
    # Only the child's own rules: the workers' supervision clocks are not stored per child.
    dataset = load_dataset(child_ids=[child_id])
    return _storable(deadlines_evaluate(dataset, as_at=as_at, rule_ids=rule_ids))


def _lock_against_rebuild(*, exclusive: bool) -> None:
    """Keep one-child refreshes and the nightly rebuild from interleaving their writes.

    On PostgreSQL a refresh committing during the rebuild's transaction would otherwise add its
    rows beside the rebuild's; refreshes share the lock, the rebuild holds it alone. SQLite
    needs nothing: settings open every transaction with BEGIN IMMEDIATE, one writer at a time.
    """
    if connection.vendor == "postgresql":
        function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [_REBUILD_LOCK_KEY])


def _storable(frame: pl.DataFrame) -> pl.DataFrame:
    """The engine's rows that belong to a child, with the columns `Deadline` stores."""
    # Clocks about a worker rather than a child (supervision) have no child to list them under;
    # they belong to a workforce view, not to these worklists.
    return frame.filter(pl.col("child_id").is_not_null()).with_columns(
        is_child_protection=pl.col("is_cp").fill_null(False),
        is_looked_after=pl.col("is_looked_after").fill_null(False),
    )


@contextmanager
def _bulk_page_cache() -> Iterator[None]:
    """On SQLite, give this connection a page cache big enough for a whole-council rewrite."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{_SQLITE_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _insert(frame: pl.DataFrame, *, as_at: date, computed_at: datetime) -> int:
    """Insert `frame`'s rows into the deadline table in batches; return how many.

    A bulk path: rows go straight from Polars to `executemany` rather than through model
    instances, which would cost several seconds for a whole council. Dates travel as ISO text,
    which both SQLite and PostgreSQL store as dates. Rows go in the order of the team and
    worker worklist indexes, so those indexes grow at their ends rather than page by page at
    random (three times faster for a council on SQLite).
    """
    if frame.height == 0:
        return 0
    ops = connection.ops
    rows = frame.sort("team_id", "worker_id", "status", "due", nulls_last=True).select(
        pl.col("child_id"),
        pl.col("rule_id"),
        pl.col("record_type"),
        pl.col("record_id"),
        pl.col("clock_start").dt.to_string("%Y-%m-%d"),
        pl.col("due").dt.to_string("%Y-%m-%d"),
        pl.col("met_on").dt.to_string("%Y-%m-%d"),
        pl.col("status"),
        pl.col("working_days_overdue"),
        pl.col("context_end").dt.to_string("%Y-%m-%d"),
        pl.lit(ops.adapt_datefield_value(as_at)).alias("computed_for"),
        pl.col("worker_id"),
        pl.col("team_id"),
        pl.col("is_child_protection"),
        pl.col("is_looked_after"),
        pl.lit(ops.adapt_datetimefield_value(computed_at)).alias("computed_at"),
    )
    table = ops.quote_name(Deadline._meta.db_table)
    columns = ", ".join(ops.quote_name(column) for column in _COLUMNS)
    placeholders = ", ".join(["%s"] * len(_COLUMNS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for batch in rows.iter_slices(_INSERT_BATCH):
            cursor.executemany(sql, batch.rows())
    return rows.height
