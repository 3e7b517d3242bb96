"""Information governance pages for data protection: subject access export and disposal.

The subject access form is POSTed: the LA child ID travels in the body, never in a URL that
would sit in browser history and server logs.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sightline.access import services
from sightline.access.data_protection_forms import SubjectAccessForm
from sightline.access.models import DisposalBatch, DisposalBatchStatus, LegalHold
from sightline.access.policies import Capability
from sightline.access.retention import selectors as retention_selectors
from sightline.access.retention import services as retention_services
from sightline.access.sar import sar_export
from sightline.people.models import Person

RECENT_BATCHES = 20


def _require(request, capability: Capability, message: str) -> None:
    # Checked before any lookup, so that nobody else learns which children exist; audited.
    services.capability_require(request, capability, message)


@require_http_methods(["GET", "POST"])
def subject_access(request):
    """The form, and on POST the download of one child's export (PDF or JSON)."""
    _require(request, Capability.EXPORT_CHILD, "Only information governance exports records")
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child = Person.objects.children().filter(la_child_id=form.cleaned_data["la_child_id"])
        child = child.first()
        if child is None:
            form.add_error("la_child_id", "No child has this LA child ID")
        else:
            export = sar_export(
                actor=request.user,
                child=child,
                reference=form.cleaned_data["reference"],
                request=request,
            )
            if form.cleaned_data["file_format"] == "json":
                body, content_type, suffix = export.json_bytes, "application/json", "json"
            else:
                body, content_type, suffix = export.pdf_bytes, "application/pdf", "pdf"
            response = HttpResponse(body, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{export.file_stem}.{suffix}"'
            # Personal data: no copy may stay in a shared or proxy cache.
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "access/subject_access.html", {"form": form})


@require_http_methods(["GET"])
def retention(request):
    """Records past retention today, disposal batches to approve, and active legal holds."""
    _require(request, Capability.MANAGE_RETENTION, "Only information governance manages retention")
    rows = retention_selectors.retention_review(
        actor=request.user, as_at=timezone.localdate(), request=request
    )
    batches = DisposalBatch.objects.select_related(
        "proposed_by", "approved_by", "disposed_by"
    ).order_by("-proposed_at")[:RECENT_BATCHES]
    return render(
        request,
        "access/retention.html",
        {
            "past_retention": rows,
            "eligible_count": sum(1 for row in rows if row.eligible),
            "batches": batches,
            "proposed": DisposalBatchStatus.PROPOSED,
            "holds": LegalHold.objects.filter(lifted_at__isnull=True).select_related(
                "child", "placed_by"
            ),
        },
    )


@require_POST
def disposal_batch_approve(request, pk: int):
    """Approve a proposed batch as the second IG officer; the job then disposes of it."""
    _require(request, Capability.MANAGE_RETENTION, "Only information governance manages retention")
    batch = get_object_or_404(DisposalBatch, pk=pk)
    try:
        retention_services.disposal_batch_approve(actor=request.user, batch=batch, request=request)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            f"Disposal batch {batch.pk} approved. It is disposed of by the disposal job "
            f"(sightline retention dispose --batch {batch.pk}).",
        )
    return redirect("access:retention")
