"""Writes for retention: legal holds, retention overrides and disposal batches.

Disposal takes two information governance officers: one proposes a batch of records past
retention, another approves it, and only then can the batch be disposed of. Every step is in
the access audit, which (having no foreign keys to children) outlives the records it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.models import (
    AuditAction,
    DisposalBatch,
    DisposalBatchItem,
    DisposalBatchStatus,
    DisposalOutcome,
    LegalHold,
    RetentionOverride,
)
from sightline.access.policies import Capability, actor_can
from sightline.access.retention import disposal, selectors
from sightline.access.retention.schedule import retention_period
from sightline.access.services import audit_event_record
from sightline.people.models import Person

# A reason IG and a court could later rely on, not "x".
REASON_MIN_LENGTH = 10


def _require_retention_officer(actor) -> None:
    if not actor_can(actor, Capability.MANAGE_RETENTION):
        raise PermissionDenied("Only information governance officers manage retention")


def _reason_clean(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError(
            {field: f"Give the reason in at least {REASON_MIN_LENGTH} characters"}
        )
    return reason


def _require_child(child: Person) -> None:
    if not child.is_child_record:
        raise ValidationError("Retention applies to children's records")


@transaction.atomic
def legal_hold_place(*, actor, child: Person, reason: str, request=None) -> LegalHold:
    """Stop a child's record being disposed of, whatever its retention date, until lifted."""
    _require_retention_officer(actor)
    _require_child(child)
    hold = LegalHold(
        child=child, reason=_reason_clean(reason), placed_by=actor, placed_at=timezone.now()
    )
    hold.full_clean()
    hold.save()
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        child=child,
        obj=hold,
        detail={"step": "legal hold placed"},
        reason=hold.reason,
        request=request,
    )
    return hold


@transaction.atomic
def legal_hold_lift(*, actor, hold: LegalHold, reason: str, request=None) -> LegalHold:
    """Lift a legal hold; the record goes back to its retention schedule."""
    _require_retention_officer(actor)
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if not hold.is_active:
        raise ValidationError("This legal hold has already been lifted")
    hold.lifted_by = actor
    hold.lifted_at = timezone.now()
    hold.lift_reason = _reason_clean(reason)
    hold.full_clean()
    hold.save()
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        child=hold.child,
        obj=hold,
        detail={"step": "legal hold lifted"},
        reason=hold.lift_reason,
        request=request,
    )
    return hold


@transaction.atomic
def retention_override_set(
    *, actor, child: Person, keep_until: date, reason: str, request=None
) -> RetentionOverride:
    """Keep one child's record until a later date than the schedule's (never an earlier one)."""
    _require_retention_officer(actor)
    _require_child(child)
    override, _ = RetentionOverride.objects.update_or_create(
        child=child,
        defaults={
            "keep_until": keep_until,
            "reason": _reason_clean(reason),
            "set_by": actor,
            "set_at": timezone.now(),
        },
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        child=child,
        obj=override,
        detail={"step": "override set", "keep_until": keep_until.isoformat()},
        reason=override.reason,
        request=request,
    )
    return override


@transaction.atomic
def disposal_batch_propose(
    *, actor, as_at: date | None = None, child_ids: Iterable[int] | None = None, request=None
) -> DisposalBatch:
    """Propose for disposal the records past retention that nothing blocks.

    With `child_ids`, only those, each of which must be eligible; without, every eligible
    record as at `as_at` (today by default, never a later day).
    """
    _require_retention_officer(actor)
    today = timezone.localdate()
    as_at = as_at or today
    if as_at > today:
        raise ValidationError("A disposal can only be proposed as at today or an earlier day")
    rows = {row.child_id: row for row in selectors.children_past_retention(as_at)}
    if child_ids is None:
        chosen = [row for row in rows.values() if row.eligible]
    else:
        chosen = []
        for child_id in child_ids:
            row = rows.get(child_id)
            if row is None:
                raise ValidationError(f"Child {child_id}'s record is not past retention")
            if not row.eligible:
                raise ValidationError(
                    f"Child {row.la_child_id}'s record cannot be disposed of: "
                    + ", ".join(row.blocked_by)
                )
            chosen.append(row)
    if not chosen:
        raise ValidationError("No record past retention can be disposed of")
    batch = DisposalBatch.objects.create(as_at=as_at, proposed_by=actor, proposed_at=timezone.now())
    DisposalBatchItem.objects.bulk_create(
        DisposalBatchItem(
            batch=batch,
            child_id=row.child_id,
            la_child_id=row.la_child_id,
            retention_rule=row.period.rule.value,
            retention_until=row.period.until,
        )
        for row in chosen
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        obj=batch,
        detail={"step": "disposal proposed", "records": len(chosen), "as_at": as_at.isoformat()},
        request=request,
    )
    return batch


