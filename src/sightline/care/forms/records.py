"""Forms for the IRO, looked-after reviews, missing episodes and return interviews, health,
education and leaving care."""

from __future__ import annotations

from django import forms

from sightline.care.forms.base import (
    CareForm,
    CareVersionedForm,
    date_boxes,
    date_parts,
    select_choices,
)
from sightline.drafts.forms import drafts_kept_for
from sightline.standards import codes
from sightline.workforce.models import User

_IRO = codes.ROLE.enum.IRO.value


def _iro_choices(blank: str) -> list[tuple[str, str]]:
    iros = User.objects.filter(role=_IRO, is_active=True).order_by("last_name", "first_name")
    return [("", blank), *((str(u.pk), u.get_full_name() or u.username) for u in iros)]


def _plain(code_set) -> list[tuple[str, str]]:
    """Choices in words alone, for Sightline's own codes and codes no one says aloud."""
    return [(code.value, code.label) for code in code_set]


def _iro(value: str):
    return User.objects.filter(pk=value, role=_IRO).first() if value else None


class _OneDate(CareForm):
    """A record that is one dated event: ``PREFIX`` boxes read into ``date``."""

    WHEN = ""
    date_day, date_month, date_year = date_boxes()
    DATE_LABELS = {"date": "Date"}

    def clean(self):
        cleaned = super().clean()
        cleaned["date"] = self.date_on("date", self.WHEN)
        return cleaned

    def changes(self) -> dict:
        return {"date": self.cleaned_data["date"]}


class IROAppointForm(CareForm):
    HEADING = "Appoint an independent reviewing officer"
    iro = forms.ChoiceField(
        label="Who is the child's IRO?",
        error_messages={"required": "Select the independent reviewing officer"},
    )
    appointed_day, appointed_month, appointed_year = date_boxes()
    LAYOUT = (
        ("select", "iro", ""),
        ("date", "appointed", "When were they appointed?", ""),
    )
    DATE_LABELS = {"appointed": "Appointed on"}
    SUMMARY_LABELS = {"iro": "IRO"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["iro"].choices = _iro_choices("Select the IRO")

    def clean(self):
        cleaned = super().clean()
        cleaned["appointed_on"] = self.date_on("appointed", "date the IRO was appointed")
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {"iro": _iro(data["iro"]), "appointed_on": data["appointed_on"]}


drafts_kept_for("iro-appointment", IROAppointForm.base_fields)


class LookedAfterReviewForm(_OneDate):
    HEADING = "Record a looked-after review"
    WHEN = "date of the review"
    participation = forms.ChoiceField(
        label="How did the child take part?",
        choices=codes.REVIEW_PARTICIPATION.choices(),
        error_messages={"required": "Select how the child took part in the review"},
    )
    chaired_by = forms.ChoiceField(
        label="Who chaired the review?",
        required=False,
    )
    LAYOUT = (
        ("date", "date", "When was the review held?", ""),
        ("select", "chaired_by", "The child's independent reviewing officer."),
        ("radios", "participation", "As the SSDA903 return codes it."),
    )
    DATE_LABELS = {"date": "Held on"}
    SUMMARY_LABELS = {"participation": "Child's participation", "chaired_by": "Chaired by"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chaired_by"].choices = _iro_choices("Not recorded")

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "participation": data["participation"],
            "chaired_by": _iro(data["chaired_by"]),
        }


drafts_kept_for("looked-after-review", LookedAfterReviewForm.base_fields)


class MissingEpisodeForm(CareForm):
    HEADING = "Record a missing episode"
    kind = forms.ChoiceField(
        label="Was the child missing, or away without authorisation?",
        choices=_plain(codes.MISSING_TYPE),
        error_messages={"required": "Select whether the child was missing or away"},
    )
    start_day, start_month, start_year = date_boxes()
    end_day, end_month, end_year = date_boxes()
    LAYOUT = (
        (
            "radios",
            "kind",
            "Missing: whereabouts unknown. Away: whereabouts known, but not where they should be.",
        ),
        ("date", "start", "When did the child go missing?", ""),
        ("date", "end", "When did the child come back?", "Leave blank if they are still missing."),
    )
    DATE_LABELS = {"start": "Went missing on", "end": "Came back on"}
    SUMMARY_LABELS = {"kind": "Missing or away"}

    def clean(self):
        cleaned = super().clean()
        cleaned["start_date"] = self.date_on("start", "date the child went missing")
        cleaned["end_date"] = self.date_on("end", "date the child came back", optional=True)
        start, end = cleaned["start_date"], cleaned["end_date"]
        if start and end and end < start:
            self.add_error(
                "end_day", "The date the child came back must be on or after they went missing"
            )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
        }


drafts_kept_for("missing-episode", MissingEpisodeForm.base_fields)

_ACCEPTED = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known yet")]


