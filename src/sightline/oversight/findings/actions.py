"""A manager's writes on findings and allocations, each through the one write pattern.

* `finding_acknowledge`: a team manager, head of service or director who may see the child
  takes a finding on, with an action (what will be done, by whom, by when) or, when nothing
  needs doing, the reason. The finding stops climbing the chain; the step is on the child's
  chronology and in the audit.
* `child_allocate`: one child of the team's queue (or one child moving within the team) given
  to a named worker of the team: the same move as a reallocation's, one child at a time.
* `caseload_reallocate`: a leaving worker's children moved to receiving workers in one go.
  Every move is checked before any is written (so a refusal or a mistake moves nobody), then
  each child's move is its own action: the open allocation ends today, the new one starts
  today (the history is kept), the child's clocks are recalculated when it commits (the
  allocation's own signal), and the child's unresolved findings follow the child at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.actions import ChildRecordAction
from sightline.oversight.models import (
    UNACKNOWLEDGED,
    Finding,
    FindingStatus,
    FindingStep,
    FindingStepKind,
)
from sightline.standards import codes
from sightline.workforce.models import Allocation, User

__all__ = [
    "ACKNOWLEDGING_ROLES",
    "Move",
    "caseload_reallocate",
    "child_allocate",
    "finding_acknowledge",
    "reallocation_check",
]

_ROLE = codes.ROLE.enum
# Anyone on the chain a finding climbs may take it on.
ACKNOWLEDGING_ROLES = frozenset({_ROLE.TEAM_MANAGER, _ROLE.HEAD_OF_SERVICE, _ROLE.DIRECTOR})
# Reallocating is a team manager's (or their head of service's) decision.
REALLOCATING_ROLES = frozenset({_ROLE.TEAM_MANAGER, _ROLE.HEAD_OF_SERVICE})


class FindingAcknowledge(ChildRecordAction):
    doing = "acknowledge findings"
    audit_action = AuditAction.UPDATE

    def __init__(
        self,
        *,
        finding: Finding,
        action: str,
        action_owner: User | None,
        action_due: date | None,
        no_action_reason: str,
        **kwargs,
    ) -> None:
        super().__init__(child=finding.child, **kwargs)
        self.finding = finding
        self.action = action.strip()
        self.action_owner = action_owner
        self.action_due = action_due
        self.no_action_reason = no_action_reason.strip()

    def _role_refusal(self) -> str | None:
        refusal = super()._role_refusal()
        if refusal is None and self.actor.role not in ACKNOWLEDGING_ROLES:
            return "Only a team manager, head of service or director can acknowledge findings."
        return refusal

    def perform(self) -> Finding:
        finding = Finding.objects.select_for_update().get(pk=self.finding.pk)
        if finding.status not in UNACKNOWLEDGED:
            raise ValidationError(
                f"This finding is already {finding.get_status_display().lower()}; "
                "nothing was changed."
            )
        if bool(self.action) == bool(self.no_action_reason):
            raise ValidationError("Give either an action or the reason no action is needed.")
        if self.action and (self.action_owner is None or self.action_due is None):
            raise ValidationError("An action needs who will do it and the date it is due.")
        now = timezone.now()
        finding.status = FindingStatus.ACKNOWLEDGED
        finding.acknowledged_by = self.actor
        finding.acknowledged_at = now
        finding.action = self.action
        finding.action_owner = self.action_owner if self.action else None
        finding.action_due = self.action_due if self.action else None
        finding.no_action_reason = self.no_action_reason
        finding.full_clean()
        finding.save()
        FindingStep.objects.create(
            finding=finding,
            child=self.child,
            kind=FindingStepKind.ACKNOWLEDGED,
            on=timezone.localdate(now),
            recorded_at=now,
            by=self.actor,
            level=finding.level,
            note=self.action or f"No action needed: {self.no_action_reason}",
        )
        return finding


def finding_acknowledge(
    *,
    actor,
    finding: Finding,
    action: str = "",
    action_owner: User | None = None,
    action_due: date | None = None,
    no_action_reason: str = "",
    request=None,
) -> Finding:
    """Acknowledge `finding` with an action (what, `action_owner`, `action_due`) or a reason."""
    return FindingAcknowledge(
        actor=actor,
        finding=finding,
        action=action,
        action_owner=action_owner,
        action_due=action_due,
        no_action_reason=no_action_reason,
        request=request,
    ).execute()


class AllocationMove(ChildRecordAction):
    doing = "reallocate children"
    audit_action = AuditAction.UPDATE

    def __init__(self, *, allocation: Allocation, worker: User, on: date, reason: str, **kwargs):
        super().__init__(child=allocation.child, **kwargs)
        self.allocation = allocation
        self.worker = worker
        self.on = on
        self.reason = reason

    def _role_refusal(self) -> str | None:
        refusal = super()._role_refusal()
        if refusal is None and self.actor.role not in REALLOCATING_ROLES:
            return "Only a team manager or head of service can reallocate children."
        return refusal

    def perform(self) -> Allocation:
        current = Allocation.objects.select_for_update().get(pk=self.allocation.pk)
        if current.end_date is not None or current.worker_id != self.allocation.worker_id:
            raise ValidationError(
                f"The allocation of child {self.child.la_child_id} changed meanwhile; "
                "nothing was moved. Start again."
            )
        # A period's end day is its last (standards.periods): the leaving worker holds the
        # child until the day before the move, unless the allocation began that same day.
        current.end_date = max(current.start_date, self.on - timedelta(days=1))
        current.end_reason = self.reason[:200]
        current.full_clean()
        current.save(update_fields=["end_date", "end_reason"])
        moved = Allocation(
            child=self.child, team=self.worker.team, worker=self.worker, start_date=self.on
        )
        moved.full_clean()
        moved.save()
        Finding.objects.filter(child=self.child).exclude(status=FindingStatus.RESOLVED).update(
            worker=self.worker, team=self.worker.team
        )
        return moved


@dataclass(frozen=True)
class Move:
    """One child of the leaving worker's caseload and the worker receiving them."""

    allocation: Allocation
    worker: User


