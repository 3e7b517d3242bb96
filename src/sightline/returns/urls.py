"""URLs of the returns area: upload a return to validate or analyse it, produce Sightline's own."""

from django.urls import path  # noqa: F401

app_name = "returns"

urlpatterns: list = []