class ReturnInterviewForm(CareVersionedForm):
    HEADING = "Record the child's return and the return home interview"
    end_day, end_month, end_year = date_boxes()
    offered_day, offered_month, offered_year = date_boxes()
    accepted = forms.ChoiceField(
        label="Did the child accept the interview?", choices=_ACCEPTED, required=False
    )
    LAYOUT = (
        ("date", "end", "When did the child come back?", ""),
        (
            "date",
            "offered",
            "When was the return home interview offered?",
            "It should be offered within 72 hours of the child's return. Leave blank if it has "
            "not been offered yet.",
        ),
        ("radios", "accepted", "", True),
    )
    DATE_LABELS = {"end": "Came back on", "offered": "Interview offered on"}
    SUMMARY_LABELS = {"accepted": "Accepted"}

    def clean(self):
        cleaned = super().clean()
        cleaned["end_date"] = self.date_on("end", "date the child came back")
        cleaned["offered_on"] = self.date_on(
            "offered", "date the interview was offered", optional=True
        )
        end, offered = cleaned["end_date"], cleaned["offered_on"]
        if offered and not cleaned.get("accepted"):
            self.add_error("accepted", "Select whether the child accepted the interview")
        if not offered and cleaned.get("accepted") in ("yes", "no"):
            self.add_error("offered_day", "Enter when the interview was offered")
        start = self.target.start_date if self.target is not None else None
        if end and start and end < start:
            self.add_error(
                "end_day",
                f"The date the child came back must be on or after they went missing "
                f"({start.day} {start:%B %Y})",
            )
        if end and offered and offered < end:
            self.add_error(
                "offered_day", "The interview must be offered on or after the child came back"
            )
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        accepted = {"yes": True, "no": False}.get(data["accepted"])
        return {
            "end_date": data["end_date"],
            "offered_on": data["offered_on"],
            "accepted": accepted,
        }

    @staticmethod
    def initial_from(episode) -> dict:
        accepted = {True: "yes", False: "no"}.get(episode.return_interview_accepted, "")
        return {
            **date_parts(episode.end_date, "end"),
            **date_parts(episode.return_interview_offered_on, "offered"),
            "accepted": accepted if episode.return_interview_offered_on else "",
        }


drafts_kept_for("return-interview", ReturnInterviewForm.base_fields)


class HealthAssessmentForm(_OneDate):
    HEADING = "Record a health assessment"
    WHEN = "date of the health assessment"
    kind = forms.ChoiceField(
        label="Which health assessment was it?",
        choices=_plain(codes.HEALTH_ASSESSMENT_KIND),
        error_messages={"required": "Select which health assessment it was"},
    )
    LAYOUT = (
        ("date", "date", "When was the health assessment?", ""),
        ("radios", "kind", "The initial assessment is the first after becoming looked after."),
    )
    DATE_LABELS = {"date": "Assessed on"}
    SUMMARY_LABELS = {"kind": "Assessment"}

    def changes(self) -> dict:
        return {"date": self.cleaned_data["date"], "kind": self.cleaned_data["kind"]}


drafts_kept_for("health-assessment", HealthAssessmentForm.base_fields)


class DentalCheckForm(_OneDate):
    HEADING = "Record a dental check"
    WHEN = "date of the dental check"
    LAYOUT = (("date", "date", "When was the dental check?", ""),)
    DATE_LABELS = {"date": "Checked on"}


drafts_kept_for("dental-check", DentalCheckForm.base_fields)


class EducationPlanForm(_OneDate):
    HEADING = "Record a personal education plan"
    WHEN = "date of the personal education plan meeting"
    LAYOUT = (("date", "date", "When was the personal education plan made or reviewed?", ""),)
    DATE_LABELS = {"date": "Made on"}


drafts_kept_for("education-plan", EducationPlanForm.base_fields)


class CareLeaverContactForm(_OneDate):
    HEADING = "Record a contact with the young person"
    WHEN = "date of the contact"
    kind = forms.ChoiceField(
        label="What kind of contact was it?",
        choices=_plain(codes.CARE_LEAVER_CONTACT_KIND),
        error_messages={"required": "Select what kind of contact it was"},
    )
    in_touch = forms.ChoiceField(
        label="Is the young person in touch?",
        choices=_plain(codes.IN_TOUCH),
        error_messages={"required": "Select whether the young person is in touch"},
    )
    activity = forms.ChoiceField(
        label="What are they doing?",
        choices=select_choices(codes.ACTIVITY, blank="Not known"),
        required=False,
    )
    accommodation = forms.ChoiceField(
        label="Where are they living?",
        choices=select_choices(codes.ACCOMMODATION, blank="Not known"),
        required=False,
    )
    accommodation_suitable = forms.ChoiceField(
        label="Is the accommodation suitable?",
        choices=[("yes", "Yes"), ("no", "No")],
        required=False,
    )
    LAYOUT = (
        ("date", "date", "When was the contact?", ""),
        ("radios", "kind", ""),
        ("radios", "in_touch", ""),
        ("select", "activity", "Education, training or employment."),
        ("select", "accommodation", ""),
        ("radios", "accommodation_suitable", "", True),
    )
    DATE_LABELS = {"date": "Contact on"}
    SUMMARY_LABELS = {
        "kind": "Kind of contact",
        "in_touch": "In touch",
        "activity": "Activity",
        "accommodation": "Accommodation",
        "accommodation_suitable": "Accommodation suitable",
    }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accommodation") and not cleaned.get("accommodation_suitable"):
            self.add_error("accommodation_suitable", "Select whether the accommodation is suitable")
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "kind": data["kind"],
            "in_touch": data["in_touch"],
            "activity": data["activity"],
            "accommodation": data["accommodation"],
            "accommodation_suitable": {"yes": True, "no": False}.get(data["accommodation_suitable"])
            if data["accommodation"]
            else None,
        }


drafts_kept_for("care-leaver-contact", CareLeaverContactForm.base_fields)


class PathwayPlanForm(_OneDate):
    HEADING = "Record the pathway plan"
    WHEN = "date of the pathway plan"
    LAYOUT = (("date", "date", "When was the pathway plan made or reviewed?", ""),)
    DATE_LABELS = {"date": "Made on"}


drafts_kept_for("pathway-plan", PathwayPlanForm.base_fields)
