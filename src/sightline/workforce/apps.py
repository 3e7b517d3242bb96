from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "sightline.workforce"
    verbose_name = "Workforce"

    def ready(self):
        from sightline.workforce import receivers  # noqa: F401  (connects the signals)
