"""Writing children in care: SSDA903 episodes, reviews, health, education, missing, permanence.

Statutory milestones (episodes, reviews, health and education records, court and adoption
dates) are written for the whole period of care, however long ago it began; plans and visits
around placements are in `placements`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sightline.care.models import (
    Adoption,
    CareProceedings,
    Conviction,
    DentalCheck,
    DevelopmentCheck,
    HealthAssessment,
    ImmunisationStatus,
    LookedAfterEpisode,
    LookedAfterReview,
    MissingEpisode,
    PermanencePlan,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from sightline.demo import rates
from sightline.demo.careplans import court_extension
from sightline.demo.context import SeedRandom, age_on, birthday
from sightline.demo.plans import CarePeriodPlan, ChildCasePlan
from sightline.demo.records import ChildRecord
from sightline.demo.urns import PlacementUrns
from sightline.standards.calendar import add_months

_PARTICIPATION = (
    ("PN1", 38), ("PN2", 5), ("PN3", 4), ("PN4", 5), ("PN5", 10), ("PN6", 28), ("PN7", 10),
)  # fmt: skip
# Kinship foster placements: the connected person is first approved temporarily (CPPCR reg 24),
# for up to 16 weeks while their full assessment is done.
_CONNECTED_PERSON = frozenset({"U1", "U2", "U3"})
_TEMPORARY_APPROVAL = timedelta(weeks=16)
# Ways out of care after which the child stays with the last carers (adopters, guardians).
_STAYS = frozenset({"ADOPTION", "SGO"})
_OTHER = frozenset({"Z1", "Z11", "Z12", "Z13", "Z14"})
_STILL_AWAY = date.max  # a missing episode not over by the as-at date
_Z1_RETIRED = date(2025, 3, 31)  # the last day Z1 was a placement code (2024-25 collection)


class CareRecords:
    """Mixin of `CouncilRecords`: a period of care and everything around it."""

    _development_rng: SeedRandom | None = None
    _placement_urns: PlacementUrns | None = None
    _outcomes_rng: SeedRandom | None = None

    @property
    def placement_urns(self) -> PlacementUrns:
        if self._placement_urns is None:
            self._placement_urns = PlacementUrns(self.ctx.seed)
        return self._placement_urns

    def write_care(self, child: ChildRecord, case: ChildCasePlan, care: CarePeriodPlan) -> None:
        as_at = self.as_at
        if care.start > as_at:
            return
        episodes = self._episodes(child, case, care)
        self.write_care_planning(child, care, episodes)
        reviews = self._reviews(child, care)
        self._health_and_education(child, care)
        self._offending_and_substance_misuse(child, care)
        self._missing(child, care)
        self._permanence(child, care, reviews)
        self._court_and_adoption(child, care)
        self.write_care_visits(child, care, self._ends(care))

    def _ends(self, care: CarePeriodPlan) -> date:
        """The last day the period counts up to, as at the as-at date (exclusive)."""
        return min(care.end, self.as_at + timedelta(days=1))

    def _episodes(self, child, case, care) -> list[tuple]:
        """Write the period's episodes; return (id, start, reason new episode, placement)."""
        as_at, rng = self.as_at, self.rng
        episodes = care.episodes
        category = "N8" if child.plan.uasc else self._category_in_care(child, case)
        home = child.family.postcode
        written, homes = [], []
        last_urn = ""
        approved = None
        for index, (start, rne, legal, placement, provider, in_area, reason) in enumerate(episodes):
            if start > as_at:
                break
            if index + 1 < len(episodes) and episodes[index + 1][0] <= as_at:
                end, ceased = episodes[index + 1][0], "X1"
            elif index + 1 == len(episodes) and care.end <= as_at:
                end, ceased = care.end, care.reason_ceased
            else:
                end, ceased = None, ""
            if placement == "P1":
                postcode = home
            elif rne in "SPB" or not written or written[-1][3] == "P1":
                postcode = self.directory.placement_postcode(in_area=in_area)
            # Otherwise the same carers: the placement is where it was.
            urn = f"SC{rng.randint(100000, 999999)}" if placement in ("K1", "K2") else ""
            if placement in _OTHER:
                # Z1 was retired from the 2025-26 collection: a Z1 placement still open on its
                # first day was recoded Z11, as councils were asked to.
                if placement == "Z1" and (end is None or end > _Z1_RETIRED):
                    placement = "Z11"
            else:
                if not urn:
                    same_setting = rne not in "SPB" and written and written[-1][3] == placement
                    urn = last_urn if same_setting else self.placement_urns.urn(placement, provider)
            last_urn = urn
            if placement not in _CONNECTED_PERSON:
                approved = None
            elif rne in "SPB":
                approved = start
            elif approved is not None and start - approved > _TEMPORARY_APPROVAL:
                approved = None
            episode = self.next_id(LookedAfterEpisode)
            self.add(LookedAfterEpisode, (
                episode, child.id, start, rne, legal, category, placement, provider, postcode, urn,
                home, reason, end, ceased, approved,
            ))  # fmt: skip
            written.append((episode, start, rne, placement))
            if rne in "SPB" or not homes:
                if homes:
                    homes[-1][1] = start
                homes.append([start, end, placement, postcode])
            else:
                homes[-1][1] = end
        ended = care.end if care.end <= as_at else None
        follows = "HOME" if care.exit == "HOME" else "STAYS" if care.exit in _STAYS else "LEFT"
        child.care_homes.append(([tuple(home) for home in homes], follows, ended))
        return written

    def _category_in_care(self, child, case) -> str:
        """Category of need of a looked-after child: England's looked-after shares, in which
        disability is far rarer than among children in need."""
        if case.need == "N2" and child.plan.disabled and self.rng.random() < 0.3:
            return "N2"
        return self.chance.pick(rates.LOOKED_AFTER_NEED)

    def _due(self, due: date, on_time: float) -> date:
        """The day a due event happened: a little early mostly, sometimes late."""
        rng = self.rng
        if rng.random() < on_time:
            return due - timedelta(days=rng.randint(0, 12))
        return due + timedelta(days=rng.randint(3, 40))

    def _reviews(self, child, care) -> list[date]:
        rng, wd = self.rng, self.wd
        end = self._ends(care)
        reviews = []
        # Care Planning Regulations 2010, reg 33: 20 working days, then 3 months, then 6 months.
        day = wd.add(
            care.start, rng.randint(10, 20) if rng.random() < 0.88 else rng.randint(21, 35)
        )
        step = 3
        placed = care.adoption[3] if care.adoption is not None else None
        while day < end:
            if placed is not None and day > placed:
                # Placed for adoption: reviews restart 4 weeks after placement, then 3 months
                # after that, then 6-monthly (Adoption Agencies Regulations 2005 reg 36).
                day = wd.on_or_after(self._due(placed + timedelta(weeks=4), 0.9))
                step, placed = 3, None
                if day >= end:
                    break
            reviews.append(day)
            age = age_on(child.plan.dob, day)
            participation = "PN0" if age < 4 else self.chance.pick(_PARTICIPATION)
            self.add(
                LookedAfterReview,
                (
                    self.next_id(LookedAfterReview),
                    child.id,
                    day,
                    participation,
                    self.iro_for(child, day),
                ),
            )
            day = wd.on_or_after(self._due(add_months(day, step), 0.9))
            step = 6
        return reviews

    def _development_check(self, child, day: date) -> None:
        """The developmental review done with an under-5's health assessment, most times.

        Drawn from a stream of its own, so that adding development checks left every other
        record of the council as it was.
        """
        if self._development_rng is None:
            self._development_rng = SeedRandom(f"{self.ctx.seed}:development-checks")
        if self._development_rng.random() < rates.DEVELOPMENT_CHECK_DONE:
            self.add(DevelopmentCheck, (self.next_id(DevelopmentCheck), child.id, day))

    def _offending_and_substance_misuse(self, child, care) -> None:
        """Convictions and substance misuse of children in care aged 10 or over, a year at a
        time. Drawn from a stream of its own, so other records are as they were without them."""
        if self._outcomes_rng is None:
            self._outcomes_rng = SeedRandom(f"{self.ctx.seed}:offending-and-substance-misuse")
        rng, dob = self._outcomes_rng, child.plan.dob
        day, end = max(care.start, birthday(dob, 10)), self._ends(care)
        while day < end:
            span = max(1, (min(add_months(day, 12), end) - day).days)
            if rng.random() < rates.CONVICTED_PER_YEAR_10_PLUS:
                on = day + timedelta(days=rng.randrange(span))
                self.add(Conviction, (self.next_id(Conviction), child.id, on))
            if rng.random() < rates.SUBSTANCE_MISUSE_PER_YEAR_10_PLUS:
                on = day + timedelta(days=rng.randrange(span))
                received = rng.random() < rates.SUBSTANCE_INTERVENTION_RECEIVED
                offered = None if received else rng.random() < rates.SUBSTANCE_INTERVENTION_OFFERED
                self.add(
                    SubstanceMisuse,
                    (self.next_id(SubstanceMisuse), child.id, on, received, offered),
                )
            day = add_months(day, 12)

    def _health_and_education(self, child, care) -> None:
        rng, wd = self.rng, self.wd
        dob = child.plan.dob
        end = self._ends(care)
        day = wd.add(care.start, rng.randint(8, 20) if rng.random() < 0.6 else rng.randint(21, 60))
        kind = "INITIAL"
        immunised = rng.random() < rates.IMMUNISED
        while day < end:
            # Some reviews are missed (the young person declines, or it is not arranged): the
            # child goes a year without one, which is what keeps England's rate near 90%.
            if kind == "INITIAL" or rng.random() >= rates.HEALTH_REVIEW_MISSED:
                self.add(HealthAssessment, (self.next_id(HealthAssessment), child.id, day, kind))
                if age_on(dob, day) < 5:
                    self._development_check(child, day)
                if rng.random() < 0.3:
                    immunised = rng.random() < rates.IMMUNISED
                self.add(
                    ImmunisationStatus,
                    (self.next_id(ImmunisationStatus), child.id, day, immunised),
                )
                kind = "REVIEW"
            day = self._due(add_months(day, 6 if age_on(dob, day) < 5 else 12), 0.85)
        day = care.start + timedelta(days=rng.randint(30, 200))
        while day < end:
            if age_on(dob, day) >= 1 and rng.random() >= rates.DENTAL_CHECK_MISSED:
                self.add(DentalCheck, (self.next_id(DentalCheck), child.id, day))
            day = self._due(add_months(day, 12), 0.85)
        day = add_months(care.start, 12)
        while day < end:
            age = age_on(dob, day)
            if 4 <= age <= 16:
                if rng.random() < rates.SDQ_RETURNED:
                    score, reason = max(0, min(40, round(rng.gauss(14, 6.5)))), ""
                else:
                    score = None
                    reason = (
                        "SDQ3"
                        if child.plan.disabled
                        else self.chance.pick((("SDQ2", 3), ("SDQ4", 4), ("SDQ5", 3)))
                    )
                self.add(
                    StrengthsAndDifficulties,
                    (self.next_id(StrengthsAndDifficulties), child.id, day, score, reason),
                )
            day = self._due(add_months(day, 12), 0.85)
        day = wd.add(
            care.start, rng.randint(10, 20) if rng.random() < 0.75 else rng.randint(21, 40)
        )
        while day < end:
            if 4 <= age_on(dob, day) <= 16:
                self.add(
                    PersonalEducationPlan, (self.next_id(PersonalEducationPlan), child.id, day)
                )
            day = self._due(add_months(day, 3), 0.85)

    def _missing(self, child, care) -> None:
        """Missing and away episodes: adolescents, more often when placements are unstable."""
        rng = self.rng
        dob = child.plan.dob
        first = max(care.start, birthday(dob, 11), self.detail_start)
        end = self._ends(care)
        share = rates.MISSING_PER_CHILD_YEAR * (2.0 if care.unstable else 0.8)
        while first < end:
            slice_end = min(end, first + timedelta(days=365))
            if rng.random() < share:
                span = (slice_end - first).days
                incidents = 1 + round(rng.expovariate(1 / (rates.MISSING_INCIDENTS_MEAN - 1)))
                returned = None
                for start in sorted(
                    first + timedelta(days=rng.randrange(span)) for _ in range(incidents)
                ):
                    # A child already missing cannot go missing again: an incident drawn
                    # inside the last one is left out (903 rule 574), its draws still made so
                    # the rest of the council is as it was.
                    overlaps = returned is not None and start < returned
                    back = self._missing_episode(child, start, write=not overlaps)
                    if not overlaps:
                        returned = back
            first = slice_end

    def _missing_episode(self, child, start, *, write: bool = True):
        """Write one missing or away episode; return the day the child came back."""
        rng, as_at = self.rng, self.as_at
        back = start + timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3)))
        if back > as_at:
            if write:
                self.add(
                    MissingEpisode,
                    (self.next_id(MissingEpisode), child.id, "M", start, None, None, None),
                )
            return _STILL_AWAY
        offered = back + timedelta(
            days=rng.randint(0, 3) if rng.random() < 0.82 else rng.randint(4, 10)
        )
        if offered > as_at:
            offered = None
        accepted = None if offered is None else rng.random() < 0.55
        kind = "M" if rng.random() < 0.7 else "A"
        if write:
            self.add(
                MissingEpisode,
                (self.next_id(MissingEpisode), child.id, kind, start, back, offered, accepted),
            )
        return back

    def _permanence(self, child, care, reviews) -> None:
        rng = self.rng
        if len(reviews) >= 2 and rng.random() < 0.85:
            day = reviews[0] + timedelta(
                days=rng.randint(1, max(1, (reviews[1] - reviews[0]).days))
            )
        elif len(reviews) >= 2:
            day = reviews[1] + timedelta(days=rng.randint(10, 90))
        else:
            return
        if day < self._ends(care):
            self.add(PermanencePlan, (self.next_id(PermanencePlan), child.id, day, care.permanence))

    def _court_and_adoption(self, child, care) -> None:
        as_at = self.as_at
        if care.pre_proceedings is not None and care.pre_proceedings[0] <= as_at:
            self.write_pre_proceedings(child, care.pre_proceedings)
        if care.proceedings is not None and care.proceedings[0] <= as_at:
            issued, final, order, extension = care.proceedings
            if final > as_at:
                weeks = (as_at - issued).days // 7
                extension = court_extension(weeks, self.rng)
                final, order = None, ""
            self.add(
                CareProceedings,
                (self.next_id(CareProceedings), child.id, issued, final, order, extension),
            )
        if care.adoption is not None and care.adoption[0] <= as_at:
            known = tuple(
                day if isinstance(day, date) and day <= as_at else None for day in care.adoption[:7]
            )
            reason = care.adoption[7] if known[6] else ""
            self.add(Adoption, (self.next_id(Adoption), child.id, *known, reason))
