"""URLs of the performance area (line of sight): scorecard, breakdowns, child lists, packs."""

from django.urls import path  # noqa: F401

app_name = "performance"

urlpatterns: list = []
