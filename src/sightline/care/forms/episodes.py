"""Forms for becoming looked after, a change of placement, and the care and placement plans."""

from __future__ import annotations

from django import forms

from sightline.care.forms.base import CareForm, date_boxes, select_choices
from sightline.drafts.forms import drafts_kept_for
from sightline.standards import codes

YES_NO = [("yes", "Yes"), ("no", "No")]
# The placement types a council can record today: codes valid in the current collection.
_PLACEMENT_YEAR = 2026
_NEED_CHOICES = [c for c in codes.NEED.choices() if c[0] not in ("N0", "N9")]


class _Placement(forms.Form):
    """Where the child is placed, as an SSDA903 episode records it."""

    placement_type = forms.ChoiceField(
        label="Placement type",
        choices=[("", "Select the placement type"), *codes.PLACEMENT_TYPE.choices(_PLACEMENT_YEAR)],
        error_messages={"required": "Select the placement type"},
    )
    placement_provider = forms.ChoiceField(
        label="Who provides the placement?",
        choices=codes.PLACEMENT_PROVIDER.choices(),
        required=False,
    )
    placement_urn = forms.CharField(
        label="Ofsted URN of the placement (if it has one)", required=False, max_length=10
    )
    placement_postcode = forms.CharField(
        label="Postcode of the placement",
        max_length=8,
        error_messages={"required": "Enter the postcode of the placement"},
    )


_PLACEMENT_HINTS = {
    "placement_provider": "Not needed for a temporary placement (T0 to T3) or Z11 to Z14.",
    "placement_urn": "For a children's home, secure home or registered provision, like SC123456.",
    "approved": "Only for a foster placement with a relative or friend (U1, U2 or U3) approved "
    "temporarily under regulation 24. Leave blank otherwise.",
}


class LookedAfterStartForm(_Placement, CareForm):
    """The child becomes looked after: when, on what legal basis, why, and where they live."""

    HEADING = "Record that the child became looked after"
    start_day, start_month, start_year = date_boxes()
    legal_status = forms.ChoiceField(
        label="Legal status",
        choices=select_choices(codes.LEGAL_STATUS, blank="Select the legal status"),
        error_messages={"required": "Select the legal status"},
    )
    category_of_need = forms.ChoiceField(
        label="Category of need",
        choices=_NEED_CHOICES,
        error_messages={"required": "Select the main reason the child is looked after"},
    )
    home_postcode = forms.CharField(
        label="Postcode of the child's home before care (optional)", required=False, max_length=8
    )
    approved_day, approved_month, approved_year = date_boxes()

    LAYOUT = (
        ("date", "start", "When did the child become looked after?", ""),
        ("select", "legal_status", ""),
        ("radios", "category_of_need", "The main reason, as the SSDA903 return asks it."),
        ("select", "placement_type", ""),
        ("radios", "placement_provider", _PLACEMENT_HINTS["placement_provider"]),
        ("text", "placement_urn", _PLACEMENT_HINTS["placement_urn"], "govuk-input--width-10"),
        ("text", "placement_postcode", "", "govuk-input--width-10"),
        ("text", "home_postcode", "", "govuk-input--width-10"),
        (
            "date",
            "approved",
            "When was the connected person approved temporarily?",
            _PLACEMENT_HINTS["approved"],
        ),
    )
    DATE_LABELS = {"start": "Became looked after on", "approved": "Connected person approved on"}
    SUMMARY_LABELS = {
        "placement_provider": "Placement provider",
        "placement_urn": "Ofsted URN",
        "placement_postcode": "Placement postcode",
        "home_postcode": "Home postcode",
    }

    def clean(self):
        cleaned = super().clean()
        cleaned["start_date"] = self.date_on("start", "date the child became looked after")
        cleaned["temporary_approval_on"] = self.date_on(
            "approved", "date of the connected person's approval", optional=True
        )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "start_date": data["start_date"],
            "legal_status": data["legal_status"],
            "category_of_need": data["category_of_need"],
            "placement_type": data["placement_type"],
            "placement_provider": data["placement_provider"],
            "placement_urn": data["placement_urn"],
            "placement_postcode": data["placement_postcode"],
            "home_postcode": data["home_postcode"],
            "temporary_approval_on": data["temporary_approval_on"],
        }


drafts_kept_for("looked-after-start", LookedAfterStartForm.base_fields)


