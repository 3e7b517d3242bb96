"""URLs of the recording pages; a child is addressed by primary key only."""

from django.urls import path

from sightline.casework import views

urlpatterns = [
    path("children/<int:child_id>/visits/new/", views.visit_new, name="visit-new"),
    path("children/<int:child_id>/visits/new/check/", views.visit_check, name="visit-check"),
    path("children/<int:child_id>/case-notes/new/", views.case_note_new, name="case-note-new"),
    path(
        "children/<int:child_id>/case-notes/new/check/",
        views.case_note_check,
        name="case-note-check",
    ),
]
