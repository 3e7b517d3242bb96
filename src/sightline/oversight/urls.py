"""URLs of the worklists. People are addressed by primary key only, never by name."""

from django.urls import path

from sightline.oversight import views
from sightline.oversight.approvals import views as approvals
from sightline.oversight.findings import allocation_views
from sightline.oversight.findings import views as findings
from sightline.oversight.supervision import views as supervision

urlpatterns = [
    path("my-work/", views.my_work, name="my-work"),
    path("workers/<int:worker_id>/work/", views.worker_worklist, name="worker-worklist"),
    path("team/", views.team, name="team"),
    path("team/<int:team_id>/", views.team, name="team-detail"),
    path("service/", views.service, name="oversight-service"),
    path("service/<int:service_id>/", views.service, name="oversight-service-detail"),
    path("timescales/", views.timescales, name="timescales"),
    path("oversight/", findings.oversight_home, name="oversight"),
    path("oversight/teams/<int:team_id>/", findings.oversight_team, name="oversight-team"),
    path(
        "oversight/teams/<int:team_id>/reallocate/",
        findings.reallocate,
        name="oversight-reallocate",
    ),
    path(
        "oversight/findings/<int:finding_id>/acknowledge/",
        findings.finding_acknowledge_page,
        name="finding-acknowledge",
    ),
    path("oversight/escalations/", findings.oversight_escalations, name="oversight-escalations"),
    path(
        "oversight/teams/<int:team_id>/children/<int:child_id>/allocate/",
        allocation_views.child_allocate_page,
        name="oversight-allocate",
    ),
    path(
        "oversight/teams/<int:team_id>/supervision/",
        supervision.supervision_schedule_page,
        name="supervision-schedule",
    ),
    path(
        "workers/<int:worker_id>/supervision/",
        supervision.supervision_history_page,
        name="supervision-history",
    ),
    path(
        "workers/<int:worker_id>/supervision/new/",
        supervision.supervision_new,
        name="supervision-new",
    ),
    path(
        "children/<int:child_id>/oversight/new/",
        supervision.oversight_entry_new,
        name="oversight-entry-new",
    ),
    path(
        "children/<int:child_id>/oversight/new/check/",
        supervision.oversight_entry_check,
        name="oversight-entry-check",
    ),
    path("children/<int:child_id>/closure/", approvals.closure_new, name="closure-new"),
    path("children/<int:child_id>/closure/check/", approvals.closure_check, name="closure-check"),
    path(
        "children/<int:child_id>/closure/decide/", approvals.closure_decide, name="closure-decide"
    ),
]
