"""Children in care and care leavers: episodes, reviews, health, education, missing episodes,
permanence, adoption and court proceedings.

`LookedAfterEpisode` follows the SSDA903 episode: a new row whenever legal status or placement
changes; a period of care is an unbroken chain of episodes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sightline.constraints import ends_after_starts
from sightline.standards import codes

PERSON = "people.Person"
USER = settings.AUTH_USER_MODEL


class LookedAfterEpisode(models.Model):
    child = models.ForeignKey(
        PERSON, on_delete=models.PROTECT, related_name="looked_after_episodes"
    )
    start_date = models.DateField("date episode commenced")
    reason_new_episode = models.CharField(max_length=1, choices=codes.REASON_NEW_EPISODE.choices())
    legal_status = models.CharField(max_length=2, choices=codes.LEGAL_STATUS.choices())
    category_of_need = models.CharField(max_length=2, choices=codes.NEED.choices())
    placement_type = models.CharField(max_length=3, choices=codes.PLACEMENT_TYPE.choices())
    placement_provider = models.CharField(
        max_length=3, blank=True, choices=codes.PLACEMENT_PROVIDER.choices()
    )
    placement_postcode = models.CharField(max_length=8, blank=True)
    placement_urn = models.CharField("placement URN", max_length=10, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    reason_place_change = models.CharField(
        max_length=6, blank=True, choices=codes.REASON_PLACE_CHANGE.choices()
    )
    end_date = models.DateField("date episode ceased", null=True, blank=True)
    reason_ceased = models.CharField(
        max_length=3, blank=True, choices=codes.REASON_CEASED.choices()
    )
    # CPPCR 2010 reg 24: a relative, friend or other connected person approved as a foster
    # carer temporarily; reg 28(4)'s more frequent visits apply while the approval stands.
    temporary_approval_on = models.DateField(
        "connected person temporarily approved (reg 24) on", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["child", "start_date"])]
        constraints = [
            ends_after_starts("start_date", "end_date", "episode_ends_after_it_starts"),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="one_open_episode_per_child",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | ~Q(reason_ceased=""),
                name="ended_episode_has_reason",
            ),
        ]

    def __str__(self):
        return (
            f"Episode {self.pk} from {self.start_date} ({self.legal_status}/{self.placement_type})"
        )


class LookedAfterReview(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="looked_after_reviews")
    date = models.DateField()
    participation = models.CharField(max_length=3, choices=codes.REVIEW_PARTICIPATION.choices())
    chaired_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Looked-after review on {self.date}"


class HealthAssessment(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="health_assessments")
    date = models.DateField()
    kind = models.CharField(max_length=7, choices=codes.HEALTH_ASSESSMENT_KIND.choices())

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{codes.HEALTH_ASSESSMENT_KIND.label(self.kind)} on {self.date}"


class DentalCheck(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="dental_checks")
    date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Dental check on {self.date}"


class DevelopmentCheck(models.Model):
    """A developmental review of a looked-after child under 5 (the Healthy Child Programme's
    reviews, usually done with the health assessment); SSDA903 OC2 HEALTH_CHECK."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="development_checks")
    date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Development check on {self.date}"


class ImmunisationStatus(models.Model):
    child = models.ForeignKey(
        PERSON, on_delete=models.PROTECT, related_name="immunisation_statuses"
    )
    recorded_on = models.DateField()
    up_to_date = models.BooleanField()

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "immunisation statuses"
        ordering = ["-recorded_on"]

    def __str__(self):
        state = "up to date" if self.up_to_date else "not up to date"
        return f"Immunisations {state} ({self.recorded_on})"


