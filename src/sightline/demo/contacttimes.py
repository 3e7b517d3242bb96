"""Planning the times of contacts and of the front door's decisions on them.

Most concerns arrive in office hours; police and hospitals also call in the evening and at
night, which matters because the one-working-day clock starts at the next working day for a
contact received after 17:00. Most decisions are made the same or the next working day, except
in the declining service area (`decline`), where more and more wait for days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sightline.demo import rates
from sightline.demo.context import SeedContext
from sightline.demo.plans import ContactPlan


class ContactPlanner:
    """When contacts arrive and are decided."""

    def __init__(self, ctx: SeedContext):
        self.rng = ctx.rng
        self.chance = ctx.chance
        self.wd = ctx.workdays
        self.decline = ctx.decline

    def contact_time(self, day: date) -> datetime:
        """A naive UK local time on or near ``day`` when a concern arrives."""
        rng = self.rng
        if rng.random() < rates.CONTACT_OUT_OF_HOURS:
            hour = rng.choice((17, 18, 19, 20, 21, 22, 23, 0, 1, 2, 6, 7))
            return datetime.combine(day, time(hour, rng.randrange(60)))
        day = self.wd.on_or_after(day)
        minutes = 510 + rng.randrange(510)  # 08:30 to 16:59
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def decision_time(
        self, received: datetime, *, urgent: bool = False, area: float = 0.0
    ) -> datetime:
        """When the front door decided: usually within one working day of the clock start."""
        rng = self.rng
        clock = self.wd.clock_start(received)
        late = self.decline.share(
            area, clock, rates.CONTACT_DECIDED_LATE, rates.DECLINING_CONTACT_DECIDED_LATE
        )
        if urgent:
            # Concerns of significant harm wait only where the service is failing.
            late -= rates.CONTACT_DECIDED_LATE
        roll = rng.random()
        if roll < late:
            lag = rng.randint(2, 4)
        elif urgent or roll < late + 0.55:
            lag = 0
        else:
            lag = 1
        day = self.wd.add(clock, lag)
        if day == received.date():
            moment = received + timedelta(minutes=rng.randint(20, 150 if urgent else 240))
            if moment.date() == day:
                return moment
            day = self.wd.add(day, 1)
        minutes = 525 + rng.randrange(500)  # 08:45 to 17:04
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def advice_contact(
        self, day: date, *, decision: str | None = None, source=None, area: float = 0.0
    ) -> ContactPlan:
        """A contact that does not become a referral."""
        received = self.contact_time(day)
        decision = decision or self.chance.pick(rates.NON_REFERRAL_OUTCOMES)
        return ContactPlan(
            received=received,
            decision=decision,
            decided=self.decision_time(received, area=area),
            source=source or "",
            checks=decision == "EARLY_HELP" and self.chance.yes(rates.AGENCY_CHECKS_FOR_EARLY_HELP),
        )
