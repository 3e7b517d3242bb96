from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sightline.casework"
    verbose_name = "Casework"
