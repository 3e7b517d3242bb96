"""Outcomes of children in care that the SSDA903 OC2 table asks about and no other record
holds: convictions and cautions, and substance misuse with the help offered for it.

A child with no row here had none recorded: the 903 is written 0 for them (see ADR 0023).
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

PERSON = "people.Person"


class Conviction(models.Model):
    """A conviction, youth caution or youth conditional caution of a child aged 10 or over
    (SSDA903 OC2 CONVICTED: in the twelve months to 31 March)."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="convictions")
    date = models.DateField("date of the conviction or caution")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Conviction or caution on {self.date}"


class SubstanceMisuse(models.Model):
    """A substance misuse problem identified in a looked-after child (OC2 SUBSTANCE_MISUSE),
    whether the child received an intervention for it (INTERVENTION_RECEIVED) and, if not,
    whether one was offered and refused (INTERVENTION_OFFERED)."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="substance_misuse")
    identified_on = models.DateField()
    intervention_received = models.BooleanField(null=True, blank=True)
    intervention_offered = models.BooleanField(
        "intervention offered but refused", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "substance misuse"
        ordering = ["-identified_on"]
        constraints = [
            # Offered-but-refused is asked only when no intervention was received.
            models.CheckConstraint(
                condition=~Q(intervention_received=True) | Q(intervention_offered__isnull=True),
                name="substance_misuse_offered_only_if_not_received",
            )
        ]

    def __str__(self):
        return f"Substance misuse identified on {self.identified_on}"
