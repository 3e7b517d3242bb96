"""The oversight forms: acknowledging a finding, and reallocating a leaving worker's caseload.

The acknowledgement keeps a draft as it is typed (`sightline.drafts`, form
``finding-acknowledge``); a draft names the finding it was typed for and is put back only into
that finding's form.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from sightline.casework.forms import DateParts
from sightline.drafts.forms import drafts_kept_for

DRAFT_FORM = "finding-acknowledge"
# An action further off than this is not a response to drift.
_LATEST_ACTION_DAYS = 183


class AcknowledgeForm(forms.Form):
    """What will be done, by whom and by when, or why nothing needs doing."""

    finding = forms.CharField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label="What will be done?",
        choices=[("action", "An action is needed"), ("none", "No action is needed")],
        error_messages={"required": "Select whether an action is needed"},
    )
    action = forms.CharField(
        label="Action",
        help_text="What will be done about it, so the drift stops.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
    )
    owner = forms.ChoiceField(label="Who will do it?", required=False)
    due_day = forms.CharField(label="Day", required=False, max_length=2)
    due_month = forms.CharField(label="Month", required=False, max_length=2)
    due_year = forms.CharField(label="Year", required=False, max_length=4)
    reason = forms.CharField(
        label="Why is no action needed?",
        help_text="For example, the visit took place and is being recorded today.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {str(user.pk): user for user in owners}
        self.fields["owner"].choices = [("", "Choose who")] + [
            (pk, str(user)) for pk, user in self.owners.items()
        ]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "action":
            if not cleaned.get("action", "").strip():
                self.add_error("action", "Enter what will be done")
            if not cleaned.get("owner"):
                self.add_error("owner", "Select who will do it")
            due = DateParts.read(self, "due", "date it will be done by")
            today = timezone.localdate()
            if due is not None and due < today:
                self.add_error("due_day", "The date it will be done by must be today or later")
            elif due is not None and due > today + dt.timedelta(days=_LATEST_ACTION_DAYS):
                self.add_error(
                    "due_day", "The date it will be done by must be within the next 6 months"
                )
            cleaned["due"] = due
        elif decision == "none" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter why no action is needed")
        return cleaned

    def acknowledgement(self) -> dict:
        """The keyword arguments of `finding_acknowledge`; only once the form is valid."""
        data = self.cleaned_data
        if data["decision"] == "action":
            return {
                "action": data["action"],
                "action_owner": self.owners[data["owner"]],
                "action_due": data["due"],
            }
        return {"no_action_reason": data["reason"]}


drafts_kept_for(DRAFT_FORM, AcknowledgeForm.base_fields)

REALLOCATION_REASONS = [
    ("leaving", "The worker is leaving"),
    ("absence", "The worker is on long-term absence"),
    ("balance", "Balancing caseloads in the team"),
]


class LeavingWorkerForm(forms.Form):
    leaving = forms.ChoiceField(
        label="Whose children are you reallocating?",
        error_messages={"required": "Select the worker whose children you are reallocating"},
    )

    def __init__(self, *args, loads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaving"].choices = [
            (str(load.worker.pk), f"{load.worker} ({load.count} children)") for load in loads
        ]


class ReallocationForm(forms.Form):
    """One receiving worker for each of the leaving worker's children, and why."""

    reason = forms.ChoiceField(
        label="Why are the children moving?",
        choices=REALLOCATION_REASONS,
        error_messages={"required": "Select why the children are moving"},
    )

    def __init__(self, *args, allocations=(), receivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allocations = list(allocations)
        self.receivers = {str(load.worker.pk): load for load in receivers}
        choices = [("", "Choose a worker")] + [
            (pk, f"{load.worker} – {load.count} children, weighted {load.weighted:g}")
            for pk, load in self.receivers.items()
        ]
        for allocation in self.allocations:
            self.fields[f"to_{allocation.pk}"] = forms.ChoiceField(
                label=f"Who will receive {allocation.child}?",
                choices=choices,
                error_messages={
                    "required": f"Select who will receive {allocation.child}",
                    "invalid_choice": f"Select who will receive {allocation.child}",
                },
            )

    def rows(self):
        return [(allocation, self[f"to_{allocation.pk}"]) for allocation in self.allocations]

    def moves(self) -> list[tuple]:
        """(allocation, receiving worker's load) pairs; only once the form is valid."""
        return [
            (allocation, self.receivers[self.cleaned_data[f"to_{allocation.pk}"]])
            for allocation in self.allocations
        ]

    def reason_text(self) -> str:
        return dict(REALLOCATION_REASONS)[self.cleaned_data["reason"]]
