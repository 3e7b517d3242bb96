"""Recording pages for the child's journey: a form, then check your answers, then the action.

Each page opens the child's record (the audited gate), so only a user who may see the child
gets a form about them; the write itself goes through the casework action, which checks again.
What is typed is kept as a draft on the server from the first keystroke until it is saved.
Every recording screen is a `Recording`: its form, its two templates and the action it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sightline.access.policies import Capability, actor_can
from sightline.casework.forms import CaseNoteForm, VisitForm
from sightline.casework.services import case_note_record, visit_record
from sightline.drafts.selectors import draft_for
from sightline.drafts.services import draft_discard, draft_save
from sightline.standards import codes
from sightline.web.views import record_page


@dataclass(frozen=True)
class Recording:
    """One recording screen: ``name`` is its draft form and URL prefix (``visit`` →
    ``visit-new``, ``visit-check``); ``save`` runs the action and returns the success message."""

    name: str
    form_class: type
    template: str
    check_template: str
    save: Callable


def _save_visit(request, record, form) -> str:
    visit = visit_record(
        actor=request.user, child=record.child, request=request, **form.visit_fields()
    )
    return (
        f"{codes.VISIT_KIND.label(visit.kind)} on {visit.date.day} {visit.date:%B %Y} "
        "recorded. The child's clocks below include it."
    )


def _save_case_note(request, record, form) -> str:
    case_note_record(
        actor=request.user,
        child=record.child,
        request=request,
        note=form.cleaned_data["note"],
        childs_voice=form.cleaned_data["childs_voice"],
    )
    return "Case note saved to the child's chronology."


VISIT = Recording(
    "visit", VisitForm, "casework/visit_form.html", "casework/visit_check.html", _save_visit
)
CASE_NOTE = Recording(
    "case-note",
    CaseNoteForm,
    "casework/case_note_form.html",
    "casework/case_note_check.html",
    _save_case_note,
)


def _may_record(request) -> None:
    if not actor_can(request.user, Capability.RECORD_WORK):
        raise PermissionDenied("Your role cannot record work on a child's record.")


def _form_page(request, child_id: int, recording: Recording):
    """Page 1 of 2: the details. A saved draft is put back into the form."""
    _may_record(request)
    record, context = record_page(request, child_id, "clocks")
    child = record.child
    restored = None
    if request.method == "POST":
        form = recording.form_class(request.POST, child=child)
        draft_save(user=request.user, form=recording.name, child_id=child.pk, data=request.POST)
        if form.is_valid():
            return redirect(f"{recording.name}-check", child_id=child.pk)
    else:
        draft = draft_for(user=request.user, form=recording.name, child_id=child.pk)
        form = recording.form_class(child=child, initial=draft.data if draft else None)
        restored = timezone.localtime(draft.saved_at) if draft else None
    context.update(
        form=form,
        restored=restored,
        draft_url=reverse("drafts:autosave", args=[recording.name, child.pk]),
    )
    return render(request, recording.template, context)


def _check_page(request, child_id: int, recording: Recording):
    """Page 2 of 2: check your answers, then run the action and go back to the record."""
    _may_record(request)
    record, context = record_page(request, child_id, "clocks")
    child = record.child
    draft = draft_for(user=request.user, form=recording.name, child_id=child.pk)
    form = recording.form_class(draft.data if draft else {}, child=child)
    if draft is None or not form.is_valid():
        return redirect(f"{recording.name}-new", child_id=child.pk)
    if request.method == "POST":
        message = recording.save(request, record, form)
        draft_discard(user=request.user, form=recording.name, child_id=child.pk)
        messages.success(request, message)
        return redirect(
            "child-clocks" if recording is VISIT else "child-chronology", child_id=child.pk
        )
    context["form"] = form
    return render(request, recording.check_template, context)


@require_http_methods(["GET", "POST"])
def visit_new(request, child_id: int):
    return _form_page(request, child_id, VISIT)


@require_http_methods(["GET", "POST"])
def visit_check(request, child_id: int):
    return _check_page(request, child_id, VISIT)


@require_http_methods(["GET", "POST"])
def case_note_new(request, child_id: int):
    return _form_page(request, child_id, CASE_NOTE)


@require_http_methods(["GET", "POST"])
def case_note_check(request, child_id: int):
    return _check_page(request, child_id, CASE_NOTE)
