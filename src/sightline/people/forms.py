"""Recording forms for warnings: raising one about the child or an adult they live with, and
ending one with the reason."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from sightline.casework.forms import RecordingForm, VersionedForm
from sightline.drafts.forms import drafts_kept_for
from sightline.people.warnings import warning_subjects
from sightline.standards import codes


def _person_label(person, child) -> str:
    if person.pk == child.pk:
        return f"{person.full_name} (the child)"
    return f"{person.full_name} (lives with {child.first_name})"


class WarningForm(RecordingForm):
    person = forms.ChoiceField(
        label="Who is the warning about?",
        error_messages={
            "required": "Select who the warning is about",
            "invalid_choice": "Select the child or an adult who lives with them",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of warning is it?",
        choices=[(code, codes.PERSON_WARNING.label(code)) for code in codes.PERSON_WARNING.values],
        error_messages={"required": "Select what kind of warning it is"},
    )
    detail = forms.CharField(
        label="What is the risk, and what should a visitor do?",
        help_text="For example: 'Has threatened staff with a weapon. Visit in pairs, and not "
        "after dark.' Everyone who opens the record will read this.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5_000,
        error_messages={"required": "Enter what the risk is and what a visitor should do"},
    )
    raised_day = forms.CharField(label="Day", required=False, max_length=2)
    raised_month = forms.CharField(label="Month", required=False, max_length=2)
    raised_year = forms.CharField(label="Year", required=False, max_length=4)

    DATE_LABELS = {"raised": "Date raised"}
    SUMMARY_LABELS = {"person": "About", "kind": "Kind of warning", "detail": "Risk and action"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.child is not None:
            subjects = warning_subjects(self.child, on=timezone.localdate())
            self.fields["person"].choices = [
                (str(person.pk), _person_label(person, self.child)) for person in subjects
            ]

    def clean(self):
        cleaned = super().clean()
        cleaned["raised_on"] = self.date("raised", "date the warning was raised")
        return cleaned


class WarningEndForm(VersionedForm):
    ended_day = forms.CharField(label="Day", required=False, max_length=2)
    ended_month = forms.CharField(label="Month", required=False, max_length=2)
    ended_year = forms.CharField(label="Year", required=False, max_length=4)
    end_reason = forms.CharField(
        label="Why does the warning no longer apply?",
        help_text="For example: 'Moved out of the household in March; police confirm no contact.'",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        error_messages={"required": "Enter why the warning no longer applies"},
    )

    DATE_LABELS = {"ended": "Date ended"}
    SUMMARY_LABELS = {"end_reason": "Why it no longer applies"}

    def clean(self):
        cleaned = super().clean()
        not_before = getattr(self.target, "raised_on", None)
        cleaned["ended_on"] = self.date(
            "ended",
            "date the warning ended",
            not_before=not_before,
            not_before_words=(
                f"the day it was raised, {not_before.day} {not_before:%B %Y}" if not_before else ""
            ),
        )
        return cleaned


drafts_kept_for("warning", WarningForm.base_fields)
drafts_kept_for("warning-end", WarningEndForm.base_fields)
