"""Forms for the child protection and child in need steps, each a recording form with a draft.

A decision that needs its reasons (no section 47, no conference) asks for them on the same
page, and the error says so on the reasons' field.
"""

from __future__ import annotations

from django import forms

from sightline.casework.forms import RecordingForm, VersionedForm
from sightline.drafts.forms import drafts_kept_for
from sightline.standards import codes
from sightline.workforce.models import User

__all__ = [
    "CinPlanReviewForm",
    "CinPlanStartForm",
    "CoreGroupForm",
    "InitialConferenceForm",
    "PlanEndApproveForm",
    "ReviewConferenceForm",
    "Section47OutcomeForm",
    "StrategyDiscussionForm",
]

CHAIR_ROLE = codes.ROLE.enum.IRO.value
_S47 = codes.STRATEGY_DECISION.enum.S47.value
_ICPC = codes.S47_OUTCOME.enum.ICPC.value
_OUTCOME = codes.CONFERENCE_OUTCOME.enum


def _plain(code_set, only=None) -> list[tuple[str, str]]:
    """A code set's choices in words ("Neglect"), its codes kept as the values."""
    values = only or [value for value, _ in code_set.choices()]
    return [(value, code_set.label(value)) for value in values]


def _date_fields() -> tuple[forms.CharField, forms.CharField, forms.CharField]:
    """A GOV.UK date's three boxes: day, month, year."""
    return (
        forms.CharField(label="Day", required=False, max_length=2),
        forms.CharField(label="Month", required=False, max_length=2),
        forms.CharField(label="Year", required=False, max_length=4),
    )


def _since(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _text(label: str, hint: str = "", *, required=False, message="", rows=4, **kw):
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
        max_length=50_000,
        **kw,
    )


class StrategyDiscussionForm(RecordingForm):
    """When, who took part for each agency, and the decision (with its reasons if no s47)."""

    held_day, held_month, held_year = _date_fields()
    agencies_attending = forms.MultipleChoiceField(
        label="Which agencies took part?",
        choices=_plain(codes.AGENCY),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the agencies that took part"},
    )
    attendees = _text(
        "Who took part?",
        "Name and role of each person, by agency. For example, DC Jane Hill, police child "
        "abuse investigation team.",
    )
    decision = forms.ChoiceField(
        label="What did the discussion decide?",
        choices=_plain(codes.STRATEGY_DECISION),
        error_messages={"required": "Select what the discussion decided"},
    )
    rationale = _text(
        "Why was this decided?",
        "Needed if there is no section 47 enquiry: what was considered and why.",
        rows=5,
    )

    DATE_LABELS = {"held": "Held on"}
    SUMMARY_LABELS = {
        "agencies_attending": "Agencies",
        "attendees": "Who took part",
        "decision": "Decision",
        "rationale": "Reasons",
    }

    def clean(self):
        cleaned = super().clean()
        cleaned["held_on"] = self.date("held", "date of the discussion")
        decision = cleaned.get("decision")
        if decision and decision != _S47 and not cleaned.get("rationale", "").strip():
            self.add_error(
                "rationale", "Enter why the discussion decided not to start a section 47 enquiry"
            )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "agencies_attending": data["agencies_attending"],
            "attendees": data["attendees"],
            "decision": data["decision"],
            "rationale": data["rationale"],
        }


class Section47OutcomeForm(VersionedForm):
    """The enquiry's end: a conference, or why not."""

    end_day, end_month, end_year = _date_fields()
    outcome = forms.ChoiceField(
        label="What was the outcome of the enquiry?",
        choices=_plain(codes.S47_OUTCOME),
        error_messages={"required": "Select the outcome of the enquiry"},
    )
    rationale = _text(
        "Why?",
        "What the enquiry found. Needed if no conference is to be held.",
        rows=5,
    )

    DATE_LABELS = {"end": "Completed on"}
    SUMMARY_LABELS = {"outcome": "Outcome", "rationale": "Reasons"}

    def clean(self):
        cleaned = super().clean()
        start = self.target.start_date if self.target is not None else None
        cleaned["end_date"] = self.date(
            "end",
            "date the enquiry was completed",
            not_before=start,
            not_before_words=f"the enquiry started ({_since(start)})" if start else "",
        )
        outcome = cleaned.get("outcome")
        if outcome and outcome != _ICPC and not cleaned.get("rationale", "").strip():
            self.add_error(
                "rationale", "Enter why no initial child protection conference is needed"
            )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "end_date": data["end_date"],
            "outcome": data["outcome"],
            "rationale": data["rationale"],
        }

    @staticmethod
    def initial_from(enquiry) -> dict:
        return {"outcome": enquiry.outcome, "rationale": enquiry.outcome_rationale}


