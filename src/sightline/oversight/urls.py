"""URLs of the worklists. People are addressed by primary key only, never by name."""

from django.urls import path

from sightline.oversight import views

urlpatterns = [
    path("my-work/", views.my_work, name="my-work"),
    path("workers/<int:worker_id>/work/", views.worker_worklist, name="worker-worklist"),
    path("team/", views.team, name="team"),
    path("team/<int:team_id>/", views.team, name="team-detail"),
    path("service/", views.service, name="oversight-service"),
    path("service/<int:service_id>/", views.service, name="oversight-service-detail"),
    path("timescales/", views.timescales, name="timescales"),
]
