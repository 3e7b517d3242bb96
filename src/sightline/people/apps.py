from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sightline.people"
    verbose_name = "People"
