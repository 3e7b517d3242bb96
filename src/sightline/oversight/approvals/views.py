"""The approval pages: the worker's request (a recording screen: form, check, action) and the
manager's decision on it. No view wraps an action in a transaction (ADR 0011)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.actions import MANAGER_ROLES
from sightline.casework.models import Referral
from sightline.casework.views.recording import Recording, check_page, form_page
from sightline.oversight.approvals.actions import approval_decide, approval_request
from sightline.oversight.approvals.forms import REQUEST_DRAFT, ClosureRequestForm, DecisionForm
from sightline.oversight.models import Approval, ApprovalStatus
from sightline.web.views import record_page

__all__ = ["closure_check", "closure_decide", "closure_new"]


def _save_request(request, record, form, target) -> str:
    approval = approval_request(
        actor=request.user, child=record.child, request=request, **form.request_fields()
    )
    return (
        f"Your request to {approval.get_kind_display().lower()} is with a manager for "
        "approval. Nothing changes on the record until it is approved."
    )


CLOSURE = Recording(
    REQUEST_DRAFT,
    ClosureRequestForm,
    "oversight/approvals/request_form.html",
    _save_request,
    done=lambda child, target: reverse("child-work", args=[child.pk]),
    check_heading="Check your request before sending it for approval",
    save_label="Send for approval",
    section="work",
)


def _context_of(child) -> dict:
    return {
        "open_episode": Referral.objects.filter(child=child, closure_date__isnull=True).first(),
        "pending": Approval.objects.filter(child=child, status=ApprovalStatus.PENDING)
        .select_related("requested_by")
        .first(),
    }


@require_http_methods(["GET", "POST"])
def closure_new(request, child_id: int):
    """Ask for the case to be closed or stepped down (unless one is already waiting)."""
    CLOSURE.allowed(request.user)
    record, context = record_page(request, child_id, "work")
    state = _context_of(record.child)
    if state["pending"] is not None or state["open_episode"] is None:
        context.update(state)
        return render(request, "oversight/approvals/unavailable.html", context)
    return form_page(request, child_id, CLOSURE)


@require_http_methods(["GET", "POST"])
def closure_check(request, child_id: int):
    return check_page(request, child_id, CLOSURE)


@require_http_methods(["GET", "POST"])
def closure_decide(request, child_id: int):
    """A manager, not the requester, approves or declines the child's pending request."""
    if request.user.role not in MANAGER_ROLES:
        raise PermissionDenied("Only a team manager or head of service can approve decisions.")
    record, context = record_page(request, child_id, "work")
    approval = (
        Approval.objects.filter(child=record.child, status=ApprovalStatus.PENDING)
        .select_related("requested_by", "referral")
        .first()
    )
    if approval is None:
        raise Http404("No decision about this child is awaiting approval.")
    own = approval.requested_by_id == request.user.pk
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not own and form.is_valid():
        try:
            approval_decide(
                actor=request.user,
                approval=approval,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            approval.refresh_from_db()
            messages.success(
                request,
                f"{approval.get_kind_display()} for {record.child}: "
                f"{approval.get_status_display().lower()}.",
            )
            return redirect("child-work", child_id=record.child.pk)
    context.update(approval=approval, form=form, own=own)
    return render(request, "oversight/approvals/decide.html", context)
