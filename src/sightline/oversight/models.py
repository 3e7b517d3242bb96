"""Deadlines materialised from the rulebook, so worklist pages never wait on the engine.

A `Deadline` row is one instance of a statutory or local clock for one child (a visit due, a
review conference due), as the engine found it on `computed_for`. The rows are always
recomputable from the record: `sightline tick` rebuilds them all nightly and every write through
a service rebuilds that child's rows when its transaction commits.
"""

from django.conf import settings
from django.db import models


class DeadlineStatus(models.TextChoices):
    """Where a clock stands as at a date (the engine's five statuses)."""

    MET = "met", "Met"
    MET_LATE = "met_late", "Met late"
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    PENDING = "pending", "Pending"


# A clock is open until the event that meets it is recorded; only open clocks change status as
# the days pass (met and met-late are settled for good).
OPEN_STATUSES = (DeadlineStatus.OVERDUE, DeadlineStatus.DUE_SOON, DeadlineStatus.PENDING)


class Deadline(models.Model):
    """One instance of a clock for one child, with its status as at `computed_for`.

    The relations carry no database constraint and no index of their own. The table is derived
    and rebuilt wholesale every night: with foreign keys, SQLite must visit every row to delete
    (no truncation) and check three parents for every row inserted, which made the rebuild of a
    300,000-child council several times slower; and the composite indexes below already lead
    with each relation. Django still cascades the deletion of a child to their rows.
    """

    child = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="deadlines",
        db_constraint=False,
        db_index=False,
    )
    rule_id = models.CharField("rule", max_length=40)
    record_type = models.CharField(max_length=40, help_text="The frame whose record started it.")
    record_id = models.BigIntegerField(null=True, blank=True)
    clock_start = models.DateField()
    due = models.DateField()
    met_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=DeadlineStatus.choices)
    working_days_overdue = models.IntegerField(null=True, blank=True)
    context_end = models.DateField(
        null=True,
        blank=True,
        help_text="When the clock's plan, period of care or case ended.",
    )
    computed_for = models.DateField(help_text="The as-at date the status was computed for.")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    team = models.ForeignKey(
        "workforce.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deadlines",
        db_constraint=False,
        db_index=False,
    )
    is_child_protection = models.BooleanField(
        default=False, help_text="The child was subject to a child protection plan."
    )
    is_looked_after = models.BooleanField(default=False, help_text="The child was looked after.")
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["due"]
        indexes = [
            # context_end last, so worklist counts (running clocks only) read the index alone.
            models.Index(
                fields=["worker", "status", "due", "context_end"], name="deadline_worker_worklist"
            ),
            models.Index(
                fields=["team", "status", "due", "context_end"], name="deadline_team_worklist"
            ),
            models.Index(fields=["child", "due"], name="deadline_child_due"),
        ]

    def __str__(self):
        return f"{self.rule_id} for child {self.child_id} due {self.due:%Y-%m-%d}"


class DeadlineRun(models.Model):
    """One full recalculation of every child's deadlines, so pages can say how fresh they are."""

    as_at = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    deadline_count = models.PositiveIntegerField()
    status_counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-finished_at"]
        get_latest_by = "finished_at"

    def __str__(self):
        return f"Deadlines as at {self.as_at:%Y-%m-%d} ({self.deadline_count})"


class FindingStatus(models.TextChoices):
    """Where a drift finding stands (the `sightline findings` status column)."""

    OPEN = "open", "Open"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ESCALATED = "escalated", "Escalated"
    RESOLVED = "resolved", "Resolved"


# A finding a manager still has to act on: it climbs the chain until someone does.
UNACKNOWLEDGED = (FindingStatus.OPEN, FindingStatus.ESCALATED)


class FindingLevel(models.TextChoices):
    """The rung of the management chain a finding has reached, lowest first."""

    TEAM_MANAGER = "team_manager", "Team manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director"


