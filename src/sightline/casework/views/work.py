"""The child's work to record: each assessment and child protection step, where it stands, its
clock, and the next thing to record."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sightline.actions import MANAGER_ROLES
from sightline.casework.models import Assessment
from sightline.oversight import selectors as oversight_selectors
from sightline.web.views import record_page


@dataclass(frozen=True)
class Step:
    """One record on the child's journey as the work page lists it."""

    title: str
    started: object
    state: str
    clock: object | None
    actions: list[tuple[str, str]]  # (words, URL)


def _clocks_by_record(record) -> dict[tuple[str, int], object]:
    clocks = oversight_selectors.child_clocks(record=record)
    found = {}
    for clock in [*clocks.history, *clocks.open]:
        if clock.record_id is not None:
            found[(clock.rule_id, clock.record_id)] = clock
    return found


def _assessment_steps(child, clocks, user, may_record: bool) -> list[Step]:
    from django.urls import reverse

    steps = []
    for assessment in Assessment.objects.filter(child=child).order_by("-start_date", "-pk"):
        ids = [child.pk, assessment.pk]
        actions = []
        if assessment.authorised_on:
            state = f"Authorised on {assessment.authorised_on:%-d %B %Y}"
        elif assessment.submitted_on:
            state = f"Awaiting authorisation since {assessment.submitted_on:%-d %B %Y}"
            if may_record and user.role in MANAGER_ROLES:
                actions.append(
                    ("Authorise the assessment", reverse("assessment-authorise-new", args=ids))
                )
            if may_record:
                actions.append(
                    ("Change the assessment", reverse("assessment-complete-new", args=ids))
                )
        else:
            state = "In progress"
            if may_record:
                actions.append(
                    ("Complete the assessment", reverse("assessment-complete-new", args=ids))
                )
        steps.append(
            Step(
                title="Child and family assessment",
                started=assessment.start_date,
                state=state,
                clock=clocks.get(("T-ASSESSMENT", assessment.pk)),
                actions=actions,
            )
        )
    return steps


@never_cache
@require_GET
def child_work(request, child_id: int):
    """The child's assessments and protection steps, each with its clock and what to do next."""
    record, context = record_page(request, child_id, "work")
    clocks = _clocks_by_record(record)
    child = record.child
    context["assessments"] = _assessment_steps(child, clocks, request.user, context["may_record"])
    return render(request, "casework/work.html", context)
