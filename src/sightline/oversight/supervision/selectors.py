"""Reads of supervision: a team's schedule (who is due or overdue) and a worker's history.

The supervision clock is the engine's T-SUPERVISION, evaluated on demand over the workers'
own frames (`dataset_loader.load_workers_dataset`), so the schedule, the history and the
workforce indicator count it the same way. Each read is authorised and audited as the other
oversight lists are; the children named in a session are shown only to a reader who may open
their records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl
from django.utils import timezone

from sightline.access.policies import children_visible_to
from sightline.actions import MANAGER_ROLES
from sightline.engine.indicators.workforce import SUPERVISED_ROLES
from sightline.oversight.dataset_loader import load_workers_dataset
from sightline.oversight.findings.selectors import may_oversee_team
from sightline.oversight.models import OPEN_STATUSES, DeadlineStatus
from sightline.oversight.selectors.worklists import _audit_list, _authorise_list
from sightline.oversight.services import deadlines_evaluate
from sightline.workforce.models import Supervision, Team, User

__all__ = [
    "SupervisionClock",
    "supervision_clocks",
    "supervision_history",
    "supervision_schedule",
]

_RULE = "T-SUPERVISION"
_ORDER = {
    DeadlineStatus.OVERDUE: 0,
    DeadlineStatus.DUE_SOON: 1,
    DeadlineStatus.PENDING: 2,
    None: 3,
}


@dataclass(frozen=True)
class SupervisionClock:
    """A worker's supervision clock as at a date: the next one due, or None if not supervised."""

    worker: User
    last: date | None
    due: date | None
    status: DeadlineStatus | None
    working_days_overdue: int

    @property
    def supervised(self) -> bool:
        """Whether T-SUPERVISION applies to the worker's role (practitioners, or no role)."""
        return not self.worker.role or self.worker.role in SUPERVISED_ROLES

    @property
    def unknown(self) -> bool:
        """A practitioner with no clock: no start date and no supervision recorded."""
        return self.supervised and self.status is None and self.last is None

    @property
    def status_label(self) -> str:
        if self.status is not None:
            return self.status.label
        if self.unknown:
            return "No date known"
        if not self.supervised:
            return "Supervised under other arrangements (not a practitioner)"
        return "No supervision due"


def supervision_clocks(workers: list[User], as_at: date) -> dict[int, SupervisionClock]:
    """Each worker's open T-SUPERVISION clock as at `as_at`, from the engine."""
    ids = [worker.pk for worker in workers]
    if not ids:
        return {}
    frame = deadlines_evaluate(load_workers_dataset(worker_ids=ids), as_at=as_at, rule_ids=(_RULE,))
    open_clocks = frame.filter(pl.col("status").is_in([s.value for s in OPEN_STATUSES])).sort("due")
    first_open = {}
    for row in open_clocks.select("worker_id", "due", "status", "working_days_overdue").iter_rows():
        first_open.setdefault(row[0], row[1:])
    last = dict(
        Supervision.objects.filter(worker_id__in=ids, date__lte=as_at)
        .order_by("worker_id", "date")
        .values_list("worker_id", "date")
    )
    clocks = {}
    for worker in workers:
        due, status, overdue = first_open.get(worker.pk, (None, None, 0))
        clocks[worker.pk] = SupervisionClock(
            worker=worker,
            last=last.get(worker.pk),
            due=due,
            status=DeadlineStatus(status) if status else None,
            working_days_overdue=int(overdue or 0),
        )
    return clocks


@dataclass(frozen=True)
class Schedule:
    team: Team
    as_at: date
    clocks: list[SupervisionClock]

    def count(self, status: str) -> int:
        return sum(1 for clock in self.clocks if clock.status == status)

    @property
    def overdue(self) -> int:
        return self.count(DeadlineStatus.OVERDUE)

    @property
    def due_soon(self) -> int:
        return self.count(DeadlineStatus.DUE_SOON)

    @property
    def unknown(self) -> int:
        return sum(1 for clock in self.clocks if clock.unknown)


def _team_workers(team: Team, as_at: date) -> list[User]:
    return list(
        User.objects.filter(team=team, is_active=True)
        .exclude(left_on__lt=as_at)
        .exclude(pk=team.manager_id)
        .order_by("last_name", "first_name", "pk")
    )


def supervision_schedule(*, actor, team: Team, as_at: date | None = None, request=None) -> Schedule:
    """The team's workers by when their supervision is due, overdue first.

    For the team's manager, the head of its service and the director. No child is named.
    """
    as_at = as_at or timezone.localdate()
    _authorise_list(
        actor,
        lambda: may_oversee_team(actor, team),
        what="supervision schedule",
        scope={"team_id": team.pk},
        message="You can see the supervision schedule of your own team or service only.",
        request=request,
    )
    clocks = supervision_clocks(_team_workers(team, as_at), as_at)
    ordered = sorted(
        clocks.values(),
        key=lambda c: (_ORDER[c.status], c.due or date.max, c.worker.last_name, c.worker.pk),
    )
    _audit_list(
        actor,
        what="supervision schedule",
        scope={"team_id": team.pk},
        child_ids=[],
        request=request,
    )
    return Schedule(team=team, as_at=as_at, clocks=ordered)


@dataclass
class Session:
    supervision: Supervision
    children: list = field(default_factory=list)
    hidden_children: int = 0
    actions: list = field(default_factory=list)


@dataclass(frozen=True)
class History:
    worker: User
    clock: SupervisionClock
    sessions: list[Session]
    may_record: bool


def may_see_supervision(actor, worker: User) -> bool:
    """The worker themselves, or whoever oversees their team (manager, head, director)."""
    return actor.pk == worker.pk or (
        worker.team is not None and may_oversee_team(actor, worker.team)
    )


def supervision_history(*, actor, worker: User, as_at: date | None = None, request=None) -> History:
    """The worker's supervision sessions, latest first, with the children and actions of each."""
    as_at = as_at or timezone.localdate()
    _authorise_list(
        actor,
        lambda: may_see_supervision(actor, worker),
        what="supervision history",
        scope={"worker_id": worker.pk},
        message="You can see your own supervision, or that of workers in your team or service.",
        request=request,
    )
    supervisions = list(
        Supervision.objects.filter(worker=worker)
        .select_related("supervisor")
        .prefetch_related("children_discussed", "actions__owner", "actions__child")
        .order_by("-date", "-pk")
    )
    named = {child.pk for s in supervisions for child in s.children_discussed.all()} | {
        a.child_id for s in supervisions for a in s.actions.all() if a.child_id
    }
    visible = set(children_visible_to(actor).filter(pk__in=named).values_list("pk", flat=True))
    sessions = []
    for supervision in supervisions:
        discussed = list(supervision.children_discussed.all())
        shown = [child for child in discussed if child.pk in visible]
        sessions.append(
            Session(
                supervision=supervision,
                children=shown,
                hidden_children=len(discussed) - len(shown),
                actions=[
                    (action, action.child if action.child_id in visible else None)
                    for action in supervision.actions.all()
                ],
            )
        )
    _audit_list(
        actor,
        what="supervision history",
        scope={"worker_id": worker.pk},
        child_ids=sorted(visible),
        request=request,
    )
    return History(
        worker=worker,
        clock=supervision_clocks([worker], as_at)[worker.pk],
        sessions=sessions,
        may_record=actor.role in MANAGER_ROLES and actor.pk != worker.pk,
    )
