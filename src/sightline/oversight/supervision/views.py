"""Management oversight pages: an oversight entry on a child's record (a recording screen);
a team's supervision schedule; a worker's supervision history; recording a supervision (form,
then check your answers, then the action). No view wraps an action in a transaction (ADR 0011).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.policies import children_visible_to
from sightline.actions import MANAGER_ROLES
from sightline.casework.services import management_oversight_record
from sightline.casework.views.recording import Recording, check_page, form_page, may_record
from sightline.oversight.supervision.actions import AgreedAction, SupervisionRecord
from sightline.oversight.supervision.forms import (
    OVERSIGHT_DRAFT,
    OversightEntryForm,
    SupervisionForm,
)
from sightline.oversight.supervision.selectors import (
    supervision_clocks,
    supervision_history,
    supervision_schedule,
)
from sightline.periods import open_on
from sightline.workforce.models import Allocation, Team, User

__all__ = [
    "oversight_entry_check",
    "oversight_entry_new",
    "supervision_history_page",
    "supervision_new",
    "supervision_schedule_page",
]


def _managers_only(user) -> None:
    may_record(user)
    if user.role not in MANAGER_ROLES:
        raise PermissionDenied("Only a team manager or head of service can record oversight.")


def _save_entry(request, record, form, target) -> str:
    entry = management_oversight_record(
        actor=request.user, child=record.child, request=request, **form.entry_fields()
    )
    return (
        f"{entry.get_kind_display()} recorded on {record.child}'s record. It meets their "
        "management oversight clock."
    )


OVERSIGHT_ENTRY = Recording(
    OVERSIGHT_DRAFT,
    OversightEntryForm,
    "oversight/supervision/entry_form.html",
    _save_entry,
    done=lambda child, target: reverse("child-clocks", args=[child.pk]),
    check_heading="Check your oversight before saving it",
    save_label="Save the oversight",
    allowed=_managers_only,
)


@require_http_methods(["GET", "POST"])
def oversight_entry_new(request, child_id: int):
    return form_page(request, child_id, OVERSIGHT_ENTRY)


@require_http_methods(["GET", "POST"])
def oversight_entry_check(request, child_id: int):
    return check_page(request, child_id, OVERSIGHT_ENTRY)


@require_GET
def supervision_schedule_page(request, team_id: int):
    team = get_object_or_404(Team.objects.select_related("service", "manager"), pk=team_id)
    schedule = supervision_schedule(actor=request.user, team=team, request=request)
    return render(
        request,
        "oversight/supervision/schedule.html",
        {"schedule": schedule, "may_record": request.user.role in MANAGER_ROLES},
    )


@require_GET
def supervision_history_page(request, worker_id: int):
    worker = get_object_or_404(User.objects.select_related("team"), pk=worker_id)
    history = supervision_history(actor=request.user, worker=worker, request=request)
    return render(request, "oversight/supervision/history.html", {"history": history})


def _choices(actor, worker: User):
    """The worker's children today that the supervisor may open; who can own an action."""
    today = timezone.localdate()
    child_ids = Allocation.objects.filter(open_on(today), worker=worker).values("child_id")
    children = list(
        children_visible_to(actor).filter(pk__in=child_ids).order_by("last_name", "first_name")
    )
    owners = [worker, actor]
    if worker.team_id:
        owners += list(
            User.objects.filter(team_id=worker.team_id, is_active=True)
            .exclude(left_on__lt=today)
            .exclude(pk__in=[worker.pk, actor.pk])
            .order_by("last_name", "first_name")
        )
    return children, owners


@require_http_methods(["GET", "POST"])
def supervision_new(request, worker_id: int):
    """Record a supervision of the worker: the details, then check your answers, then save."""
    worker = get_object_or_404(User.objects.select_related("team"), pk=worker_id)
    # Refused (and audited) before the form is shown: only the worker's supervisor may use it.
    SupervisionRecord(
        actor=request.user, worker=worker, date=timezone.localdate(), request=request
    ).check()
    children, owners = _choices(request.user, worker)
    form = SupervisionForm(
        request.POST if request.method == "POST" else None, children=children, owners=owners
    )
    clock = supervision_clocks([worker], timezone.localdate())[worker.pk]
    context = {"worker": worker, "form": form, "clock": clock}
    if request.method == "POST" and request.POST.get("change") != "yes" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") != "yes":
            return render(request, "oversight/supervision/check.html", context)
        try:
            supervision = SupervisionRecord(
                actor=request.user,
                worker=worker,
                date=data["date"],
                notes=data["notes"],
                children=form.discussed(),
                actions=[AgreedAction(**agreed) for agreed in data["agreed"]],
                request=request,
            ).execute()
        except ValidationError as error:
            for name, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request,
                f"Supervision of {worker} on {supervision.date:%-d %B %Y} recorded, with "
                f"{len(data['agreed'])} action{'s' if len(data['agreed']) != 1 else ''}.",
            )
            return redirect("supervision-history", worker_id=worker.pk)
    return render(request, "oversight/supervision/form.html", context)
