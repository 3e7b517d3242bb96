"""Writes to the child's journey: visits, contact decisions, assessments and oversight.

Each service takes the acting user, checks they may make the change (their role, then the
child's record through `access.services.child_read_authorise`, which writes the audit event in
the same transaction), validates the record with `full_clean()` (model fields and database
constraints alike), saves it, and once the transaction commits asks the engine to recalculate
that child's clocks, so the child's worklist entry is right the moment the page reloads.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.access.policies import Capability, actor_can
from sightline.access.services import child_read_authorise
from sightline.casework.models import Assessment, Contact, ManagementOversight, Visit
from sightline.oversight.services import council_standards, deadlines_refresh_for_child
from sightline.people.models import Person
from sightline.standards import codes

__all__ = [
    "assessment_authorise",
    "contact_decision_record",
    "management_oversight_record",
    "visit_record",
]

_ROLE = codes.ROLE.enum
# Working Together 2023: managers authorise assessments and record management oversight.
_MANAGERS = frozenset({_ROLE.TEAM_MANAGER, _ROLE.HEAD_OF_SERVICE})


def _authorise_write(
    *, actor, child: Person, action: str, doing: str, obj=None, managers_only: bool = False
) -> None:
    """Refuse unless `actor` may record work (as a manager, if `managers_only`) on `child`.

    A role that records no work is refused outright, before the child is looked at; then the
    child's record decides (scope, restriction) and the write is audited.
    """
    if not actor_can(actor, Capability.RECORD_WORK):
        raise PermissionDenied(f"Your role cannot {doing}.")
    if managers_only and actor.role not in _MANAGERS:
        raise PermissionDenied(f"Only a team manager or head of service can {doing}.")
    if not child.is_child_record:
        raise ValidationError("This person has no LA child ID, so is not a child known to us.")
    child_read_authorise(actor=actor, child=child, action=action, obj=obj)


def _recalculate_clocks_after_commit(child_id: int, changed: str) -> None:
    """After the write commits, recalculate the child's clocks that read the `changed` frame.

    robust: the write has already committed by then, so a failed recalculation must not turn
    it into an error page; it is logged, and the nightly tick recalculates every child anyway.
    """
    transaction.on_commit(
        lambda: deadlines_refresh_for_child(child_id, changed=(changed,)), robust=True
    )


@transaction.atomic
def visit_record(
    *,
    actor,
    child: Person,
    date: dt.date,
    kind: str,
    child_seen: bool = True,
    seen_alone: bool = False,
    notes: str = "",
    worker=None,
) -> Visit:
    """Record a visit to `child` by `worker` (default: the actor) and return it."""
    _authorise_write(actor=actor, child=child, action=AuditAction.CREATE, doing="record visits")
    visit = Visit(
        child=child,
        date=date,
        kind=kind,
        child_seen=child_seen,
        seen_alone=seen_alone,
        notes=notes,
        worker=worker or actor,
    )
    visit.full_clean()
    visit.save()
    _recalculate_clocks_after_commit(child.pk, "visits")
    return visit


@transaction.atomic
def contact_decision_record(
    *,
    actor,
    contact: Contact,
    decision: str,
    decided_at: dt.datetime | None = None,
    outcome_notes: str = "",
) -> Contact:
    """Record the decision on a contact (T-CONTACT-DECISION's meeting event) and return it."""
    contact = (
        Contact.objects.select_for_update(of=("self",)).select_related("child").get(pk=contact.pk)
    )
    _authorise_write(
        actor=actor,
        child=contact.child,
        action=AuditAction.UPDATE,
        doing="decide on contacts",
        obj=contact,
    )
    if contact.decided_at is not None:
        raise ValidationError("This contact already has a decision.")
    if not decision:
        raise ValidationError({"decision": "Choose what happens next."})
    contact.decision = decision
    contact.decided_at = decided_at or timezone.now()
    contact.decided_by = actor
    contact.outcome_notes = outcome_notes
    contact.full_clean()
    contact.save(update_fields=["decision", "decided_at", "decided_by", "outcome_notes"])
    _recalculate_clocks_after_commit(contact.child_id, "contacts")
    return contact


@transaction.atomic
def assessment_authorise(
    *,
    actor,
    assessment: Assessment,
    authorised_on: dt.date,
    outcome: str,
    delay_reason: str = "",
) -> Assessment:
    """Authorise (complete) an assessment and return it.

    Working Together 2023, ch. 3: an assessment should take no longer than 45 working days
    from the referral; when it takes longer the reasons must be recorded, so a late
    authorisation without `delay_reason` is refused.
    """
    assessment = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("referral", "child")
        .get(pk=assessment.pk)
    )
    _authorise_write(
        actor=actor,
        child=assessment.child,
        action=AuditAction.UPDATE,
        doing="authorise assessments",
        obj=assessment,
        managers_only=True,
    )
    if assessment.authorised_on is not None:
        raise ValidationError("This assessment has already been authorised.")
    if not outcome:
        raise ValidationError({"outcome": "Choose the outcome of the assessment."})
    rules, calendar = council_standards()
    due = rules.deadline("T-ASSESSMENT").add_to(assessment.referral.referral_date, calendar)
    if authorised_on > due and not delay_reason.strip():
        raise ValidationError(
            {
                "delay_reason": (
                    f"The assessment was due by {due.day} {due:%B %Y}: "
                    "record why it took longer than 45 working days."
                )
            }
        )
    assessment.authorised_on = authorised_on
    assessment.authorised_by = actor
    assessment.outcome = outcome
    assessment.delay_reason = delay_reason
    assessment.full_clean()
    assessment.save(update_fields=["authorised_on", "authorised_by", "outcome", "delay_reason"])
    _recalculate_clocks_after_commit(assessment.child_id, "assessments")
    return assessment


@transaction.atomic
def management_oversight_record(
    *,
    actor,
    child: Person,
    note: str,
    direction: str = "",
    recorded_at: dt.datetime | None = None,
    strategy_considered_not_held: bool = False,
) -> ManagementOversight:
    """Record a manager's oversight on `child`'s record (T-OVERSIGHT's meeting event).

    With `strategy_considered_not_held` the entry is also the manager's decision that a strategy
    discussion is not needed, and `note` is the reason; it meets T-STRATEGY.
    """
    _authorise_write(
        actor=actor,
        child=child,
        action=AuditAction.CREATE,
        doing="record management oversight",
        managers_only=True,
    )
    entry = ManagementOversight(
        child=child,
        manager=actor,
        note=note,
        direction=direction,
        recorded_at=recorded_at or timezone.now(),
        strategy_considered_not_held=strategy_considered_not_held,
    )
    entry.full_clean()
    entry.save()
    _recalculate_clocks_after_commit(child.pk, "oversight")
    return entry
