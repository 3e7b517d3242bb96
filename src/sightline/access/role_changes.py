"""Changing a user's role: asked for by one administrator, approved by another, audited, and
reported to information governance. The only way a role changes once a user exists.

A role decides which children's records a user may open (`policies`), so a role change is a
grant of access like break-glass, with the same safeguards: separation of duties (nobody asks
for a change of their own role; the administrator who asked cannot approve), an event in the
hash-chained audit at each step, and an IG alert that none of the people involved may
acknowledge. The Django admin shows a user's role, staff and superuser flags, groups and
permissions read-only and sends changes here (`access.admin`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.admin_audit import is_system_administrator
from sightline.access.models import AuditAction, IGAlert, RoleChange, RoleChangeStatus
from sightline.access.services import audit_event_record
from sightline.standards import codes

REASON_MIN_LENGTH = 10


def _administrator_require(actor) -> None:
    if not is_system_administrator(actor):
        raise PermissionDenied("Only system administrators change roles")


def _audit_and_alert(*, actor, change: RoleChange, step: str, request) -> None:
    audit_event_record(
        actor=actor,
        action=AuditAction.ROLE_CHANGE,
        obj=change,
        detail={
            "step": step,
            "subject": change.subject_id,
            "from_role": change.from_role,
            "to_role": change.to_role,
            "requested_by": change.requested_by_id,
        },
        reason=change.reason if step == "requested" else "",
        request=request,
    )
    involved = {change.subject_id, change.requested_by_id, actor.pk}
    IGAlert.objects.create(
        raised_at=timezone.now(),
        summary=(
            f"Role change {step} by {actor.get_username()}: {change.subject.get_username()} "
            f"{change.from_role or '(none)'} to {change.to_role}"
        )[:200],
        involves=sorted(involved),
    )


@transaction.atomic
def role_change_request(*, actor, subject, role: str, reason: str, request=None) -> RoleChange:
    """Ask for `subject`'s role to become `role`; nothing changes until another admin approves."""
    _administrator_require(actor)
    if subject.pk == actor.pk:
        raise PermissionDenied("You cannot change your own role: ask another administrator")
    if role not in codes.ROLE.values:
        raise ValidationError({"to_role": f"{role!r} is not a role; expected one of the code set"})
    if role == subject.role:
        raise ValidationError({"to_role": f"{subject.get_username()} already has this role"})
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {"reason": f"Say why the role changes, in at least {REASON_MIN_LENGTH} characters"}
        )
    if RoleChange.objects.filter(subject=subject, status=RoleChangeStatus.PENDING).exists():
        raise ValidationError("A change of this user's role is already waiting for approval")
    change = RoleChange.objects.create(
        subject=subject,
        from_role=subject.role or "",
        to_role=role,
        reason=reason,
        requested_by=actor,
        requested_at=timezone.now(),
    )
    _audit_and_alert(actor=actor, change=change, step="requested", request=request)
    return change


def _decide(actor, change: RoleChange) -> RoleChange:
    _administrator_require(actor)
    change = RoleChange.objects.select_for_update().get(pk=change.pk)
    if change.status != RoleChangeStatus.PENDING:
        raise ValidationError("This role change has already been decided")
    if actor.pk in (change.requested_by_id, change.subject_id):
        raise PermissionDenied(
            "A second administrator, neither the one who asked nor the user whose role it is, "
            "must decide this change"
        )
    return change


@transaction.atomic
def role_change_approve(*, actor, change: RoleChange, request=None) -> RoleChange:
    """Approve a pending change and apply it to the user's role."""
    change = _decide(actor, change)
    subject = change.subject
    if (subject.role or "") != change.from_role:
        raise ValidationError("The user's role has changed since this was asked for; ask again")
    subject.role = change.to_role
    subject.save(update_fields=["role"])
    change.status = RoleChangeStatus.APPROVED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.save()
    _audit_and_alert(actor=actor, change=change, step="approved", request=request)
    return change


@transaction.atomic
def role_change_refuse(*, actor, change: RoleChange, request=None) -> RoleChange:
    """Refuse a pending change; the user's role stays as it is."""
    change = _decide(actor, change)
    change.status = RoleChangeStatus.REFUSED
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.save()
    _audit_and_alert(actor=actor, change=change, step="refused", request=request)
    return change
