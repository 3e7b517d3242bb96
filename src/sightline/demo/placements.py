"""Writing the plans, appointments and visits around a child's placements.

A period of care has a care plan (CPPCR 2010 reg 4: before the first placement or within 10
working days) and an independent reviewing officer (CA 1989 s25A); each placement has a placement
plan (reg 9: before it, or within 5 working days) and visits (reg 28: within a week, then
six-weekly, three-monthly once a long-term placement has lasted a year). A child placed for
adoption is visited weekly until the first adoption review (Adoption Agencies Regs 2005 reg 36).
Most are on time; a share are late, more of them in the declining service area (`decline`).
"""

from __future__ import annotations

from datetime import date, timedelta

from sightline.care.models import CarePlan, IROAppointment, PlacementPlan
from sightline.demo import rates
from sightline.demo.plans import CarePeriodPlan
from sightline.demo.records import ChildRecord

# Episodes on which a placement begins (SSDA903 reason for new episode).
PLACEMENT_STARTS = frozenset("SPBT")
# Placements that change the carer, so the child must be visited within a week (reg 28).
_NEW_CARER = frozenset("SPB")
ADOPTIVE_PLACEMENTS = frozenset({"A5", "A6"})
_CARE_PLAN_SUMMARIES = (
    "Care plan agreed: placement with foster carers while assessments of the family continue.",
    "Care plan agreed: long-term fostering; contact with parents monthly, supervised.",
    "Care plan agreed: return home to be assessed; family time three times a week.",
    "Care plan agreed: permanence through adoption, parallel planning with family members.",
    "Care plan agreed: settled placement, education and health needs met through the PEP.",
)


class PlacementRecords:
    """Mixin of `CouncilRecords`: care plans, IRO appointments, placement plans and visits."""

    def _plan_day(self, start: date, area: float, within: int, before: float) -> date:
        """When a plan due within ``within`` working days of ``start`` was agreed."""
        rng, wd = self.rng, self.wd
        late = self.ctx.decline.share(area, start, rates.PLAN_LATE, rates.DECLINING_PLAN_LATE)
        roll = rng.random()
        if roll < late:
            return wd.add(start, rng.randint(within + 1, within + 15))
        if roll < late + before:
            return start - timedelta(days=rng.randint(0, 5))
        return wd.add(start, rng.randint(1, within))

    def write_care_planning(self, child: ChildRecord, care: CarePeriodPlan, episodes) -> None:
        """Care plan and IRO for the period; a placement plan for each placement begun.

        ``episodes`` holds (episode id, start, reason new episode, placement type) as written.
        """
        as_at, area, rng = self.as_at, child.family.area, self.rng
        planned = care.route in ("S20", "ICO")
        day = self._plan_day(care.start, area, 10, 0.75 if planned else 0.35)
        if day <= as_at:
            self.add(CarePlan, (
                self.next_id(CarePlan), child.id, day, rng.choice(_CARE_PLAN_SUMMARIES),
            ))  # fmt: skip
        appointed = self._plan_day(care.start, area, 5, 0.1)
        if appointed <= as_at:
            ended = care.end if care.end <= as_at else None
            if ended is not None and ended < appointed:
                ended = appointed
            self.add(IROAppointment, (
                self.next_id(IROAppointment), child.id, self.iro_for(child, appointed),
                appointed, ended,
            ))  # fmt: skip
        for episode, start, rne, _placement in episodes:
            if rne not in PLACEMENT_STARTS:
                continue
            day = self._plan_day(start, area, 5, 0.6)
            if day <= as_at:
                self.add(PlacementPlan, (self.next_id(PlacementPlan), child.id, episode, day))

    def write_care_visits(self, child: ChildRecord, care: CarePeriodPlan, end: date) -> None:
        """Statutory visits from each new carer or adoptive placement to the next, or ``end``."""
        episodes = care.episodes
        starts = [
            (e[0], "ADOPTION" if e[3] in ADOPTIVE_PLACEMENTS else "LAC")
            for index, e in enumerate(episodes)
            if e[1] in _NEW_CARER
            or e[3] in ADOPTIVE_PLACEMENTS
            and (index == 0 or episodes[index - 1][3] not in ADOPTIVE_PLACEMENTS)
        ]
        starts.append((end, ""))
        for (placed, kind), (following, _) in zip(starts, starts[1:], strict=False):
            stop = min(following, end)
            if kind == "ADOPTION":
                self._adoption_visits(child, placed, stop)
            else:
                self._placement_visits(child, placed, stop)

    def _placement_visits(self, child: ChildRecord, placed: date, stop: date) -> None:
        rng, wd = self.rng, self.wd
        day = wd.add(placed, rng.randint(1, 5) if rng.random() < 0.9 else rng.randint(6, 10))
        while day < stop:
            if day >= self.detail_start:
                self._visit(child, day, "LAC")
            settled = (day - placed).days > 365
            every = 60 if settled else 30
            gap = (
                rng.randint(every - 8, every)
                if rng.random() < 0.88
                else rng.randint(every + 1, every + 15)
            )
            day = wd.add(day, gap)

    def _adoption_visits(self, child: ChildRecord, placed: date, stop: date) -> None:
        """Weekly until the first adoption review four weeks after placement, then six-weekly."""
        rng = self.rng
        first_review = placed + timedelta(weeks=4)
        day = placed + timedelta(days=rng.randint(2, 7) if rng.random() < 0.92 else 9)
        while day < stop:
            if day >= self.detail_start:
                self._visit(child, self.wd.on_or_after(day), "ADOPTION")
            if day < first_review:
                day += timedelta(days=rng.randint(5, 7) if rng.random() < 0.9 else 9)
            else:
                day += timedelta(days=rng.randint(30, 42) if rng.random() < 0.9 else 50)
