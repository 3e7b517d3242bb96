"""The council's families over time: who arrives at the front door, and what happens next.

Families arrive at steady yearly rates. Referred families are planned from long before the
history window (`context.PLANNING_YEARS_BEFORE_WINDOW`), so that the children already in care or
on plans when the window opens, and care leavers still followed up, arise from the same process
as everyone else; a family whose whole story ended before the window is planned and then dropped.
"""

from __future__ import annotations

from datetime import date, timedelta

from sightline.demo import rates
from sightline.demo.casepaths import CasePlanner
from sightline.demo.context import SeedContext, age_on, birthday
from sightline.demo.plans import ChildPlan, FamilyPlan
from sightline.demo.texts import source_for_age
from sightline.standards.calendar import add_months

_AGE_BAND_ENDS = {0: 1, 1: 5, 5: 10, 10: 16, 16: 18}
_UASC_AGES = ((14, 10), (15, 20), (16, 35), (17, 35))
_REPEAT_SOURCES = ("2A", "3A", "6", "1A", "9", "3E", "1B", "3B")
_RE_REFERRAL = {row[0]: row[1:] for row in rates.RE_REFERRAL}
# A child is not referred in the last weeks before turning 18: adult services take over.
_TOO_OLD = timedelta(days=45)


class FamilyPlanner:
    """Generate the arrivals of families and plan each one's journey."""

    def __init__(self, ctx: SeedContext):
        self.ctx = ctx
        self.rng = ctx.rng
        self.chance = ctx.chance
        self.cases = CasePlanner(ctx)

    def arrivals(self) -> list[tuple[date, str]]:
        """Every family's first date and kind, in date order."""
        ctx = self.ctx
        arrivals: list[tuple[date, str]] = []
        self._spread(arrivals, "REFERRAL", rates.NEW_REFERRAL_FAMILIES, ctx.planning_start)
        self._spread(arrivals, "CONTACT_ONLY", rates.CONTACT_ONLY_FAMILIES, ctx.window_start)
        # Asylum-seeking children arrive at 14-17 and are care leavers until 21.
        self._spread(arrivals, "UASC", rates.UASC_ARRIVALS, add_months(ctx.window_start, -84))
        repeats = max(3, round(ctx.per_year(rates.REPEAT_CONTACT_CHILDREN)))
        first, last = (
            (ctx.as_at - timedelta(days=330)).toordinal(),
            (ctx.as_at - timedelta(days=60)).toordinal(),
        )
        arrivals += [
            (date.fromordinal(self.rng.randint(first, last)), "REPEAT_CONTACT")
            for _ in range(repeats)
        ]
        # A handful of privately fostered children, notified across the window.
        fostered = max(2, round(ctx.per_year(rates.PRIVATE_FOSTERING_NOTIFICATIONS) * ctx.years))
        low, high = ctx.window_start.toordinal(), (ctx.as_at - timedelta(days=30)).toordinal()
        arrivals += [
            (date.fromordinal(self.rng.randint(low, high)), "PRIVATE_FOSTERING")
            for _ in range(fostered)
        ]
        arrivals.sort()
        return arrivals

    def _spread(self, arrivals, kind: str, rate: float, first: date) -> None:
        years = (self.ctx.as_at - first).days / 365.25
        count = round(self.ctx.per_year(rate) * years)
        low, high = first.toordinal(), self.ctx.as_at.toordinal()
        randint = self.rng.randint
        arrivals += [(date.fromordinal(randint(low, high)), kind) for _ in range(count)]

    def plan(self, day: date, kind: str) -> FamilyPlan:
        """Plan a family arriving on ``day``; `FamilyPlan.last_activity` says if it matters."""
        area = self.rng.random()
        if kind == "REPEAT_CONTACT" and self.chance.yes(rates.DECLINING_REPEAT_CONTACT_SHARE):
            # The declining service leaves repeated concerns about one child unconnected.
            low = self.ctx.decline.low
            area = low + (1 - low) * self.rng.random()
        if kind == "REFERRAL":
            family = self._referral_family(day, area)
        elif kind == "CONTACT_ONLY":
            family = self._contact_only_family(day, area)
        elif kind == "UASC":
            dob = self._uasc_dob(day)
            sex = "M" if self.chance.yes(0.9) else "F"
            child = ChildPlan(dob=dob, adult=birthday(dob, 18), sex=sex, uasc=True)
            family = FamilyPlan(kind, area, day, [child])
            self.cases.plan_uasc(family, child, day)
        elif kind == "PRIVATE_FOSTERING":
            family = self._private_fostering_family(day, area)
        else:
            family = self._repeat_contact_family(day, area)
        family.last_activity = _last_activity(family)
        return family

    # --- Composition --------------------------------------------------------------------------

    def _child(self, dob: date) -> ChildPlan:
        chance = self.chance
        return ChildPlan(
            dob=dob,
            adult=birthday(dob, 18),
            sex="M" if chance.yes(0.51) else "F",
            disabled=chance.yes(rates.DISABLED_SHARE),
        )

    def _children(self, day: date) -> tuple[list[ChildPlan], ChildPlan]:
        """A sibling group around the child the family is first referred about."""
        rng, chance = self.rng, self.chance
        band = chance.pick(rates.INDEX_CHILD_AGE)
        unborn = band == 0 and chance.yes(rates.UNBORN_INDEX_CHILD)
        if unborn:
            index_dob = day + timedelta(days=rng.randint(30, 150))
        else:
            index_dob = day - timedelta(
                days=rng.randint(band * 365, _AGE_BAND_ENDS[band] * 365 - 1)
            )
        dobs = [index_dob]
        for _ in range(chance.pick(rates.OTHER_CHILDREN)):
            gap = timedelta(days=rng.randint(400, 2200))
            if rng.random() < 0.6:
                candidate = min(dobs) - gap
                if birthday(candidate, 18) - _TOO_OLD > day:
                    dobs.append(candidate)
            else:
                candidate = max(dobs) + gap
                if candidate <= day:
                    dobs.append(candidate)
        youngest = max(dobs)
        if (
            not unborn
            and youngest > day - timedelta(days=8 * 365)
            and chance.yes(rates.LATER_BABY_SHARE)
        ):
            dobs.append(max(youngest, day) + timedelta(days=rng.randint(300, 1400)))
        children = {dob: self._child(dob) for dob in sorted(dobs)}
        return list(children.values()), children[index_dob]

    def _uasc_dob(self, day: date) -> date:
        age = self.chance.pick(_UASC_AGES)
        return day - timedelta(days=age * 365 + self.rng.randint(0, 364))

    # --- Referred families --------------------------------------------------------------------

    def _referral_family(self, day: date, area: float) -> FamilyPlan:
        rng, chance, cases = self.rng, self.chance, self.cases
        children, index = self._children(day)
        family = FamilyPlan("REFERRAL", area, day, children)
        newborn = False
        when: date | None = day
        if index.dob > day:
            self._pre_birth_contact(index, day, area)
            when = index.dob + timedelta(days=rng.randint(0, 14))
            newborn = chance.yes(0.5)
        referrals = 0
        as_at = self.ctx.as_at
        while when is not None and when <= as_at and referrals < 10:
            if newborn:
                involved = [index]
            else:
                involved = [
                    c for c in children
                    if c.dob <= when and c.free_from <= when and when < c.adult - _TOO_OLD
                ]  # fmt: skip
                if not involved:
                    break
                if len(involved) > 1 and not chance.yes(rates.WHOLE_SIBLING_GROUP_INVOLVED):
                    involved = [rng.choice(involved)]
            outcome, ended = cases.plan_referral(family, involved, when, newborn=newborn)
            referrals += 1
            newborn = False
            again, soon = _RE_REFERRAL[outcome]
            following = None
            if chance.yes(again):
                gap = rng.randint(14, 180) if chance.yes(soon) else rng.randint(181, 1800)
                following = ended + timedelta(days=gap)
            baby = next(
                (c for c in children if c.dob > when and not c.cases and not c.contacts), None
            )
            known = any(c.cp_plans or c.looked_after for c in children)
            due = baby is not None and (following is None or baby.dob < following)
            if due and known and chance.yes(0.6):
                # A baby born into a family already known for harm: concern before the birth,
                # and a referral when the baby arrives.
                warned = max(when, baby.dob - timedelta(days=rng.randint(21, 84)))
                self._pre_birth_contact(baby, warned, family.area)
                born = baby.dob + timedelta(days=rng.randint(0, 10))
                if born <= as_at:
                    cases.plan_referral(family, [baby], born, newborn=True)
            when = following
        return family

    def _pre_birth_contact(self, child: ChildPlan, day: date, area: float) -> None:
        """A midwife's or health visitor's concern about an unborn baby (never a referral)."""
        if day >= child.dob:
            return
        child.edd = child.dob + timedelta(days=self.rng.randint(-14, 14))
        decision = "EARLY_HELP" if self.chance.yes(0.4) else "ADVICE"
        source = self.chance.pick((("3F", 50), ("3B", 30), ("3A", 20)))
        contact = self.cases.contacts.advice_contact(
            day, decision=decision, source=source, area=area
        )
        if contact.received.date() < child.dob:
            child.contacts.append(contact)

    # --- Families known only through contacts -------------------------------------------------

    def _contact_only_family(self, day: date, area: float) -> FamilyPlan:
        rng, chance = self.rng, self.chance
        count = 1 if chance.yes(0.72) else 2
        # Oldest first, as in every family: a contact about them all is written for the eldest
        # first, whose age decides who could have made it.
        children = sorted(
            (
                self._child(day - timedelta(days=rng.randint(0, 17 * 365 + 300)))
                for _ in range(count)
            ),
            key=lambda child: child.dob,
        )
        family = FamilyPlan("CONTACT_ONLY", area, day, children)
        when = day
        for _ in range(chance.pick(((1, 60), (2, 27), (3, 13)))):
            if when > self.ctx.as_at:
                break
            contact = self.cases.contacts.advice_contact(when, area=area)
            for child in children:
                if child.adult > when:
                    child.contacts.append(contact)
            when = when + timedelta(days=rng.randint(20, 400))
        return family

    def _repeat_contact_family(self, day: date, area: float) -> FamilyPlan:
        """Several people worried about one child within weeks, and no referral (deliberate)."""
        rng = self.rng
        child = self._child(day - timedelta(days=rng.randint(4 * 365 + 1, 15 * 365)))
        child.repeat_contacts = True
        family = FamilyPlan("REPEAT_CONTACT", area, day, [child])
        sources = rng.sample(_REPEAT_SOURCES, rng.randint(3, 4))
        when = day
        for source in sources:
            source = source_for_age(source, age_on(child.dob, when))
            decision = "ADVICE" if rng.random() < 0.6 else "NFA"
            child.contacts.append(
                self.cases.contacts.advice_contact(
                    when, decision=decision, source=source, area=area
                )
            )
            when = when + timedelta(days=rng.randint(3, 14))
        return family

    def _private_fostering_family(self, day: date, area: float) -> FamilyPlan:
        """A child living with a family friend or distant relative by private arrangement."""
        rng = self.rng
        child = self._child(day - timedelta(days=rng.randint(6 * 365, 15 * 365)))
        notified = day + timedelta(days=rng.randint(0, 20))
        ends = min(child.adult, birthday(child.dob, 16), day + timedelta(days=rng.randint(90, 900)))
        child.private_fostering = (notified, day, max(ends, notified + timedelta(days=30)))
        return FamilyPlan("PRIVATE_FOSTERING", area, day, [child])


def _last_activity(family: FamilyPlan) -> date:
    last = family.first_date
    for child in family.children:
        for contact in child.contacts:
            last = max(last, contact.received.date())
        if child.cases:
            last = max(last, child.free_from - timedelta(days=1))
        if child.private_fostering:
            last = max(last, child.private_fostering[2])
    return last
