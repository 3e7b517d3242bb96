"""Django app for performance: indicator scorecards, trends, drill-down and the weekly pack."""

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sightline.performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from sightline.performance.figures import connect_invalidation

        connect_invalidation()
