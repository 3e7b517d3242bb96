"""The everyday recording screens: a visit (with the child's words) and a case note."""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.casework.forms import CaseNoteForm, VisitForm
from sightline.casework.services import case_note_record, visit_record
from sightline.casework.views.recording import Recording, check_page, form_page
from sightline.standards import codes


def _save_visit(request, record, form, target) -> str:
    visit = visit_record(
        actor=request.user, child=record.child, request=request, **form.visit_fields()
    )
    return (
        f"{codes.VISIT_KIND.label(visit.kind)} on {visit.date.day} {visit.date:%B %Y} "
        "recorded. The child's clocks below include it."
    )


def _save_case_note(request, record, form, target) -> str:
    case_note_record(
        actor=request.user,
        child=record.child,
        request=request,
        note=form.cleaned_data["note"],
        childs_voice=form.cleaned_data["childs_voice"],
    )
    return "Case note saved to the child's chronology."


VISIT = Recording(
    "visit",
    VisitForm,
    "casework/visit_form.html",
    _save_visit,
    done=lambda child, target: reverse("child-clocks", args=[child.pk]),
    check_template="casework/visit_check.html",
)
CASE_NOTE = Recording(
    "case-note",
    CaseNoteForm,
    "casework/case_note_form.html",
    _save_case_note,
    done=lambda child, target: reverse("child-chronology", args=[child.pk]),
    check_template="casework/case_note_check.html",
)


@require_http_methods(["GET", "POST"])
def visit_new(request, child_id: int):
    return form_page(request, child_id, VISIT)


@require_http_methods(["GET", "POST"])
def visit_check(request, child_id: int):
    return check_page(request, child_id, VISIT)


@require_http_methods(["GET", "POST"])
def case_note_new(request, child_id: int):
    return form_page(request, child_id, CASE_NOTE)


@require_http_methods(["GET", "POST"])
def case_note_check(request, child_id: int):
    return check_page(request, child_id, CASE_NOTE)
