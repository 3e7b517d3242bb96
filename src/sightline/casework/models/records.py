"""The child's journey through help and protection: from a contact to the closure of a CIN episode.

Statutory dates are `date`s; a contact's arrival is a timezone-aware `datetime` because a concern
received at 16:55 and one received at 17:05 start their one-working-day clocks on different days.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from sightline.constraints import ends_after_starts
from sightline.standards import codes

PERSON = "people.Person"
USER = settings.AUTH_USER_MODEL


class Contact(models.Model):
    """A concern or request about a child arriving at the front door."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="contacts")
    received_at = models.DateTimeField()
    source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE.choices())
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_agency = models.CharField(max_length=200, blank=True)
    concerns = models.TextField()
    significant_harm_suspected = models.BooleanField(
        default=False, help_text="Reasonable cause to suspect significant harm: starts T-STRATEGY."
    )
    people_named = models.ManyToManyField(PERSON, blank=True, related_name="contacts_named_in")
    decision = models.CharField(max_length=12, blank=True, choices=codes.CONTACT_DECISION.choices())
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["child", "received_at"]),
            models.Index(fields=["received_at"]),
        ]
        constraints = [
            ends_after_starts("received_at", "decided_at", "contact_decided_after_received"),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True) | ~Q(decision=""), name="decision_has_value"
            ),
        ]

    def __str__(self):
        return f"Contact {self.pk} about child {self.child_id}"


class Referral(models.Model):
    """A referral accepted by children's social care: the CIN episode, open until closure.

    `significant_harm_suspected_at` records a concern that arose at the referral stage, not on
    the contact: it starts a T-STRATEGY clock from that instant (with the contact's 17:00
    cut-off). A referral from a contact already flagged needs no flag of its own; if it has
    one, the contact's clock is the only clock (ADR 0009, D15).
    """

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="referrals")
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral_date = models.DateField()
    source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE.choices())
    primary_need = models.CharField(max_length=2, blank=True, choices=codes.NEED.choices())
    decided_on = models.DateField(
        null=True, blank=True, help_text="Date the referral decision was made."
    )
    no_further_action = models.BooleanField(default=False)
    significant_harm_suspected_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When the referral was flagged 'reasonable cause to suspect significant harm', "
            "if its contact was not: starts T-STRATEGY."
        ),
    )
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        max_length=3, blank=True, choices=codes.CLOSURE_REASON.choices()
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-referral_date"]
        indexes = [models.Index(fields=["referral_date"])]
        constraints = [
            ends_after_starts("referral_date", "closure_date", "referral_closes_after_it_starts"),
            ends_after_starts("referral_date", "decided_on", "referral_decided_after_it_starts"),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(closure_date__isnull=True),
                name="one_open_cin_episode_per_child",
            ),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | ~Q(closure_reason=""),
                name="closed_referral_has_reason",
            ),
        ]

    def __str__(self):
        return f"Referral {self.pk} ({self.referral_date})"


