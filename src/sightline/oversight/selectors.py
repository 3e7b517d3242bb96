"""Reads of deadlines for worklists and the child record, each scoped to the acting user.

Statuses are shown as at today, worked out from the stored due and met dates at query time:
an open clock due yesterday is overdue today even if the nightly recalculation has not yet run.
Worklists need the role capability to view worklists, and then: a worker sees their own work, a
team manager their team's, a head of service their service's. Children whose record is
restricted are left out for anyone not on its allow-list. Every list read is written to the
access audit with the children it showed; a child's own clocks go through the child record's
single gate, `access.services.child_read_authorise`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import polars as pl
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Min, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.policies import Capability, actor_can
from sightline.access.services import audit_event_record, child_read_authorise
from sightline.engine.deadlines import DUE_SOON_WORKING_DAYS
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.models import OPEN_STATUSES, Deadline, DeadlineRun, DeadlineStatus
from sightline.oversight.services import council_standards, deadlines_evaluate
from sightline.people.selectors import AUDITED_LIST_IDS
from sightline.standards import codes
from sightline.standards.timescales import Unit
from sightline.workforce.models import Service, Team, User

__all__ = [
    "ChildClocks",
    "Clock",
    "ServiceOverview",
    "TeamWorklist",
    "Worklist",
    "child_clocks",
    "deadline_instances_as_at",
    "service_overview",
    "team_worklist",
    "worklist_for_worker",
]

# A team's list of pending or met clocks can run to thousands of rows: it is paged, so the
# page costs the same whatever the team's size.
TEAM_PAGE_SIZE = 100
CHILD_HISTORY_LIMIT = 50


_TAGS = {
    DeadlineStatus.OVERDUE: "govuk-tag--red",
    DeadlineStatus.DUE_SOON: "govuk-tag--yellow",
    DeadlineStatus.MET: "govuk-tag--green",
    DeadlineStatus.MET_LATE: "govuk-tag--orange",
    DeadlineStatus.PENDING: "govuk-tag--grey",
}
_ROLE = codes.ROLE.enum


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


@dataclass(frozen=True)
class Worklist:
    """A worker's open clocks: overdue (oldest first), then due in the next 5 working days."""

    worker: User
    overdue: list[Clock]
    due_soon: list[Clock]
    freshness: Freshness


@dataclass(frozen=True)
class WorkerCounts:
    """One row of a team's summary."""

    worker_id: int | None
    worker_name: str
    overdue: int = 0
    due_soon: int = 0
    oldest_overdue_due: date | None = None


@dataclass(frozen=True)
class TeamWorklist:
    """A team's clocks by worker, and the clocks matching the manager's filters."""

    team: Team
    by_worker: list[WorkerCounts]
    clocks: list[Clock]
    clock_total: int
    page: int
    page_count: int
    rule_id: str
    statuses: tuple[str, ...]
    rule_choices: list[tuple[str, str]]
    status_choices: list[tuple[str, str]]
    overdue_total: int
    due_soon_total: int
    freshness: Freshness


@dataclass(frozen=True)
class TeamCounts:
    """One row of a service's summary: a team's open clocks and its oldest overdue one."""

    team: Team
    overdue: int
    due_soon: int
    oldest_overdue: Clock | None


@dataclass(frozen=True)
class ServiceOverview:
    """A service's teams with their counts and oldest overdue clock."""

    service: Service
    teams: list[TeamCounts]
    overdue_total: int
    due_soon_total: int
    freshness: Freshness


@dataclass(frozen=True)
class ChildClocks:
    """One child's clocks: those still open, and the history of those met on time or late."""

    child_id: int
    open: list[Clock]
    history: list[Clock]
    history_total: int
    freshness: Freshness
    overdue_count: int


# --- Access ------------------------------------------------------------------------------------


def _manages_team(actor, team: Team) -> bool:
    return team.manager_id == actor.pk or (
        actor.role == _ROLE.TEAM_MANAGER and actor.team_id == team.pk
    )


def _heads_service(actor, service_id: int | None) -> bool:
    return (
        service_id is not None
        and actor.role == _ROLE.HEAD_OF_SERVICE
        and Service.objects.filter(pk=service_id, head_id=actor.pk).exists()
    )


def _may_oversee_team(actor, team: Team | None) -> bool:
    return team is not None and (
        _manages_team(actor, team) or _heads_service(actor, team.service_id)
    )