class Finding(models.Model):
    """One drift finding for one child, from the day the tick first found it to its resolution.

    Identified by (child, rule, since): the same rule firing again from a later date is a new
    finding. The evidence, the record it names and the responsible worker and team are the
    engine's as at the latest tick (`last_seen_on`). The status moves only through
    `oversight.findings`: the tick raises, escalates and resolves; a manager acknowledges,
    with an action (what, who, by when) or with the reason no action is needed. Every move is a
    `FindingStep`, shown on the child's chronology.
    """

    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="findings")
    rule_id = models.CharField("rule", max_length=40)
    since = models.DateField(help_text="The first day the rule held, as the engine found it.")
    severity = models.CharField(max_length=10)
    evidence = models.TextField(blank=True)
    record_type = models.CharField(max_length=40, blank=True)
    record_id = models.BigIntegerField(null=True, blank=True)
    team = models.ForeignKey(
        "workforce.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(max_length=12, choices=FindingStatus.choices)
    level = models.CharField(max_length=16, choices=FindingLevel.choices)
    raised_on = models.DateField(help_text="The tick's as-at date that first found it.")
    level_since = models.DateField(help_text="When it reached its present level.")
    last_seen_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action = models.TextField(blank=True, help_text="What will be done.")
    action_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action_due = models.DateField(null=True, blank=True)
    no_action_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["child", "rule_id", "since"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "rule_id", "since"], name="one_finding_per_child_rule_since"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="acknowledged")
                | (
                    models.Q(action_due__isnull=False, action_owner__isnull=False)
                    & ~models.Q(action="")
                )
                | ~models.Q(no_action_reason=""),
                name="acknowledged_finding_has_action_or_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status"], name="finding_team_status"),
            models.Index(fields=["status", "level"], name="finding_status_level"),
        ]

    def __str__(self):
        return f"{self.rule_id} for child {self.child_id} since {self.since:%Y-%m-%d}"


class FindingStepKind(models.TextChoices):
    RAISED = "raised", "Raised"
    ESCALATED = "escalated", "Escalated"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


class FindingStep(models.Model):
    """One move of a finding: who it went to or who acted, when, and what they decided."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="steps")
    child = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="finding_steps"
    )
    kind = models.CharField(max_length=12, choices=FindingStepKind.choices)
    on = models.DateField(help_text="The day of the step (the tick's as-at date, or today).")
    recorded_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who acted; empty for the tick.",
    )
    level = models.CharField(max_length=16, choices=FindingLevel.choices)
    sent_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The manager the finding went to at this level.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["finding", "on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["child", "on"], name="finding_step_child_on")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.finding} on {self.on:%Y-%m-%d}"


class DecisionKind(models.TextChoices):
    """Decision points a manager must approve (issue 12 row 6)."""

    CASE_CLOSURE = "case_closure", "Close the case"
    STEP_DOWN = "step_down", "Step down to early help"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Not approved"


class Approval(models.Model):
    """A decision put to a manager: close the child's CIN episode, or step it down to early
    help. Nothing changes on the record until a manager other than the requester approves it;
    then the episode closes on the proposed date with the proposed reason. Who asked, who
    decided, when and why are kept whether it was approved or not."""

    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="approvals")
    referral = models.ForeignKey(
        "casework.Referral", on_delete=models.CASCADE, related_name="approvals"
    )
    kind = models.CharField(max_length=16, choices=DecisionKind.choices)
    closure_date = models.DateField()
    closure_reason = models.CharField(max_length=3)
    rationale = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(status="pending"),
                name="one_pending_approval_per_episode",
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="approver_is_not_requester",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | ~models.Q(decision_reason=""),
                name="decided_approval_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for child {self.child_id}: {self.get_status_display()}"

    @property
    def closure_reason_label(self) -> str:
        from sightline.standards import codes

        return f"{self.closure_reason}: {codes.CLOSURE_REASON.label(self.closure_reason)}"
