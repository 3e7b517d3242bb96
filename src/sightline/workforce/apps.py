from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "sightline.workforce"
    verbose_name = "Workforce"
