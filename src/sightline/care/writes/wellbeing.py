"""Health, education and leaving care: the health assessment, dental check, personal education
plan, a care leaver's contact with their personal adviser and their pathway plan."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from sightline.care.models import (
    CareLeaver,
    CareLeaverContact,
    DentalCheck,
    HealthAssessment,
    PathwayPlan,
    PersonalEducationPlan,
)
from sightline.care.writes.base import CareRecordCreate, require_looked_after_on
from sightline.people.models import Person

__all__ = [
    "care_leaver_contact_record",
    "dental_check_record",
    "education_plan_record",
    "health_assessment_record",
    "pathway_plan_record",
]


class _WhileLookedAfter(CareRecordCreate):
    """A record of a looked-after child's care, dated within a period of care."""

    what = ""

    def validate(self) -> None:
        require_looked_after_on(self.child, self.fields["date"], "date", self.what)


class HealthAssessmentRecord(_WhileLookedAfter):
    doing = "record health assessments"
    model = HealthAssessment
    what = "this is not a looked-after child's health assessment"


class DentalCheckRecord(_WhileLookedAfter):
    doing = "record dental checks"
    model = DentalCheck
    what = "this is not a looked-after child's dental check"


class EducationPlanRecord(_WhileLookedAfter):
    doing = "record personal education plans"
    model = PersonalEducationPlan
    what = "there was no personal education plan to make"


class _ForCareLeaver(CareRecordCreate):
    """A record of a young person entitled to leaving care support (a ``CareLeaver``)."""

    def validate(self) -> None:
        leaver = CareLeaver.objects.filter(child=self.child).first()
        if leaver is None:
            raise ValidationError(
                "This young person is not recorded as entitled to leaving care support."
            )
        if self.fields["date"] < leaver.eligible_from:
            day = leaver.eligible_from
            raise ValidationError(
                {
                    "date": "The date must be on or after they became entitled "
                    f"({day.day} {day:%B %Y})"
                }
            )


class CareLeaverContactRecord(_ForCareLeaver):
    doing = "record care leaver contacts"
    model = CareLeaverContact

    def validate(self) -> None:
        super().validate()
        if self.fields["in_touch"] != "YES" and (
            self.fields["activity"] or self.fields["accommodation"]
        ):
            raise ValidationError(
                {"activity": "Leave activity and accommodation blank when not in touch"}
            )
        if self.fields["accommodation"] and self.fields["accommodation_suitable"] is None:
            raise ValidationError(
                {"accommodation_suitable": "Select whether the accommodation is suitable"}
            )


class PathwayPlanRecord(_ForCareLeaver):
    doing = "record pathway plans"
    model = PathwayPlan

    def build(self) -> PathwayPlan:
        # The first plan is the plan; every later one reviews it (T-PATHWAY-REVIEW).
        earlier = PathwayPlan.objects.filter(child=self.child, date__lte=self.fields["date"])
        return PathwayPlan(child=self.child, is_review=earlier.exists(), **self.fields)


def health_assessment_record(
    *, actor, child: Person, date: dt.date, kind: str, request=None
) -> HealthAssessment:
    """Record an initial (T-IHA) or review (T-RHA) health assessment of a looked-after child."""
    return HealthAssessmentRecord(
        actor=actor, child=child, fields=dict(date=date, kind=kind), request=request
    ).execute()


def dental_check_record(*, actor, child: Person, date: dt.date, request=None) -> DentalCheck:
    """Record a looked-after child's dental check (T-DENTAL)."""
    return DentalCheckRecord(
        actor=actor, child=child, fields=dict(date=date), request=request
    ).execute()


def education_plan_record(
    *, actor, child: Person, date: dt.date, request=None
) -> PersonalEducationPlan:
    """Record a looked-after child's personal education plan (T-PEP, then T-PEP-REVIEW)."""
    return EducationPlanRecord(
        actor=actor, child=child, fields=dict(date=date), request=request
    ).execute()


def care_leaver_contact_record(
    *,
    actor,
    child: Person,
    date: dt.date,
    in_touch: str,
    kind: str,
    activity: str = "",
    accommodation: str = "",
    accommodation_suitable: bool | None = None,
    request=None,
) -> CareLeaverContact:
    """Record a personal adviser's contact with a care leaver (T-PA-CONTACT, T-PA-VISIT)."""
    fields = dict(
        date=date,
        in_touch=in_touch,
        kind=kind,
        activity=activity,
        accommodation=accommodation,
        accommodation_suitable=accommodation_suitable,
    )
    return CareLeaverContactRecord(
        actor=actor, child=child, fields=fields, request=request
    ).execute()


def pathway_plan_record(*, actor, child: Person, date: dt.date, request=None) -> PathwayPlan:
    """Record a care leaver's pathway plan, or its review if they already have one."""
    return PathwayPlanRecord(
        actor=actor, child=child, fields=dict(date=date), request=request
    ).execute()
