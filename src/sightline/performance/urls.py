"""URLs of the performance area (line of sight): scorecard, breakdowns, child lists, packs.

Units below the council are chosen by query string (``?level=team&unit=7``), as is the as-at
date (``?as_at=2026-03-31``); every page checks the unit against the reader's scope.
"""

from django.urls import path

from sightline.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.scorecard, name="scorecard"),
    path("indicators/<str:indicator_id>/", views.indicator, name="indicator"),
    path("indicators/<str:indicator_id>/children/", views.children, name="children"),
    path("corporate-parenting/", views.corporate_parenting, name="corporate-parenting"),
    path("pack.<str:kind>", views.pack, name="pack"),
]
