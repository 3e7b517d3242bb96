"""Django app for the statutory returns: CIN census, SSDA903 and Annex A in and out."""

from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "sightline.returns"
    verbose_name = "Statutory returns"
