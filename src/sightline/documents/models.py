"""A document on a child's record: what it is, who added it, and where its bytes are kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sightline.people.models import Person


class DocumentKind(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment or report"
    CONFERENCE = "conference", "Conference or review minutes"
    PLAN = "plan", "Plan"
    COURT = "court", "Court document"
    AGENCY = "agency", "Report from another agency"
    CORRESPONDENCE = "correspondence", "Letter or email"
    CONSENT = "consent", "Consent or agreement"
    CHILDS_OWN = "childs_own", "The child's own words or work"
    PHOTO = "photo", "Photograph or body map"
    OTHER = "other", "Other"


class Document(models.Model):
    """One uploaded file. The bytes live under ``SIGHTLINE_DOCUMENT_DIR`` (never under a URL),
    named by ``stored_name`` alone, so nothing about the child or the file is in the path; the
    SHA-256 is checked on every download, so a changed or damaged file is never served."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    dated = models.DateField(help_text="The date the document is about or was written.")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_name = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["-dated", "-uploaded_at"]
        indexes = [models.Index(fields=["child", "-dated"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