class Assessment(models.Model):
    """A child and family (single) assessment within a CIN episode."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="assessments")
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="assessments")
    start_date = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    authorised_on = models.DateField(
        null=True, blank=True, help_text="Completion: authorised by a manager."
    )
    authorised_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    factors = models.JSONField(default=list, blank=True, help_text="Assessment factor codes.")
    outcome = models.CharField(
        max_length=12, blank=True, choices=codes.ASSESSMENT_OUTCOME.choices()
    )
    delay_reason = models.TextField(
        blank=True, help_text="Required when authorised after 45 working days."
    )
    analysis = models.TextField(
        blank=True, help_text="The worker's analysis: what life is like for the child, and why."
    )
    submitted_on = models.DateField(
        null=True, blank=True, help_text="Completed by the worker and sent for authorisation."
    )
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            ends_after_starts("start_date", "authorised_on", "assessment_ends_after_it_starts"),
            ends_after_starts("start_date", "child_seen_on", "child_seen_after_assessment_starts"),
            ends_after_starts("start_date", "submitted_on", "assessment_submitted_after_start"),
        ]

    def __str__(self):
        return f"Assessment {self.pk} from {self.start_date}"


class StrategyDiscussion(models.Model):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="strategy_discussions"
    )
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="strategy_discussions")
    held_on = models.DateField()
    agencies_attending = models.JSONField(default=list, blank=True, help_text="Agency codes.")
    decision = models.CharField(max_length=14, choices=codes.STRATEGY_DECISION.choices())
    chaired_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"Strategy discussion {self.pk} on {self.held_on}"


class Section47Enquiry(models.Model):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="section47_enquiries"
    )
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="section47_enquiries")
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=18, blank=True, choices=codes.S47_OUTCOME.choices())
    icpc_required = models.BooleanField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        ordering = ["-start_date"]
        constraints = [ends_after_starts("start_date", "end_date", "s47_ends_after_it_starts")]

    def __str__(self):
        return f"Section 47 enquiry {self.pk} from {self.start_date}"


class ChildProtectionConference(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="cp_conferences")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="cp_conferences")
    section47 = models.ForeignKey(
        Section47Enquiry,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    plan = models.ForeignKey(
        "casework.ChildProtectionPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conferences",
    )
    kind = models.CharField(max_length=7, choices=codes.CONFERENCE_KIND.choices())
    date = models.DateField()
    outcome = models.CharField(max_length=8, choices=codes.CONFERENCE_OUTCOME.choices())
    chaired_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{codes.CONFERENCE_KIND.label(self.kind)} on {self.date}"


class ChildProtectionPlan(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="cp_plans")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="cp_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    initial_category = models.CharField(max_length=3, choices=codes.ABUSE_CATEGORY.choices())
    latest_category = models.CharField(max_length=3, choices=codes.ABUSE_CATEGORY.choices())

    history = HistoricalRecords()

    class Meta:
        verbose_name = "child protection plan"
        ordering = ["-start_date"]
        constraints = [
            ends_after_starts("start_date", "end_date", "cp_plan_ends_after_it_starts"),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end_date__isnull=True),
                name="one_open_cp_plan_per_child",
            ),
        ]

    def __str__(self):
        return f"Child protection plan {self.pk} from {self.start_date}"


class CoreGroupMeeting(models.Model):
    plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.CASCADE, related_name="core_groups"
    )
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="core_groups")
    date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Core group on {self.date}"


class ChildInNeedPlan(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="cin_plans")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="cin_plans")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "child in need plan"
        ordering = ["-start_date"]
        constraints = [ends_after_starts("start_date", "end_date", "cin_plan_ends_after_it_starts")]

    def __str__(self):
        return f"Child in need plan {self.pk} from {self.start_date}"


class ChildInNeedPlanReview(models.Model):
    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.CASCADE, related_name="reviews")
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="cin_plan_reviews")
    date = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"CIN plan review on {self.date}"


class Visit(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="visits")
    date = models.DateField()
    kind = models.CharField(max_length=20, choices=codes.VISIT_KIND.choices())
    child_seen = models.BooleanField(default=True)
    seen_alone = models.BooleanField(default=False)
    worker = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    notes = models.TextField(blank=True)
    childs_voice = models.TextField(
        "the child's words",
        blank=True,
        help_text="What the child said about their life, wishes and feelings, in their words.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        indexes = [models.Index(fields=["child", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(seen_alone=False), name="seen_alone_implies_seen"
            )
        ]

    def __str__(self):
        return f"{codes.VISIT_KIND.label(self.kind)} on {self.date}"


class AgencyCheck(models.Model):
    """A check with a partner agency about a child or an adult in the household."""

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="agency_checks")
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="checks"
    )
    subject = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")
    agency = models.CharField(max_length=20, choices=codes.AGENCY.choices())
    urgent = models.BooleanField(default=False)
    requested_at = models.DateTimeField()
    due_on = models.DateField()
    responded_at = models.DateTimeField(null=True, blank=True)
    nothing_held = models.BooleanField(default=False)
    response = models.TextField(blank=True)
    # A check that will not be answered ends explicitly: withdrawn or marked not required, with a
    # reason, by whom and when. Nothing else ends it, so no check runs on silently.
    closed_at = models.DateTimeField(null=True, blank=True)
    closure = models.CharField(
        max_length=12, blank=True, choices=codes.AGENCY_CHECK_CLOSURE.choices()
    )
    closure_reason = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            ends_after_starts("requested_at", "responded_at", "check_answered_after_request"),
            ends_after_starts("requested_at", "closed_at", "check_closed_after_request"),
            models.CheckConstraint(
                condition=Q(responded_at__isnull=False) | Q(nothing_held=False),
                name="nothing_held_is_a_response",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closure="", closure_reason="")
                | (Q(closed_at__isnull=False) & ~Q(closure="") & ~Q(closure_reason="")),
                name="check_closure_has_kind_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(responded_at__isnull=True),
                name="answered_check_is_not_closed",
            ),
        ]

    def __str__(self):
        return f"{codes.AGENCY.label(self.agency)} check on {self.subject_id}"


class OversightKind(models.TextChoices):
    """What a manager's oversight entry is (issue 12: direction, sign-off, plan oversight)."""

    CASE_DIRECTION = "CASE_DIRECTION", "Case direction"
    DECISION_SIGN_OFF = "DECISION_SIGN_OFF", "Decision sign-off"
    PLAN_OVERSIGHT = "PLAN_OVERSIGHT", "Plan oversight"


class ManagementOversight(models.Model):
    """A manager's recorded oversight of a child's case.

    An entry with `strategy_considered_not_held` is the manager's decision that a strategy
    discussion was considered and is not being held; its `note` says why, and the database
    refuses the decision without one. Such an entry meets T-STRATEGY as a discussion would
    (timescales.md: "considered, not held because…" recorded by a manager). A flag on an
    ordinary entry rather than a model of its own: the decision is a piece of oversight, made
    and audited by the same people, and needs nothing an entry lacks.
    """

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="oversight_entries")
    recorded_at = models.DateTimeField()
    manager = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        max_length=20, choices=OversightKind.choices, default=OversightKind.CASE_DIRECTION
    )
    note = models.TextField()
    direction = models.TextField(blank=True, help_text="What must happen next, by whom and when.")
    strategy_considered_not_held = models.BooleanField(
        default=False,
        help_text=(
            "A strategy discussion was considered and will not be held; the note says why. "
            "Meets T-STRATEGY."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "management oversight entries"
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy_considered_not_held=False) | ~Q(note=""),
                name="strategy_not_held_has_reason",
            ),
        ]

    def __str__(self):
        return f"Management oversight on {self.recorded_at:%Y-%m-%d}"


class CaseNote(models.Model):
    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="case_notes")
    written_at = models.DateTimeField()
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    note = models.TextField()
    childs_voice = models.TextField(
        "the child's voice", blank=True, help_text="What the child said, wished or felt."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_at"]

    def __str__(self):
        return f"Case note on {self.written_at:%Y-%m-%d}"
