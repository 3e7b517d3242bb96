"""The assessment screens: the worker completes it, a manager authorises it.

Both change an existing assessment, so both carry its version: an assessment saved by someone
else after the form was opened is refused with both versions shown (``recording``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.actions import MANAGER_ROLES
from sightline.casework.forms.assessment import AssessmentAuthoriseForm, AssessmentCompleteForm
from sightline.casework.models import Assessment
from sightline.casework.services import assessment_authorise, assessment_due
from sightline.casework.views.recording import Recording, check_page, form_page, may_record
from sightline.casework.writes.assessment import assessment_submit
from sightline.standards import codes


def _assessment(child, assessment_id: int):
    return Assessment.objects.filter(child=child, pk=assessment_id).first()


def _done(child, target) -> str:
    return reverse("child-work", args=[child.pk])


def _save_completion(request, record, form, target) -> str:
    assessment_submit(
        actor=request.user,
        assessment=target,
        expected_version=form.cleaned_data["version"] or None,
        request=request,
        **form.changes(),
    )
    return "Assessment completed and sent to your manager for authorisation."


def _save_authorisation(request, record, form, target) -> str:
    assessment = assessment_authorise(
        actor=request.user,
        assessment=target,
        expected_version=form.cleaned_data["version"] or None,
        request=request,
        **form.changes(),
    )
    return (
        f"Assessment authorised: {codes.ASSESSMENT_OUTCOME.label(assessment.outcome)}. "
        "Its timescale is met."
    )


def _may_authorise(user) -> None:
    may_record(user)
    if user.role not in MANAGER_ROLES:
        raise PermissionDenied("Only a team manager or head of service can authorise assessments.")


COMPLETE = Recording(
    "assessment-complete",
    AssessmentCompleteForm,
    "casework/assessment_complete_form.html",
    _save_completion,
    done=_done,
    check_heading="Check the assessment before sending it for authorisation",
    save_label="Send for authorisation",
    target=_assessment,
    initial=AssessmentCompleteForm.initial_from,
    section="work",
)


def _authorise_context(assessment) -> dict:
    return {"due": assessment_due(assessment)}


AUTHORISE = Recording(
    "assessment-authorise",
    AssessmentAuthoriseForm,
    "casework/assessment_authorise_form.html",
    _save_authorisation,
    done=_done,
    check_heading="Check the authorisation before saving it",
    save_label="Authorise the assessment",
    target=_assessment,
    initial=AssessmentAuthoriseForm.initial_from,
    allowed=_may_authorise,
    extra=_authorise_context,
    section="work",
)


@require_http_methods(["GET", "POST"])
def assessment_complete_new(request, child_id: int, assessment_id: int):
    return form_page(request, child_id, COMPLETE, assessment_id=assessment_id)


@require_http_methods(["GET", "POST"])
def assessment_complete_check(request, child_id: int, assessment_id: int):
    return check_page(request, child_id, COMPLETE, assessment_id=assessment_id)


@require_http_methods(["GET", "POST"])
def assessment_authorise_new(request, child_id: int, assessment_id: int):
    return form_page(request, child_id, AUTHORISE, assessment_id=assessment_id)


@require_http_methods(["GET", "POST"])
def assessment_authorise_check(request, child_id: int, assessment_id: int):
    return check_page(request, child_id, AUTHORISE, assessment_id=assessment_id)
