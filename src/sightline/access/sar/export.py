"""`sar_export`: one child's whole record for a subject access request, as JSON and PDF."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.access.policies import Capability, actor_can
from sightline.access.sar.pdf import subject_access_pdf
from sightline.access.sar.record import FORMAT, subject_access_record
from sightline.access.services import audit_event_record
from sightline.people.models import Person

# A request reference is an identifier from the council's case log, e.g. "SAR-2025-0142".
REFERENCE_MAX_LENGTH = 40


@dataclass(frozen=True)
class SubjectAccessExport:
    """The export of one child's record: the JSON structure, and its JSON and PDF renderings."""

    la_child_id: str
    record: dict

    @cached_property
    def json_bytes(self) -> bytes:
        return json.dumps(self.record, indent=2, ensure_ascii=False).encode("utf-8")

    @cached_property
    def pdf_bytes(self) -> bytes:
        return subject_access_pdf(self.record)

    @property
    def file_stem(self) -> str:
        return f"subject-access-{self.la_child_id}-{self.record['generated_at'][:10]}"


@transaction.atomic
def sar_export(*, actor, child: Person, reference: str = "", request=None) -> SubjectAccessExport:
    """Export a child's whole record for a subject access request, and audit it.

    Only information governance officers may (the "export identifiable records" capability);
    they export any child's record, restricted or not, because answering the request is their
    job and the request is for the whole record. The export is not redacted: third-party
    information is flagged for their review (see `sar.third_party`).
    """
    if not actor_can(actor, Capability.EXPORT_CHILD):
        raise PermissionDenied("Only information governance officers export subject access")
    if not child.is_child_record:
        raise ValidationError("Subject access export is for a child's record")
    reference = (reference or "").strip()
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise ValidationError({"reference": f"Use at most {REFERENCE_MAX_LENGTH} characters"})
    record = subject_access_record(child, actor=actor, generated_at=timezone.now())
    if reference:
        record["request_reference"] = reference
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        child=child,
        detail={
            "kind": "subject access",
            "format": FORMAT,
            "reference": reference,
            "items": record["summary"]["items"],
            "third_party_items": record["summary"]["third_party_items"],
        },
        request=request,
    )
    return SubjectAccessExport(la_child_id=child.la_child_id, record=record)
