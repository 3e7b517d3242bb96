"""Performance pages: the scorecard, an indicator's breakdown, the children behind a figure,
corporate parenting, and the weekly pack to download."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from sightline.performance import pages
from sightline.performance.pack import pack_pdf, pack_xlsx
from sightline.performance.selectors import indicator_children, performance_figures


def _as_at(request) -> date:
    """The as-at date asked for (``?as_at=YYYY-MM-DD``), else today; never after today."""
    today = timezone.localdate()
    text = request.GET.get("as_at", "")
    if text:
        try:
            asked = date.fromisoformat(text)
        except ValueError:
            return today
        return min(asked, today)
    return today


def _unit_id(request) -> int | None:
    text = request.GET.get("unit", "")
    if text.isascii() and text.isdigit() and len(text) <= 12:
        return int(text)
    return None


def _page(request) -> int:
    text = request.GET.get("page", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else 1


@require_GET
def scorecard(request):
    """Every indicator for the reader's scope, and what got worse."""
    as_at = _as_at(request)
    scope, figures = performance_figures(actor=request.user, as_at=as_at)
    return render(request, "performance/scorecard.html", pages.scorecard(scope, figures))


@require_GET
def indicator(request, indicator_id: str):
    """One indicator: definition, trend, comparators and the breakdown below a unit."""
    as_at = _as_at(request)
    scope, figures = performance_figures(actor=request.user, as_at=as_at)
    try:
        figures.indicator(indicator_id)
    except KeyError:
        raise Http404("No such indicator.") from None
    level = request.GET.get("level", "council")
    context = pages.indicator(
        scope, figures, indicator_id, level=level, unit_id=_unit_id(request), actor=request.user
    )
    return render(request, "performance/indicator.html", context)


@require_GET
def children(request, indicator_id: str):
    """The children behind one figure that the reader may open (audited)."""
    as_at = _as_at(request)
    which = "denominator" if request.GET.get("which") == "denominator" else "numerator"
    figures, unit, listed = indicator_children(
        actor=request.user,
        indicator_id=indicator_id,
        level=request.GET.get("level", "council"),
        unit_id=_unit_id(request),
        which=which,
        as_at=as_at,
        page=_page(request),
        request=request,
    )
    return render(
        request, "performance/children.html", pages.children(figures, unit, indicator_id, listed)
    )


@require_GET
def corporate_parenting(request):
    """Children in care and care leavers, council-wide, small numbers suppressed."""
    as_at = _as_at(request)
    _scope, figures = performance_figures(actor=request.user, as_at=as_at)
    return render(request, "performance/corporate_parenting.html", pages.corporate(figures))


@require_GET
def pack(request, kind: str):
    """The weekly pack for the reader's scope as a workbook or a PDF."""
    as_at = _as_at(request)
    scope, figures = performance_figures(actor=request.user, as_at=as_at)
    if kind == "xlsx":
        body = pack_xlsx(figures, scope)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif kind == "pdf":
        body = pack_pdf(figures, scope)
        content_type = "application/pdf"
    else:
        raise PermissionDenied("No such pack.")
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="performance-pack-{as_at.isoformat()}.{kind}"'
    )
    return response
