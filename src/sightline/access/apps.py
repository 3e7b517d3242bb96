from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "sightline.access"
    verbose_name = "Access and audit"

    def ready(self):
        # Django's sign-in, sign-out and django-axes announce themselves only through signals, so
        # the audit of those events has to listen for them.
        from sightline.access import checks, receivers  # noqa: F401
