from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sightline.documents"
    verbose_name = "Documents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sightline.documents import receivers  # noqa: F401  (connects the signal)
