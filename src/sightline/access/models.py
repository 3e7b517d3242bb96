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
