"""Chronology events from help and protection records: contacts to case closure."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef

from sightline.access.models import RestrictedRecord
from sightline.casework import models as casework
from sightline.people.chronology.events import (
    ChronologyEvent,
    EventKind,
    _coded,
    _event,
    _line,
    _long_date,
)
from sightline.people.models import Person
from sightline.people.selectors.record import ChildRecord, _opened, withheld_from
from sightline.standards import codes
from sightline.workforce.models import Allocation

# --- Help and protection -----------------------------------------------------------------------


def _contacts(child: Person) -> Iterator[ChronologyEvent]:
    for contact in casework.Contact.objects.filter(child=child).select_related("decided_by"):
        referrer = ", ".join(p for p in (contact.referrer_name, contact.referrer_agency) if p)
        yield _event(
            EventKind.CONTACT,
            contact.received_at,
            "Contact received",
            _line("Source", codes.REFERRAL_SOURCE.label(contact.source)),
            _line("Referrer", referrer),
            "Significant harm suspected" if contact.significant_harm_suspected else "",
            contact.concerns,
        )
        if contact.decided_at:
            yield _event(
                EventKind.CONTACT_DECISION,
                contact.decided_at,
                f"Contact decision: {codes.CONTACT_DECISION.label(contact.decision)}",
                contact.outcome_notes,
                by=contact.decided_by,
            )


def _referrals(child: Person) -> Iterator[ChronologyEvent]:
    for referral in casework.Referral.objects.filter(child=child):
        yield _event(
            EventKind.REFERRAL,
            referral.referral_date,
            "Referral accepted by children's social care",
            _line("Source", codes.REFERRAL_SOURCE.label(referral.source)),
            _line("Primary need", _coded(codes.NEED, referral.primary_need)),
            "Decision: no further action" if referral.no_further_action else "",
        )
        if referral.significant_harm_suspected_at:
            yield _event(
                EventKind.REFERRAL,
                referral.significant_harm_suspected_at,
                "Referral flagged: significant harm suspected",
            )
        if referral.closure_date:
            yield _event(
                EventKind.CASE_CLOSED,
                referral.closure_date,
                "Case closed",
                _line("Reason", _coded(codes.CLOSURE_REASON, referral.closure_reason)),
            )


def _assessments(child: Person) -> Iterator[ChronologyEvent]:
    for assessment in casework.Assessment.objects.filter(child=child).select_related(
        "authorised_by"
    ):
        yield _event(EventKind.ASSESSMENT_STARTED, assessment.start_date, "Assessment started")
        if assessment.child_seen_on:
            yield _event(
                EventKind.ASSESSMENT_CHILD_SEEN,
                assessment.child_seen_on,
                "Child seen during assessment",
            )
        if assessment.authorised_on:
            factors = "; ".join(codes.ASSESSMENT_FACTOR.label(f) for f in assessment.factors)
            yield _event(
                EventKind.ASSESSMENT_AUTHORISED,
                assessment.authorised_on,
                "Assessment authorised",
                _line("Outcome", codes.ASSESSMENT_OUTCOME.label(assessment.outcome)),
                _line("Factors", factors),
                _line("Reason for delay", assessment.delay_reason),
                by=assessment.authorised_by,
            )


def _strategy_discussions(child: Person) -> Iterator[ChronologyEvent]:
    discussions = casework.StrategyDiscussion.objects.filter(child=child).select_related(
        "chaired_by"
    )
    for discussion in discussions:
        agencies = ", ".join(codes.AGENCY.label(a) for a in discussion.agencies_attending)
        yield _event(
            EventKind.STRATEGY_DISCUSSION,
            discussion.held_on,
            "Strategy discussion",
            _line("Decision", codes.STRATEGY_DECISION.label(discussion.decision)),
            _line("Agencies attending", agencies),
            by=discussion.chaired_by,
        )


def _section47_enquiries(child: Person) -> Iterator[ChronologyEvent]:
    for enquiry in casework.Section47Enquiry.objects.filter(child=child):
        yield _event(EventKind.SECTION_47_STARTED, enquiry.start_date, "Section 47 enquiry started")
        if enquiry.end_date:
            yield _event(
                EventKind.SECTION_47_COMPLETED,
                enquiry.end_date,
                "Section 47 enquiry completed",
                _line("Outcome", codes.S47_OUTCOME.label(enquiry.outcome)),
            )


def _conferences(child: Person) -> Iterator[ChronologyEvent]:
    conferences = casework.ChildProtectionConference.objects.filter(child=child).select_related(
        "chaired_by"
    )
    for conference in conferences:
        yield _event(
            EventKind.CONFERENCE,
            conference.date,
            codes.CONFERENCE_KIND.label(conference.kind),
            _line("Outcome", codes.CONFERENCE_OUTCOME.label(conference.outcome)),
            by=conference.chaired_by,
        )


def _cp_plans(child: Person) -> Iterator[ChronologyEvent]:
    for plan in casework.ChildProtectionPlan.objects.filter(child=child):
        yield _event(
            EventKind.CP_PLAN_STARTED,
            plan.start_date,
            "Child protection plan started",
            _line("Category", codes.ABUSE_CATEGORY.label(plan.initial_category)),
        )
        if plan.end_date:
            yield _event(
                EventKind.CP_PLAN_ENDED,
                plan.end_date,
                "Child protection plan ended",
                _line("Latest category", codes.ABUSE_CATEGORY.label(plan.latest_category)),
            )


def _core_groups(child: Person) -> Iterator[ChronologyEvent]:
    for meeting in casework.CoreGroupMeeting.objects.filter(child=child):
        yield _event(EventKind.CORE_GROUP, meeting.date, "Core group meeting")


def _cin_plans(child: Person) -> Iterator[ChronologyEvent]:
    for plan in casework.ChildInNeedPlan.objects.filter(child=child):
        yield _event(EventKind.CIN_PLAN_STARTED, plan.start_date, "Child in need plan started")
        if plan.end_date:
            yield _event(EventKind.CIN_PLAN_ENDED, plan.end_date, "Child in need plan ended")


def _cin_plan_reviews(child: Person) -> Iterator[ChronologyEvent]:
    for review in casework.ChildInNeedPlanReview.objects.filter(child=child):
        yield _event(EventKind.CIN_PLAN_REVIEW, review.date, "Child in need plan review")


def _visits(child: Person) -> Iterator[ChronologyEvent]:
    for visit in casework.Visit.objects.filter(child=child).select_related("worker"):
        if not visit.child_seen:
            seen = "child not seen"
        elif visit.seen_alone:
            seen = "child seen alone"
        else:
            seen = "child seen, not alone"
        yield _event(
            EventKind.VISIT,
            visit.date,
            f"{codes.VISIT_KIND.label(visit.kind)}: {seen}",
            visit.notes,
            by=visit.worker,
        )


# Said of the subject of a check who is a child whose own record is restricted from the reader:
# the chronology of a relative must not name an adopted or staff-family child (issue 11 row 9).
WITHHELD_SUBJECT = "someone whose name is withheld (restricted record)"


def _agency_checks(record: ChildRecord) -> Iterator[ChronologyEvent]:
    """Checks about the child or someone in their life, naming no one the reader may not see.

    One query; one more (and any the access policy needs) only when the subject of a check is
    another child with a restricted record, to ask whether the reader may see them.
    """
    child = _opened(record)
    checks = list(
        casework.AgencyCheck.objects.filter(child=child)
        .select_related("subject")
        .annotate(
            subject_restricted=Exists(RestrictedRecord.objects.filter(child=OuterRef("subject")))
        )
    )
    restricted = {c.subject_id for c in checks if c.subject_restricted}
    withheld = withheld_from(record, restricted) if restricted - {child.pk} else set()
    for check in checks:
        agency = codes.AGENCY.label(check.agency)
        if check.subject_id == child.pk:
            about = "the child"
        elif check.subject_id in withheld:
            about = WITHHELD_SUBJECT
        else:
            about = check.subject.full_name
        yield _event(
            EventKind.AGENCY_CHECK_REQUESTED,
            check.requested_at,
            f"{agency} check requested about {about}",
            "Urgent" if check.urgent else "",
            f"Due by {_long_date(check.due_on)}",
        )
        if check.responded_at:
            yield _event(
                EventKind.AGENCY_CHECK_ANSWERED,
                check.responded_at,
                f"{agency} check answered about {about}",
                "Nothing held" if check.nothing_held else "",
                check.response,
            )


def _management_oversight(child: Person) -> Iterator[ChronologyEvent]:
    entries = casework.ManagementOversight.objects.filter(child=child).select_related("manager")
    for entry in entries:
        yield _event(
            EventKind.MANAGEMENT_OVERSIGHT,
            entry.recorded_at,
            "Management oversight",
            "Strategy discussion considered, not held"
            if entry.strategy_considered_not_held
            else entry.get_kind_display(),
            entry.note,
            _line("Direction", entry.direction),
            by=entry.manager,
        )


def _case_notes(child: Person) -> Iterator[ChronologyEvent]:
    for note in casework.CaseNote.objects.filter(child=child).select_related("author"):
        yield _event(
            EventKind.CASE_NOTE,
            note.written_at,
            "Case note",
            note.note,
            _line("The child's voice", note.childs_voice),
            by=note.author,
        )


def _allocations(child: Person) -> Iterator[ChronologyEvent]:
    for allocation in Allocation.objects.filter(child=child).select_related("worker", "team"):
        to = f"{allocation.worker} ({allocation.team})" if allocation.worker else allocation.team
        yield _event(EventKind.ALLOCATED, allocation.start_date, f"Allocated to {to}")
        if allocation.end_date:
            yield _event(
                EventKind.ALLOCATION_ENDED,
                allocation.end_date,
                f"Allocation to {to} ended",
                _line("Reason", allocation.end_reason),
            )
