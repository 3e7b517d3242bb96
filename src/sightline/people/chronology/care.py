"""Chronology events from care records: looked after, health, permanence, leaving care, court."""

from __future__ import annotations

from collections.abc import Iterator

from sightline.care import models as care
from sightline.people.chronology.events import (
    ChronologyEvent,
    EventKind,
    _coded,
    _event,
    _line,
    _yes_no,
)
from sightline.people.models import Person
from sightline.standards import codes

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


def _care_plans(child: Person) -> Iterator[ChronologyEvent]:
    for plan in care.CarePlan.objects.filter(child=child):
        yield _event(EventKind.CARE_PLAN, plan.date, "Care plan agreed", plan.summary)


def _placement_plans(child: Person) -> Iterator[ChronologyEvent]:
    plans = care.PlacementPlan.objects.filter(child=child).select_related("episode")
    for plan in plans:
        yield _event(
            EventKind.PLACEMENT_PLAN,
            plan.date,
            "Placement plan agreed",
            _line("Placement", _coded(codes.PLACEMENT_TYPE, plan.episode.placement_type)),
        )


def _iro_appointments(child: Person) -> Iterator[ChronologyEvent]:
    for appointment in care.IROAppointment.objects.filter(child=child).select_related("iro"):
        yield _event(
            EventKind.IRO_APPOINTED,
            appointment.appointed_on,
            "Independent reviewing officer appointed",
            _line("IRO", appointment.iro),
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


def _development_checks(child: Person) -> Iterator[ChronologyEvent]:
    for check in care.DevelopmentCheck.objects.filter(child=child):
        yield _event(EventKind.DEVELOPMENT_CHECK, check.date, "Development check")


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