class PlacementChangeForm(_Placement, CareForm):
    """The child moves: when, why, whether the carer and legal status change, and where to."""

    HEADING = "Record a change of placement"
    moved_day, moved_month, moved_year = date_boxes()
    reason_place_change = forms.ChoiceField(
        label="Why did the placement change?",
        choices=select_choices(codes.REASON_PLACE_CHANGE, blank="Select the reason"),
        error_messages={"required": "Select the reason the placement changed"},
    )
    same_carer = forms.ChoiceField(
        label="Is the child still with the same carer?",
        choices=YES_NO,
        error_messages={"required": "Select yes if the child is still with the same carer"},
    )
    legal_status = forms.ChoiceField(
        label="Legal status from the move",
        choices=[("", "No change of legal status"), *codes.LEGAL_STATUS.choices()],
        required=False,
    )
    approved_day, approved_month, approved_year = date_boxes()

    LAYOUT = (
        ("date", "moved", "When did the child move?", ""),
        ("select", "reason_place_change", ""),
        ("radios", "same_carer", "", True),
        ("select", "legal_status", "Leave as it is unless an order changed on the same day."),
        ("select", "placement_type", "The new placement."),
        ("radios", "placement_provider", _PLACEMENT_HINTS["placement_provider"]),
        ("text", "placement_urn", _PLACEMENT_HINTS["placement_urn"], "govuk-input--width-10"),
        ("text", "placement_postcode", "", "govuk-input--width-10"),
        (
            "date",
            "approved",
            "When was the connected person approved temporarily?",
            _PLACEMENT_HINTS["approved"],
        ),
    )
    DATE_LABELS = {"moved": "Moved on", "approved": "Connected person approved on"}
    SUMMARY_LABELS = {
        "reason_place_change": "Reason for the change",
        "same_carer": "Same carer",
        "legal_status": "Legal status",
        "placement_provider": "Placement provider",
        "placement_urn": "Ofsted URN",
        "placement_postcode": "Placement postcode",
    }

    def clean(self):
        cleaned = super().clean()
        cleaned["moved_on"] = self.date_on("moved", "date the child moved")
        cleaned["temporary_approval_on"] = self.date_on(
            "approved", "date of the connected person's approval", optional=True
        )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "moved_on": data["moved_on"],
            "reason_place_change": data["reason_place_change"],
            "same_carer": data["same_carer"] == "yes",
            "legal_status": data["legal_status"],
            "placement_type": data["placement_type"],
            "placement_provider": data["placement_provider"],
            "placement_urn": data["placement_urn"],
            "placement_postcode": data["placement_postcode"],
            "temporary_approval_on": data["temporary_approval_on"],
        }


drafts_kept_for("placement-change", PlacementChangeForm.base_fields)


class CarePlanForm(CareForm):
    """The care plan: when it was agreed and what it says."""

    HEADING = "Record the care plan"
    agreed_day, agreed_month, agreed_year = date_boxes()
    summary = forms.CharField(
        label="What does the care plan say?",
        help_text="The child's needs, how they will be met, contact with family, and the plan "
        "for permanence.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter what the care plan says"},
        max_length=100_000,
    )
    LAYOUT = (
        ("date", "agreed", "When was the care plan agreed?", ""),
        ("textarea", "summary", ""),
    )
    DATE_LABELS = {"agreed": "Agreed on"}
    SUMMARY_LABELS = {"summary": "Care plan"}

    def clean(self):
        cleaned = super().clean()
        cleaned["date"] = self.date_on("agreed", "date the care plan was agreed")
        return cleaned

    def changes(self) -> dict:
        return {"date": self.cleaned_data["date"], "summary": self.cleaned_data["summary"]}


drafts_kept_for("care-plan", CarePlanForm.base_fields)


class PlacementPlanForm(CareForm):
    """The placement plan for the current placement: when it was agreed."""

    HEADING = "Record the placement plan"
    agreed_day, agreed_month, agreed_year = date_boxes()
    LAYOUT = (("date", "agreed", "When was the placement plan agreed?", ""),)
    DATE_LABELS = {"agreed": "Agreed on"}

    def clean(self):
        cleaned = super().clean()
        cleaned["date"] = self.date_on("agreed", "date the placement plan was agreed")
        return cleaned

    def changes(self) -> dict:
        return {"date": self.cleaned_data["date"]}


drafts_kept_for("placement-plan", PlacementPlanForm.base_fields)
