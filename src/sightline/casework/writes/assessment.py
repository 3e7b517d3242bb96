"""An assessment is completed by its worker and authorised by a manager.

The worker records when the child was seen, the factors identified, their analysis and the
recommended outcome, and sends it for authorisation; a manager then authorises it (meeting its
T-ASSESSMENT clock) with the outcome confirmed. Both are changes to an existing record, so both
take the version the user's form was opened on and refuse an edit made on a stale copy.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.actions import RecordUpdateAction
from sightline.casework.models import Assessment
from sightline.standards import codes

__all__ = ["assessment_submit"]


class AssessmentSubmit(RecordUpdateAction):
    doing = "complete assessments"
    model = Assessment

    def perform(self) -> Assessment:
        assessment = self.locked()
        if assessment.authorised_on is not None:
            raise ValidationError("This assessment has been authorised, so it cannot be changed.")
        changes = self.changes
        if not changes["outcome"]:
            raise ValidationError({"outcome": "Select the outcome you recommend"})
        if not changes["analysis"].strip():
            raise ValidationError({"analysis": "Enter your analysis"})
        unknown = [f for f in changes["factors"] if f not in codes.ASSESSMENT_FACTOR]
        if unknown:
            raise ValidationError({"factors": f"Unknown assessment factors: {', '.join(unknown)}"})
        assessment.child_seen_on = changes["child_seen_on"]
        assessment.factors = list(changes["factors"])
        assessment.analysis = changes["analysis"]
        assessment.outcome = changes["outcome"]
        assessment.submitted_on = changes.get("submitted_on") or timezone.localdate()
        assessment.submitted_by = self.actor
        assessment.full_clean()
        assessment.save(
            update_fields=[
                "child_seen_on",
                "factors",
                "analysis",
                "outcome",
                "submitted_on",
                "submitted_by",
            ]
        )
        return assessment


def assessment_submit(
    *,
    actor,
    assessment: Assessment,
    child_seen_on: dt.date | None,
    factors: list[str],
    analysis: str,
    outcome: str,
    submitted_on: dt.date | None = None,
    expected_version: str | None = None,
    request=None,
) -> Assessment:
    """Complete `assessment` and send it to a manager for authorisation; return it.

    With `expected_version` (``sightline.actions.record_version`` of the assessment when the
    form was opened), an assessment changed since is refused with ``EditConflict``.
    """
    changes = dict(
        child_seen_on=child_seen_on,
        factors=factors,
        analysis=analysis,
        outcome=outcome,
        submitted_on=submitted_on,
    )
    return AssessmentSubmit(
        actor=actor,
        record=assessment,
        changes=changes,
        expected_version=expected_version,
        request=request,
    ).execute()