def reallocation_check(*, actor, leaving: User, moves: list[Move]) -> None:
    """Refuse the whole reallocation, before anything is written, if any move cannot be made."""
    for move in moves:
        if move.allocation.worker_id != leaving.pk or move.allocation.end_date is not None:
            raise ValidationError(
                f"Child {move.allocation.child.la_child_id} is no longer allocated to {leaving}."
            )
        if move.worker.pk == leaving.pk:
            raise ValidationError(f"Choose someone other than {leaving} to receive each child.")
        if not move.worker.is_active or move.worker.team_id is None:
            raise ValidationError(f"{move.worker} cannot receive children.")
        AllocationMove(
            actor=actor,
            allocation=move.allocation,
            worker=move.worker,
            on=timezone.localdate(),
            reason="",
        ).check()


def caseload_reallocate(
    *, actor, leaving: User, moves: list[Move], reason: str = "", request=None
) -> list[Allocation]:
    """Move each child of `moves` from `leaving` to its receiving worker, today.

    Every move is checked first (access, role, that the allocation is still the leaving
    worker's); one refused or impossible move moves nobody. The moves are then made one child
    at a time, each its own action (as ADR 0011 requires: no outer transaction).
    """
    reallocation_check(actor=actor, leaving=leaving, moves=moves)
    on = timezone.localdate()
    reason = reason.strip() or f"Reallocated by {actor}: {leaving} leaving"
    allocations = []
    for move in moves:
        allocations.append(
            AllocationMove(
                actor=actor,
                allocation=move.allocation,
                worker=move.worker,
                on=on,
                reason=reason,
                request=request,
            ).execute()
        )
    return allocations


def child_allocate(*, actor, allocation: Allocation, worker: User, request=None) -> Allocation:
    """Allocate the child of `allocation` (open, to a team) to `worker` of that team, today.

    A child waiting in the team's queue has an allocation to the team with no worker; it ends
    the day before and the child's allocation to the worker starts today, so the history says
    how long they waited. Refused unless `worker` is an active member of the same team.
    """
    if allocation.end_date is not None:
        raise ValidationError("This allocation has ended; nothing was changed.")
    if worker.team_id != allocation.team_id or not worker.is_active or worker.left_on:
        raise ValidationError({"worker": f"{worker} is not an active worker of this team."})
    if worker.pk == allocation.worker_id:
        raise ValidationError({"worker": f"The child is already allocated to {worker}."})
    reason = (
        f"Allocated to {worker} by {actor}"
        if allocation.worker_id is None
        else f"Reallocated to {worker} by {actor}"
    )
    return AllocationMove(
        actor=actor,
        allocation=allocation,
        worker=worker,
        on=timezone.localdate(),
        reason=reason,
        request=request,
    ).execute()
