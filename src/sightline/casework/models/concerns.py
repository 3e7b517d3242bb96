"""What happens around a check or a case between its recorded steps: chasing an unanswered
agency check, and new information that gives cause to suspect significant harm on an open case."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sightline.casework.models.records import AgencyCheck, Referral

PERSON = "people.Person"
USER = settings.AUTH_USER_MODEL


class AgencyCheckChase(models.Model):
    """A reminder sent to an agency that has not answered a check, or an escalation of it."""

    agency_check = models.ForeignKey(AgencyCheck, on_delete=models.CASCADE, related_name="chases")
    chased_at = models.DateTimeField()
    chased_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    escalated = models.BooleanField(
        default=False, help_text="Raised with the agency's manager or safeguarding lead."
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["chased_at"]

    def __str__(self):
        return f"{'Escalation' if self.escalated else 'Chase'} of check {self.agency_check_id}"


class SignificantHarmConcern(models.Model):
    """New information on an open case that gives reasonable cause to suspect significant harm.

    It starts T-STRATEGY-ESCALATION: a strategy discussion (or a manager's "considered, not
    held") is due within the local standard, as for a flagged contact or referral.
    """

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="harm_concerns")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="harm_concerns")
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["child", "raised_at"])]

    def __str__(self):
        return f"Significant harm concern on {self.raised_at:%Y-%m-%d}"
