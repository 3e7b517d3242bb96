"""The looked-after recording screens, each a ``Recording``: form, check your answers, action.

Every screen sits under the child's Care page and returns there once saved, where the new
record, and the clock it met or started, show at once.
"""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.care import forms, writes
from sightline.care.models import MissingEpisode
from sightline.casework.views.recording import Recording, check_page, form_page
from sightline.standards import codes

TEMPLATE = "care/record_form.html"


def _done(child, target) -> str:
    return reverse("child-care", args=[child.pk])


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _saving(write, message):
    """A ``Recording.save`` that calls ``write`` with the form's changes, then says what it did."""

    def save(request, record, form, target) -> str:
        written = write(actor=request.user, child=record.child, request=request, **form.changes())
        return message(written)

    return save


def _return_interview(request, record, form, target) -> str:
    changes = form.changes()
    episode = writes.return_interview_record(
        actor=request.user,
        episode=target,
        end_date=changes["end_date"],
        offered_on=changes["offered_on"],
        accepted=changes["accepted"],
        expected_version=form.cleaned_data["version"] or None,
        request=request,
    )
    if episode.return_interview_offered_on is None:
        return f"Return on {_long(episode.end_date)} recorded. Offer the interview within 72 hours."
    return (
        f"Return home interview offered on {_long(episode.return_interview_offered_on)} recorded."
    )


def _missing_episode(child, missing_id: int):
    return MissingEpisode.objects.filter(child=child, pk=missing_id).first()


def _screen(name, form_class, save, **options) -> Recording:
    return Recording(name, form_class, TEMPLATE, save, done=_done, section="care", **options)


SCREENS: dict[str, Recording] = {
    screen.name: screen
    for screen in (
        _screen(
            "looked-after-start",
            forms.LookedAfterStartForm,
            _saving(
                writes.looked_after_start,
                lambda e: (
                    f"Looked after from {_long(e.start_date)} "
                    f"({codes.LEGAL_STATUS.label(e.legal_status)}) recorded."
                ),
            ),
            save_label="Record that the child is looked after",
        ),
        _screen(
            "care-plan",
            forms.CarePlanForm,
            _saving(writes.care_plan_record, lambda p: f"Care plan of {_long(p.date)} recorded."),
        ),
        _screen(
            "placement-plan",
            forms.PlacementPlanForm,
            _saving(
                writes.placement_plan_record,
                lambda p: f"Placement plan of {_long(p.date)} recorded.",
            ),
        ),
        _screen(
            "placement-change",
            forms.PlacementChangeForm,
            _saving(
                writes.placement_change,
                lambda e: f"Move on {_long(e.start_date)} recorded: a new episode has started.",
            ),
            save_label="Save the change of placement",
        ),
        _screen(
            "iro-appointment",
            forms.IROAppointForm,
            _saving(
                writes.iro_appoint,
                lambda a: f"{a.iro} appointed as IRO from {_long(a.appointed_on)}.",
            ),
        ),
        _screen(
            "looked-after-review",
            forms.LookedAfterReviewForm,
            _saving(
                writes.looked_after_review_record,
                lambda r: f"Looked-after review of {_long(r.date)} recorded.",
            ),
        ),
        _screen(
            "missing-episode",
            forms.MissingEpisodeForm,
            _saving(
                writes.missing_episode_record,
                lambda m: (
                    f"{codes.MISSING_TYPE.label(m.kind)} from {_long(m.start_date)} recorded."
                ),
            ),
        ),
        _screen(
            "return-interview",
            forms.ReturnInterviewForm,
            _return_interview,
            target=_missing_episode,
            initial=forms.ReturnInterviewForm.initial_from,
        ),
        _screen(
            "health-assessment",
            forms.HealthAssessmentForm,
            _saving(
                writes.health_assessment_record,
                lambda h: (
                    f"{codes.HEALTH_ASSESSMENT_KIND.label(h.kind)} of {_long(h.date)} recorded."
                ),
            ),
        ),
        _screen(
            "dental-check",
            forms.DentalCheckForm,
            _saving(
                writes.dental_check_record, lambda d: f"Dental check of {_long(d.date)} recorded."
            ),
        ),
        _screen(
            "education-plan",
            forms.EducationPlanForm,
            _saving(
                writes.education_plan_record,
                lambda p: f"Personal education plan of {_long(p.date)} recorded.",
            ),
        ),
        _screen(
            "care-leaver-contact",
            forms.CareLeaverContactForm,
            _saving(
                writes.care_leaver_contact_record,
                lambda c: f"Contact on {_long(c.date)} recorded.",
            ),
        ),
        _screen(
            "pathway-plan",
            forms.PathwayPlanForm,
            _saving(
                writes.pathway_plan_record,
                lambda p: (
                    f"Pathway plan {'review ' if p.is_review else ''}of {_long(p.date)} recorded."
                ),
            ),
        ),
    )
}


def screen_views(name: str):
    """The form page and the check page of one screen, as views."""
    recording = SCREENS[name]

    @require_http_methods(["GET", "POST"])
    def new(request, child_id: int, **ids):
        return form_page(request, child_id, recording, **ids)

    @require_http_methods(["GET", "POST"])
    def check(request, child_id: int, **ids):
        return check_page(request, child_id, recording, **ids)

    new.__name__ = f"{name.replace('-', '_')}_new"
    check.__name__ = f"{name.replace('-', '_')}_check"
    return new, check
