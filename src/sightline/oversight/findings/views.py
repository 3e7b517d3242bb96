"""The oversight pages: a team manager's findings, caseloads and unallocated children; the
acknowledgement form; the reallocation of a leaving worker's caseload; the escalations a head
of service or director must see. Writes go through `findings.actions`; no view wraps one in a
transaction of its own (ADR 0011)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.policies import children_visible_to
from sightline.drafts.selectors import draft_for
from sightline.drafts.services import draft_discard, draft_save
from sightline.oversight.approvals.selectors import pending_approvals
from sightline.oversight.findings.actions import (
    ACKNOWLEDGING_ROLES,
    REALLOCATING_ROLES,
    Move,
    caseload_reallocate,
    finding_acknowledge,
)
from sightline.oversight.findings.forms import (
    DRAFT_FORM,
    AcknowledgeForm,
    LeavingWorkerForm,
    ReallocationForm,
)
from sightline.oversight.findings.selectors import (
    escalations_for,
    may_oversee_team,
    team_caseloads,
    team_oversight,
)
from sightline.oversight.findings.standards import CASE_TYPES, caseload_cap
from sightline.oversight.models import UNACKNOWLEDGED, Finding
from sightline.oversight.selectors import service_for_actor, team_for_actor
from sightline.oversight.selectors.worklists import _audit_list, _authorise_list
from sightline.oversight.supervision.selectors import supervision_schedule
from sightline.standards import codes
from sightline.standards.drift import RULES
from sightline.web.views import record_page
from sightline.workforce.models import Allocation, Team, User

_ROLE = codes.ROLE.enum
_TITLES = {rule.id: rule.title for rule in RULES}


@require_GET
def oversight_home(request):
    """The reader's own oversight page: their team's, or the escalations for a head or director."""
    team = team_for_actor(actor=request.user) if request.user.role == _ROLE.TEAM_MANAGER else None
    if team is not None:
        return redirect("oversight-team", team_id=team.pk)
    if request.user.role == _ROLE.DIRECTOR or service_for_actor(actor=request.user) is not None:
        return redirect("oversight-escalations")
    raise PermissionDenied("You do not manage a team or a service.")


@require_GET
def oversight_team(request, team_id: int):
    team = get_object_or_404(Team.objects.select_related("service", "manager"), pk=team_id)
    oversight = team_oversight(actor=request.user, team=team, request=request)
    schedule = supervision_schedule(actor=request.user, team=team, request=request)
    approvals = pending_approvals(
        actor=request.user, team=team, as_at=oversight.as_at, request=request
    )
    return render(
        request,
        "oversight/findings/team.html",
        {
            "oversight": oversight,
            "supervision": schedule,
            "approvals": approvals,
            "case_types": CASE_TYPES,
            "may_reallocate": request.user.role in REALLOCATING_ROLES,
        },
    )


@require_GET
def oversight_escalations(request):
    escalations = escalations_for(actor=request.user, request=request)
    return render(request, "oversight/findings/escalations.html", {"escalations": escalations})


def _owners(finding: Finding, actor) -> list[User]:
    """Who an action can be given to: the team's staff, its manager, the reader."""
    staff = User.objects.filter(is_active=True).exclude(left_on__lt=timezone.localdate())
    if finding.team_id:
        staff = staff.filter(team_id=finding.team_id)
        if finding.team.manager_id:
            staff = staff | User.objects.filter(pk=finding.team.manager_id)
    staff = staff | User.objects.filter(pk=actor.pk)
    return list(staff.distinct().order_by("last_name", "first_name", "pk"))


def _back(request, finding: Finding) -> str:
    if request.user.role == _ROLE.TEAM_MANAGER and finding.team_id:
        return reverse("oversight-team", args=[finding.team_id])
    return reverse("oversight-escalations")