@transaction.atomic
def disposal_batch_approve(*, actor, batch: DisposalBatch, request=None) -> DisposalBatch:
    """Approve a proposed batch: a second IG officer, never the one who proposed it."""
    _require_retention_officer(actor)
    batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DisposalBatchStatus.PROPOSED:
        raise ValidationError(f"Only a proposed batch can be approved; this one is {batch.status}")
    if batch.proposed_by_id == actor.pk:
        raise PermissionDenied("A disposal must be approved by someone other than its proposer")
    batch.status = DisposalBatchStatus.APPROVED
    batch.approved_by = actor
    batch.approved_at = timezone.now()
    batch.full_clean()
    batch.save()
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        obj=batch,
        detail={"step": "disposal approved", "records": batch.items.count()},
        request=request,
    )
    return batch


@transaction.atomic
def disposal_batch_cancel(*, actor, batch: DisposalBatch, reason: str, request=None):
    """Cancel a batch not yet disposed of; its records go back to the review."""
    _require_retention_officer(actor)
    batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in (DisposalBatchStatus.PROPOSED, DisposalBatchStatus.APPROVED):
        raise ValidationError(f"A {batch.status} batch cannot be cancelled")
    batch.status = DisposalBatchStatus.CANCELLED
    batch.save(update_fields=["status"])
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        obj=batch,
        detail={"step": "disposal cancelled"},
        reason=_reason_clean(reason),
        request=request,
    )
    return batch


@dataclass(frozen=True)
class DisposalReport:
    """What a disposal did: the LA child IDs disposed of, and those withheld and why."""

    batch: DisposalBatch
    disposed: list[str]
    withheld: dict[str, str]


def _withhold_reason(item: DisposalBatchItem, blocks, facts, today: date) -> str:
    if item.child_id not in facts:
        return "no longer a child's record"
    if blocks.get(item.child_id):
        return ", ".join(blocks[item.child_id])
    period = retention_period(facts[item.child_id], default_years=selectors.default_years())
    if period.until > today:
        return f"no longer past retention (now {period.until.isoformat()}, {period.rule})"
    return ""


@transaction.atomic
def disposal_batch_dispose(*, actor, batch: DisposalBatch, request=None) -> DisposalReport:
    """Delete the records of an approved batch, in one transaction, and audit each one.

    Each record is checked again first: a legal hold placed, a restriction, a new referral (so
    a later retention date) since the approval withholds that record and no other.
    """
    _require_retention_officer(actor)
    batch = DisposalBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != DisposalBatchStatus.APPROVED:
        raise ValidationError(
            f"Only an approved batch can be disposed of; this one is {batch.status}"
        )
    today = timezone.localdate()
    items = list(batch.items.all())
    ids = [item.child_id for item in items]
    facts = selectors.retention_facts(ids)
    blocks = {
        child_id: tuple(b for b in found if b != selectors.Block.IN_BATCH)
        for child_id, found in selectors.disposal_blocks(ids, today).items()
    }
    to_dispose = []
    withheld: dict[str, str] = {}
    for item in items:
        reason = _withhold_reason(item, blocks, facts, today)
        if reason:
            item.outcome, item.outcome_reason = DisposalOutcome.WITHHELD, reason[:200]
            withheld[item.la_child_id] = reason
        else:
            to_dispose.append(item)
    children = Person.objects.in_bulk([item.child_id for item in to_dispose])
    for item in to_dispose:
        # Recorded before the deletion, while the child's id still names a record.
        audit_event_record(
            actor=actor,
            action=AuditAction.DISPOSE,
            child=children[item.child_id],
            obj=batch,
            detail={
                "la_child_id": item.la_child_id,
                "rule": item.retention_rule,
                "retention_until": item.retention_until.isoformat(),
                "approved_by": batch.approved_by.get_username(),
            },
            request=request,
        )
    kept = disposal.records_delete(item.child_id for item in to_dispose)
    for item in to_dispose:
        item.outcome = DisposalOutcome.DISPOSED
        item.person_kept = kept[item.child_id]
    DisposalBatchItem.objects.bulk_update(items, ["outcome", "outcome_reason", "person_kept"])
    batch.status = DisposalBatchStatus.DISPOSED
    batch.disposed_by = actor
    batch.disposed_at = timezone.now()
    batch.full_clean()
    batch.save()
    audit_event_record(
        actor=actor,
        action=AuditAction.DISPOSE,
        obj=batch,
        detail={"disposed": len(to_dispose), "withheld": len(withheld)},
        request=request,
    )
    return DisposalReport(
        batch=batch, disposed=[item.la_child_id for item in to_dispose], withheld=withheld
    )
