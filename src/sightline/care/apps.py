from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "sightline.care"
    verbose_name = "Care"
