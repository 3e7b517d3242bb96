"""The plans and appointments a looked-after child's, a care leaver's or a privately fostered
child's statutory clocks wait for: care and placement plans, the IRO, the needs assessment,
accommodation provided to care leavers, and private fostering arrangements."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sightline.care.models.records import LookedAfterEpisode
from sightline.constraints import ends_after_starts
from sightline.standards import codes

PERSON = "people.Person"
USER = settings.AUTH_USER_MODEL


class CarePlan(models.Model):
    """The care plan (CPPCR 2010 reg 4): before the first placement, or within 10 working days."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="care_plans")
    date = models.DateField("care plan agreed on")
    summary = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Care plan of {self.date}"


class PlacementPlan(models.Model):
    """The placement plan (CPPCR 2010 reg 9) for one placement.

    ``episode`` is the episode row on which the placement began (reason for new episode S, P, B
    or T in SSDA903 terms).
    """

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="placement_plans")
    episode = models.ForeignKey(
        LookedAfterEpisode, on_delete=models.CASCADE, related_name="placement_plans"
    )
    date = models.DateField("placement plan agreed on")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Placement plan of {self.date}"


class IROAppointment(models.Model):
    """An independent reviewing officer appointed for a looked-after child (CA 1989 s25A)."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="iro_appointments")
    iro = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    appointed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "IRO appointment"
        ordering = ["-appointed_on"]
        constraints = [ends_after_starts("appointed_on", "ended_on", "iro_ends_after_start")]

    def __str__(self):
        return f"IRO appointed {self.appointed_on}"


class NeedsAssessment(models.Model):
    """The assessment of an eligible child's needs that the pathway plan follows (CPPCR reg 42)."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="needs_assessments")
    date = models.DateField("needs assessment completed on")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Needs assessment of {self.date}"


class LeavingCareAccommodation(models.Model):
    """Accommodation the council provides to a care leaver under s23B or s24B.

    While it is provided the personal adviser must visit there (Care Leavers (England) Regs
    2010 reg 8(2)): T-PA-VISIT.
    """

    child = models.ForeignKey(
        PERSON, on_delete=models.PROTECT, related_name="leaving_care_accommodation"
    )
    provided_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    section = models.CharField(max_length=4, choices=codes.LEAVING_CARE_ACCOMMODATION.choices())
    address = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-provided_on"]
        constraints = [
            ends_after_starts("provided_on", "ended_on", "accommodation_end_after_start")
        ]

    def __str__(self):
        return f"Accommodation under {self.section} from {self.provided_on}"


class PrivateFosteringArrangement(models.Model):
    """A child privately fostered (CA 1989 s66), from the council's notification of it.

    Children (Private Arrangements for Fostering) Regulations 2005 regs 7-8: the first visit
    within 7 working days of notification, then visits at most 6 weeks apart in the first year
    and 12 weeks after (T-PF-VISIT-1, T-PF-VISIT).
    """

    child = models.ForeignKey(
        PERSON, on_delete=models.PROTECT, related_name="private_fostering_arrangements"
    )
    notified_on = models.DateField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    carer = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-notified_on"]
        constraints = [ends_after_starts("start_date", "end_date", "arrangement_end_after_start")]

    def __str__(self):
        return f"Private fostering notified {self.notified_on}"
