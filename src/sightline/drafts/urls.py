"""URLs of the drafts app: the autosave endpoint each recording form posts to."""

from django.urls import path

from sightline.drafts import views

app_name = "drafts"
urlpatterns = [
    path(
        "drafts/<slug:form>/children/<int:child_id>/",
        views.draft_autosave,
        name="autosave",
    ),
]
