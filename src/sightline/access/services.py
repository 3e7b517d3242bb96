"""Every write of the access app, and the one gate every read of a child's record goes through.

- `audit_event_record` appends one event to the hash-chained audit in the caller's transaction;
  `audit_listing_record` is the one event of a search or list, naming the children shown;
  `audit_export_record` the events of an extract, naming every child in it.
- `child_read_authorise` checks policy for a child's record and audits the access; selectors of
  personal data call it before they return anything.
- `break_glass_open` gives emergency, time-limited access with a reason and alerts IG.
- `restricted_record_create`, `restricted_record_allow_list_set`, `ig_alert_acknowledge`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone

from sightline.access import chain
from sightline.access.anchors import audit_key
from sightline.access.models import (
    AuditAction,
    AuditEvent,
    BreakGlassGrant,
    IGAlert,
    RestrictedRecord,
)
from sightline.access.policies import AccessDecision, Capability, actor_can, child_access
from sightline.people.models import Person

# Local standard: long enough to deal with an emergency, short enough that the grant is not a
# standing permission; IG reviews every opening.
BREAK_GLASS_MINUTES = 60
# A reason IG can act on ("child missing, police on phone, need placement address"), not "x".
BREAK_GLASS_REASON_MIN_LENGTH = 20
# ... and made of words: at least this many different words with letters in them, so that
# twenty x's or one word repeated is refused.
BREAK_GLASS_REASON_MIN_WORDS = 4
# Local standard: an emergency is rare; a worker opening record after record is probing. More
# than this many openings by one user in the window is refused, and they are told to call IG.
BREAK_GLASS_MAX_OPENINGS = 3
BREAK_GLASS_WINDOW_HOURS = 8
_WORD = re.compile(r"[^\W\d_]{2,}")
# The audit keeps identifiers and codes, not narratives; a large detail is a sign of misuse.
AUDIT_DETAIL_MAX_CHARS = 2000
# A list event names the children shown, up to this many (the audit keeps its events small);
# the count is always recorded.
AUDITED_LIST_IDS = 200
# Any 64-bit key, fixed, so every writer of the chain takes the same PostgreSQL advisory lock.
_AUDIT_CHAIN_LOCK_KEY = 0x5349_4748_544C_494E  # "SIGHTLIN"


class RestrictedRecordRefused(PermissionDenied):
    """Refusal to open a restricted record that the user may open by breaking the glass.

    `RestrictedRecordMiddleware` turns it into a 403 page offering break-glass.
    """

    def __init__(self, child_pk: int, basis: str):
        super().__init__(basis)
        self.child_pk = child_pk


def _detail_check(value, path: str = "detail") -> None:
    """Refuse detail values whose JSON could read back differently from either database."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: keys must be strings, not {key!r}")
            _detail_check(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _detail_check(item, f"{path}[{index}]")
    elif value is not None and not isinstance(value, str | int | bool):
        # Floats are refused: their text form can differ after a round trip through jsonb.
        raise TypeError(f"{path}: {type(value).__name__} is not allowed in audit detail")


def _chain_lock() -> None:
    """Serialise writers of the chain until the end of the current transaction.

    SQLite needs nothing here: settings open every transaction with BEGIN IMMEDIATE, which
    already admits one writer at a time. On PostgreSQL an advisory lock is used rather than
    SELECT ... FOR UPDATE of the last event because it also works on an empty table. The unique
    sequence and hash columns are the backstop: a racing writer fails rather than forking.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_CHAIN_LOCK_KEY])
    elif connection.vendor != "sqlite":
        list(AuditEvent.objects.select_for_update().order_by("-sequence")[:1])


def _client_address(request) -> str:
    if request is None:
        return ""
    # A reverse proxy must pass the client's address as REMOTE_ADDR (e.g. gunicorn's
    # --forwarded-allow-ips); X-Forwarded-For is not trusted here because anyone can send it.
    return (request.META.get("REMOTE_ADDR") or "")[:45]


_PAGE_MAX = 100
_PATH_MAX = 200
_ROUTE_WORDS = re.compile(r"[^A-Za-z0-9_.~-]+")


def _page(request) -> str:
    """The URL name of the page being served ("child-summary", "admin:people_person_change")."""
    match = getattr(request, "resolver_match", None) if request is not None else None
    return (match.view_name or "")[:_PAGE_MAX] if match is not None else ""


def _path(request) -> str:
    """The page's path (below any script prefix, without the query string): numbers and words.

    URLs carry ids, never personal data, but a path is whatever the browser sent: a segment
    that is neither a number nor a word of the URL pattern that matched (an admin object id
    typed by hand, say) is replaced by ``*`` rather than copied into the permanent audit.
    """
    match = getattr(request, "resolver_match", None) if request is not None else None
    if match is None:
        return ""
    words = set(_ROUTE_WORDS.split(match.route or ""))
    segments = [
        segment if segment == "" or segment.isdigit() or segment in words else "*"
        for segment in request.path_info.split("/")
    ]
    return "/".join(segments)[:_PATH_MAX]


def audit_event_record(
    *,
    actor,
    action: str,
    child: Person | None = None,
    obj=None,
    detail: dict | None = None,
    reason: str = "",
    request=None,
) -> AuditEvent:
    """Append one event to the access audit, in the caller's transaction.

    If the caller's transaction rolls back, so does the event: the audit records what happened,
    not what was attempted and undone. `detail` holds identifiers and codes (no free-text
    personal data): strings, integers, booleans, None, and lists or dicts of them. `actor` may be
    None (or anonymous) for the system and for failed sign-ins. Given the `request`, the event
    also records the client address and the page (URL name and path) it was written on.
    """
    detail = dict(detail or {})
    _detail_check(detail)
    if len(json.dumps(detail)) > AUDIT_DETAIL_MAX_CHARS:
        raise ValueError(f"audit detail is longer than {AUDIT_DETAIL_MAX_CHARS} characters")
    if actor is not None and not actor.is_authenticated:
        actor = None
    with transaction.atomic():
        _chain_lock()
        last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        event = AuditEvent(
            sequence=last["sequence"] + 1 if last else 1,
            occurred_at=timezone.now(),
            actor=actor,
            actor_username=actor.get_username() if actor else "",
            actor_role=getattr(actor, "role", "") or "",
            action=action,
            child_id=child.pk if child is not None else None,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            detail=detail,
            reason=reason,
            client_address=_client_address(request),
            page=_page(request),
            path=_path(request),
            prev_hash=last["hash"] if last else chain.GENESIS_HASH,
        )
        event.hash = chain.event_hash(
            {name: getattr(event, name) for name in chain.CHAINED_FIELDS}, key=audit_key()
        )
        event.save(force_insert=True)
    return event


def audit_listing_record(
    *,
    actor,
    child_ids: Iterable[int],
    detail: dict,
    action: str = AuditAction.SEARCH,
    request=None,
) -> AuditEvent:
    """One event for a search or list shown to the actor: what it was and which children it showed.

    ``detail`` names the list or the criteria (never what was typed: a search box may itself
    hold personal data). The ids of the children shown (``result_ids``, in the order shown, up to
    ``AUDITED_LIST_IDS``) are what lets information governance find, on a child's access history,
    every list the child appeared in; ``result_count`` is always the full number.
    """
    ids = list(dict.fromkeys(child_ids))
    return audit_event_record(
        actor=actor,
        action=action,
        detail={
            "allowed": True,
            **detail,
            "result_count": len(ids),
            "result_ids": ids[:AUDITED_LIST_IDS],
        },
        request=request,
    )


def _id_parts(ids: list[int], base: dict) -> list[list[int]]:
    """``ids`` in consecutive parts, each small enough for one event beside ``base``."""
    # Room for the ids: the limit less the rest of the detail, the part keys and a margin.
    room = AUDIT_DETAIL_MAX_CHARS - len(json.dumps(base)) - 120
    parts: list[list[int]] = [[]]
    used = 2  # the list's brackets
    for child_id in ids:
        width = len(str(child_id)) + 2  # ", " between ids (PostgreSQL's jsonb spacing)
        if parts[-1] and used + width > room:
            parts.append([])
            used = 2
        parts[-1].append(child_id)
        used += width
    return parts


def audit_export_record(
    *,
    actor,
    child_ids: Iterable[int],
    detail: dict,
    request=None,
) -> list[AuditEvent]:
    """The events of an export or extract: which it was, who took it, and every child in it.

    Unlike a list on a page (``audit_listing_record``, which names the first
    ``AUDITED_LIST_IDS``), an extract leaves the building whole: every child in it is named, in
    as many events as the audit's size limit needs (``part`` of ``parts``, in order), each with
    ``result_count`` (all the children) and its share of ``result_ids``, so a child's access
    history finds the extract whichever part names them. All parts are written in one
    transaction: the extract is audited whole or not at all.
    """
    ids = list(dict.fromkeys(child_ids))
    base = {"allowed": True, **detail, "result_count": len(ids)}
    parts = _id_parts(ids, base)
    with transaction.atomic():
        return [
            audit_event_record(
                actor=actor,
                action=AuditAction.EXPORT,
                detail={**base, "part": number, "parts": len(parts), "result_ids": part},
                request=request,
            )
            for number, part in enumerate(parts, start=1)
        ]


def child_read_authorise(
    *, actor, child: Person, action: str = AuditAction.VIEW, obj=None, request=None
) -> AccessDecision:
    """Check that the actor may `action` this child's record, and audit it. The single gate.

    Every selector that returns a child's personal data calls this first, with the child whose
    record is being read and, if it reads one item (a visit, a plan), that item as `obj`.
    `action` is "view" (default), "print" or "export" for reads, "create"/"update"/"delete"
    when a service checks a write.

    Allowed: writes an audit event with the basis of the decision and returns the decision.

    Refused: writes an audit event of the refused attempt (detail ``allowed: false``), then
    raises, choosing the error so that a refusal reveals no more than the user may know:

    - `Http404` when the child is outside the user's scope: a stranger to the record must not
      learn that it exists (nor that it is restricted);
    - `RestrictedRecordRefused` (a `PermissionDenied`, shown as 403 with a break-glass offer by
      `RestrictedRecordMiddleware`) when the record is restricted, the user would be in scope
      but for the restriction, and may break the glass. A restricted child outside the user's
      scope is `Http404` like any other: the refusal must not tell the two apart;
    - `PermissionDenied` (403) when the user may see the child but not do this action, e.g. a
      QA auditor trying to update.
    """
    decision = child_access(actor, child, action=action)
    audit_event_record(
        actor=actor,
        action=action,
        child=child,
        obj=obj,
        detail={"allowed": decision.allowed, "basis": decision.basis},
        request=request,
    )
    if decision.allowed:
        return decision
    if decision.restricted and decision.break_glass_available:
        raise RestrictedRecordRefused(child.pk, decision.basis)
    if action != AuditAction.VIEW and child_access(actor, child).allowed:
        raise PermissionDenied(decision.basis)
    raise Http404("No child record found")


def capability_require(request, capability: Capability, message: str) -> None:
    """Refuse (403) a signed-in user whose role lacks the capability, and audit the refusal.

    For pages that are a capability's own (IG, subject access, retention, search): checked
    before any lookup, so the refused user learns nothing; the refusal is in the audit, so IG
    sees someone trying pages their role does not have.
    """
    if actor_can(request.user, capability):
        return
    refusal_record(request=request, what=str(capability))
    raise PermissionDenied(message)


def refusal_record(*, request, what: str) -> AuditEvent:
    """Audit that the signed-in user was refused `what` (a capability, a page) on this request."""
    return audit_event_record(
        actor=request.user,
        action=AuditAction.REFUSED,
        detail={"allowed": False, "refused": what[:100]},
        request=request,
    )


def _break_glass_refusal(actor, child: Person, reason: str) -> str | None:
    """Why this break-glass request must be refused, or None."""
    if len(reason) < BREAK_GLASS_REASON_MIN_LENGTH:
        return (
            "Explain why you need this record now, in at least "
            f"{BREAK_GLASS_REASON_MIN_LENGTH} characters"
        )
    words = {word.casefold() for word in _WORD.findall(reason)}
    if len(words) < BREAK_GLASS_REASON_MIN_WORDS:
        return (
            "Explain in words what has happened and why it cannot wait (at least "
            f"{BREAK_GLASS_REASON_MIN_WORDS} different words)"
        )
    since = timezone.now() - timedelta(hours=BREAK_GLASS_WINDOW_HOURS)
    recent = BreakGlassGrant.objects.filter(actor=actor, opened_at__gt=since).count()
    if recent >= BREAK_GLASS_MAX_OPENINGS:
        return (
            f"You have opened {recent} records in an emergency in the last "
            f"{BREAK_GLASS_WINDOW_HOURS} hours. Call information governance to open another."
        )
    return None


def break_glass_open(*, actor, child: Person, reason: str, request=None) -> BreakGlassGrant:
    """Give the actor emergency access to this child's record for `BREAK_GLASS_MINUTES`.

    For a worker who must act now on a record outside their scope or restricted (out of hours, a
    child missing). The reason is required, must be words (not "xxxx"), and is kept in the
    audit; one user may open at most `BREAK_GLASS_MAX_OPENINGS` records in
    `BREAK_GLASS_WINDOW_HOURS`. Every opening raises an alert that an information governance
    officer other than the one who opened it must review and acknowledge. A refused request
    is audited too (without the text typed, which the audit does not keep unreviewed).
    """
    if not actor_can(actor, Capability.BREAK_GLASS):
        raise PermissionDenied("Your role cannot use break-glass access")
    if not child.is_child_record:
        raise ValidationError("Break-glass access is only for children's records")
    reason = (reason or "").strip()
    refusal = _break_glass_refusal(actor, child, reason)
    if refusal is not None:
        audit_event_record(
            actor=actor,
            action=AuditAction.BREAK_GLASS,
            child=child,
            detail={"allowed": False, "refusal": refusal[:200]},
            request=request,
        )
        raise ValidationError({"reason": refusal})
    return _break_glass_grant(actor=actor, child=child, reason=reason, request=request)


@transaction.atomic
def _break_glass_grant(*, actor, child: Person, reason: str, request) -> BreakGlassGrant:
    now = timezone.now()
    grant = BreakGlassGrant(
        actor=actor,
        child=child,
        reason=reason,
        opened_at=now,
        expires_at=now + timedelta(minutes=BREAK_GLASS_MINUTES),
    )
    grant.full_clean()
    grant.save()
    audit_event_record(
        actor=actor,
        action=AuditAction.BREAK_GLASS,
        child=child,
        obj=grant,
        detail={"allowed": True, "minutes": BREAK_GLASS_MINUTES},
        reason=reason,
        request=request,
    )
    IGAlert.objects.create(
        grant=grant,
        raised_at=now,
        summary=f"{actor.get_username()} broke the glass on child {child.la_child_id}",
        involves=[actor.pk],
    )
    return grant


@transaction.atomic
def ig_alert_acknowledge(*, actor, alert: IGAlert, note: str = "", request=None) -> IGAlert:
    """Record that an IG officer has reviewed an alert (and what they concluded).

    Refused to anyone the alert involves (`IGAlert.involves`): the officer who broke the glass,
    the administrators and the user of a role change.
    """
    if not actor_can(actor, Capability.ACKNOWLEDGE_IG_ALERTS):
        raise PermissionDenied("Only information governance officers acknowledge alerts")
    alert = IGAlert.objects.select_for_update().get(pk=alert.pk)
    # Separation of duties: nobody reviews their own access (or their own role change).
    if actor.pk in alert.involves:
        raise PermissionDenied(
            "This alert is about something you did or that was done for you: another "
            "information governance officer must review it"
        )
    if not alert.is_open:
        raise ValidationError("This alert has already been acknowledged")
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_by = actor
    alert.acknowledgement_note = note.strip()
    alert.full_clean()
    alert.save()
    audit_event_record(
        actor=actor,
        action=AuditAction.ACKNOWLEDGE_ALERT,
        child=alert.grant.child if alert.grant else None,
        obj=alert,
        request=request,
    )
    return alert


def _restriction_authorise(actor, child: Person) -> None:
    if not actor_can(actor, Capability.RESTRICT_RECORD):
        raise PermissionDenied("Your role cannot restrict records")
    # Leaders restrict records they can see; IG restricts any, which is its job.
    if not actor_can(actor, Capability.VIEW_AUDIT) and not child_access(actor, child).allowed:
        raise PermissionDenied("You can only restrict a record you can see")


@transaction.atomic
def restricted_record_create(
    *, actor, child: Person, reason: str, allow_list: Iterable = (), request=None
) -> RestrictedRecord:
    """Restrict a child's record to an allow-list of users (adoption, staff family...)."""
    _restriction_authorise(actor, child)
    restriction = RestrictedRecord(
        child=child, reason=reason, created_by=actor, created_at=timezone.now()
    )
    restriction.full_clean()
    restriction.save()
    users = list(allow_list)
    restriction.allow_list.set(users)
    audit_event_record(
        actor=actor,
        action=AuditAction.RESTRICT,
        child=child,
        obj=restriction,
        detail={"reason": reason, "allow_list": sorted(user.pk for user in users)},
        request=request,
    )
    return restriction


@transaction.atomic
def restricted_record_allow_list_set(
    *, actor, restriction: RestrictedRecord, users: Iterable, request=None
) -> RestrictedRecord:
    """Replace the allow-list of a restricted record."""
    _restriction_authorise(actor, restriction.child)
    users = list(users)
    restriction.allow_list.set(users)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        child=restriction.child,
        obj=restriction,
        detail={"allow_list": sorted(user.pk for user in users)},
        request=request,
    )
    return restriction
