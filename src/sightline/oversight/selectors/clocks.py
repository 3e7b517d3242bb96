"""Clocks as pages show them: a stored deadline's status, duration and words as at today.

Statuses are worked out from the stored due and met dates at query time: an open clock due
yesterday is overdue today even if the nightly recalculation has not yet run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from sightline.care.models import CareProceedings
from sightline.casework.models import Assessment
from sightline.engine.deadlines import DUE_SOON_WORKING_DAYS, status_on
from sightline.oversight.models import OPEN_STATUSES, DeadlineRun, DeadlineStatus
from sightline.oversight.services import council_standards
from sightline.standards.timescales import Unit

_TAGS = {
    DeadlineStatus.OVERDUE: "govuk-tag--red",
    DeadlineStatus.DUE_SOON: "govuk-tag--yellow",
    DeadlineStatus.MET: "govuk-tag--green",
    DeadlineStatus.MET_LATE: "govuk-tag--orange",
    DeadlineStatus.PENDING: "govuk-tag--grey",
}

# --- Values handed to templates ----------------------------------------------------------------


def _govuk_date(day: date) -> str:
    # Formatted here rather than with the template's date filter: a worklist of hundreds of
    # rows spent most of its rendering time in that filter.
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Clock:
    """One deadline as a page shows it: whose, which rule, when due and where it stands today."""

    deadline_id: int
    child_id: int
    child_name: str
    la_child_id: str
    rule_id: str
    rule_title: str
    record_type: str
    record_id: int | None
    clock_start: date
    due: date
    met_on: date | None
    status: DeadlineStatus
    duration_text: str
    days_overdue: int
    worker_name: str
    team_name: str
    is_child_protection: bool
    is_looked_after: bool
    is_missed: bool = False
    # What the council's settings changed about the rule, or "" (shown wherever the rule is).
    local_standard: str = ""
    # Words the record adds to the clock, shown beside it: the reason a late assessment gave,
    # the extensions a court granted to care proceedings (which do not move the clock).
    note: str = ""

    @property
    def status_label(self) -> str:
        """The status in words, for the tag."""
        return "Missed" if self.is_missed else self.status.label

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag colour for the status (always shown with its words)."""
        return _TAGS[self.status]

    @property
    def clock_start_text(self) -> str:
        """When the clock started, as GOV.UK writes dates: "3 March 2026"."""
        return _govuk_date(self.clock_start)

    @property
    def due_text(self) -> str:
        """The due date, as GOV.UK writes dates."""
        return _govuk_date(self.due)

    @property
    def met_on_text(self) -> str:
        """The date the clock was met, as GOV.UK writes dates, or an empty string."""
        return _govuk_date(self.met_on) if self.met_on else ""

    @property
    def is_priority(self) -> bool:
        """Children on a child protection plan or looked after are listed first."""
        return self.is_child_protection or self.is_looked_after


@dataclass(frozen=True)
class Freshness:
    """When statuses are shown as at, and when every clock was last fully recalculated."""

    as_at: date
    last_run: DeadlineRun | None


# --- Building clocks ---------------------------------------------------------------------------


