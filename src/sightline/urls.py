"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("sightline.web.urls")),
    path("", include("sightline.access.urls")),
    path("", include("sightline.oversight.urls")),
    path("", include("sightline.casework.urls")),
    path("", include("sightline.drafts.urls")),
    path("", include("sightline.documents.urls")),
    path("", include("sightline.people.urls")),
    path("", include("sightline.care.urls")),
    path("performance/", include("sightline.performance.urls")),
    path("returns/", include("sightline.returns.urls")),
]
