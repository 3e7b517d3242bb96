"""A child's chronology: every dated event in their record, newest first, in plain English.

The chronology is the practitioner's single view of what has happened to a child and when
(Working Together 2023 asks that history is gathered and read as a whole). Each record type
contributes its events through one function below, each one query, so building a chronology
costs the same number of queries whether the child has five events or five thousand.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from sightline.care import models as care
from sightline.casework import models as casework
from sightline.people.models import Person
from sightline.people.selectors import _authorise_child_read
from sightline.standards import codes
from sightline.workforce.models import Allocation

DEFAULT_LIMIT = 100


class EventKind(enum.StrEnum):
    """Every kind of event a chronology shows, in the order of a child's journey.

    The order breaks ties between events on the same day: a strategy discussion comes before
    the section 47 enquiry it started.
    """

    CONTACT = "contact"
    CONTACT_DECISION = "contact_decision"
    REFERRAL = "referral"
    ALLOCATED = "allocated"
    ALLOCATION_ENDED = "allocation_ended"
    ASSESSMENT_STARTED = "assessment_started"
    ASSESSMENT_CHILD_SEEN = "assessment_child_seen"
    ASSESSMENT_AUTHORISED = "assessment_authorised"
    STRATEGY_DISCUSSION = "strategy_discussion"
    SECTION_47_STARTED = "section47_started"
    SECTION_47_COMPLETED = "section47_completed"
    AGENCY_CHECK_REQUESTED = "agency_check_requested"
    AGENCY_CHECK_ANSWERED = "agency_check_answered"
    CONFERENCE = "conference"
    CP_PLAN_STARTED = "cp_plan_started"
    CORE_GROUP = "core_group"
    CP_PLAN_ENDED = "cp_plan_ended"
    CIN_PLAN_STARTED = "cin_plan_started"
    CIN_PLAN_REVIEW = "cin_plan_review"
    CIN_PLAN_ENDED = "cin_plan_ended"
    VISIT = "visit"
    CASE_NOTE = "case_note"
    MANAGEMENT_OVERSIGHT = "management_oversight"
    PRE_PROCEEDINGS_STARTED = "pre_proceedings_started"
    LETTER_BEFORE_PROCEEDINGS = "letter_before_proceedings"
    PRE_PROCEEDINGS_ENDED = "pre_proceedings_ended"
    PROCEEDINGS_ISSUED = "proceedings_issued"
    FINAL_ORDER = "final_order"
    LOOKED_AFTER_STARTED = "looked_after_started"
    LOOKED_AFTER_CHANGED = "looked_after_changed"
    LOOKED_AFTER_ENDED = "looked_after_ended"
    LOOKED_AFTER_REVIEW = "looked_after_review"
    HEALTH_ASSESSMENT = "health_assessment"
    DENTAL_CHECK = "dental_check"
    IMMUNISATIONS = "immunisations"
    SDQ = "sdq"
    PERSONAL_EDUCATION_PLAN = "personal_education_plan"
    MISSING_STARTED = "missing_started"
    MISSING_ENDED = "missing_ended"
    RETURN_INTERVIEW = "return_interview"
    PERMANENCE_PLAN = "permanence_plan"
    ADOPTION = "adoption"
    CARE_LEAVER = "care_leaver"
    CARE_LEAVER_CONTACT = "care_leaver_contact"
    PATHWAY_PLAN = "pathway_plan"
    CASE_CLOSED = "case_closed"


_ORDER = {kind: position for position, kind in enumerate(EventKind)}

# The area of practice each kind belongs to, shown as a tag so a long chronology can be scanned.
_AREA = {
    EventKind.CONTACT: "Front door",
    EventKind.CONTACT_DECISION: "Front door",
    EventKind.REFERRAL: "Referral",
    EventKind.CASE_CLOSED: "Referral",
    EventKind.ALLOCATED: "Allocation",
    EventKind.ALLOCATION_ENDED: "Allocation",
    EventKind.ASSESSMENT_STARTED: "Assessment",
    EventKind.ASSESSMENT_CHILD_SEEN: "Assessment",
    EventKind.ASSESSMENT_AUTHORISED: "Assessment",
    EventKind.STRATEGY_DISCUSSION: "Child protection",
    EventKind.SECTION_47_STARTED: "Child protection",
    EventKind.SECTION_47_COMPLETED: "Child protection",
    EventKind.CONFERENCE: "Child protection",
    EventKind.CP_PLAN_STARTED: "Child protection",
    EventKind.CORE_GROUP: "Child protection",
    EventKind.CP_PLAN_ENDED: "Child protection",
    EventKind.AGENCY_CHECK_REQUESTED: "Agency check",
    EventKind.AGENCY_CHECK_ANSWERED: "Agency check",
    EventKind.CIN_PLAN_STARTED: "Child in need",
    EventKind.CIN_PLAN_REVIEW: "Child in need",
    EventKind.CIN_PLAN_ENDED: "Child in need",
    EventKind.VISIT: "Visit",
    EventKind.CASE_NOTE: "Case note",
    EventKind.MANAGEMENT_OVERSIGHT: "Oversight",
    EventKind.PRE_PROCEEDINGS_STARTED: "Court",
    EventKind.LETTER_BEFORE_PROCEEDINGS: "Court",
    EventKind.PRE_PROCEEDINGS_ENDED: "Court",
    EventKind.PROCEEDINGS_ISSUED: "Court",
    EventKind.FINAL_ORDER: "Court",
    EventKind.LOOKED_AFTER_STARTED: "Looked after",
    EventKind.LOOKED_AFTER_CHANGED: "Looked after",
    EventKind.LOOKED_AFTER_ENDED: "Looked after",
    EventKind.LOOKED_AFTER_REVIEW: "Looked after",
    EventKind.HEALTH_ASSESSMENT: "Health",
    EventKind.DENTAL_CHECK: "Health",
    EventKind.IMMUNISATIONS: "Health",
    EventKind.SDQ: "Health",
    EventKind.PERSONAL_EDUCATION_PLAN: "Education",
    EventKind.MISSING_STARTED: "Missing",
    EventKind.MISSING_ENDED: "Missing",
    EventKind.RETURN_INTERVIEW: "Missing",
    EventKind.PERMANENCE_PLAN: "Permanence",
    EventKind.ADOPTION: "Adoption",
    EventKind.CARE_LEAVER: "Care leaver",
    EventKind.CARE_LEAVER_CONTACT: "Care leaver",
    EventKind.PATHWAY_PLAN: "Care leaver",
}


@dataclass(frozen=True, slots=True)
class ChronologyEvent:
    """One entry in a child's chronology.

    ``date`` is the day the event happened (in local time for timed events); ``datetime`` is
    set only when the time is known and matters, such as when a contact arrived. ``detail``
    may run to several lines; ``tag`` is the area of practice; ``by`` names who did or
    recorded it, where the record says.
    """

    date: dt.date
    datetime: dt.datetime | None
    kind: EventKind
    title: str
    detail: str = ""
    tag: str = ""
    by: str = ""

    def sort_key(self) -> tuple:
        # Untimed events sort after timed ones on the same day: a referral accepted "on 3 March"
        # follows the contact received at 16:55 that day.
        moment = timezone.localtime(self.datetime).time() if self.datetime else dt.time.max
        return (self.date, moment, _ORDER[self.kind])


def _event(
    kind: EventKind,
    when: dt.date | dt.datetime,
    title: str,
    *details: str,
    by: object = None,
) -> ChronologyEvent:
    if isinstance(when, dt.datetime):
        date, moment = timezone.localdate(when), when
    else:
        date, moment = when, None
    return ChronologyEvent(
        date=date,
        datetime=moment,
        kind=kind,
        title=title,
        detail="\n".join(line for line in details if line),
        tag=_AREA[kind],
        by=str(by) if by else "",
    )


def _coded(code_set: codes.CodeSet, value: str) -> str:
    """A statutory code as practitioners say it: its label, then the code they also know."""
    return f"{code_set.label(value)} ({value})" if value else ""


def _line(label: str, value: object) -> str:
    return f"{label}: {value}" if value not in (None, "") else ""


def _long_date(date: dt.date) -> str:
    """A date as GOV.UK writes it, "3 March 2026" (no leading zero on any platform)."""
    return f"{date.day} {date:%B %Y}"


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")


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


def _agency_checks(child: Person) -> Iterator[ChronologyEvent]:
    for check in casework.AgencyCheck.objects.filter(child=child).select_related("subject"):
        agency = codes.AGENCY.label(check.agency)
        about = "the child" if check.subject_id == child.pk else check.subject.full_name
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


# --- Children in care, care leavers and the court ----------------------------------------------

# SSDA903 "reason for new episode": S starts a period of care; the others change legal status,
# placement or both within it.
_NEW_EPISODE_TITLES = {
    "S": "Started to be looked after",
    "L": "Legal status changed",
    "P": "Placement changed (new carer)",
    "T": "Placement changed (same carer)",
    "B": "Legal status and placement changed (new carer)",
    "U": "Legal status and placement changed (same carer)",
}


def _looked_after_episodes(child: Person) -> Iterator[ChronologyEvent]:
    for episode in care.LookedAfterEpisode.objects.filter(child=child):
        kind = (
            EventKind.LOOKED_AFTER_STARTED
            if episode.reason_new_episode == "S"
            else EventKind.LOOKED_AFTER_CHANGED
        )
        yield _event(
            kind,
            episode.start_date,
            _NEW_EPISODE_TITLES.get(episode.reason_new_episode, "Looked-after episode started"),
            _line("Legal status", _coded(codes.LEGAL_STATUS, episode.legal_status)),
            _line("Placement", _coded(codes.PLACEMENT_TYPE, episode.placement_type)),
            _line("Provider", codes.PLACEMENT_PROVIDER.label(episode.placement_provider)),
            _line(
                "Reason for placement change",
                codes.REASON_PLACE_CHANGE.label(episode.reason_place_change),
            ),
            _line("Category of need", _coded(codes.NEED, episode.category_of_need)),
        )
        # X1 closes an episode only for the next to open the same day: the change is already
        # on the chronology as that next episode's start.
        if episode.end_date and episode.reason_ceased != "X1":
            yield _event(
                EventKind.LOOKED_AFTER_ENDED,
                episode.end_date,
                "Stopped being looked after",
                _line("Reason", _coded(codes.REASON_CEASED, episode.reason_ceased)),
            )


def _looked_after_reviews(child: Person) -> Iterator[ChronologyEvent]:
    reviews = care.LookedAfterReview.objects.filter(child=child).select_related("chaired_by")
    for review in reviews:
        yield _event(
            EventKind.LOOKED_AFTER_REVIEW,
            review.date,
            "Looked-after review",
            _line("Participation", _coded(codes.REVIEW_PARTICIPATION, review.participation)),
            by=review.chaired_by,
        )


def _health_assessments(child: Person) -> Iterator[ChronologyEvent]:
    for assessment in care.HealthAssessment.objects.filter(child=child):
        yield _event(
            EventKind.HEALTH_ASSESSMENT,
            assessment.date,
            codes.HEALTH_ASSESSMENT_KIND.label(assessment.kind),
        )


def _dental_checks(child: Person) -> Iterator[ChronologyEvent]:
    for check in care.DentalCheck.objects.filter(child=child):
        yield _event(EventKind.DENTAL_CHECK, check.date, "Dental check")


def _immunisations(child: Person) -> Iterator[ChronologyEvent]:
    for status in care.ImmunisationStatus.objects.filter(child=child):
        state = "up to date" if status.up_to_date else "not up to date"
        yield _event(EventKind.IMMUNISATIONS, status.recorded_on, f"Immunisations {state}")


def _sdq_scores(child: Person) -> Iterator[ChronologyEvent]:
    for sdq in care.StrengthsAndDifficulties.objects.filter(child=child):
        if sdq.score is not None:
            title = f"Strengths and difficulties questionnaire: score {sdq.score}"
        else:
            title = "Strengths and difficulties questionnaire not completed"
        yield _event(
            EventKind.SDQ,
            sdq.date,
            title,
            _line("Reason", codes.SDQ_REASON.label(sdq.reason_not_completed)),
        )


def _education_plans(child: Person) -> Iterator[ChronologyEvent]:
    for plan in care.PersonalEducationPlan.objects.filter(child=child):
        yield _event(EventKind.PERSONAL_EDUCATION_PLAN, plan.date, "Personal education plan")


def _missing_episodes(child: Person) -> Iterator[ChronologyEvent]:
    for episode in care.MissingEpisode.objects.filter(child=child):
        label = codes.MISSING_TYPE.label(episode.kind)
        yield _event(EventKind.MISSING_STARTED, episode.start_date, label)
        if episode.end_date:
            yield _event(EventKind.MISSING_ENDED, episode.end_date, f"Returned ({label.lower()})")
        if episode.return_interview_offered_on:
            yield _event(
                EventKind.RETURN_INTERVIEW,
                episode.return_interview_offered_on,
                "Return home interview offered",
                _line("Accepted", _yes_no(episode.return_interview_accepted)),
            )


def _permanence_plans(child: Person) -> Iterator[ChronologyEvent]:
    for plan in care.PermanencePlan.objects.filter(child=child):
        yield _event(
            EventKind.PERMANENCE_PLAN,
            plan.recorded_on,
            f"Permanence plan: {codes.PERMANENCE_PLAN.label(plan.plan)}",
        )


_ADOPTION_MILESTONES = (
    ("decision_date", "Decision that the child should be placed for adoption"),
    ("placement_order_date", "Placement order granted"),
    ("fostering_for_adoption_date", "Placed in fostering for adoption"),
    ("matched_date", "Matched with prospective adopters"),
    ("placed_date", "Placed for adoption"),
    ("adoption_order_date", "Adoption order granted"),
    ("stopped_date", "Decision that the child should no longer be placed for adoption"),
)


def _adoptions(child: Person) -> Iterator[ChronologyEvent]:
    for adoption in care.Adoption.objects.filter(child=child):
        for field, title in _ADOPTION_MILESTONES:
            date = getattr(adoption, field)
            if date is None:
                continue
            reason = ""
            if field == "stopped_date":
                reason = _line(
                    "Reason", codes.ADOPTION_STOPPED_REASON.label(adoption.stopped_reason)
                )
            yield _event(EventKind.ADOPTION, date, title, reason)


def _care_leaver(child: Person) -> Iterator[ChronologyEvent]:
    for leaver in care.CareLeaver.objects.filter(child=child).select_related("personal_adviser"):
        yield _event(
            EventKind.CARE_LEAVER,
            leaver.eligible_from,
            "Entitled to leaving care support",
            _line("Eligibility", codes.CARE_LEAVER_ELIGIBILITY.label(leaver.eligibility)),
            _line("Personal adviser", leaver.personal_adviser),
        )


def _care_leaver_contacts(child: Person) -> Iterator[ChronologyEvent]:
    for contact in care.CareLeaverContact.objects.filter(child=child):
        yield _event(
            EventKind.CARE_LEAVER_CONTACT,
            contact.date,
            f"Care leaver contact: {codes.IN_TOUCH.label(contact.in_touch).lower()}",
            _line("Activity", codes.ACTIVITY.label(contact.activity)),
            _line("Accommodation", codes.ACCOMMODATION.label(contact.accommodation)),
            _line("Accommodation suitable", _yes_no(contact.accommodation_suitable)),
        )


def _pathway_plans(child: Person) -> Iterator[ChronologyEvent]:
    for plan in care.PathwayPlan.objects.filter(child=child):
        title = "Pathway plan reviewed" if plan.is_review else "Pathway plan"
        yield _event(EventKind.PATHWAY_PLAN, plan.date, title)


def _pre_proceedings(child: Person) -> Iterator[ChronologyEvent]:
    for stage in care.PreProceedings.objects.filter(child=child):
        yield _event(
            EventKind.PRE_PROCEEDINGS_STARTED,
            stage.start_date,
            "Pre-proceedings started (Public Law Outline)",
        )
        if stage.letter_before_proceedings_on:
            yield _event(
                EventKind.LETTER_BEFORE_PROCEEDINGS,
                stage.letter_before_proceedings_on,
                "Letter before proceedings sent",
            )
        if stage.end_date:
            yield _event(
                EventKind.PRE_PROCEEDINGS_ENDED,
                stage.end_date,
                "Pre-proceedings ended",
                _line("Outcome", codes.PRE_PROCEEDINGS_OUTCOME.label(stage.outcome)),
            )


def _care_proceedings(child: Person) -> Iterator[ChronologyEvent]:
    for proceedings in care.CareProceedings.objects.filter(child=child):
        yield _event(
            EventKind.PROCEEDINGS_ISSUED,
            proceedings.issued_on,
            "Care proceedings issued",
            _line("Extension", f"{proceedings.extension_weeks} weeks")
            if proceedings.extension_weeks
            else "",
        )
        if proceedings.final_order_on:
            yield _event(
                EventKind.FINAL_ORDER,
                proceedings.final_order_on,
                f"Final order: {codes.PROCEEDINGS_ORDER.label(proceedings.final_order)}",
            )


_SOURCES: tuple[Callable[[Person], Iterable[ChronologyEvent]], ...] = (
    _contacts,
    _referrals,
    _allocations,
    _assessments,
    _strategy_discussions,
    _section47_enquiries,
    _agency_checks,
    _conferences,
    _cp_plans,
    _core_groups,
    _cin_plans,
    _cin_plan_reviews,
    _visits,
    _case_notes,
    _management_oversight,
    _pre_proceedings,
    _care_proceedings,
    _looked_after_episodes,
    _looked_after_reviews,
    _health_assessments,
    _dental_checks,
    _immunisations,
    _sdq_scores,
    _education_plans,
    _missing_episodes,
    _permanence_plans,
    _adoptions,
    _care_leaver,
    _care_leaver_contacts,
    _pathway_plans,
)

# One query per source; tests hold the chronology to this whatever the number of events.
QUERY_COUNT = len(_SOURCES)


def child_chronology(*, actor, child: Person) -> list[ChronologyEvent]:
    """Every event in ``child``'s record, newest first, in ``QUERY_COUNT`` queries."""
    _authorise_child_read(actor=actor, child=child, purpose="chronology")
    events = [event for source in _SOURCES for event in source(child)]
    events.sort(key=ChronologyEvent.sort_key, reverse=True)
    return events


@dataclass(frozen=True)
class ChronologyPage:
    """The part of a chronology to show, and what the reader needs to see the rest."""

    events: list[ChronologyEvent]
    total: int  # events in the chosen year, or in all years
    years: list[int]  # years with events, newest first
    year: int | None
    truncated: bool  # more events than shown; offer "show all"


def chronology_page(
    events: list[ChronologyEvent],
    *,
    year: int | None = None,
    show_all: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> ChronologyPage:
    """Choose what to show of a chronology: one year, the latest ``limit`` events, or all."""
    years = sorted({event.date.year for event in events}, reverse=True)
    if year is not None:
        events = [event for event in events if event.date.year == year]
    truncated = not show_all and len(events) > limit
    return ChronologyPage(
        events=events[:limit] if truncated else events,
        total=len(events),
        years=years,
        year=year,
        truncated=truncated,
    )
