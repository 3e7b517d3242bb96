"""The warning screens, reached from the child's household page: raise a warning about the child
or an adult they live with, and end one, each a form then check your answers (``Recording``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sightline.casework.views.recording import Recording, check_page, form_page
from sightline.people.forms import WarningEndForm, WarningForm
from sightline.people.models import PersonWarning
from sightline.people.warnings import warning_end, warning_raise, warning_subjects
from sightline.standards import codes


def _household(child, target) -> str:
    return reverse("child-household", args=[child.pk]) + "#warnings"


def _save_warning(request, record, form, target) -> str:
    data = form.cleaned_data
    warning = warning_raise(
        actor=request.user,
        child=record.child,
        request=request,
        person_id=int(data["person"]),
        kind=data["kind"],
        detail=data["detail"],
        raised_on=data["raised_on"],
    )
    return (
        f"Warning raised: {codes.PERSON_WARNING.label(warning.kind)}. It is shown on every page "
        "of the record."
    )


def _open_warning(child, warning_id: int):
    """A warning shown on this child's record (about the child or an adult they live with)."""
    subjects = [person.pk for person in warning_subjects(child, on=timezone.localdate())]
    return (
        PersonWarning.objects.filter(pk=warning_id, person_id__in=subjects, ended_on__isnull=True)
        .select_related("person")
        .first()
    )


def _save_end(request, record, form, target) -> str:
    warning_end(
        actor=request.user,
        child=record.child,
        warning=target,
        ended_on=form.cleaned_data["ended_on"],
        end_reason=form.cleaned_data["end_reason"],
        expected_version=form.cleaned_data["version"] or None,
        request=request,
    )
    return "Warning ended. It is no longer shown on the record."


def _end_initial(warning) -> dict:
    return {"end_reason": warning.end_reason}


RAISE = Recording(
    "warning",
    WarningForm,
    "people/warning_form.html",
    _save_warning,
    done=_household,
    check_heading="Check the warning before raising it",
    save_label="Raise the warning",
    section="household",
)

END = Recording(
    "warning-end",
    WarningEndForm,
    "people/warning_end_form.html",
    _save_end,
    done=_household,
    check_heading="Check before ending the warning",
    save_label="End the warning",
    target=_open_warning,
    initial=_end_initial,
    section="household",
)


@require_http_methods(["GET", "POST"])
def warning_new(request, child_id: int):
    return form_page(request, child_id, RAISE)


@require_http_methods(["GET", "POST"])
def warning_check(request, child_id: int):
    return check_page(request, child_id, RAISE)


@require_http_methods(["GET", "POST"])
def warning_end_new(request, child_id: int, warning_id: int):
    return form_page(request, child_id, END, warning_id=warning_id)


@require_http_methods(["GET", "POST"])
def warning_end_check(request, child_id: int, warning_id: int):
    return check_page(request, child_id, END, warning_id=warning_id)
