"""The child's Care page: the current episode and placement, plans, IRO, reviews, health,
missing episodes and leaving care, each with its clock and the next thing to record."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sightline.care.selectors import child_care as care_selector
from sightline.web.views import record_page


@never_cache
@require_GET
def child_care(request, child_id: int):
    """Where the child's care stands, and links to record each step that applies."""
    record, context = record_page(request, child_id, "care")
    context["care"] = care_selector(record=record)
    return render(request, "care/care.html", context)
