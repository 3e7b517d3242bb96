"""Writing care leavers: eligibility, needs assessments, pathway plans, accommodation provided
under s23B or s24B, personal advisers and keeping in touch.

A young person's situation (in touch, in education, employment or training, suitably housed) is
kept from one personal adviser contact to the next and changes now and then, so that the latest
contact of 19-21 year olds gives England's shares (in touch ≈ 90%, EET ≈ 56%, suitable ≈ 88%).
While the council provides accommodation, the adviser visits there (Care Leavers (England)
Regulations 2010 reg 8(2)): within 7 days, then at most two months apart. Some former relevant
young people ask for support to 25 and are kept in touch with until then.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sightline.care.models import (
    CareLeaver,
    CareLeaverContact,
    LeavingCareAccommodation,
    NeedsAssessment,
    PathwayPlan,
)
from sightline.demo import rates
from sightline.demo.careplans import care_leaver_status
from sightline.demo.context import birthday
from sightline.demo.records import ChildRecord
from sightline.standards.calendar import add_months

_EET = (("F1", 10), ("P1", 3), ("F2", 35), ("P2", 7), ("F4", 10), ("P4", 3), ("F5", 22), ("P5", 10))
_NEET = (("G4", 25), ("G5", 60), ("G6", 15))
_SUITABLE = (("B", 15), ("D", 20), ("E", 10), ("T", 10), ("U", 30), ("Z", 15))
_UNSUITABLE = (("S", 30), ("W", 20), ("V", 20), ("X", 20), ("R", 10))
# How an adviser keeps in touch away from accommodation the council provides.
_CONTACT_KINDS = (("VISIT", 30), ("MEETING", 35), ("CALL", 25), ("MESSAGE", 10))
_ATTEMPT_KINDS = (("CALL", 60), ("MESSAGE", 40))


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
    support_to_25: bool = False
    # When the leaving-care team stops holding them: 21, or 25 with support to 25.
    until: date | None = None


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
                CareLeaverSpan(None, twenty_one, "ELIGIBLE", eligible_from, until=twenty_one)
                if kind == "ELIGIBLE"
                else None
            )
        if kind == "QUALIFYING":
            eligibility = "QUALIFYING"
        else:
            eligibility = "FORMER_RELEVANT" if birthday(dob, 18) <= as_at else "RELEVANT"
        # Children Act 1989 s23CZB: support to 25 for former relevant young people who ask.
        support = eligibility == "FORMER_RELEVANT" and self.rng.random() < rates.SUPPORT_TO_25
        return CareLeaverSpan(
            max(last.care.end, last.closure), twenty_one, eligibility, eligible_from, support,
            birthday(dob, 25) if support else twenty_one,
        )  # fmt: skip

    def write_care_leaver(self, child: ChildRecord, span: CareLeaverSpan) -> None:
        as_at = self.as_at
        adviser = self.allocated_worker(child, as_at) if span.left_care else None
        if adviser is None and as_at < (span.until or span.twenty_one):
            team = self.workforce.team_for("CARE_LEAVERS", child.family.area)
            adviser = self.workforce.practitioner_on(team, as_at)
        self.add(CareLeaver, (
            self.next_id(CareLeaver), child.id, span.eligibility, span.eligible_from,
            adviser.id if adviser else None, span.support_to_25,
        ))  # fmt: skip
        if span.eligibility != "QUALIFYING":
            self._pathway_plans(child, span)
        if span.left_care is not None:
            accommodation = self._accommodation(child, span)
            self._keeping_in_touch(child, span, accommodation)

    def _pathway_plans(self, child: ChildRecord, span: CareLeaverSpan) -> None:
        """The needs assessment within 3 months of 16 or eligibility, the pathway plan after it
        (CPPCR 2010 reg 42), then six-monthly reviews."""
        rng = self.rng
        last = min(span.twenty_one, self.as_at + timedelta(days=1))
        eligible = max(birthday(child.plan.dob, 16), span.eligible_from)
        assessed = eligible + timedelta(
            days=rng.randint(15, 85) if rng.random() < 0.85 else rng.randint(93, 150)
        )
        if assessed <= self.as_at:
            self.add(NeedsAssessment, (self.next_id(NeedsAssessment), child.id, assessed))
        day = assessed + timedelta(days=rng.randint(3, 25))
        review = False
        while day < last:
            self.add(PathwayPlan, (self.next_id(PathwayPlan), child.id, day, review))
            review = True
            day = add_months(day, 6) + timedelta(days=rng.randint(-20, 30))

    def _accommodation(self, child: ChildRecord, span: CareLeaverSpan) -> tuple | None:
        """Accommodation provided under s23B (a relevant child, 16-17) or s24B (a former
        relevant young person in education): (provided on, ended on) or None."""
        rng, as_at = self.rng, self.as_at
        dob, left = child.plan.dob, span.left_care
        eighteen = birthday(dob, 18)
        if left < eighteen and rng.random() < rates.S23B_ACCOMMODATION:
            section, provided, ended = "S23B", left + timedelta(days=rng.randint(0, 3)), eighteen
        elif span.eligibility == "FORMER_RELEVANT" and rng.random() < rates.S24B_ACCOMMODATION:
            provided = max(left, eighteen) + timedelta(days=rng.randint(60, 500))
            section, ended = "S24B", provided + timedelta(days=rng.randint(60, 400))
        else:
            return None
        if provided > as_at or provided >= ended:
            return None
        line_1, town, postcode = self.directory.address()
        self.add(LeavingCareAccommodation, (
            self.next_id(LeavingCareAccommodation), child.id, provided,
            ended if ended <= as_at else None, section, f"{line_1}, {town} {postcode}",
        ))  # fmt: skip
        return provided, ended

    def _keeping_in_touch(self, child: ChildRecord, span: CareLeaverSpan, accommodation) -> None:
        rng, chance = self.rng, self.chance
        last = min(span.until or span.twenty_one, self.as_at + timedelta(days=1))
        day = max(span.left_care + timedelta(days=rng.randint(7, 40)), self.detail_start)
        provided, ended = accommodation or (date.max, date.max)
        if provided < day:
            # A visit at the accommodation within 7 days of it being provided.
            day = provided + timedelta(days=rng.randint(1, 7) if rng.random() < 0.9 else 10)
        state = self._situation()
        while day < last:
            if rng.random() < 0.2:
                state = self._situation()
            housed = provided <= day < ended
            if state[0] != "YES":
                kind = chance.pick(_ATTEMPT_KINDS)
            else:
                kind = "VISIT" if housed else chance.pick(_CONTACT_KINDS)
            self.add(
                CareLeaverContact,
                (self.next_id(CareLeaverContact), child.id, day, *state, kind),
            )
            # A personal adviser keeps in touch about every two months; some contacts slip.
            step = rng.randint(35, 62) if rng.random() < 0.85 else rng.randint(63, 120)
            following = day + timedelta(days=step)
            if day < provided <= following:
                following = provided + timedelta(days=rng.randint(1, 7))
            day = following

    def _situation(self) -> tuple:
        chance = self.chance
        if not chance.yes(rates.CARE_LEAVER_IN_TOUCH):
            return ("NO" if chance.yes(0.6) else "REFU", "", "", None)
        activity = chance.pick(_EET if chance.yes(rates.CARE_LEAVER_EET_IN_TOUCH) else _NEET)
        if chance.yes(rates.CARE_LEAVER_SUITABLE_IN_TOUCH):
            return ("YES", activity, chance.pick(_SUITABLE), True)
        accommodation = chance.pick(_UNSUITABLE)
        return ("YES", activity, accommodation, None if accommodation == "R" else False)