def _authorise_list(actor, in_scope, *, what: str, scope: dict, message: str, request) -> None:
    """Refuse with `PermissionDenied`, auditing the attempt, unless the actor may see the list.

    `in_scope` is called only once the actor is known to be signed in with a role that has
    worklists at all.
    """
    if actor_can(actor, Capability.VIEW_WORKLIST) and in_scope():
        return
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        detail={"allowed": False, "list": what, **scope},
        request=request,
    )
    raise PermissionDenied(message)


def _audit_list(actor, *, what: str, scope: dict, child_ids, request) -> None:
    """One audit event for a list shown: which list, for whom, and the children on it."""
    ids = sorted(set(child_ids))
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        detail={
            "allowed": True,
            "list": what,
            **scope,
            "result_count": len(ids),
            "result_ids": ids[:AUDITED_LIST_IDS],
        },
        request=request,
    )


def _hidden_from(actor) -> list[int]:
    """The children whose record is restricted and whose allow-list does not name `actor`.

    Fetched once as a (short) list: excluding them with a subquery instead would make every
    count look up each counted row, where the worklist indexes alone can answer it.
    """
    return list(
        RestrictedRecord.objects.exclude(allow_list=actor).values_list("child_id", flat=True)
    )


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
        if row["due"] < self.as_at:
            return DeadlineStatus.OVERDUE
        if row["due"] <= self.due_soon_until:
            return DeadlineStatus.DUE_SOON
        return DeadlineStatus.PENDING

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
        return [
            self._clock(row, status, count, "working day" if is_working else "day")
            for row, status, count, is_working in zip(rows, statuses, counts, working, strict=True)
        ]

    def _clock(self, row: dict, status: DeadlineStatus, count: int, unit: str) -> Clock:
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
        )

    def freshness(self) -> Freshness:
        return Freshness(
            as_at=self.as_at, last_run=DeadlineRun.objects.order_by("-finished_at").first()
        )


def _person_name(user: User) -> str:
    return user.get_full_name() or user.username


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


def worklist_for_worker(
    *, actor, worker: User, as_at: date | None = None, request=None
) -> Worklist:
    """Return `worker`'s overdue and due-soon clocks, children on CP plans or looked after first.

    `actor` may read their own worklist, or a worker's in a team they manage or a service they
    head; anyone else is refused with `PermissionDenied`. `as_at` defaults to today.
    """

    def in_scope() -> bool:
        if actor.pk == worker.pk:
            return True
        team = Team.objects.filter(pk=worker.team_id).first() if worker.team_id else None
        return _may_oversee_team(actor, team)

    scope = {"worker_id": worker.pk}
    _authorise_list(
        actor,
        in_scope,
        what="worker worklist",
        scope=scope,
        message="You can see the worklists of your own team or service only.",
        request=request,
    )
    today = _Today(as_at)
    rows = (
        Deadline.objects.filter(today.running(), worker=worker, due__lte=today.due_soon_until)
        .exclude(child_id__in=_hidden_from(actor))
        .values(*_FIELDS)
    )
    clocks = today.clocks(rows)
    _audit_list(
        actor,
        what="worker worklist",
        scope=scope,
        child_ids=[c.child_id for c in clocks],
        request=request,
    )
    return Worklist(
        worker=worker,
        overdue=_priority_first([c for c in clocks if c.status is DeadlineStatus.OVERDUE]),
        due_soon=_priority_first([c for c in clocks if c.status is DeadlineStatus.DUE_SOON]),
        freshness=today.freshness(),
    )


def team_for_actor(*, actor) -> Team | None:
    """Return the team `actor` manages (for the team page's default), or None."""
    managed = Team.objects.filter(manager_id=actor.pk).order_by("name").first()
    if managed is None and actor.role == _ROLE.TEAM_MANAGER and actor.team_id:
        managed = Team.objects.filter(pk=actor.team_id).first()
    return managed


def service_for_actor(*, actor) -> Service | None:
    """Return the service `actor` heads (for the service page's default), or None."""
    return Service.objects.filter(head_id=actor.pk).order_by("name").first()


