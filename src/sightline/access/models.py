"""Restricted records, break-glass grants, alerts to information governance and the access audit.

The audit table is append-only: the database itself refuses UPDATE and DELETE on it (see
migration 0002) and each event carries the SHA-256 of its predecessor, so `sightline audit
verify` can prove that nothing was edited, removed or reordered afterwards.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

PERSON = "people.Person"


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed a record"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"
    PRINT = "print", "Printed"
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    BREAK_GLASS = "break_glass", "Broke the glass"
    VIEW_AUDIT = "view_audit", "Viewed the access audit"
    RESTRICT = "restrict", "Restricted a record"
    ACKNOWLEDGE_ALERT = "ack_alert", "Acknowledged an IG alert"
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed to sign in"
    LOCKED_OUT = "locked_out", "Locked out"
    LOGOUT = "logout", "Signed out"
    TWO_FACTOR_ENROLLED = "2fa_enrolled", "Enrolled for two-factor sign-in"
    TWO_FACTOR_VERIFIED = "2fa_verified", "Passed two-factor sign-in"
    TWO_FACTOR_FAILED = "2fa_failed", "Failed two-factor sign-in"
    RETENTION = "retention", "Managed retention (a hold, an override, a disposal batch)"
    DISPOSE = "dispose", "Disposed of a record at the end of its retention"
    REFUSED = "refused", "Was refused a page or an action"
    ROLE_CHANGE = "role_change", "Asked for, approved or refused a change of role"


class AuditEvent(models.Model):
    """One thing someone did, or tried to do, with personal data or with their sign-in.

    The actor and child are kept as ids without database foreign keys: the audit must outlive
    the records it describes (a child's record erased at the end of its retention period still
    leaves the trail of who saw it), and the database must never cascade a delete into it.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text="Empty for the system itself and for failed sign-ins.",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    child = models.ForeignKey(
        PERSON,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(max_length=100, blank=True, help_text='e.g. "casework.visit"')
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True, help_text="The reason given, for break-glass access.")
    client_address = models.CharField(max_length=45, blank=True)
    page = models.CharField(
        max_length=100,
        blank=True,
        help_text='The URL name of the page the event was written on, e.g. "child-summary".',
    )
    path = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "The page's path without its query string; any part of it that is neither a number "
            "nor a fixed word of the URL pattern is replaced by *, so it holds no personal data."
        ),
    )
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["child", "sequence"]),
            models.Index(fields=["actor", "sequence"]),
        ]

    def __str__(self):
        return f"#{self.sequence} {self.occurred_at:%Y-%m-%d %H:%M} {self.action}"


class RestrictionReason(models.TextChoices):
    ADOPTION = "adoption", "Adoption"
    HIGH_PROFILE = "high_profile", "High-profile case"
    STAFF_FAMILY = "staff_family", "A member of staff's family"
    OTHER = "other", "Other"


class RestrictedRecord(models.Model):
    """A child whose record only the people on the allow-list may open (or break-glass)."""

    child = models.OneToOneField(PERSON, on_delete=models.CASCADE, related_name="restriction")
    reason = models.CharField(max_length=20, choices=RestrictionReason.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    allow_list = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="restricted_records_allowed"
    )

    def __str__(self):
        return f"Restricted record of child {self.child_id} ({self.get_reason_display()})"


