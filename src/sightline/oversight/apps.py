"""Django app for management oversight: materialised statutory clocks and worklists."""

from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "sightline.oversight"
    verbose_name = "Oversight"

    def ready(self):
        from sightline.oversight import checks  # noqa: F401  (registers the system check)
