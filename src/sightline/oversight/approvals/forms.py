"""The forms of an approval: asking for a case closure or step-down, and deciding on it."""

from __future__ import annotations

from django import forms

from sightline.casework.forms import RecordingForm
from sightline.drafts.forms import drafts_kept_for
from sightline.oversight.models import DecisionKind
from sightline.standards import codes

REQUEST_DRAFT = "closure"


class ClosureRequestForm(RecordingForm):
    """Close the case, or step it down to early help: when, why, and the worker's rationale."""

    DATE_LABELS = {"closure_date": "Closure date"}
    SUMMARY_LABELS = {
        "kind": "Decision",
        "closure_reason": "Reason for closure",
        "rationale": "Why",
    }

    kind = forms.ChoiceField(
        label="What decision are you asking a manager to approve?",
        choices=DecisionKind.choices,
        error_messages={"required": "Select the decision you are asking to be approved"},
    )
    closure_date_day = forms.CharField(label="Day", required=False, max_length=2)
    closure_date_month = forms.CharField(label="Month", required=False, max_length=2)
    closure_date_year = forms.CharField(label="Year", required=False, max_length=4)
    closure_reason = forms.ChoiceField(
        label="Why is the case closing?",
        required=False,
        choices=[("", "Choose a reason")] + list(codes.CLOSURE_REASON.choices()),
        help_text="A step-down is recorded as RC9, referred to early help.",
    )
    rationale = forms.CharField(
        label="Why is this the right decision for the child?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter why this is the right decision for the child"},
        max_length=20_000,
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["closure_date"] = self.date("closure_date", "closure date")
        if cleaned.get("kind") == DecisionKind.CASE_CLOSURE and not cleaned.get("closure_reason"):
            self.add_error("closure_reason", "Select why the case is closing")
        return cleaned

    def request_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "closure_date": data["closure_date"],
            "closure_reason": data["closure_reason"],
            "rationale": data["rationale"],
        }


drafts_kept_for(REQUEST_DRAFT, ClosureRequestForm.base_fields)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you approve this decision?",
        choices=[("approve", "Yes, approve it"), ("decline", "No, do not approve it")],
        error_messages={"required": "Select whether you approve the decision"},
    )
    reason = forms.CharField(
        label="Your reason",
        help_text="Recorded on the child's record with your name and the date.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for your decision"},
        max_length=10_000,
    )
