"""Warnings about the child or an adult they live with: raised and ended through the action layer.

A warning is what every worker must know before going near a person (a violent adult, a dog, an
address that must not be shared). It is raised from the child's record, about the child or an
adult living in the child's household now, and shown on every page of the record until ended.
Ending one says why, so a warning never silently disappears.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from sightline.actions import ChildRecordAction, RecordUpdateAction
from sightline.people.models import HouseholdMember, Person, PersonWarning
from sightline.periods import open_on

__all__ = ["warning_end", "warning_raise", "warning_subjects"]


def warning_subjects(child: Person, *, on: dt.date) -> list[Person]:
    """Whom a warning on this child's record may be about: the child, then the adults living
    in the child's household on ``on`` (another child's warnings belong on their own record)."""
    current = open_on(on)
    households = HouseholdMember.objects.filter(current, person=child).values("household_id")
    adults = (
        Person.objects.filter(
            household_memberships__in=HouseholdMember.objects.filter(
                current, household_id__in=households
            ),
            la_child_id__isnull=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    return [child, *adults]


class WarningRaise(ChildRecordAction):
    doing = "record warnings"

    def __init__(self, *, person_id: int, kind: str, detail: str, raised_on: dt.date, **kw):
        super().__init__(**kw)
        self.person_id, self.kind, self.detail, self.raised_on = person_id, kind, detail, raised_on

    def perform(self) -> PersonWarning:
        subjects = {person.pk for person in warning_subjects(self.child, on=self.raised_on)}
        if self.person_id not in subjects:
            raise ValidationError(
                {"person": "Select the child or an adult who lives with them on that date"}
            )
        warning = PersonWarning(
            person_id=self.person_id,
            kind=self.kind,
            detail=self.detail,
            raised_on=self.raised_on,
            raised_by=self.actor,
        )
        warning.full_clean()
        warning.save()
        return warning


class WarningEnd(RecordUpdateAction):
    """Ends a warning shown on ``child``'s record; the warning may be about an adult, so the
    record it is ended from is named rather than read from the warning."""

    doing = "end warnings"
    model = PersonWarning

    def __init__(
        self,
        *,
        child: Person,
        record: PersonWarning,
        changes: dict,
        expected_version: str | None = None,
        **kw,
    ) -> None:
        ChildRecordAction.__init__(self, child=child, **kw)
        self.record_id = record.pk
        self.changes = changes
        self.expected_version = expected_version

    def perform(self) -> PersonWarning:
        warning = self.locked()
        if warning.ended_on is not None:
            raise ValidationError("This warning has already been ended.")
        warning.ended_on = self.changes["ended_on"]
        warning.end_reason = self.changes["end_reason"]
        if warning.ended_on < warning.raised_on:
            raise ValidationError(
                {"ended_on": "The warning cannot end before the day it was raised"}
            )
        warning.full_clean()
        warning.save()
        return warning


def warning_raise(
    *,
    actor,
    child: Person,
    person_id: int,
    kind: str,
    detail: str,
    raised_on: dt.date,
    request=None,
) -> PersonWarning:
    """Raise a warning, on ``child``'s record, about the child or an adult in their household."""
    return WarningRaise(
        actor=actor,
        child=child,
        request=request,
        person_id=person_id,
        kind=kind,
        detail=detail,
        raised_on=raised_on,
    ).execute()


def warning_end(
    *,
    actor,
    child: Person,
    warning: PersonWarning,
    ended_on: dt.date,
    end_reason: str,
    expected_version: str | None = None,
    request=None,
) -> PersonWarning:
    """End a warning shown on ``child``'s record, saying why."""
    return WarningEnd(
        actor=actor,
        child=child,
        record=warning,
        changes={"ended_on": ended_on, "end_reason": end_reason},
        expected_version=expected_version,
        request=request,
    ).execute()
