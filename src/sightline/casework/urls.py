"""URLs of the recording pages; a child is addressed by primary key only."""

from django.urls import path

from sightline.casework import views

_ASSESSMENT = "children/<int:child_id>/assessments/<int:assessment_id>"

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
]