class _Today:
    """Today's date and the working-day arithmetic every status on a page is worked out with."""

    def __init__(self, as_at: date | None) -> None:
        self.rules, self.calendar = council_standards()
        self.as_at = as_at or timezone.localdate()
        self.due_soon_until = self.calendar.add_working_days(self.as_at, DUE_SOON_WORKING_DAYS)

    def status(self, row: dict) -> DeadlineStatus:
        """The status today of a stored deadline (a `_FIELDS` row)."""
        if row["met_on"] is not None:
            # Met on time or late is settled once the meeting event is recorded.
            return DeadlineStatus(row["status"])
        # Open clocks move on with the days: the engine's own rule, as at today.
        return DeadlineStatus(
            status_on(
                due=row["due"], met_on=None, as_at=self.as_at, due_soon_by=self.due_soon_until
            )
        )

    def running(self) -> Q:
        """A filter for clocks still to be met whose plan, period of care or case is open.

        A clock missed before its plan or case ended stays overdue in the engine's answer (it
        counts in performance figures) but nobody can now meet it, so it is no one's work: it
        shows in the child's history as missed, not on worklists.
        """
        return Q(status__in=OPEN_STATUSES) & (
            Q(context_end__isnull=True) | Q(context_end__gte=self.as_at)
        )

    def in_status(self, statuses) -> Q:
        """A filter for deadlines whose status today is one of `statuses` (open ones running)."""
        running = self.running()
        conditions = {
            DeadlineStatus.OVERDUE: running & Q(due__lt=self.as_at),
            DeadlineStatus.DUE_SOON: running & Q(due__gte=self.as_at, due__lte=self.due_soon_until),
            DeadlineStatus.PENDING: running & Q(due__gt=self.due_soon_until),
            DeadlineStatus.MET: Q(status=DeadlineStatus.MET),
            DeadlineStatus.MET_LATE: Q(status=DeadlineStatus.MET_LATE),
        }
        combined = Q(pk__in=[])
        for status in statuses:
            combined |= conditions[DeadlineStatus(status)]
        return combined

    def _in_working_days(self, rule_id: str) -> bool:
        rule = self.rules.get(rule_id)
        return rule is None or rule.deadline.unit is Unit.WORKING_DAYS

    def _span(self, row: dict, status: DeadlineStatus) -> tuple[date, date] | None:
        """The dates a clock's duration is counted between, for its status today."""
        due = row["due"]
        if status is DeadlineStatus.OVERDUE:
            # As the engine counts it: a missed clock stops growing when its plan or case ends.
            return due, min(self.as_at, row["context_end"] or self.as_at)
        if status in (DeadlineStatus.DUE_SOON, DeadlineStatus.PENDING):
            return None if due == self.as_at else (self.as_at, due)
        if status is DeadlineStatus.MET_LATE and row["met_on"] is not None:
            return due, row["met_on"]
        return None

    def clocks(self, rows) -> list[Clock]:
        """`Clock`s for stored deadlines (`_FIELDS` rows), with their status today.

        Durations are in working days where the rule is counted in working days, and in days
        otherwise (a review due every six months is not measured in working days). The working
        days of a whole page are counted in one vectorised call.
        """
        rows = list(rows)
        statuses = [self.status(row) for row in rows]
        spans = [self._span(row, status) for row, status in zip(rows, statuses, strict=True)]
        working = [self._in_working_days(row["rule_id"]) for row in rows]
        counts: list[int] = [0] * len(rows)
        by_working_day = [i for i, span in enumerate(spans) if span and working[i]]
        if by_working_day:
            between = self.calendar.working_days_between_array(
                np.array([spans[i][0] for i in by_working_day], dtype="datetime64[D]"),
                np.array([spans[i][1] for i in by_working_day], dtype="datetime64[D]"),
            ).filled(0)
            for i, n in zip(by_working_day, between.tolist(), strict=True):
                counts[i] = n
        for i, span in enumerate(spans):
            if span and not working[i]:
                counts[i] = (span[1] - span[0]).days
        notes = _notes(rows)
        return [
            self._clock(
                row,
                status,
                count,
                "working day" if is_working else "day",
                notes.get((row["rule_id"], row["record_id"]), ""),
            )
            for row, status, count, is_working in zip(rows, statuses, counts, working, strict=True)
        ]

    def _clock(
        self, row: dict, status: DeadlineStatus, count: int, unit: str, note: str = ""
    ) -> Clock:
        words = f"{count} {unit}{'' if count == 1 else 's'}"
        ended = row["context_end"]
        missed = status is DeadlineStatus.OVERDUE and ended is not None and ended < self.as_at
        if missed:
            text = f"Not met before it ended on {_govuk_date(ended)}"
        elif status is DeadlineStatus.OVERDUE:
            text = f"{words} overdue"
        elif status in (DeadlineStatus.DUE_SOON, DeadlineStatus.PENDING):
            text = "Due today" if row["due"] == self.as_at else f"Due in {words}"
        elif status is DeadlineStatus.MET_LATE:
            text = f"Met {words} late"
        else:
            text = "Met on time"
        rule = self.rules.get(row["rule_id"])
        worker = " ".join(
            name for name in (row["worker__first_name"], row["worker__last_name"]) if name
        )
        return Clock(
            deadline_id=row["pk"],
            child_id=row["child_id"],
            child_name=f"{row['child__first_name']} {row['child__last_name']}",
            la_child_id=row["child__la_child_id"] or "",
            rule_id=row["rule_id"],
            rule_title=rule.title if rule is not None else row["rule_id"],
            record_type=row["record_type"],
            record_id=row["record_id"],
            clock_start=row["clock_start"],
            due=row["due"],
            met_on=row["met_on"],
            status=status,
            duration_text=text,
            days_overdue=count if status is DeadlineStatus.OVERDUE else 0,
            worker_name=(worker or row["worker__username"]) if row["worker_id"] else "Unallocated",
            team_name=row["team__name"] or "",
            is_child_protection=row["is_child_protection"],
            is_looked_after=row["is_looked_after"],
            is_missed=missed,
            local_standard=rule.describe_local_standard() if rule is not None else "",
            note=note,
        )

    def freshness(self) -> Freshness:
        return Freshness(
            as_at=self.as_at, last_run=DeadlineRun.objects.order_by("-finished_at").first()
        )