@require_http_methods(["GET", "POST"])
def finding_acknowledge_page(request, finding_id: int):
    """Acknowledge a finding with an action or the reason none is needed (a draft as typed)."""
    if request.user.role not in ACKNOWLEDGING_ROLES:
        raise PermissionDenied(
            "Only a team manager, head of service or director can acknowledge findings."
        )
    finding = Finding.objects.select_related("team", "child").filter(pk=finding_id).first()
    if finding is None:
        raise Http404("No such finding.")
    record, context = record_page(request, finding.child_id, "clocks")
    child = record.child
    owners = _owners(finding, request.user)
    restored = None
    if request.method == "POST":
        form = AcknowledgeForm(request.POST, owners=owners)
        draft_save(
            user=request.user,
            form=DRAFT_FORM,
            child_id=child.pk,
            data={**request.POST.dict(), "finding": str(finding.pk)},
        )
        if finding.status in UNACKNOWLEDGED and form.is_valid():
            try:
                finding_acknowledge(
                    actor=request.user, finding=finding, request=request, **form.acknowledgement()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                draft_discard(user=request.user, form=DRAFT_FORM, child_id=child.pk)
                messages.success(
                    request,
                    f"{_TITLES.get(finding.rule_id, finding.rule_id)} for {child} acknowledged. "
                    "It is on the child's chronology and will not escalate further.",
                )
                return redirect(_back(request, finding))
    else:
        draft = draft_for(user=request.user, form=DRAFT_FORM, child_id=child.pk)
        if draft is not None and draft.data.get("finding") == str(finding.pk):
            form = AcknowledgeForm(initial=draft.data, owners=owners)
            restored = timezone.localtime(draft.saved_at)
        else:
            form = AcknowledgeForm(initial={"finding": finding.pk}, owners=owners)
    context.update(
        form=form,
        finding=finding,
        finding_title=_TITLES.get(finding.rule_id, finding.rule_id),
        restored=restored,
        draft_url=reverse("drafts:autosave", args=[DRAFT_FORM, child.pk]),
        back_url=_back(request, finding),
    )
    return render(request, "oversight/findings/acknowledge.html", context)


def _reallocation_team(request, team_id: int) -> Team:
    team = get_object_or_404(Team.objects.select_related("service"), pk=team_id)
    _authorise_list(
        request.user,
        lambda: request.user.role in REALLOCATING_ROLES and may_oversee_team(request.user, team),
        what="reallocation",
        scope={"team_id": team.pk},
        message="Only the team's manager or head of service can reallocate its children.",
        request=request,
    )
    return team


@require_http_methods(["GET", "POST"])
def reallocate(request, team_id: int):
    """Move a leaving worker's children to receiving workers: choose, check loads, confirm."""
    team = _reallocation_team(request, team_id)
    today = timezone.localdate()
    loads = team_caseloads(team, today)
    by_pk = {str(load.worker.pk): load for load in loads}
    leaving_pk = request.POST.get("leaving") or request.GET.get("leaving")
    context = {"team": team, "loads": loads, "cap": caseload_cap(), "case_types": CASE_TYPES}
    if leaving_pk not in by_pk:
        chooser = LeavingWorkerForm(request.GET or None, loads=loads)
        if request.GET:
            chooser.is_valid()  # shows why a worker named in the address cannot be chosen
        return render(
            request, "oversight/findings/reallocate_choose.html", {**context, "form": chooser}
        )
    leaving = by_pk[leaving_pk]
    allocations = list(
        Allocation.objects.filter(worker=leaving.worker, end_date__isnull=True, team__isnull=False)
        .filter(start_date__lte=today)
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "pk")
    )
    visible = set(
        children_visible_to(request.user)
        .filter(pk__in=[a.child_id for a in allocations])
        .values_list("pk", flat=True)
    )
    hidden = sum(1 for a in allocations if a.child_id not in visible)
    allocations = [a for a in allocations if a.child_id in visible]
    _audit_list(
        request.user,
        what="reallocation",
        scope={"team_id": team.pk, "worker_id": leaving.worker.pk},
        child_ids=[a.child_id for a in allocations],
        request=request,
    )
    receivers = [
        load for load in loads if load.worker.pk != leaving.worker.pk and not load.worker.left_on
    ]
    form = ReallocationForm(
        request.POST if request.method == "POST" else None,
        allocations=allocations,
        receivers=receivers,
    )
    context.update(leaving=leaving, form=form, hidden=hidden)
    if request.method == "POST" and form.is_valid():
        moves = form.moves()
        if request.POST.get("confirm") == "yes":
            try:
                caseload_reallocate(
                    actor=request.user,
                    leaving=leaving.worker,
                    moves=[Move(allocation, load.worker) for allocation, load in moves],
                    reason=f"{form.reason_text()}: reallocated by {request.user}",
                    request=request,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{len(moves)} children moved from {leaving.worker}. Their clocks and "
                    "findings now show under their new workers.",
                )
                return redirect("oversight-team", team_id=team.pk)
        else:
            receiving = {}
            for allocation, load in moves:
                receiving.setdefault(load.worker.pk, [load, []])[1].append(allocation)
            context["after"] = [
                {
                    "load": load,
                    "children": children,
                    "new_count": load.count + len(children),
                    "over_cap": load.count + len(children) > caseload_cap(),
                }
                for load, children in receiving.values()
            ]
            return render(request, "oversight/findings/reallocate_check.html", context)
    return render(request, "oversight/findings/reallocate.html", context)


__all__ = [
    "finding_acknowledge_page",
    "oversight_escalations",
    "oversight_home",
    "oversight_team",
    "reallocate",
]
