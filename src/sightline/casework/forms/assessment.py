"""The assessment's two forms: the worker completes it, a manager authorises it."""

from __future__ import annotations

from django import forms

from sightline.casework.forms import VersionedForm
from sightline.drafts.forms import drafts_kept_for
from sightline.standards import codes


class AssessmentCompleteForm(VersionedForm):
    """The worker's completion: child seen, factors, analysis and the recommended outcome."""

    seen_day = forms.CharField(label="Day", required=False, max_length=2)
    seen_month = forms.CharField(label="Month", required=False, max_length=2)
    seen_year = forms.CharField(label="Year", required=False, max_length=4)
    factors = forms.MultipleChoiceField(
        label="Which factors did the assessment identify?",
        choices=codes.ASSESSMENT_FACTOR.choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    analysis = forms.CharField(
        label="Your analysis",
        help_text="What life is like for the child, what is working well, what you are worried "
        "about, and why.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter your analysis"},
        max_length=100_000,
    )
    outcome = forms.ChoiceField(
        label="What do you recommend?",
        choices=codes.ASSESSMENT_OUTCOME.choices(),
        error_messages={"required": "Select the outcome you recommend"},
    )

    DATE_LABELS = {"seen": "Child seen on"}
    SUMMARY_LABELS = {
        "factors": "Factors",
        "analysis": "Analysis",
        "outcome": "Recommended outcome",
    }

    def clean(self):
        cleaned = super().clean()
        start = self.target.start_date if self.target is not None else None
        words = f"the assessment started ({start.day} {start:%B %Y})" if start else ""
        cleaned["child_seen_on"] = self.date(
            "seen", "date the child was seen", not_before=start, not_before_words=words
        )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "child_seen_on": data["child_seen_on"],
            "factors": data["factors"],
            "analysis": data["analysis"],
            "outcome": data["outcome"],
        }

    @staticmethod
    def initial_from(assessment) -> dict:
        seen = assessment.child_seen_on
        return {
            "seen_day": str(seen.day) if seen else "",
            "seen_month": str(seen.month) if seen else "",
            "seen_year": str(seen.year) if seen else "",
            "factors": list(assessment.factors),
            "analysis": assessment.analysis,
            "outcome": assessment.outcome,
        }


drafts_kept_for("assessment-complete", AssessmentCompleteForm.base_fields)


class AssessmentAuthoriseForm(VersionedForm):
    """A manager's authorisation: the outcome agreed, the date, and any reason for delay."""

    outcome = forms.ChoiceField(
        label="What is the outcome of the assessment?",
        choices=codes.ASSESSMENT_OUTCOME.choices(),
        error_messages={"required": "Select the outcome of the assessment"},
    )
    authorised_day = forms.CharField(label="Day", required=False, max_length=2)
    authorised_month = forms.CharField(label="Month", required=False, max_length=2)
    authorised_year = forms.CharField(label="Year", required=False, max_length=4)
    delay_reason = forms.CharField(
        label="Why did the assessment take longer than its timescale? (if it did)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )

    DATE_LABELS = {"authorised": "Authorised on"}
    SUMMARY_LABELS = {"outcome": "Outcome", "delay_reason": "Reason for delay"}

    def clean(self):
        cleaned = super().clean()
        start = self.target.start_date if self.target is not None else None
        words = f"the assessment started ({start.day} {start:%B %Y})" if start else ""
        cleaned["authorised_on"] = self.date(
            "authorised", "date of authorisation", not_before=start, not_before_words=words
        )
        if self.target is not None and self.target.submitted_on is None:
            raise forms.ValidationError(
                "The worker has not completed this assessment yet, so it cannot be authorised."
            )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "authorised_on": data["authorised_on"],
            "outcome": data["outcome"],
            "delay_reason": data["delay_reason"],
        }

    @staticmethod
    def initial_from(assessment) -> dict:
        on = assessment.authorised_on
        return {
            "outcome": assessment.outcome,
            "authorised_day": str(on.day) if on else "",
            "authorised_month": str(on.month) if on else "",
            "authorised_year": str(on.year) if on else "",
            "delay_reason": assessment.delay_reason,
        }


drafts_kept_for("assessment-authorise", AssessmentAuthoriseForm.base_fields)
