"""Writing disabled children's short breaks: a series of short-term placements and its reviews.

A disabled child in need may stay with approved carers, or in a short-break children's home,
for a night or a weekend every few weeks. Each stay is an SSDA903 episode under legal status V3
(short breaks, episodes recorded), a period of care of its own ended with E8. The child is
looked after only during each break; Care Planning Regulations 2010 reg 48 then modifies the
regime: no care plan, placement plan or the usual visits, but reviews within 3 months of the
first break and at most 6 months apart after it (T-SHORT-BREAK-REVIEW).

The series is drawn from its own random stream, so adding it changes nothing else in the
council: the same families, contacts, plans and periods of care as before.
"""

from __future__ import annotations

from datetime import date, timedelta

from sightline.care.models import LookedAfterEpisode, LookedAfterReview
from sightline.demo import rates
from sightline.demo.context import SeedRandom
from sightline.demo.plans import ChildCasePlan
from sightline.demo.records import ChildRecord
from sightline.standards.calendar import add_months

_SHORT_BREAK_HOMES = tuple(f"SC{900100 + n}" for n in range(6))
_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class ShortBreakRecords:
    """Mixin of `CouncilRecords`: the short breaks of disabled children on child-in-need plans."""

    _short_break_rng: SeedRandom | None = None

    def write_short_breaks(self, child: ChildRecord) -> None:
        """Give some disabled children on a child-in-need plan (need N2) a series of short
        breaks for part of the plan, as their assessment recommended."""
        if not child.plan.disabled:
            return
        if self._short_break_rng is None:
            self._short_break_rng = SeedRandom(f"{self.ctx.seed}:short-breaks")
        rng = self._short_break_rng
        for case in child.plan.cases:
            if case.need != "N2" or case.care is not None or not case.cin_plans:
                continue
            if rng.random() >= rates.SHORT_BREAKS_SHARE:
                continue
            start, end, _ = case.cin_plans[-1]
            self._series(child, case, rng, start, end)

    def _series(self, child: ChildRecord, case: ChildCasePlan, rng, plan_start, plan_end):
        wd, as_at = self.wd, self.as_at
        first = wd.on_or_after(plan_start + timedelta(days=rng.randint(20, 90)))
        # Breaks stop when the plan ends (the family's needs change, or the case closes) or
        # when the child turns 18.
        stop = min(plan_end, child.plan.adult, as_at + timedelta(days=1))
        if first >= stop:
            return
        in_home = rng.random() < 0.35
        placement, provider = ("K2", rng.choice(("PR1", "PR4"))) if in_home else ("U6", "PR1")
        urn = (
            rng.choice(_SHORT_BREAK_HOMES)
            if in_home
            else self.placement_urns.urn(placement, provider)
        )
        outward = child.family.postcode.split()[0] if child.family.postcode else "DB1"
        postcode = f"{outward} {rng.randint(1, 9)}{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}"
        home = child.family.postcode
        breaks = []
        day = first
        while day < stop:
            # A weekend (Friday to Sunday or Monday) or a single night in the week.
            if rng.random() < 0.7:
                begin = day + timedelta(days=(4 - day.weekday()) % 7)
                nights = rng.choice((2, 2, 3))
            else:
                begin, nights = day, 1
            finish = begin + timedelta(days=nights)
            if begin > as_at or begin >= stop:
                break
            ended = finish <= as_at
            self.add(LookedAfterEpisode, (
                self.next_id(LookedAfterEpisode), child.id, begin, "S", "V3", "N2", placement,
                provider, postcode, urn, home, "", finish if ended else None,
                "E8" if ended else "", None,
            ))  # fmt: skip
            breaks.append((begin, finish))
            day = finish + timedelta(days=rng.randint(14, 42))
        if breaks:
            # The series is open to review until 6 months after its last break: nothing in
            # the record says the arrangement has ended before then (see the rule).
            self._short_break_reviews(child, rng, breaks[0][0], add_months(breaks[-1][1], 6))

    def _short_break_reviews(self, child: ChildRecord, rng, first_break: date, stop: date):
        """Reviews within 3 months of the first break, then every 6 months; a few slip."""
        wd = self.wd
        due, step = add_months(first_break, 3), 6
        while True:
            on_time = rng.random() < 0.88
            day = wd.on_or_after(
                due - timedelta(days=rng.randint(0, 20))
                if on_time
                else due + timedelta(days=rng.randint(5, 45))
            )
            if day >= stop or day > self.as_at:
                return
            self.add(LookedAfterReview, (
                self.next_id(LookedAfterReview), child.id, day, "PN0" if rng.random() < 0.6
                else "PN1", self.iro_for(child, day),
            ))  # fmt: skip
            due = add_months(day, step)
