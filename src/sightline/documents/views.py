"""The child's documents: the list, adding one, and downloading one through the audited gate."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.models import AuditAction
from sightline.access.services import child_read_authorise
from sightline.documents import storage
from sightline.documents.filetypes import ACCEPTED, FileRefused
from sightline.documents.forms import DocumentForm
from sightline.documents.models import Document
from sightline.documents.services import document_add
from sightline.people.models import Person
from sightline.web.views import record_page


def _page(request, record, context: dict, form: DocumentForm, status: int = 200):
    context.update(
        form=form,
        documents=list(Document.objects.filter(child=record.child).select_related("uploaded_by")),
        accepted=", ".join(ext for kind in ACCEPTED for ext in kind.extensions),
        max_mb=settings.SIGHTLINE_DOCUMENT_MAX_BYTES // (1024 * 1024),
    )
    return render(request, "documents/list.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def child_documents(request, child_id: int):
    """GET lists the child's documents; POST adds one (the form shown back with located errors;
    what was typed is kept, and the message says the file must be chosen again)."""
    record, context = record_page(request, child_id, "documents")
    if request.method == "GET":
        return _page(request, record, context, DocumentForm())
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document_add(
                actor=request.user,
                child=record.child,
                request=request,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                dated=form.cleaned_data["dated"],
                name=upload.name,
                content=upload.read(),
            )
        except FileRefused as refusal:
            form.add_error("file", f"{refusal} Choose the file again.")
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"{form.cleaned_data['title']} added to the documents.")
            return redirect("child-documents", child_id=child_id)
    elif "file" not in form.errors and form.cleaned_data.get("file") is not None:
        form.add_error("file", "Choose the file again: it is not kept until the form is right.")
    return _page(request, record, context, form, status=400)


@never_cache
@require_GET
def document_download(request, child_id: int, document_id: int):
    """The file, as an attachment, after the record's gate has audited this download by name."""
    child = get_object_or_404(Person.objects.children(), pk=child_id)
    document = Document.objects.filter(pk=document_id, child_id=child_id).first()
    child_read_authorise(actor=request.user, child=child, action=AuditAction.VIEW, obj=document)
    if document is None:
        raise Http404("No such document on this child's record")
    try:
        content = storage.read(document.stored_name)
    except FileNotFoundError:
        content = None
    if content is None or hashlib.sha256(content).hexdigest() != document.sha256:
        return HttpResponse(
            "This document's file is missing or damaged. Tell your system administrator; "
            "nothing has been changed.",
            status=500,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=document.original_name
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
