"""The independent reviewing officer and the looked-after reviews they chair.

Children Act 1989 s25A: every looked-after child has an IRO, who chairs their reviews (CPPCR
2010 regs 33 and 36). A new appointment ends the one before it, so the child has one IRO at a
time and the record says who it was on any date.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from sightline.care.models import IROAppointment, LookedAfterReview
from sightline.care.writes.base import CareRecordCreate, require_looked_after_on
from sightline.people.models import Person
from sightline.periods import open_on
from sightline.standards import codes

__all__ = ["current_iro", "iro_appoint", "looked_after_review_record"]

IRO_ROLE = codes.ROLE.enum.IRO.value


def current_iro(child: Person, day: dt.date) -> IROAppointment | None:
    """The appointment covering ``day``, if any."""
    return (
        IROAppointment.objects.filter(open_on(day, start="appointed_on", end="ended_on"))
        .filter(child=child)
        .select_related("iro")
        .order_by("-appointed_on", "-pk")
        .first()
    )


class IROAppoint(CareRecordCreate):
    doing = "appoint independent reviewing officers"
    model = IROAppointment

    def validate(self) -> None:
        iro, appointed_on = self.fields["iro"], self.fields["appointed_on"]
        if iro is None or iro.role != IRO_ROLE or not iro.is_active:
            raise ValidationError({"iro": "Select an independent reviewing officer"})
        running = (
            IROAppointment.objects.select_for_update()
            .filter(child=self.child, ended_on__isnull=True)
            .order_by("-appointed_on")
        )
        for appointment in running:
            if appointment.iro_id == iro.pk:
                raise ValidationError({"iro": f"{iro} is already this child's IRO"})
            if appointment.appointed_on >= appointed_on:
                raise ValidationError(
                    {
                        "appointed_on": "The appointment must start after the current IRO's "
                        f"({appointment.appointed_on.day} {appointment.appointed_on:%B %Y})"
                    }
                )
            # The child has one IRO at a time: the last one's appointment ends the day before.
            appointment.ended_on = appointed_on - dt.timedelta(days=1)
            appointment._history_user = self.actor
            appointment.save(update_fields=["ended_on"])


class LookedAfterReviewRecord(CareRecordCreate):
    doing = "record looked-after reviews"
    model = LookedAfterReview

    def validate(self) -> None:
        require_looked_after_on(
            self.child, self.fields["date"], "date", "there was no looked-after review to hold"
        )
        chair = self.fields.get("chaired_by")
        if chair is not None and chair.role != IRO_ROLE:
            raise ValidationError(
                {
                    "chaired_by": "A looked-after review is chaired by an independent "
                    "reviewing officer"
                }
            )


def iro_appoint(
    *, actor, child: Person, iro, appointed_on: dt.date, request=None
) -> IROAppointment:
    """Appoint `iro` as `child`'s IRO from `appointed_on` (T-IRO-ALLOCATE's meeting event)."""
    return IROAppoint(
        actor=actor,
        child=child,
        fields=dict(iro=iro, appointed_on=appointed_on),
        request=request,
    ).execute()


def looked_after_review_record(
    *, actor, child: Person, date: dt.date, participation: str, chaired_by=None, request=None
) -> LookedAfterReview:
    """Record a looked-after review held on `date`, chaired by `chaired_by` (the IRO).

    It meets T-LAC-REVIEW-1, -2 or the 6-monthly T-LAC-REVIEW, whichever is running.
    `participation` is the SSDA903 REVIEW_CODE (PN0-PN7).
    """
    fields = dict(date=date, participation=participation, chaired_by=chaired_by)
    return LookedAfterReviewRecord(
        actor=actor, child=child, fields=fields, request=request
    ).execute()
