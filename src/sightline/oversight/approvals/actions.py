"""The writes of an approval, each a `ChildRecordAction` (ADR 0011).

* `approval_request`: whoever records work on the child asks to close the child's open CIN
  episode (or step it down to early help) on a date, with a reason code and their rationale.
  Nothing on the episode changes yet.
* `approval_decide`: a team manager or head of service, never the person who asked, approves
  or declines it with a reason. Approval closes the episode in the same transaction; its
  clocks are recalculated once it commits.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.actions import ChildRecordAction
from sightline.casework.models import Referral
from sightline.oversight.dataset_loader import frames_for_model
from sightline.oversight.models import Approval, ApprovalStatus, DecisionKind
from sightline.oversight.services import deadlines_refresh_for_child
from sightline.standards import codes

__all__ = ["STEP_DOWN_REASON", "approval_decide", "approval_request"]

# CIN census: RC9, case closed after assessment, referred to early help (from 2024-25).
STEP_DOWN_REASON = "RC9"


class ApprovalRequest(ChildRecordAction):
    doing = "ask for a decision to be approved"

    def __init__(
        self, *, kind: str, closure_date: date, closure_reason: str, rationale: str, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.closure_date = closure_date
        self.closure_reason = STEP_DOWN_REASON if kind == DecisionKind.STEP_DOWN else closure_reason
        self.rationale = rationale.strip()

    def perform(self) -> Approval:
        referral = (
            Referral.objects.select_for_update()
            .filter(child=self.child, closure_date__isnull=True)
            .first()
        )
        if referral is None:
            raise ValidationError("The child has no open child in need episode to close.")
        if Approval.objects.filter(referral=referral, status=ApprovalStatus.PENDING).exists():
            raise ValidationError("A decision on this episode is already awaiting approval.")
        if self.closure_date < referral.referral_date:
            raise ValidationError(
                {
                    "closure_date_day": "The closure date must be on or after the referral, "
                    f"{referral.referral_date:%-d %B %Y}"
                }
            )
        if self.closure_reason not in codes.CLOSURE_REASON.values:
            raise ValidationError({"closure_reason": "Select why the case is closing"})
        approval = Approval(
            child=self.child,
            referral=referral,
            kind=self.kind,
            closure_date=self.closure_date,
            closure_reason=self.closure_reason,
            rationale=self.rationale,
            requested_by=self.actor,
            requested_at=timezone.now(),
        )
        approval.full_clean()
        approval.save()
        return approval


class ApprovalDecide(ChildRecordAction):
    doing = "approve decisions"
    managers_only = True
    audit_action = AuditAction.UPDATE

    def __init__(self, *, approval: Approval, approve: bool, reason: str, **kwargs) -> None:
        super().__init__(child=approval.child, **kwargs)
        self.approval = approval
        self.approve = approve
        self.reason = reason.strip()

    def _role_refusal(self) -> str | None:
        refusal = super()._role_refusal()
        if refusal is None and self.approval.requested_by_id == self.actor.pk:
            return "You cannot approve your own request: another manager must decide it."
        return refusal

    def perform(self) -> Approval:
        approval = Approval.objects.select_for_update().get(pk=self.approval.pk)
        if approval.status != ApprovalStatus.PENDING:
            raise ValidationError(
                f"This request is already {approval.get_status_display().lower()}; "
                "nothing was changed."
            )
        if not self.reason:
            raise ValidationError({"reason": "Enter the reason for your decision"})
        approval.status = ApprovalStatus.APPROVED if self.approve else ApprovalStatus.DECLINED
        approval.decided_by = self.actor
        approval.decided_at = timezone.now()
        approval.decision_reason = self.reason
        approval.full_clean()
        approval.save()
        if self.approve:
            referral = Referral.objects.select_for_update().get(pk=approval.referral_id)
            if referral.closure_date is not None:
                raise ValidationError("The episode was closed meanwhile; nothing was changed.")
            referral.closure_date = approval.closure_date
            referral.closure_reason = approval.closure_reason
            referral._history_user = self.actor
            referral.full_clean()
            referral.save(update_fields=["closure_date", "closure_reason"])
            child_id, frames = self.child.pk, frames_for_model(Referral)
            transaction.on_commit(
                lambda: deadlines_refresh_for_child(child_id, changed=frames), robust=True
            )
        return approval


def approval_request(
    *,
    actor,
    child,
    kind: str,
    closure_date: date,
    closure_reason: str = "",
    rationale: str,
    request=None,
) -> Approval:
    """Ask for the child's open CIN episode to be closed (or stepped down) on `closure_date`."""
    return ApprovalRequest(
        actor=actor,
        child=child,
        kind=kind,
        closure_date=closure_date,
        closure_reason=closure_reason,
        rationale=rationale,
        request=request,
    ).execute()


def approval_decide(
    *, actor, approval: Approval, approve: bool, reason: str, request=None
) -> Approval:
    """Approve (closing the episode) or decline `approval`, with the reason."""
    return ApprovalDecide(
        actor=actor, approval=approval, approve=approve, reason=reason, request=request
    ).execute()