class BreakGlassGrant(models.Model):
    """Time-limited access to one child's record, taken by one user who gave a reason."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    child = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    opened_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["actor", "child", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("opened_at")),
                name="break_glass_expires_after_opening",
            )
        ]

    def __str__(self):
        return f"Break-glass by {self.actor_id} on child {self.child_id} at {self.opened_at}"


class IGAlert(models.Model):
    """Something information governance must look at, e.g. a break-glass opening."""

    grant = models.OneToOneField(
        BreakGlassGrant, null=True, blank=True, on_delete=models.PROTECT, related_name="alert"
    )
    raised_at = models.DateTimeField()
    summary = models.CharField(max_length=200)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledgement_note = models.TextField(blank=True)
    involves = models.JSONField(
        default=list,
        blank=True,
        help_text="Ids of the users the alert is about; none of them may acknowledge it.",
    )

    class Meta:
        verbose_name = "IG alert"
        ordering = ["-raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledged_at__isnull=True, acknowledged_by__isnull=True)
                | Q(acknowledged_at__isnull=False, acknowledged_by__isnull=False),
                name="ig_alert_acknowledged_by_someone",
            )
        ]

    def __str__(self):
        return self.summary

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


# --- Retention and disposal (see sightline.access.retention and docs/data-protection.md) -------


class LegalHold(models.Model):
    """An instruction to keep a child's record whatever its retention date says.

    For litigation, a complaint, a police investigation or an inquiry. While a hold is active the
    record is never proposed for disposal nor disposed of. PROTECT, so that no other path (the
    admin, a script) can delete a held record either.
    """

    child = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True, lifted_by__isnull=True)
                | Q(lifted_at__isnull=False, lifted_by__isnull=False),
                name="legal_hold_lifted_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | Q(lifted_at__gte=models.F("placed_at")),
                name="legal_hold_lifted_after_placed",
            ),
        ]

    def __str__(self):
        state = "active" if self.is_active else "lifted"
        return f"Legal hold on child {self.child_id} ({state})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class RetentionOverride(models.Model):
    """A later date than the schedule's until which the council keeps one child's record.

    Only ever lengthens retention: the statutory periods are minimums, so the schedule's date
    wins when it is later (`retention.retention_until`).
    """

    child = models.OneToOneField(
        PERSON, on_delete=models.CASCADE, related_name="retention_override"
    )
    keep_until = models.DateField()
    reason = models.TextField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    def __str__(self):
        return f"Keep child {self.child_id} until {self.keep_until:%Y-%m-%d}"


class DisposalBatchStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed, awaiting approval"
    APPROVED = "approved", "Approved, awaiting disposal"
    DISPOSED = "disposed", "Disposed of"
    CANCELLED = "cancelled", "Cancelled"


class DisposalBatch(models.Model):
    """A set of records past retention, proposed by one IG officer and approved by another.

    Kept after disposal as the register of what was destroyed, when and on whose authority.
    """

    as_at = models.DateField(help_text="The date retention was checked as at.")
    status = models.CharField(
        max_length=10, choices=DisposalBatchStatus.choices, default=DisposalBatchStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "disposal batches"
        ordering = ["-proposed_at"]
        constraints = [
            # Four eyes: whoever proposes a disposal cannot also approve it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("proposed_by")),
                name="disposal_approved_by_another",
            ),
            models.CheckConstraint(
                condition=Q(disposed_at__isnull=True) | Q(approved_at__isnull=False),
                name="disposal_only_after_approval",
            ),
        ]

    def __str__(self):
        return f"Disposal batch {self.pk} as at {self.as_at:%Y-%m-%d} ({self.status})"


class DisposalOutcome(models.TextChoices):
    PENDING = "pending", "Pending"
    DISPOSED = "disposed", "Disposed of"
    WITHHELD = "withheld", "Withheld at disposal"


class DisposalBatchItem(models.Model):
    """One child's record in a disposal batch; outlives the record as the disposal register.

    The child is kept as an id without a database foreign key, like the audit's: the item must
    survive the deletion it records. The LA child ID and the rule are the register's entry.
    """

    batch = models.ForeignKey(DisposalBatch, on_delete=models.PROTECT, related_name="items")
    child = models.ForeignKey(
        PERSON, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    la_child_id = models.CharField("LA child ID", max_length=20)
    retention_rule = models.CharField(max_length=20)
    retention_until = models.DateField()
    outcome = models.CharField(
        max_length=8, choices=DisposalOutcome.choices, default=DisposalOutcome.PENDING
    )
    outcome_reason = models.CharField(max_length=200, blank=True)
    person_kept = models.BooleanField(
        default=False,
        help_text=(
            "The person's name stayed because other children's records still refer to them; "
            "their own case record and identifiers were deleted."
        ),
    )

    class Meta:
        ordering = ["batch", "la_child_id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "child"], name="disposal_item_once")
        ]

    def __str__(self):
        return f"{self.la_child_id} in disposal batch {self.batch_id}"


# --- Role changes (see sightline.access.role_changes) ----------------------------------------


class RoleChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a second administrator"
    APPROVED = "approved", "Approved and applied"
    REFUSED = "refused", "Refused"


class RoleChange(models.Model):
    """A request to change a user's role, applied only when a second administrator approves.

    A user's role is what they may see (docs/permissions.md), so it is changed only through
    `role_changes`: the request, the approval and the refusal are each in the hash-chained
    audit and each alerts information governance. Nobody requests a change of their own role,
    and the administrator who asked does not approve.
    """

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_changes"
    )
    from_role = models.CharField(max_length=20, blank=True)
    to_role = models.CharField(max_length=20)
    reason = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=RoleChangeStatus.choices, default=RoleChangeStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requested_by=models.F("subject")),
                name="role_change_not_requested_for_oneself",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | (~Q(decided_by=models.F("requested_by")) & ~Q(decided_by=models.F("subject"))),
                name="role_change_decided_by_a_second_administrator",
            ),
        ]

    def __str__(self):
        return f"Role change of user {self.subject_id}: {self.from_role or '-'} to {self.to_role}"
