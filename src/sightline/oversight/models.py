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
