"""The Returns pages: produce a statutory return for a collection year, or check a council's own
file (read, validate, analyse) and see every fault located. For whoever may produce and check
statutory returns (analysts, docs/permissions.md); each refusal is audited."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.policies import Capability
from sightline.access.services import capability_require
from sightline.returns import pages
from sightline.returns.downloads import produce_return
from sightline.returns.forms import CheckForm, ProduceForm
from sightline.returns.produce.files import ReturnError
from sightline.returns.uploads import check_upload

_REFUSED = "Only the performance team produces and checks the statutory returns"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _dates_in_words(message: str) -> str:
    """The writers' messages name days as ISO dates (for the command line); pages say
    "1 April 2025"."""

    def words(match: re.Match) -> str:
        try:
            day = date(*(int(part) for part in match.groups()))
        except ValueError:
            return match.group(0)
        return f"{day.day} {day:%B %Y}"

    return _ISO_DATE.sub(words, message)


def _require(request) -> None:
    capability_require(request, Capability.STATUTORY_RETURNS, _REFUSED)


@require_GET
def home(request):
    """What the area does: produce a return, or check a council's file."""
    _require(request)
    return render(request, "returns/home.html", {})


@require_http_methods(["GET", "POST"])
def produce(request):
    """The form; on POST, the return as a download, audited as an export of every child in it."""
    _require(request)
    form = ProduceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            produced = produce_return(
                kind=data["kind"],
                actor=request.user,
                request=request,
                year=data.get("collection_year"),
                as_at=data["as_at"],
            )
        except (ReturnError, ValueError) as error:
            form.add_error("kind", _dates_in_words(str(error)))
        else:
            return FileResponse(
                produced.file,
                as_attachment=True,
                filename=produced.filename,
                content_type=produced.content_type,
            )
    return render(request, "returns/produce.html", {"form": form})


@require_http_methods(["GET", "POST"])
def check(request):
    """The upload form; on POST, the file's located faults, or its validation and analysis."""
    _require(request)
    max_bytes = settings.SIGHTLINE_RETURNS_UPLOAD_MAX_BYTES
    posted = request.method == "POST"
    form = CheckForm(
        request.POST if posted else None, request.FILES if posted else None, max_bytes=max_bytes
    )
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = check_upload(
            kind=data["kind"],
            upload=data["file"],
            collection_year=data["year"],
            as_at=data["as_at"],
            max_bytes=max_bytes,
        )
        if result.readable:
            return render(request, "returns/check_result.html", pages.check_result(result))
    context = {"form": form, "result": result, "max_mb": max_bytes // (1024 * 1024)}
    return render(request, "returns/check.html", context)
