"""Allocating one child of a team to a named worker: from the team's queue of children
waiting for a worker, or to move a child within the team. The page shows every worker's
caseload (counted and weighted, the cap and newly qualified workers flagged); the check page
shows the receiving worker's load after the move before it is confirmed."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sightline.oversight.findings.actions import REALLOCATING_ROLES, child_allocate
from sightline.oversight.findings.selectors import may_oversee_team, team_caseloads
from sightline.oversight.findings.standards import CASE_TYPES, caseload_cap
from sightline.oversight.selectors.worklists import _authorise_list
from sightline.oversight.services import council_standards
from sightline.periods import open_on
from sightline.web.views import record_page
from sightline.workforce.models import Allocation, Team

__all__ = ["child_allocate_page"]


class AllocateForm(forms.Form):
    worker = forms.ChoiceField(
        label="Who will be the child's worker?",
        error_messages={
            "required": "Select the worker the child is allocated to",
            "invalid_choice": "Select the worker the child is allocated to",
        },
    )

    def __init__(self, *args, loads=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.loads = {str(load.worker.pk): load for load in loads if load.worker.pk != current}
        self.fields["worker"].choices = [
            (pk, f"{load.worker} – {load.count} children, weighted {load.weighted:g}")
            for pk, load in self.loads.items()
        ]

    def load(self):
        return self.loads[self.cleaned_data["worker"]]


@require_http_methods(["GET", "POST"])
def child_allocate_page(request, team_id: int, child_id: int):
    """Choose the child's worker from the team's caseloads, check the load, confirm."""
    team = get_object_or_404(Team.objects.select_related("service"), pk=team_id)
    _authorise_list(
        request.user,
        lambda: request.user.role in REALLOCATING_ROLES and may_oversee_team(request.user, team),
        what="allocation",
        scope={"team_id": team.pk},
        message="Only the team's manager or head of service can allocate its children.",
        request=request,
    )
    record, context = record_page(request, child_id, "summary")
    today = timezone.localdate()
    allocation = (
        Allocation.objects.filter(open_on(today), child=record.child, team=team)
        .select_related("worker")
        .order_by("-start_date", "-pk")
        .first()
    )
    if allocation is None:
        raise Http404("The child is not allocated to this team.")
    loads = team_caseloads(team, today)
    _, calendar = council_standards()
    form = AllocateForm(
        request.POST if request.method == "POST" else None,
        loads=loads,
        current=allocation.worker_id,
    )
    cap = caseload_cap()
    context.update(
        team=team,
        allocation=allocation,
        waiting=max(calendar.working_days_between(allocation.start_date, today), 0)
        if allocation.worker_id is None
        else None,
        loads=[load for load in loads if load.worker.pk != allocation.worker_id],
        cap=cap,
        case_types=CASE_TYPES,
        form=form,
    )
    if request.method == "POST" and request.POST.get("change") != "yes" and form.is_valid():
        load = form.load()
        if request.POST.get("confirm") != "yes":
            context.update(load=load, new_count=load.count + 1, over_cap=load.count + 1 > cap)
            return render(request, "oversight/findings/allocate_check.html", context)
        try:
            child_allocate(
                actor=request.user, allocation=allocation, worker=load.worker, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"{record.child} is allocated to {load.worker} from today. Their clocks and "
                "findings now show under their worker.",
            )
            return redirect("oversight-team", team_id=team.pk)
    return render(request, "oversight/findings/allocate.html", context)
