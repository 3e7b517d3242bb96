"""Writes to the child's journey: visits, contact decisions, assessments, oversight, case notes.

Each write is an action (`sightline.actions.ChildRecordAction`): the actor's permission is
checked before the transaction, so a refusal's audit event stands; the record is validated with
`full_clean()` (model fields and database constraints alike), saved and audited in one
transaction; once it commits the engine recalculates the child's clocks that read the record,
so the child's worklist entry is right the moment the page reloads. The functions below are the
keyword-only way in for views and commands.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.actions import ChildRecordAction, RecordUpdateAction
from sightline.casework.models import Assessment, CaseNote, Contact, ManagementOversight, Visit
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.services import deadlines_evaluate
from sightline.people.models import Person

__all__ = [
    "assessment_authorise",
    "assessment_due",
    "case_note_record",
    "contact_decision_record",
    "management_oversight_record",
    "visit_record",
]


class VisitRecord(ChildRecordAction):
    doing = "record visits"

    def __init__(self, *, fields: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields = fields

    def perform(self) -> Visit:
        visit = Visit(child=self.child, **self.fields)
        visit.worker = visit.worker or self.actor
        visit.full_clean()
        visit.save()
        return visit


class CaseNoteRecord(ChildRecordAction):
    doing = "write case notes"

    def __init__(self, *, note: str, childs_voice: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.note, self.childs_voice = note, childs_voice

    def perform(self) -> CaseNote:
        entry = CaseNote(
            child=self.child,
            written_at=timezone.now(),
            author=self.actor,
            note=self.note,
            childs_voice=self.childs_voice,
        )
        entry.full_clean()
        entry.save()
        return entry


_UpdateAction = RecordUpdateAction


class ContactDecisionRecord(_UpdateAction):
    doing = "decide on contacts"
    model = Contact

    def perform(self) -> Contact:
        contact = self.locked()
        if contact.decided_at is not None:
            raise ValidationError("This contact already has a decision.")
        if not self.changes["decision"]:
            raise ValidationError({"decision": "Choose what happens next."})
        contact.decision = self.changes["decision"]
        contact.decided_at = self.changes["decided_at"] or timezone.now()
        contact.decided_by = self.actor
        contact.outcome_notes = self.changes["outcome_notes"]
        contact.full_clean()
        contact.save(update_fields=["decision", "decided_at", "decided_by", "outcome_notes"])
        return contact


class AssessmentAuthorise(_UpdateAction):
    doing = "authorise assessments"
    managers_only = True
    model = Assessment

    def perform(self) -> Assessment:
        assessment = self.locked()
        if assessment.authorised_on is not None:
            raise ValidationError("This assessment has already been authorised.")
        authorised_on, outcome = self.changes["authorised_on"], self.changes["outcome"]
        delay_reason = self.changes["delay_reason"]
        if not outcome:
            raise ValidationError({"outcome": "Choose the outcome of the assessment."})
        due = assessment_due(assessment)
        if due is not None and authorised_on > due and not delay_reason.strip():
            raise ValidationError(
                {
                    "delay_reason": (
                        f"The assessment was due by {due.day} {due:%B %Y}: "
                        "record why it took longer than 45 working days."
                    )
                }
            )
        assessment.authorised_on = authorised_on
        assessment.authorised_by = self.actor
        assessment.outcome = outcome
        assessment.delay_reason = delay_reason
        assessment.full_clean()
        assessment.save(update_fields=["authorised_on", "authorised_by", "outcome", "delay_reason"])
        return assessment


class ManagementOversightRecord(ChildRecordAction):
    doing = "record management oversight"
    managers_only = True

    def __init__(self, *, fields: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields = fields

    def perform(self) -> ManagementOversight:
        entry = ManagementOversight(child=self.child, manager=self.actor, **self.fields)
        entry.recorded_at = entry.recorded_at or timezone.now()
        entry.full_clean()
        entry.save()
        return entry


def assessment_due(assessment: Assessment) -> dt.date | None:
    """The assessment's T-ASSESSMENT due date, as the engine counts it under local standards.

    Asked of the engine rather than worked out here, so the form, the clock and every figure
    count it the same way (from the referral for its first assessment, from its own start for
    a later one).
    """
    dataset = load_dataset(child_ids=[assessment.child_id])
    clocks = deadlines_evaluate(
        dataset, as_at=timezone.localdate(), rule_ids=("T-ASSESSMENT",)
    ).filter(record_id=assessment.pk)
    return clocks["due"][0] if clocks.height else None


def visit_record(
    *,
    actor,
    child: Person,
    date: dt.date,
    kind: str,
    child_seen: bool = True,
    seen_alone: bool = False,
    notes: str = "",
    childs_voice: str = "",
    worker=None,
    request=None,
) -> Visit:
    """Record a visit to `child` by `worker` (default: the actor) and return it."""
    fields = dict(
        date=date,
        kind=kind,
        child_seen=child_seen,
        seen_alone=seen_alone,
        notes=notes,
        childs_voice=childs_voice,
    )
    if worker is not None:
        fields["worker"] = worker
    return VisitRecord(actor=actor, child=child, fields=fields, request=request).execute()


def case_note_record(
    *, actor, child: Person, note: str, childs_voice: str = "", request=None
) -> CaseNote:
    """Write a case note on `child`'s record, with the child's own words if given."""
    return CaseNoteRecord(
        actor=actor, child=child, note=note, childs_voice=childs_voice, request=request
    ).execute()


def contact_decision_record(
    *,
    actor,
    contact: Contact,
    decision: str,
    decided_at: dt.datetime | None = None,
    outcome_notes: str = "",
    request=None,
) -> Contact:
    """Record the decision on a contact (T-CONTACT-DECISION's meeting event) and return it."""
    changes = dict(decision=decision, decided_at=decided_at, outcome_notes=outcome_notes)
    return ContactDecisionRecord(
        actor=actor, record=contact, changes=changes, request=request
    ).execute()


def assessment_authorise(
    *,
    actor,
    assessment: Assessment,
    authorised_on: dt.date,
    outcome: str,
    delay_reason: str = "",
    expected_version: str | None = None,
    request=None,
) -> Assessment:
    """Authorise (complete) an assessment and return it.

    Working Together 2023, ch. 3: an assessment should take no longer than 45 working days;
    when it takes longer the reasons must be recorded, so a late authorisation without
    `delay_reason` is refused. With `expected_version`, an assessment changed since the
    manager opened it is refused with ``sightline.actions.EditConflict``.
    """
    changes = dict(authorised_on=authorised_on, outcome=outcome, delay_reason=delay_reason)
    return AssessmentAuthorise(
        actor=actor,
        record=assessment,
        changes=changes,
        expected_version=expected_version,
        request=request,
    ).execute()


def management_oversight_record(
    *,
    actor,
    child: Person,
    note: str,
    direction: str = "",
    recorded_at: dt.datetime | None = None,
    strategy_considered_not_held: bool = False,
    kind: str = "",
    request=None,
) -> ManagementOversight:
    """Record a manager's oversight on `child`'s record (T-OVERSIGHT's meeting event).

    `kind` is what the entry is (``casework.OversightKind``: case direction by default, a
    decision's sign-off, oversight of the plan).

    With `strategy_considered_not_held` the entry is also the manager's decision that a strategy
    discussion is not needed, and `note` is the reason; it meets T-STRATEGY.
    """
    fields = dict(
        note=note,
        direction=direction,
        recorded_at=recorded_at,
        strategy_considered_not_held=strategy_considered_not_held,
    )
    if kind:
        fields["kind"] = kind
    return ManagementOversightRecord(
        actor=actor, child=child, fields=fields, request=request
    ).execute()
