"""URLs of the recording pages; a child is addressed by primary key only."""

from django.urls import path

from sightline.casework import views
from sightline.casework.views import protection

_ASSESSMENT = "children/<int:child_id>/assessments/<int:assessment_id>"
_CHILD = "children/<int:child_id>"


def _screen(route: str, name: str, new, check):
    """A recording screen's form page at `route` and its check page under it."""
    return [
        path(f"{route}/", new, name=f"{name}-new"),
        path(f"{route}/check/", check, name=f"{name}-check"),
    ]


_PROTECTION = [
    *_screen(
        f"{_CHILD}/strategy-discussions/new",
        "strategy-discussion",
        protection.strategy_discussion_new,
        protection.strategy_discussion_check,
    ),
    *_screen(
        f"{_CHILD}/section-47/<int:enquiry_id>/outcome",
        "s47-outcome",
        protection.s47_outcome_new,
        protection.s47_outcome_check,
    ),
    *_screen(
        f"{_CHILD}/section-47/<int:enquiry_id>/conference",
        "initial-conference",
        protection.initial_conference_new,
        protection.initial_conference_check,
    ),
    *_screen(
        f"{_CHILD}/cp-plans/<int:plan_id>/review-conference",
        "review-conference",
        protection.review_conference_new,
        protection.review_conference_check,
    ),
    *_screen(
        f"{_CHILD}/conferences/<int:conference_id>/approve-end",
        "plan-end-approve",
        protection.plan_end_approve_new,
        protection.plan_end_approve_check,
    ),
    *_screen(
        f"{_CHILD}/cp-plans/<int:plan_id>/core-group",
        "core-group",
        protection.core_group_new,
        protection.core_group_check,
    ),
    *_screen(
        f"{_CHILD}/cin-plans/new",
        "cin-plan-start",
        protection.cin_plan_start_new,
        protection.cin_plan_start_check,
    ),
    *_screen(
        f"{_CHILD}/cin-plans/<int:cin_plan_id>/review",
        "cin-plan-review",
        protection.cin_plan_review_new,
        protection.cin_plan_review_check,
    ),
]

urlpatterns = [
    path("children/<int:child_id>/work/", views.child_work, name="child-work"),
    path("children/<int:child_id>/visits/new/", views.visit_new, name="visit-new"),
    path("children/<int:child_id>/visits/new/check/", views.visit_check, name="visit-check"),
    path("children/<int:child_id>/case-notes/new/", views.case_note_new, name="case-note-new"),
    path(
        "children/<int:child_id>/case-notes/new/check/",
        views.case_note_check,
        name="case-note-check",
    ),
    path(
        f"{_ASSESSMENT}/complete/",
        views.assessment_complete_new,
        name="assessment-complete-new",
    ),
    path(
        f"{_ASSESSMENT}/complete/check/",
        views.assessment_complete_check,
        name="assessment-complete-check",
    ),
    path(
        f"{_ASSESSMENT}/authorise/",
        views.assessment_authorise_new,
        name="assessment-authorise-new",
    ),
    path(
        f"{_ASSESSMENT}/authorise/check/",
        views.assessment_authorise_check,
        name="assessment-authorise-check",
    ),
    *_PROTECTION,
]