def team_worklist(
    *,
    actor,
    team: Team,
    rule_id: str = "",
    statuses: tuple[str, ...] = (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON),
    page: int = 1,
    as_at: date | None = None,
    request=None,
) -> TeamWorklist:
    """Return `team`'s open clocks counted by worker, and its clocks filtered by rule and status.

    The filtered clocks come a page at a time (`TEAM_PAGE_SIZE`), children on a child
    protection plan or looked after first, then oldest due first. Only the team's manager and
    the head of its service may read it.
    """
    _authorise_list(
        actor,
        lambda: _may_oversee_team(actor, team),
        what="team worklist",
        scope={"team_id": team.pk},
        message="Only the team's manager or head of service can see the team's worklist.",
        request=request,
    )
    today = _Today(as_at)
    statuses = tuple(s for s in statuses if s in DeadlineStatus.values) or (
        DeadlineStatus.OVERDUE,
        DeadlineStatus.DUE_SOON,
    )
    teams_clocks = Deadline.objects.filter(team=team).exclude(child_id__in=_hidden_from(actor))
    open_now = teams_clocks.filter(today.running(), due__lte=today.due_soon_until)
    overdue = Q(due__lt=today.as_at)
    counts = {
        row["worker_id"]: row
        for row in open_now.values("worker_id").annotate(
            overdue=Count("pk", filter=overdue),
            due_soon=Count("pk", filter=~overdue),
            oldest_overdue_due=Min("due", filter=overdue),
        )
    }
    members = {
        user.pk: _person_name(user)
        for user in User.objects.filter(Q(team=team, is_active=True) | Q(pk__in=list(counts)))
        .exclude(pk=team.manager_id)
        .only("first_name", "last_name", "username")
    }
    by_worker = [
        WorkerCounts(
            worker_id=worker_id,
            worker_name=members.get(worker_id, "Unallocated") if worker_id else "Unallocated",
            overdue=counts.get(worker_id, {}).get("overdue", 0),
            due_soon=counts.get(worker_id, {}).get("due_soon", 0),
            oldest_overdue_due=counts.get(worker_id, {}).get("oldest_overdue_due"),
        )
        for worker_id in sorted(set(members) | set(counts), key=lambda k: (k is None, k or 0))
    ]
    by_worker.sort(key=lambda w: (-w.overdue, -w.due_soon, w.worker_name))
    filtered = teams_clocks.filter(today.in_status(statuses))
    if rule_id:
        filtered = filtered.filter(rule_id=rule_id)
    clock_total = filtered.count()
    page_count = max(1, -(-clock_total // TEAM_PAGE_SIZE))
    page = min(max(1, page), page_count)
    offset = (page - 1) * TEAM_PAGE_SIZE
    rows = filtered.order_by(*_PRIORITY_FIRST).values(*_FIELDS)[offset : offset + TEAM_PAGE_SIZE]
    clocks = today.clocks(rows)
    _audit_list(
        actor,
        what="team worklist",
        scope={"team_id": team.pk, "rule_id": rule_id, "statuses": list(statuses), "page": page},
        child_ids=[c.child_id for c in clocks],
        request=request,
    )
    return TeamWorklist(
        team=team,
        by_worker=by_worker,
        clocks=clocks,
        clock_total=clock_total,
        page=page,
        page_count=page_count,
        rule_id=rule_id,
        statuses=statuses,
        rule_choices=[(rule.id, rule.title) for rule in today.rules.rules()],
        status_choices=[(s.value, s.label) for s in DeadlineStatus],
        overdue_total=sum(w.overdue for w in by_worker),
        due_soon_total=sum(w.due_soon for w in by_worker),
        freshness=today.freshness(),
    )


def service_overview(
    *, actor, service: Service, as_at: date | None = None, request=None
) -> ServiceOverview:
    """Return each team in `service` with its overdue and due-soon counts and oldest overdue clock.

    Only the head of the service may read it.
    """
    _authorise_list(
        actor,
        lambda: _heads_service(actor, service.pk),
        what="service overview",
        scope={"service_id": service.pk},
        message="Only the head of this service can see the service view.",
        request=request,
    )
    today = _Today(as_at)
    hidden = _hidden_from(actor)
    oldest = (
        Deadline.objects.filter(today.running(), team=OuterRef("pk"), due__lt=today.as_at)
        .exclude(child_id__in=hidden)
        .order_by("due", "pk")
        .values("pk")[:1]
    )
    teams = list(
        Team.objects.filter(service=service)
        .annotate(oldest_overdue_id=Subquery(oldest))
        .order_by("name")
    )
    # Counted from the open clocks' index range, team by team: a join from teams to all their
    # deadlines would scan years of met clocks to count a few hundred open ones.
    overdue = Q(due__lt=today.as_at)
    counts = {
        row["team_id"]: row
        for row in Deadline.objects.filter(
            today.running(),
            team_id__in=[team.pk for team in teams],
            due__lte=today.due_soon_until,
        )
        .exclude(child_id__in=hidden)
        .values("team_id")
        .annotate(overdue=Count("pk", filter=overdue), due_soon=Count("pk", filter=~overdue))
    }
    oldest_ids = [team.oldest_overdue_id for team in teams if team.oldest_overdue_id]
    oldest_clocks = {
        clock.deadline_id: clock
        for clock in today.clocks(Deadline.objects.filter(pk__in=oldest_ids).values(*_FIELDS))
    }
    rows = [
        TeamCounts(
            team=team,
            overdue=counts.get(team.pk, {}).get("overdue", 0),
            due_soon=counts.get(team.pk, {}).get("due_soon", 0),
            oldest_overdue=oldest_clocks.get(team.oldest_overdue_id),
        )
        for team in teams
    ]
    rows.sort(key=lambda r: (-r.overdue, -r.due_soon, r.team.name))
    _audit_list(
        actor,
        what="service overview",
        scope={"service_id": service.pk},
        child_ids=[clock.child_id for clock in oldest_clocks.values()],
        request=request,
    )
    return ServiceOverview(
        service=service,
        teams=rows,
        overdue_total=sum(r.overdue for r in rows),
        due_soon_total=sum(r.due_soon for r in rows),
        freshness=today.freshness(),
    )


def child_clocks(*, actor, child, as_at: date | None = None, request=None) -> ChildClocks:
    """Return `child`'s open clocks (soonest first) and history of clocks met, on time or late.

    Whoever may open the child's record may see its clocks: the read goes through the record's
    single gate, `child_read_authorise`, which audits it and raises `Http404` (outside the
    actor's scope) or `PermissionDenied` as it does for every page of the record.
    """
    child_read_authorise(actor=actor, child=child, request=request)
    today = _Today(as_at)
    rows = Deadline.objects.filter(child_id=child.pk)
    open_rows = today.clocks(rows.filter(today.running()).order_by("due", "pk").values(*_FIELDS))
    # The history: clocks met, on time or late, and those missed before their plan or case ended.
    met = rows.filter(
        Q(status__in=(DeadlineStatus.MET, DeadlineStatus.MET_LATE))
        | (Q(status__in=OPEN_STATUSES) & ~today.running())
    )
    history = today.clocks(met.order_by("-due", "-pk").values(*_FIELDS)[:CHILD_HISTORY_LIMIT])
    return ChildClocks(
        child_id=child.pk,
        open=open_rows,
        history=history,
        history_total=met.count(),
        freshness=today.freshness(),
        overdue_count=sum(c.status is DeadlineStatus.OVERDUE for c in open_rows),
    )


def deadline_instances_as_at(*, as_at: date) -> pl.DataFrame:
    """Return every deadline instance as at `as_at`, worked out afresh from the live record.

    For the `sightline deadlines` command, run by an operator with access to the server; not
    for pages (which read the stored deadlines). Columns: child_id (the LA child ID), rule_id,
    record_type, record_id, clock_start, due, met_on, status, worker and team (names).
    """
    dataset = load_dataset()
    frame = deadlines_evaluate(dataset, as_at=as_at)
    children = dataset["children"].select("child_id", "la_child_id")
    workers = dataset["workers"].select("worker_id", pl.col("name").alias("worker"))
    teams = dataset["teams"].select("team_id", pl.col("name").alias("team"))
    return (
        frame.join(children, on="child_id", how="left")
        .join(workers, on="worker_id", how="left")
        .join(teams, on="team_id", how="left")
        .sort(["la_child_id", "rule_id", "clock_start", "due", "record_id"], nulls_last=True)
        .select(
            pl.col("la_child_id").alias("child_id"),
            "rule_id",
            "record_type",
            "record_id",
            "clock_start",
            "due",
            "met_on",
            "status",
            "worker",
            "team",
        )
    )
