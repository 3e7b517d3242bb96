"""The events a chronology is made of: their kinds, areas of practice and wording helpers."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from django.utils import timezone

from sightline.standards import codes


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
    CARE_PLAN = "care_plan"
    PLACEMENT_PLAN = "placement_plan"
    IRO_APPOINTED = "iro_appointed"
    LOOKED_AFTER_REVIEW = "looked_after_review"
    HEALTH_ASSESSMENT = "health_assessment"
    DENTAL_CHECK = "dental_check"
    DEVELOPMENT_CHECK = "development_check"
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
    FINDING = "finding"
    WARNING_RAISED = "warning_raised"
    WARNING_ENDED = "warning_ended"
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
    EventKind.FINDING: "Drift finding",
    EventKind.WARNING_RAISED: "Warning",
    EventKind.WARNING_ENDED: "Warning",
    EventKind.PRE_PROCEEDINGS_STARTED: "Court",
    EventKind.LETTER_BEFORE_PROCEEDINGS: "Court",
    EventKind.PRE_PROCEEDINGS_ENDED: "Court",
    EventKind.PROCEEDINGS_ISSUED: "Court",
    EventKind.FINAL_ORDER: "Court",
    EventKind.LOOKED_AFTER_STARTED: "Looked after",
    EventKind.LOOKED_AFTER_CHANGED: "Looked after",
    EventKind.LOOKED_AFTER_ENDED: "Looked after",
    EventKind.CARE_PLAN: "Looked after",
    EventKind.PLACEMENT_PLAN: "Looked after",
    EventKind.IRO_APPOINTED: "Looked after",
    EventKind.LOOKED_AFTER_REVIEW: "Looked after",
    EventKind.HEALTH_ASSESSMENT: "Health",
    EventKind.DENTAL_CHECK: "Health",
    EventKind.DEVELOPMENT_CHECK: "Health",
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


# The areas in the order a reader meets them, for the chronology's filter.
AREAS: tuple[str, ...] = tuple(dict.fromkeys(_AREA[kind] for kind in EventKind))

# Significant events: the turning points a chronology for a conference, a court or a review
# starts from (a plan starting or ending, a child coming into or leaving care, going missing,
# proceedings). Everyday recording (visits, notes, checks) is left out of this view.
SIGNIFICANT: frozenset[EventKind] = frozenset(
    {
        EventKind.REFERRAL,
        EventKind.CASE_CLOSED,
        EventKind.STRATEGY_DISCUSSION,
        EventKind.SECTION_47_STARTED,
        EventKind.SECTION_47_COMPLETED,
        EventKind.CONFERENCE,
        EventKind.CP_PLAN_STARTED,
        EventKind.CP_PLAN_ENDED,
        EventKind.CIN_PLAN_STARTED,
        EventKind.CIN_PLAN_ENDED,
        EventKind.ASSESSMENT_AUTHORISED,
        EventKind.PRE_PROCEEDINGS_STARTED,
        EventKind.PRE_PROCEEDINGS_ENDED,
        EventKind.PROCEEDINGS_ISSUED,
        EventKind.FINAL_ORDER,
        EventKind.LOOKED_AFTER_STARTED,
        EventKind.LOOKED_AFTER_CHANGED,
        EventKind.LOOKED_AFTER_ENDED,
        EventKind.MISSING_STARTED,
        EventKind.PERMANENCE_PLAN,
        EventKind.ADOPTION,
        EventKind.CARE_LEAVER,
        EventKind.WARNING_RAISED,
        EventKind.WARNING_ENDED,
    }
)


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

    @property
    def significant(self) -> bool:
        return self.kind in SIGNIFICANT

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
