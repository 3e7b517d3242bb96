"""Worklist pages: a worker's own work, a team manager's team, a head of service's service."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from sightline.drafts.selectors import drafts_for
from sightline.oversight.models import DeadlineStatus
from sightline.oversight.selectors import (
    service_for_actor,
    service_overview,
    team_for_actor,
    team_worklist,
    timescale_rules,
    worklist_for_worker,
)
from sightline.workforce.models import Service, Team, User


@require_GET
def my_work(request):
    """The signed-in worker's overdue and due-soon clocks."""
    worklist = worklist_for_worker(actor=request.user, worker=request.user, request=request)
    drafts = drafts_for(user=request.user, request=request)
    return render(
        request,
        "oversight/my_work.html",
        {"worklist": worklist, "is_own": True, "drafts": drafts},
    )


@require_GET
def worker_worklist(request, worker_id: int):
    """One worker's worklist, as their team manager or head of service sees it."""
    worker = User.objects.filter(pk=worker_id).first()
    if worker is None:
        # As for a worker one may not oversee: the URL must not tell who exists.
        raise PermissionDenied("You can see the worklists of your own team or service only.")
    worklist = worklist_for_worker(actor=request.user, worker=worker, request=request)
    is_own = worker.pk == request.user.pk
    return render(request, "oversight/my_work.html", {"worklist": worklist, "is_own": is_own})


@require_GET
def team(request, team_id: int | None = None):
    """A team's clocks by worker, filtered by rule and status."""
    if team_id is None:
        chosen = team_for_actor(actor=request.user)
        if chosen is None:
            # A head of service reaches the service view from the "Team" navigation item.
            if service_for_actor(actor=request.user) is not None:
                return redirect("oversight-service")
            raise PermissionDenied("You do not manage a team.")
    else:
        chosen = get_object_or_404(Team.objects.select_related("service"), pk=team_id)
    rule_id = request.GET.get("rule", "")
    statuses = tuple(request.GET.getlist("status"))
    worklist = team_worklist(
        actor=request.user,
        team=chosen,
        rule_id=rule_id,
        statuses=statuses,
        page=_page_number(request.GET.get("page", "")),
        request=request,
    )
    rule_titles = dict(worklist.rule_choices)
    selected_rule = rule_id if rule_id in rule_titles else ""
    filters = {"rule": selected_rule, "status": list(worklist.statuses)}
    context = {
        "worklist": worklist,
        "previous_page": _query(**filters, page=worklist.page - 1) if worklist.page > 1 else "",
        "next_page": _query(**filters, page=worklist.page + 1)
        if worklist.page < worklist.page_count
        else "",
        "selected_rule": selected_rule,
        "selected_rule_title": rule_titles.get(selected_rule, ""),
        "status_removals": [
            (
                DeadlineStatus(status).label,
                _query(
                    rule=selected_rule,
                    status=[s for s in worklist.statuses if s != status],
                ),
            )
            for status in worklist.statuses
        ],
        "rule_removal": _query(status=list(worklist.statuses)),
    }
    return render(request, "oversight/team.html", context)


@require_GET
def service(request, service_id: int | None = None):
    """A service's teams, their counts and oldest overdue clock."""
    if service_id is None:
        chosen = service_for_actor(actor=request.user)
        if chosen is None:
            raise PermissionDenied("You are not head of a service.")
    else:
        chosen = get_object_or_404(Service, pk=service_id)
    overview = service_overview(actor=request.user, service=chosen, request=request)
    return render(request, "oversight/service.html", {"overview": overview})


# More pages than any team has; a longer number is not a page number.
_PAGE_DIGITS_MAX = 6


def _page_number(value: str) -> int:
    """The page asked for, or 1 for anything that is not a plain (ASCII) page number."""
    if value.isascii() and value.isdigit() and len(value) <= _PAGE_DIGITS_MAX:
        return int(value)
    return 1


def _query(**params) -> str:
    """A query string with the given filters, leaving out empty ones."""
    kept = {key: value for key, value in params.items() if value}
    return "?" + urlencode(kept, doseq=True) if kept else "?"


@require_GET
def timescales(request):
    """How every clock is counted: the rulebook in force, with the council's local standards."""
    return render(request, "oversight/timescales.html", {"rules": timescale_rules()})
