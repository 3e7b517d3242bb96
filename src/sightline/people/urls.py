"""URLs of the warning screens; a child is addressed by primary key only."""

from django.urls import path

from sightline.people import views

_END = "children/<int:child_id>/warnings/<int:warning_id>/end"

urlpatterns = [
    path("children/<int:child_id>/warnings/new/", views.warning_new, name="warning-new"),
    path("children/<int:child_id>/warnings/new/check/", views.warning_check, name="warning-check"),
    path(f"{_END}/", views.warning_end_new, name="warning-end-new"),
    path(f"{_END}/check/", views.warning_end_check, name="warning-end-check"),
]
