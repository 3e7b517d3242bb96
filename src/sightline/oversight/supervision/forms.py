"""The forms of management oversight: an oversight entry on a child's record, and a worker's
supervision (the children discussed and up to three actions agreed, each with an owner and a
date it is due)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from sightline.casework.forms import DateParts, RecordingForm
from sightline.casework.models import OversightKind
from sightline.drafts.forms import drafts_kept_for

OVERSIGHT_DRAFT = "oversight-entry"
ACTION_ROWS = 3
# An action further off than this is not something agreed for the next supervision or two.
_LATEST_ACTION_DAYS = 183


class OversightEntryForm(RecordingForm):
    """A manager's oversight of the child's case: what kind, what they found, what happens next."""

    SUMMARY_LABELS = {
        "kind": "Kind of oversight",
        "note": "Oversight",
        "direction": "What happens next",
    }

    kind = forms.ChoiceField(
        label="What kind of oversight is this?",
        choices=OversightKind.choices,
        error_messages={"required": "Select what kind of oversight this is"},
    )
    note = forms.CharField(
        label="Your oversight",
        help_text="What you read, what you think of the child's progress, and any decision "
        "you are signing off.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your oversight"},
        max_length=20_000,
    )
    direction = forms.CharField(
        label="What must happen next, by whom and when (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
    )

    def entry_fields(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "note": data["note"], "direction": data["direction"]}


drafts_kept_for(OVERSIGHT_DRAFT, OversightEntryForm.base_fields)


class SupervisionForm(forms.Form):
    """One supervision session of a worker, recorded by their supervisor."""

    date_day = forms.CharField(label="Day", required=False, max_length=2)
    date_month = forms.CharField(label="Month", required=False, max_length=2)
    date_year = forms.CharField(label="Year", required=False, max_length=4)
    children = forms.MultipleChoiceField(
        label="Which children did you discuss?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label="Notes of the supervision",
        help_text="Reflection, wellbeing, learning and the case discussion. Do not repeat "
        "what belongs on a child's record: record it there.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the notes of the supervision"},
        max_length=20_000,
    )

    def __init__(self, *args, children=(), owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.children_by_pk = {str(child.pk): child for child in children}
        self.owners = {str(user.pk): user for user in owners}
        self.fields["children"].choices = [
            (pk, f"{child} ({child.la_child_id})") for pk, child in self.children_by_pk.items()
        ]
        about = [("", "Not about one child")] + [
            (pk, str(child)) for pk, child in self.children_by_pk.items()
        ]
        owner_choices = [("", "Choose who")] + [(pk, str(u)) for pk, u in self.owners.items()]
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label="What is the action?",
                required=False,
                max_length=2_000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"action_{n}_child"] = forms.ChoiceField(
                label="About which child?", required=False, choices=about
            )
            self.fields[f"action_{n}_owner"] = forms.ChoiceField(
                label="Who will do it?", required=False, choices=owner_choices
            )
            for part, length in (("day", 2), ("month", 2), ("year", 4)):
                self.fields[f"action_{n}_due_{part}"] = forms.CharField(
                    label=part.title(), required=False, max_length=length
                )

    def action_rows(self) -> list[dict]:
        """The bound fields of each action row, for the template."""
        return [
            {
                "number": n,
                "action": self[f"action_{n}"],
                "child": self[f"action_{n}_child"],
                "owner": self[f"action_{n}_owner"],
                "due_day": self[f"action_{n}_due_day"],
                "due_month": self[f"action_{n}_due_month"],
                "due_year": self[f"action_{n}_due_year"],
            }
            for n in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        day = DateParts.read(self, "date", "date of the supervision")
        if day is not None and day > today:
            self.add_error("date_day", "The date of the supervision must be today or in the past")
            day = None
        cleaned["date"] = day
        agreed = []
        for n in range(1, ACTION_ROWS + 1):
            text = cleaned.get(f"action_{n}", "").strip()
            owner = cleaned.get(f"action_{n}_owner")
            due_parts = [
                cleaned.get(f"action_{n}_due_{p}", "").strip() for p in ("day", "month", "year")
            ]
            if not text and not owner and not any(due_parts):
                continue
            if not text:
                self.add_error(f"action_{n}", f"Enter what action {n} is")
            if not owner:
                self.add_error(f"action_{n}_owner", f"Select who will do action {n}")
            due = DateParts.read(self, f"action_{n}_due", f"date action {n} is due")
            if due is not None and day is not None and due < day:
                self.add_error(
                    f"action_{n}_due_day",
                    f"The date action {n} is due must be on or after the supervision",
                )
            elif due is not None and due > today + dt.timedelta(days=_LATEST_ACTION_DAYS):
                self.add_error(
                    f"action_{n}_due_day",
                    f"The date action {n} is due must be within the next 6 months",
                )
            if text and owner and due is not None:
                child = cleaned.get(f"action_{n}_child")
                agreed.append(
                    {
                        "action": text,
                        "owner": self.owners[owner],
                        "due": due,
                        "child": self.children_by_pk.get(child) if child else None,
                    }
                )
        cleaned["agreed"] = agreed
        return cleaned

    def discussed(self) -> list:
        return [self.children_by_pk[pk] for pk in self.cleaned_data["children"]]
