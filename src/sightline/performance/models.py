"""The council's own targets and comparator figures for the indicators (loaded from CSV)."""

from django.db import models


class LocalTarget(models.Model):
    """A council's target and tolerance for one indicator, in place of the default."""

    indicator_id = models.CharField(max_length=40, unique=True)
    target = models.FloatField()
    tolerance = models.FloatField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator_id"]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target} ± {self.tolerance}"


class ComparatorFigure(models.Model):
    """A published figure to compare with: statistical neighbours', a region's, a council's."""

    indicator_id = models.CharField(max_length=40)
    comparator = models.CharField(max_length=120)
    year = models.CharField(max_length=20)
    value = models.FloatField()
    source = models.CharField(max_length=300)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "comparator", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator_id", "comparator", "year"],
                name="performance_comparator_once_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.comparator} {self.year}: {self.value}"