class StrengthsAndDifficulties(models.Model):
    """A Strengths and Difficulties Questionnaire score (0-40), or the reason there is none."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="sdq_scores")
    date = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason_not_completed = models.CharField(
        max_length=4, blank=True, choices=codes.SDQ_REASON.choices()
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "SDQ score"
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(score__isnull=False) & Q(score__lte=40) & Q(reason_not_completed=""))
                | (Q(score__isnull=True) & ~Q(reason_not_completed="")),
                name="sdq_score_or_reason",
            )
        ]

    def __str__(self):
        return f"SDQ on {self.date}"


class PersonalEducationPlan(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="education_plans")
    date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        verbose_name = "personal education plan"
        ordering = ["-date"]

    def __str__(self):
        return f"PEP on {self.date}"


class MissingEpisode(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=codes.MISSING_TYPE.choices())
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    return_interview_offered_on = models.DateField(null=True, blank=True)
    return_interview_accepted = models.BooleanField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            ends_after_starts("start_date", "end_date", "missing_ends_after_it_starts"),
            ends_after_starts(
                "end_date", "return_interview_offered_on", "rhi_offered_after_return"
            ),
        ]

    def __str__(self):
        return f"{codes.MISSING_TYPE.label(self.kind)} from {self.start_date}"


class PermanencePlan(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="permanence_plans")
    recorded_on = models.DateField()
    plan = models.CharField(max_length=24, choices=codes.PERMANENCE_PLAN.choices())

    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_on"]

    def __str__(self):
        return f"Permanence plan: {codes.PERMANENCE_PLAN.label(self.plan)}"


class CareLeaver(models.Model):
    child = models.OneToOneField(PERSON, on_delete=models.PROTECT, related_name="care_leaver")
    eligibility = models.CharField(max_length=16, choices=codes.CARE_LEAVER_ELIGIBILITY.choices())
    eligible_from = models.DateField()
    personal_adviser = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Children Act 1989 s23CZB: a former relevant young person may ask for a personal adviser's
    # support to 25; T-PA-CONTACT then runs to their 25th birthday rather than their 21st.
    support_to_25 = models.BooleanField("asked for support to 25", default=False)

    history = HistoricalRecords()

    def __str__(self):
        return f"Care leaver {self.child_id} ({self.eligibility})"


class CareLeaverContact(models.Model):
    """A personal adviser's contact, with the young person's situation at that time."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="care_leaver_contacts")
    date = models.DateField()
    in_touch = models.CharField(max_length=4, choices=codes.IN_TOUCH.choices())
    # Only a visit at the young person's accommodation meets T-PA-VISIT; any contact in touch
    # meets T-PA-CONTACT.
    kind = models.CharField(
        max_length=7, choices=codes.CARE_LEAVER_CONTACT_KIND.choices(), default="MEETING"
    )
    activity = models.CharField(max_length=2, blank=True, choices=codes.ACTIVITY.choices())
    accommodation = models.CharField(
        max_length=1, blank=True, choices=codes.ACCOMMODATION.choices()
    )
    accommodation_suitable = models.BooleanField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Care leaver contact on {self.date}"


class PathwayPlan(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="pathway_plans")
    date = models.DateField()
    is_review = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Pathway plan {'review' if self.is_review else ''} on {self.date}"


class Adoption(models.Model):
    """A child's adoption journey, one row per decision that they should be placed for adoption."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="adoptions")
    decision_date = models.DateField(
        "date of decision that the child should be placed for adoption"
    )
    placement_order_date = models.DateField(null=True, blank=True)
    matched_date = models.DateField(null=True, blank=True)
    placed_date = models.DateField(null=True, blank=True)
    fostering_for_adoption_date = models.DateField(null=True, blank=True)
    adoption_order_date = models.DateField(null=True, blank=True)
    stopped_date = models.DateField(
        "date of decision that the child should no longer be placed", null=True, blank=True
    )
    stopped_reason = models.CharField(
        max_length=3, blank=True, choices=codes.ADOPTION_STOPPED_REASON.choices()
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decision_date"]
        constraints = [
            ends_after_starts("decision_date", "matched_date", "match_after_decision"),
            ends_after_starts("matched_date", "placed_date", "placed_after_match"),
            ends_after_starts("placed_date", "adoption_order_date", "order_after_placement"),
        ]

    def __str__(self):
        return f"Adoption plan from {self.decision_date}"


class PreProceedings(models.Model):
    """The Public Law Outline pre-proceedings stage."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="pre_proceedings")
    start_date = models.DateField()
    letter_before_proceedings_on = models.DateField(null=True, blank=True)
    initial_meeting_on = models.DateField("initial pre-proceedings meeting", null=True, blank=True)
    first_review_meeting_on = models.DateField("first review meeting", null=True, blank=True)
    decision_on = models.DateField(
        "decision to issue proceedings or step down", null=True, blank=True
    )
    end_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(
        max_length=11, blank=True, choices=codes.PRE_PROCEEDINGS_OUTCOME.choices()
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "pre-proceedings"
        ordering = ["-start_date"]
        constraints = [
            ends_after_starts("start_date", "end_date", "pre_proceedings_end_after_start")
        ]

    def __str__(self):
        return f"Pre-proceedings from {self.start_date}"


class CareProceedings(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="care_proceedings")
    issued_on = models.DateField()
    final_order_on = models.DateField(null=True, blank=True)
    final_order = models.CharField(
        max_length=17, blank=True, choices=codes.PROCEEDINGS_ORDER.choices()
    )
    extension_weeks = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "care proceedings"
        ordering = ["-issued_on"]
        constraints = [ends_after_starts("issued_on", "final_order_on", "order_after_issue")]

    def __str__(self):
        return f"Care proceedings issued {self.issued_on}"
