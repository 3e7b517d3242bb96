"""Reads for information governance: who accessed a child's record, what a user accessed, and
the alerts waiting for review. IG officers only; reading the audit is itself audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sightline.access.models import AuditAction, AuditEvent, IGAlert
from sightline.access.policies import Capability, actor_can
from sightline.access.services import audit_event_record
from sightline.people.models import Person


def _ig_only(actor) -> None:
    if not actor_can(actor, Capability.VIEW_AUDIT):
        raise PermissionDenied("Only information governance officers can read the access audit")


def audit_for_child(*, actor, child: Person, request=None) -> QuerySet[AuditEvent]:
    """Every audited access to this child's record, newest first ("who looked at this child?")."""
    _ig_only(actor)
    audit_event_record(
        actor=actor,
        action=AuditAction.VIEW_AUDIT,
        child=child,
        detail={"audit_of": "child"},
        request=request,
    )
    return AuditEvent.objects.filter(child_id=child.pk).order_by("-sequence")


def audit_for_user(*, actor, user, request=None) -> QuerySet[AuditEvent]:
    """Everything this user did that was audited, newest first ("what did they access?")."""
    _ig_only(actor)
    audit_event_record(
        actor=actor,
        action=AuditAction.VIEW_AUDIT,
        obj=user,
        detail={"audit_of": "user"},
        request=request,
    )
    return AuditEvent.objects.filter(actor_id=user.pk).order_by("-sequence")


def ig_alerts_open(*, actor) -> QuerySet[IGAlert]:
    """Alerts not yet acknowledged, oldest first so that none waits for ever."""
    if not actor_can(actor, Capability.ACKNOWLEDGE_IG_ALERTS):
        raise PermissionDenied("Only information governance officers see IG alerts")
    return (
        IGAlert.objects.filter(acknowledged_at__isnull=True)
        .select_related("grant__actor", "grant__child")
        .order_by("raised_at")
    )


def ig_alerts_recently_acknowledged(*, actor, limit: int = 20) -> QuerySet[IGAlert]:
    """The latest acknowledged alerts, for a second officer to look over."""
    if not actor_can(actor, Capability.ACKNOWLEDGE_IG_ALERTS):
        raise PermissionDenied("Only information governance officers see IG alerts")
    return (
        IGAlert.objects.filter(acknowledged_at__isnull=False)
        .select_related("grant__actor", "grant__child", "acknowledged_by")
        .order_by("-acknowledged_at")[:limit]
    )
