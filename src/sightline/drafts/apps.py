"""Django app for drafts of recording forms, kept on the server so nothing typed is lost."""

from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "sightline.drafts"
    verbose_name = "Drafts"