class _ConferenceForm(VersionedForm):
    """What both conferences ask: the date, the chair, the decision and the category."""

    date_day, date_month, date_year = _date_fields()
    chair = forms.ChoiceField(
        label="Who chaired the conference?",
        choices=(),
        error_messages={"required": "Select the conference chair"},
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=_plain(codes.ABUSE_CATEGORY),
        required=False,
    )

    DATE_LABELS = {"date": "Held on"}
    SUMMARY_LABELS = {"chair": "Chair", "outcome": "Decision", "category": "Category of abuse"}
    NEEDS_CATEGORY: tuple[str, ...] = ()
    starts: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chairs = User.objects.filter(role=CHAIR_ROLE, is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["chair"].choices = [
            ("", "Select the chair"),
            *((str(user.pk), user.get_full_name() or user.username) for user in chairs),
        ]

    def start_date(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        start = self.start_date()
        cleaned["date"] = self.date(
            "date",
            "date of the conference",
            not_before=start,
            not_before_words=f"{self.starts} ({_since(start)})" if start else "",
        )
        if cleaned.get("outcome") in self.NEEDS_CATEGORY and not cleaned.get("category"):
            self.add_error("category", "Select the category of abuse")
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        needs = data["outcome"] in self.NEEDS_CATEGORY
        return {
            "date": data["date"],
            "outcome": data["outcome"],
            "chair": User.objects.get(pk=data["chair"]),
            "category": data["category"] if needs else "",
        }


class InitialConferenceForm(_ConferenceForm):
    outcome = forms.ChoiceField(
        label="Did the conference decide the child needs a child protection plan?",
        choices=[
            (_OUTCOME.PLAN.value, "Yes: a child protection plan"),
            (_OUTCOME.NO_PLAN.value, "No child protection plan"),
        ],
        error_messages={"required": "Select whether the child needs a child protection plan"},
    )
    NEEDS_CATEGORY = (_OUTCOME.PLAN.value,)
    starts = "the enquiry started"

    field_order = ["date_day", "date_month", "date_year", "chair", "outcome", "category"]

    def start_date(self):
        return self.target.start_date if self.target is not None else None


class ReviewConferenceForm(_ConferenceForm):
    outcome = forms.ChoiceField(
        label="What did the review conference decide?",
        choices=[
            (_OUTCOME.CONTINUE.value, "The plan continues"),
            (_OUTCOME.END.value, "The plan ends (a manager must approve)"),
        ],
        error_messages={"required": "Select whether the plan continues or ends"},
    )
    NEEDS_CATEGORY = (_OUTCOME.CONTINUE.value,)
    starts = "the plan started"

    field_order = ["date_day", "date_month", "date_year", "chair", "outcome", "category"]

    def start_date(self):
        return self.target.start_date if self.target is not None else None

    @staticmethod
    def initial_from(plan) -> dict:
        return {"category": plan.latest_category}


class PlanEndApproveForm(VersionedForm):
    """A manager's approval that the plan ends as the review conference decided."""

    approved_day, approved_month, approved_year = _date_fields()
    DATE_LABELS = {"approved": "Approved on"}

    def clean(self):
        cleaned = super().clean()
        held = self.target.date if self.target is not None else None
        cleaned["approved_on"] = self.date(
            "approved",
            "date of approval",
            not_before=held,
            not_before_words=f"the conference ({_since(held)})" if held else "",
        )
        return cleaned

    def changes(self) -> dict:
        return {"approved_on": self.cleaned_data["approved_on"]}


class _MeetingForm(VersionedForm):
    """A meeting on a plan: its date and what it agreed."""

    date_day, date_month, date_year = _date_fields()
    DATE_LABELS = {"date": "Held on"}
    SUMMARY_LABELS = {"notes": "What was agreed"}
    what = "meeting"

    def clean(self):
        cleaned = super().clean()
        start = self.target.start_date if self.target is not None else None
        cleaned["date"] = self.date(
            "date",
            f"date of the {self.what}",
            not_before=start,
            not_before_words=f"the plan started ({_since(start)})" if start else "",
        )
        return cleaned

    def changes(self) -> dict:
        return {"date": self.cleaned_data["date"], "notes": self.cleaned_data["notes"]}


class CoreGroupForm(_MeetingForm):
    notes = _text(
        "What did the core group review and agree?",
        "Progress against the plan, what each person will do, and by when.",
        required=True,
        message="Enter what the core group reviewed and agreed",
        rows=6,
    )
    what = "core group meeting"


class CinPlanReviewForm(_MeetingForm):
    notes = _text(
        "What did the review find and agree?",
        "Progress against the plan, the child's views, and what changes.",
        required=True,
        message="Enter what the review found and agreed",
        rows=6,
    )
    what = "review"


class CinPlanStartForm(RecordingForm):
    start_day, start_month, start_year = _date_fields()
    DATE_LABELS = {"start": "Starts on"}

    def clean(self):
        cleaned = super().clean()
        cleaned["start_date"] = self.date("start", "start date of the plan")
        return cleaned


for _name, _form in (
    ("strategy-discussion", StrategyDiscussionForm),
    ("s47-outcome", Section47OutcomeForm),
    ("initial-conference", InitialConferenceForm),
    ("review-conference", ReviewConferenceForm),
    ("plan-end-approve", PlanEndApproveForm),
    ("core-group", CoreGroupForm),
    ("cin-plan-start", CinPlanStartForm),
    ("cin-plan-review", CinPlanReviewForm),
):
    drafts_kept_for(_name, _form.base_fields)
