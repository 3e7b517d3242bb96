"""Reads for information governance: who accessed a child's record, what a user accessed, and
the alerts waiting for review. IG officers only; reading the audit, and the alerts (which name
children), is itself audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from sightline.access.models import AuditAction, AuditEvent, IGAlert
from sightline.access.policies import Capability, actor_can
from sightline.access.services import audit_event_record, audit_listing_record
from sightline.people.models import Person

# The audited actions whose detail lists the children shown (`audit_listing_record`) or taken
# away in an extract (`audit_export_record`).
_LISTING_ACTIONS = (AuditAction.SEARCH, AuditAction.VIEW_AUDIT, AuditAction.EXPORT)


def _ig_only(actor) -> None:
    if not actor_can(actor, Capability.VIEW_AUDIT):
        raise PermissionDenied("Only information governance officers can read the access audit")


def _listed(child_id: int) -> Q:
    """Events of a search or list whose results included the child.

    ``result_ids`` is a JSON list of integers. Neither engine can index membership of it
    portably (SQLite has no JSON containment lookup), so the list's text is matched against
    the id bounded by non-digits: ``[3, 12]`` (PostgreSQL's spacing) and ``[3,12]`` (SQLite's)
    both contain 12, and ``[112]`` does not. Only list events are scanned.
    """
    return Q(
        action__in=_LISTING_ACTIONS,
        detail__result_ids__regex=rf"(^|[^0-9]){int(child_id)}([^0-9]|$)",
    )


def audit_for_child(*, actor, child: Person, request=None) -> QuerySet[AuditEvent]:
    """Every audited access to this child's record, newest first ("who looked at this child?").

    Besides the events about the child (views, prints, changes, refusals, break-glass), the
    searches, lists and extracts the child appeared in: a result row shows who the child is without
    opening the record. Those events have no ``child``; the
    page tells them apart by ``event.child_id != child.pk``.
    """
    _ig_only(actor)
    audit_event_record(
        actor=actor,
        action=AuditAction.VIEW_AUDIT,
        child=child,
        detail={"audit_of": "child"},
        request=request,
    )
    return AuditEvent.objects.filter(Q(child_id=child.pk) | _listed(child.pk)).order_by("-sequence")


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


def _alerts_audited(*, actor, alerts: list[IGAlert], what: str, request) -> list[IGAlert]:
    """Record one event for a list of alerts shown: each names a child by LA child ID."""
    audit_listing_record(
        actor=actor,
        action=AuditAction.VIEW_AUDIT,
        child_ids=[alert.grant.child_id for alert in alerts if alert.grant is not None],
        detail={"list": what},
        request=request,
    )
    return alerts


def ig_alerts_open(*, actor, request=None) -> list[IGAlert]:
    """Alerts not yet acknowledged, oldest first so that none waits for ever. Audited as a list."""
    if not actor_can(actor, Capability.ACKNOWLEDGE_IG_ALERTS):
        raise PermissionDenied("Only information governance officers see IG alerts")
    alerts = list(
        IGAlert.objects.filter(acknowledged_at__isnull=True)
        .select_related("grant__actor", "grant__child")
        .order_by("raised_at")
    )
    return _alerts_audited(actor=actor, alerts=alerts, what="IG alerts open", request=request)


def ig_alerts_recently_acknowledged(*, actor, limit: int = 20, request=None) -> list[IGAlert]:
    """The latest acknowledged alerts, for a second officer to look over. Audited as a list."""
    if not actor_can(actor, Capability.ACKNOWLEDGE_IG_ALERTS):
        raise PermissionDenied("Only information governance officers see IG alerts")
    alerts = list(
        IGAlert.objects.filter(acknowledged_at__isnull=False)
        .select_related("grant__actor", "grant__child", "acknowledged_by")
        .order_by("-acknowledged_at")[:limit]
    )
    return _alerts_audited(
        actor=actor, alerts=alerts, what="IG alerts recently acknowledged", request=request
    )
