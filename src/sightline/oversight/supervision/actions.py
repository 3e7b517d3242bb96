"""A manager's record of a worker's supervision, through the one write pattern (ADR 0011).

Supervision is about a worker, not one child, so it is not a `ChildRecordAction`; it keeps the
same order. ``check()`` runs before any transaction, so a refusal's audit event stands: the
supervisor must be a team manager or head of service over the worker's team, may not
supervise themselves, and may name only children whose records they may open. Then, in one
transaction: validate (``full_clean()`` on the session and each action), save, and write the
audit: one event for the session and one on each child discussed, so the child's access log
shows that their case was discussed and by whom. The worker's T-SUPERVISION clock is worked
out from the record when it is read (the schedule and history pages), so there is nothing to
refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.access.policies import children_visible_to
from sightline.access.services import audit_event_record
from sightline.actions import MANAGER_ROLES
from sightline.oversight.findings.selectors import may_oversee_team
from sightline.people.models import Person
from sightline.workforce.models import Supervision, SupervisionAction, User

__all__ = ["AgreedAction", "SupervisionRecord", "supervision_record"]


@dataclass(frozen=True)
class AgreedAction:
    """One action agreed in supervision: what, by whom, by when, and about which child."""

    action: str
    owner: User
    due: date
    child: Person | None = None


class SupervisionRecord:
    """One supervision session recorded by its supervisor; ``execute()`` runs it."""

    def __init__(
        self,
        *,
        actor,
        worker: User,
        date: date,
        notes: str = "",
        children: list[Person] = (),
        actions: list[AgreedAction] = (),
        request=None,
    ) -> None:
        self.actor = actor
        self.worker = worker
        self.date = date
        self.notes = notes
        self.children = list(children)
        self.actions = list(actions)
        self.request = request

    def _refusal(self) -> str | None:
        if self.actor.role not in MANAGER_ROLES:
            return "Only a team manager or head of service can record supervision."
        if self.worker.pk == self.actor.pk:
            return "You cannot record your own supervision."
        if self.worker.team is None or not may_oversee_team(self.actor, self.worker.team):
            return "You can record supervision of workers in your own team or service only."
        named = {child.pk for child in self.children} | {
            a.child.pk for a in self.actions if a.child is not None
        }
        if named:
            seen = children_visible_to(self.actor).filter(pk__in=named).count()
            if seen != len(named):
                return "You can name only children whose records you may open."
        return None

    def check(self) -> None:
        """Refuse, with a standing audit event, unless the actor may record this supervision."""
        refusal = self._refusal()
        if refusal is not None:
            audit_event_record(
                actor=self.actor,
                action=AuditAction.CREATE,
                detail={"allowed": False, "basis": refusal, "worker_id": self.worker.pk},
                request=self.request,
            )
            raise PermissionDenied(refusal)

    def _validate(self) -> None:
        today = timezone.localdate()
        if self.date > today:
            raise ValidationError(
                {"date_day": "The date of the supervision must be today or in the past"}
            )
        if self.worker.started_on and self.date < self.worker.started_on:
            raise ValidationError(
                {
                    "date_day": "The date of the supervision must be on or after the day "
                    f"{self.worker} started ({self.worker.started_on:%-d %B %Y})"
                }
            )
        for agreed in self.actions:
            if agreed.due < self.date:
                raise ValidationError(
                    "Each action must be due on or after the day of the supervision."
                )

    def execute(self) -> Supervision:
        self.check()
        self._validate()
        with transaction.atomic():
            supervision = Supervision(
                worker=self.worker,
                supervisor=self.actor,
                date=self.date,
                notes=self.notes.strip(),
                recorded_at=timezone.now(),
            )
            supervision.full_clean()
            supervision.save()
            supervision.children_discussed.set(self.children)
            for agreed in self.actions:
                action = SupervisionAction(
                    supervision=supervision,
                    child=agreed.child,
                    action=agreed.action.strip(),
                    owner=agreed.owner,
                    due=agreed.due,
                )
                action.full_clean()
                action.save()
            detail = {
                "allowed": True,
                "basis": "supervisor",
                "worker_id": self.worker.pk,
                "child_ids": sorted(child.pk for child in self.children),
            }
            audit_event_record(
                actor=self.actor,
                action=AuditAction.CREATE,
                obj=supervision,
                detail=detail,
                request=self.request,
            )
            for child in self.children:
                audit_event_record(
                    actor=self.actor,
                    action=AuditAction.CREATE,
                    child=child,
                    obj=supervision,
                    detail={"allowed": True, "basis": "discussed in supervision"},
                    request=self.request,
                )
        return supervision


def supervision_record(
    *,
    actor,
    worker: User,
    date: date,
    notes: str = "",
    children: list[Person] = (),
    actions: list[AgreedAction] = (),
    request=None,
) -> Supervision:
    """Record `worker`'s supervision by `actor` on `date` (T-SUPERVISION's meeting event)."""
    return SupervisionRecord(
        actor=actor,
        worker=worker,
        date=date,
        notes=notes,
        children=children,
        actions=actions,
        request=request,
    ).execute()
