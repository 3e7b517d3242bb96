"""A child's own clocks, a part of their record.

They are read from the `ChildRecord` that `people.selectors.child_record_open` returned, so
the page showing them is authorised and audited once, by the record's single gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from sightline.oversight.models import OPEN_STATUSES, Deadline, DeadlineStatus
from sightline.oversight.selectors.clocks import _FIELDS, Clock, Freshness, _Today
from sightline.people.selectors import ChildRecord

CHILD_HISTORY_LIMIT = 50


@dataclass(frozen=True)
class ChildClocks:
    """One child's clocks: those still open, and the history of those met, met late or missed."""

    child_id: int
    open: list[Clock]
    history: list[Clock]
    history_total: int
    freshness: Freshness
    overdue_count: int
    due_soon_count: int


@dataclass(frozen=True)
class ChildClockSummary:
    """The headline of a child's clocks, for their record's summary page."""

    as_at: date
    overdue_count: int
    due_soon_count: int
    open_count: int
    next_due: Clock | None  # the open clock due soonest, today or later


def _opened_child_id(record: ChildRecord) -> int:
    """The child of an opened record; refuse anything that did not come through the gate."""
    if not isinstance(record, ChildRecord):
        raise TypeError("Open the child's record with child_record_open() first")
    return record.child.pk


def child_clocks(*, record: ChildRecord, as_at: date | None = None) -> ChildClocks:
    """Return the opened child's open clocks and the history of those met, met late or missed.

    Open clocks come soonest due first, so the longest overdue heads the list; the history
    comes latest due first, the latest `CHILD_HISTORY_LIMIT` of them. `record` is the proof,
    from `child_record_open`, that the read was authorised and audited: nothing is checked or
    audited again here. Four queries, however many clocks the child has.
    """
    child_id = _opened_child_id(record)
    today = _Today(as_at)
    rows = Deadline.objects.filter(child_id=child_id)
    open_rows = today.clocks(rows.filter(today.running()).order_by("due", "pk").values(*_FIELDS))
    # The history: clocks met, on time or late, and those missed before their plan or case ended.
    ended = rows.filter(
        Q(status__in=(DeadlineStatus.MET, DeadlineStatus.MET_LATE))
        | (Q(status__in=OPEN_STATUSES) & ~today.running())
    )
    history = today.clocks(ended.order_by("-due", "-pk").values(*_FIELDS)[:CHILD_HISTORY_LIMIT])
    return ChildClocks(
        child_id=child_id,
        open=open_rows,
        history=history,
        history_total=ended.count(),
        freshness=today.freshness(),
        overdue_count=sum(c.status is DeadlineStatus.OVERDUE for c in open_rows),
        due_soon_count=sum(c.status is DeadlineStatus.DUE_SOON for c in open_rows),
    )


def child_clock_summary(*, record: ChildRecord, as_at: date | None = None) -> ChildClockSummary:
    """Return how many of the opened child's clocks are overdue and due soon, and the next due.

    "Due soon" is due within the next 5 working days, as on the worklists. Like `child_clocks`,
    it reads from a record already opened (authorised and audited) and checks nothing again.
    Two queries, however many clocks the child has.
    """
    child_id = _opened_child_id(record)
    today = _Today(as_at)
    running = Deadline.objects.filter(today.running(), child_id=child_id)
    counts = running.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(due__lt=today.as_at)),
        due_soon=Count("pk", filter=Q(due__gte=today.as_at, due__lte=today.due_soon_until)),
    )
    upcoming = today.clocks(
        running.filter(due__gte=today.as_at).order_by("due", "pk").values(*_FIELDS)[:1]
    )
    return ChildClockSummary(
        as_at=today.as_at,
        overdue_count=counts["overdue"],
        due_soon_count=counts["due_soon"],
        open_count=counts["open"],
        next_due=upcoming[0] if upcoming else None,
    )
