"""Worklists: a worker's own work, a team manager's team, a head of service's service.

Each needs the role capability to view worklists, and then: a worker sees their own work, a
team manager their team's, a head of service their service's. Children whose record is
restricted are left out for anyone not on its allow-list. Every list read is written to the
access audit with the children it showed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, OuterRef, Q, Subquery

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.policies import Capability, actor_can, children_visible_to
from sightline.access.services import audit_event_record
from sightline.oversight.models import Deadline, DeadlineStatus
from sightline.oversight.selectors.clocks import (
    _FIELDS,
    _PRIORITY_FIRST,
    Clock,
    Freshness,
    _priority_first,
    _Today,
)
from sightline.people.selectors import AUDITED_LIST_IDS
from sightline.standards import codes
from sightline.workforce.models import Service, Team, User

# A team's list of pending or met clocks can run to thousands of rows: it is paged, so the
# page costs the same whatever the team's size.
TEAM_PAGE_SIZE = 100

_ROLE = codes.ROLE.enum


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


def _in_scope(actor, rows) -> list[dict]:
    """The rows about children the actor may open: a worklist has the scope of record access.

    The stored worker and team are kept equal to the allocation (a change of allocation
    refreshes the child's clocks when it commits), so this normally removes nothing; it makes
    sure that a row not yet refreshed never shows a child to someone who would get "not found"
    opening it. One query over the children on the page, not a join on every counted row.
    """
    rows = list(rows)
    ids = {row["child_id"] for row in rows}
    if not ids:
        return rows
    visible = set(children_visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    return [row for row in rows if row["child_id"] in visible]


def _person_name(user: User) -> str:
    return user.get_full_name() or user.username


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
    clocks = today.clocks(_in_scope(actor, rows))
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
    # Only a rule of the rulebook filters (and is audited): anything else typed into the query
    # string is dropped, never copied into the permanent audit.
    if rule_id not in {rule.id for rule in today.rules.rules()}:
        rule_id = ""
    if rule_id:
        filtered = filtered.filter(rule_id=rule_id)
    clock_total = filtered.count()
    page_count = max(1, -(-clock_total // TEAM_PAGE_SIZE))
    page = min(max(1, page), page_count)
    offset = (page - 1) * TEAM_PAGE_SIZE
    rows = filtered.order_by(*_PRIORITY_FIRST).values(*_FIELDS)[offset : offset + TEAM_PAGE_SIZE]
    clocks = today.clocks(_in_scope(actor, rows))
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
        for clock in today.clocks(
            _in_scope(actor, Deadline.objects.filter(pk__in=oldest_ids).values(*_FIELDS))
        )
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
