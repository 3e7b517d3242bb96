"""Writing care leavers: eligibility, personal advisers, keeping in touch and pathway plans.

A young person's situation (in touch, in education, employment or training, suitably housed) is
kept from one personal adviser contact to the next and changes now and then, so that the latest
contact of 19-21 year olds gives England's shares (in touch ≈ 90%, EET ≈ 56%, suitable ≈ 88%).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sightline.care.models import CareLeaver, CareLeaverContact, PathwayPlan
from sightline.demo import rates
from sightline.demo.careplans import care_leaver_status
from sightline.demo.context import birthday
from sightline.demo.records import ChildRecord
from sightline.standards.calendar import add_months

_EET = (("F1", 10), ("P1", 3), ("F2", 35), ("P2", 7), ("F4", 10), ("P4", 3), ("F5", 22), ("P5", 10))
_NEET = (("G4", 25), ("G5", 60), ("G6", 15))
_SUITABLE = (("B", 15), ("D", 20), ("E", 10), ("T", 10), ("U", 30), ("Z", 15))
_UNSUITABLE = (("S", 30), ("W", 20), ("V", 20), ("X", 20), ("R", 10))


class _Span(NamedTuple):
    start: date
    end: date
    exit: str


class CareLeaverSpan(NamedTuple):
    """A care leaver as at the as-at date, and when the leaving-care team holds them."""

    left_care: date | None
    twenty_one: date
    eligibility: str
    eligible_from: date


class LeaverRecords:
    """Mixin of `CouncilRecords`: care leavers."""

    def care_leaver_span(self, child: ChildRecord) -> CareLeaverSpan | None:
        """The child's care-leaver status as at the as-at date, or None if not a care leaver."""
        as_at = self.as_at
        dob = child.plan.dob
        cases = [
            case for case in child.plan.cases if case.care is not None and case.care.start <= as_at
        ]
        if not cases:
            return None
        limit = as_at + timedelta(days=1)
        spans = [_Span(c.care.start, min(c.care.end, limit), c.care.exit) for c in cases]
        status = care_leaver_status(dob, spans)
        if status is None:
            return None
        kind, eligible_from = status
        twenty_one = birthday(dob, 21)
        if eligible_from > as_at or twenty_one < self.ctx.window_start:
            return None
        last = cases[-1]
        if last.care.end > as_at:
            return (
                CareLeaverSpan(None, twenty_one, "ELIGIBLE", eligible_from)
                if kind == "ELIGIBLE"
                else None
            )
        if kind == "QUALIFYING":
            eligibility = "QUALIFYING"
        else:
            eligibility = "FORMER_RELEVANT" if birthday(dob, 18) <= as_at else "RELEVANT"
        return CareLeaverSpan(
            max(last.care.end, last.closure), twenty_one, eligibility, eligible_from
        )

    def write_care_leaver(self, child: ChildRecord, span: CareLeaverSpan) -> None:
        as_at = self.as_at
        adviser = self.allocated_worker(child, as_at) if span.left_care else None
        if adviser is None and as_at < span.twenty_one:
            team = self.workforce.team_for("CARE_LEAVERS", child.family.area)
            adviser = self.workforce.practitioner_on(team, as_at)
        self.add(CareLeaver, (
            self.next_id(CareLeaver), child.id, span.eligibility, span.eligible_from,
            adviser.id if adviser else None, False,
        ))  # fmt: skip
        if span.eligibility != "QUALIFYING":
            self._pathway_plans(child, span)
        if span.left_care is not None:
            self._keeping_in_touch(child, span)

    def _pathway_plans(self, child: ChildRecord, span: CareLeaverSpan) -> None:
        rng = self.rng
        last = min(span.twenty_one, self.as_at + timedelta(days=1))
        day = max(birthday(child.plan.dob, 16), span.eligible_from) + timedelta(
            days=rng.randint(20, 110)
        )
        review = False
        while day < last:
            self.add(PathwayPlan, (self.next_id(PathwayPlan), child.id, day, review))
            review = True
            day = add_months(day, 6) + timedelta(days=rng.randint(-20, 30))

    def _keeping_in_touch(self, child: ChildRecord, span: CareLeaverSpan) -> None:
        rng = self.rng
        last = min(span.twenty_one, self.as_at + timedelta(days=1))
        day = max(span.left_care + timedelta(days=rng.randint(7, 40)), self.detail_start)
        state = self._situation()
        while day < last:
            if rng.random() < 0.2:
                state = self._situation()
            self.add(
                CareLeaverContact,
                (self.next_id(CareLeaverContact), child.id, day, *state, "MEETING"),
            )
            # Care Leavers Regulations 2010: a personal adviser keeps in touch at least every
            # two months; some contacts slip.
            day = day + timedelta(
                days=rng.randint(35, 62) if rng.random() < 0.85 else rng.randint(63, 120)
            )

    def _situation(self) -> tuple:
        chance = self.chance
        if not chance.yes(rates.CARE_LEAVER_IN_TOUCH):
            return ("NO" if chance.yes(0.6) else "REFU", "", "", None)
        activity = chance.pick(_EET if chance.yes(rates.CARE_LEAVER_EET_IN_TOUCH) else _NEET)
        if chance.yes(rates.CARE_LEAVER_SUITABLE_IN_TOUCH):
            return ("YES", activity, chance.pick(_SUITABLE), True)
        accommodation = chance.pick(_UNSUITABLE)
        return ("YES", activity, accommodation, None if accommodation == "R" else False)
