"""Recording pages for the child's journey: a form, then check your answers, then the action.

Each page opens the child's record (the audited gate), so only a user who may see the child
gets a form about them; the write itself goes through the casework action, which checks again.
What is typed is kept as a draft on the server from the first keystroke until it is saved.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sightline.access.policies import Capability, actor_can
from sightline.casework.forms import VisitForm
from sightline.casework.services import visit_record
from sightline.drafts.selectors import draft_for
from sightline.drafts.services import draft_discard, draft_save
from sightline.standards import codes
from sightline.web.views import record_page

FORM = "visit"


def _may_record(request) -> None:
    if not actor_can(request.user, Capability.RECORD_WORK):
        raise PermissionDenied("Your role cannot record work on a child's record.")


def _draft_url(child_id: int) -> str:
    return reverse("drafts:autosave", args=[FORM, child_id])


@require_http_methods(["GET", "POST"])
def visit_new(request, child_id: int):
    """Page 1 of 2: the visit's details. A saved draft is put back into the form."""
    _may_record(request)
    record, context = record_page(request, child_id, "clocks")
    restored = None
    if request.method == "POST":
        form = VisitForm(request.POST, child=record.child)
        draft_save(user=request.user, form=FORM, child_id=record.child.pk, data=request.POST)
        if form.is_valid():
            return redirect("visit-check", child_id=record.child.pk)
    else:
        draft = draft_for(user=request.user, form=FORM, child_id=record.child.pk)
        form = VisitForm(child=record.child, initial=draft.data if draft else None)
        restored = timezone.localtime(draft.saved_at) if draft else None
    context.update(form=form, restored=restored, draft_url=_draft_url(record.child.pk))
    return render(request, "casework/visit_form.html", context)


@require_http_methods(["GET", "POST"])
def visit_check(request, child_id: int):
    """Page 2 of 2: check your answers, then save the visit and show its clock."""
    _may_record(request)
    record, context = record_page(request, child_id, "clocks")
    draft = draft_for(user=request.user, form=FORM, child_id=record.child.pk)
    form = VisitForm(draft.data if draft else {}, child=record.child)
    if draft is None or not form.is_valid():
        return redirect("visit-new", child_id=record.child.pk)
    if request.method == "POST":
        visit = visit_record(
            actor=request.user, child=record.child, request=request, **form.visit_fields()
        )
        draft_discard(user=request.user, form=FORM, child_id=record.child.pk)
        messages.success(
            request,
            f"{codes.VISIT_KIND.label(visit.kind)} on {visit.date.day} {visit.date:%B %Y} "
            "recorded. The child's clocks below include it.",
        )
        return redirect("child-clocks", child_id=record.child.pk)
    context.update(form=form, visit=form.visit_fields())
    return render(request, "casework/visit_check.html", context)
