"""Recording forms for the child's journey, with GOV.UK error messages that say what to do.

Every form here keeps a draft as it is typed (`sightline.drafts`); the draft holds the fields
as typed, and the form validates them when the user continues.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from sightline.drafts.forms import drafts_kept_for
from sightline.standards import codes

YES_NO = [("yes", "Yes"), ("no", "No")]

# The visits a social worker records from the child's record; IRO and personal adviser
# contacts are recorded from their own pages.
_VISIT_KINDS = ("CP", "CIN", "LAC", "ASSESSMENT", "ADOPTION", "PRIVATE_FOSTERING")
VISIT_KIND_CHOICES = [(kind, codes.VISIT_KIND.label(kind)) for kind in _VISIT_KINDS]


class DateParts:
    """A GOV.UK date input: three boxes read into one date, with one located message."""

    @staticmethod
    def read(form: forms.Form, prefix: str, label: str) -> dt.date | None:
        parts = [
            form.cleaned_data.get(f"{prefix}_{p}", "").strip() for p in ("day", "month", "year")
        ]
        if not any(parts):
            form.add_error(f"{prefix}_day", f"Enter the {label}")
            return None
        missing = [n for n, p in zip(("day", "month", "year"), parts, strict=True) if not p]
        if missing:
            form.add_error(f"{prefix}_day", f"The {label} must include a {' and '.join(missing)}")
            return None
        day, month, year = parts
        try:
            if len(year) != 4:
                raise ValueError
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            form.add_error(f"{prefix}_day", f"The {label} must be a real date, like 3 3 2026")
            return None


class RecordingForm(forms.Form):
    """A recording form: knows the child (and the record it changes, if any) it is about.

    ``DATE_LABELS`` names each date's three boxes by prefix and ``SUMMARY_LABELS`` overrides a
    field's label on check-your-answers pages (a question reads oddly as a row's key).
    """

    DATE_LABELS: dict[str, str] = {}
    SUMMARY_LABELS: dict[str, str] = {}

    def __init__(self, *args, child=None, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.target = target

    def date(
        self, prefix: str, label: str, *, not_before=None, not_before_words=""
    ) -> dt.date | None:
        """The date in the three boxes, today or in the past (and not before `not_before`)."""
        day = DateParts.read(self, prefix, label)
        if day is None:
            return None
        if day > timezone.localdate():
            self.add_error(f"{prefix}_day", f"The {label} must be today or in the past")
            return None
        if not_before is not None and day < not_before:
            self.add_error(f"{prefix}_day", f"The {label} must be on or after {not_before_words}")
            return None
        return day


class VersionedForm(RecordingForm):
    """A form that changes an existing record: which record, and the version it was opened on."""

    record = forms.CharField(widget=forms.HiddenInput, required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class VisitForm(RecordingForm):
    """A statutory visit: when, what kind, whether the child was seen (and alone), their words."""

    date_day = forms.CharField(label="Day", required=False, max_length=2)
    date_month = forms.CharField(label="Month", required=False, max_length=2)
    date_year = forms.CharField(label="Year", required=False, max_length=4)
    kind = forms.ChoiceField(
        label="What kind of visit was it?",
        choices=VISIT_KIND_CHOICES,
        error_messages={"required": "Select what kind of visit it was"},
    )
    child_seen = forms.ChoiceField(
        label="Did you see the child?",
        choices=YES_NO,
        error_messages={"required": "Select yes if you saw the child"},
    )
    seen_alone = forms.ChoiceField(
        label="Did you see the child on their own?",
        choices=YES_NO,
        required=False,
    )
    childs_voice = forms.CharField(
        label="What did the child say?",
        help_text="Their words about home, school and what they want. Leave blank if not seen.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )
    notes = forms.CharField(
        label="Visit notes",
        help_text="What you saw, who was there, and what happens next.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what happened on the visit"},
        max_length=50_000,
    )

    DATE_FIELDS = ("date_day", "date_month", "date_year")
    DATE_LABELS = {"date": "Date"}

    def clean(self):
        cleaned = super().clean()
        day = DateParts.read(self, "date", "date of the visit")
        if day is not None:
            if day > timezone.localdate():
                self.add_error("date_day", "The date of the visit must be today or in the past")
            elif (
                self.child is not None
                and self.child.date_of_birth
                and day < self.child.date_of_birth
            ):
                self.add_error("date_day", "The date of the visit must be after the child was born")
        cleaned["date"] = day
        seen = cleaned.get("child_seen") == "yes"
        alone = cleaned.get("seen_alone")
        if seen and not alone:
            self.add_error("seen_alone", "Select yes if you saw the child on their own")
        if not seen and alone == "yes":
            self.add_error("seen_alone", "The child cannot be seen alone if they were not seen")
        return cleaned

    def visit_fields(self) -> dict:
        """The visit as `visit_record` takes it; only once the form is valid."""
        data = self.cleaned_data
        return {
            "date": data["date"],
            "kind": data["kind"],
            "child_seen": data["child_seen"] == "yes",
            "seen_alone": data["seen_alone"] == "yes",
            "notes": data["notes"],
            "childs_voice": data["childs_voice"],
        }


drafts_kept_for("visit", VisitForm.base_fields)


class CaseNoteForm(RecordingForm):
    """A case note: what happened, and the child's own words where they were heard."""

    note = forms.CharField(
        label="Case note",
        help_text="What happened, who was involved, and what happens next.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the case note"},
        max_length=50_000,
    )
    childs_voice = forms.CharField(
        label="The child's words (optional)",
        help_text="What the child said, in their words, if this note records it.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
    )


drafts_kept_for("case-note", CaseNoteForm.base_fields)
