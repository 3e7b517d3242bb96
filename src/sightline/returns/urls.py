"""URLs of the returns area: upload a return to validate or analyse it, produce Sightline's own."""

from django.urls import path

from sightline.returns import views

app_name = "returns"

urlpatterns = [
    path("", views.home, name="home"),
    path("produce/", views.produce, name="produce"),
    path("check/", views.check, name="check"),
]