def _notes(rows: list[dict]) -> dict[tuple[str, int], str]:
    """The words each clock's own record adds, by (rule ID, record ID): one query per rule
    that has any, however many clocks the page shows.

    A late assessment shows the reason recorded when it was authorised (Working Together:
    reasons must be recorded when 45 working days are exceeded). Care proceedings show the
    extensions granted beside the 26-week clock, which they never move (s32(5)).
    """
    wanted: dict[str, set[int]] = {}
    due_of: dict[int, date] = {}
    for row in rows:
        if row["record_id"] is None:
            continue
        if row["rule_id"] == "T-ASSESSMENT" and row["record_type"] == "assessments":
            wanted.setdefault("T-ASSESSMENT", set()).add(row["record_id"])
        elif row["rule_id"] == "T-PROCEEDINGS" and row["record_type"] == "care_proceedings":
            wanted.setdefault("T-PROCEEDINGS", set()).add(row["record_id"])
            due_of[row["record_id"]] = row["due"]
    notes: dict[tuple[str, int], str] = {}
    if "T-ASSESSMENT" in wanted:
        reasons = Assessment.objects.filter(pk__in=wanted["T-ASSESSMENT"]).exclude(delay_reason="")
        for pk, reason in reasons.values_list("pk", "delay_reason"):
            notes[("T-ASSESSMENT", pk)] = f"Reason for delay: {reason.strip()}"
    if "T-PROCEEDINGS" in wanted:
        extended = CareProceedings.objects.filter(
            pk__in=wanted["T-PROCEEDINGS"], extension_weeks__gt=0
        )
        for pk, weeks in extended.values_list("pk", "extension_weeks"):
            until = due_of[pk] + timedelta(weeks=weeks)
            notes[("T-PROCEEDINGS", pk)] = (
                f"Extended by {weeks} week{'' if weeks == 1 else 's'}, to {_govuk_date(until)}; "
                "the 26 weeks are not moved"
            )
    return notes


# Read as plain values, not model instances: a worklist row needs three models' worth of
# fields, and instantiating them cost more than the query and the template together.
_FIELDS = (
    "pk",
    "child_id",
    "rule_id",
    "record_type",
    "record_id",
    "clock_start",
    "due",
    "met_on",
    "status",
    "context_end",
    "is_child_protection",
    "is_looked_after",
    "worker_id",
    "child__first_name",
    "child__last_name",
    "child__la_child_id",
    "worker__first_name",
    "worker__last_name",
    "worker__username",
    "team__name",
)

# Children on a child protection plan or looked after first, then the oldest due date.
_PRIORITY_FIRST = (
    Case(
        When(Q(is_child_protection=True) | Q(is_looked_after=True), then=Value(0)),
        default=Value(1),
    ),
    "due",
    "pk",
)


def _priority_first(clocks: list[Clock]) -> list[Clock]:
    return sorted(clocks, key=lambda c: (not c.is_priority, c.due, c.child_name, c.deadline_id))


# --- Selectors ---------------------------------------------------------------------------------
