"""What every part of the generator shares: the seeded random source, dates and team layout."""

from __future__ import annotations

import math
import random
from bisect import bisect
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate

from sightline.demo.decline import Decline
from sightline.demo.workdays import WorkingDayTable
from sightline.standards.calendar import add_months

# Families are planned from this long before the history window, so that the children already in
# care or on plans when it opens arise from the same process as everyone else. Care leavers (in
# care from 14 at the latest, followed to 21) need seven years; twelve also covers all but the
# very few looked after since infancy, at a third less planning than eighteen.
PLANNING_YEARS_BEFORE_WINDOW = 12


class SeedRandom(random.Random):
    """`random.Random` with cheaper whole-number draws.

    The generator makes millions of small draws; the standard ``randint``/``choice`` spend most
    of their time in argument handling. Scaling ``random()`` is as deterministic for a seed, and
    its bias (one part in 2**53) is immaterial here.
    """

    def _randbelow(self, n: int) -> int:
        return int(self.random() * n)

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


class Chance:
    """Seeded draws: weighted picks from code tables, durations, yes/no."""

    def __init__(self, rng: SeedRandom):
        self.rng = rng
        self._tables: dict[int, tuple[list, list[float]]] = {}

    def pick(self, table) -> object:
        """Pick the first element of a row of ``table`` by the weight in its second element."""
        entry = self._tables.get(id(table))
        if entry is None:
            entry = ([row[0] for row in table], list(accumulate(row[1] for row in table)))
            self._tables[id(table)] = entry
        values, cumulative = entry
        return values[bisect(cumulative, self.rng.random() * cumulative[-1])]

    def row(self, table) -> tuple:
        """Pick a whole row of ``table`` by the weight in its last element."""
        entry = self._tables.get(id(table))
        if entry is None:
            entry = (list(table), list(accumulate(row[-1] for row in table)))
            self._tables[id(table)] = entry
        rows, cumulative = entry
        return rows[bisect(cumulative, self.rng.random() * cumulative[-1])]

    def yes(self, probability: float) -> bool:
        return self.rng.random() < probability

    def lognormal_days(self, median: float, spread: float, factor: float = 1.0) -> int:
        """A whole number of days (at least 1) around ``median`` × ``factor``."""
        value = self.rng.lognormvariate(math.log(median * factor), spread)
        return max(1, round(value))


@dataclass(frozen=True, slots=True)
class TeamLayout:
    """How many teams of each kind, and which are deliberately slow.

    A family is served by team ``int(area * count)`` of each kind, so the same family always
    meets the same assessment and CP/CIN teams.
    """

    counts: dict[str, int]
    slow: dict[str, frozenset[int]]

    @property
    def declining_from(self) -> float:
        """The lowest ``area`` in the declining service area (the last CP/CIN team's patch)."""
        count = self.counts["CP_CIN"]
        return (count - 1) / count

    def index(self, kind: str, area: float) -> int:
        return min(int(area * self.counts[kind]), self.counts[kind] - 1)

    def is_slow(self, kind: str, area: float) -> bool:
        return self.index(kind, area) in self.slow.get(kind, frozenset())


@dataclass(slots=True)
class SeedContext:
    """The arguments of one seed and the objects derived from them."""

    population: int
    years: int
    seed: int
    as_at: date
    la_code: str
    rng: SeedRandom
    chance: Chance
    workdays: WorkingDayTable
    window_start: date
    planning_start: date
    detail_start: date
    layout: TeamLayout | None = None
    decline: Decline | None = None
    drifting_children: list = field(default_factory=list)
    repeat_contact_children: list = field(default_factory=list)
    declining_children: list = field(default_factory=list)

    @classmethod
    def create(cls, *, population: int, years: int, seed: int, as_at: date, la_code: str):
        rng = SeedRandom(seed)
        window_start = add_months(as_at, -12 * years) + timedelta(days=1)
        planning_start = add_months(window_start, -12 * PLANNING_YEARS_BEFORE_WINDOW)
        # Visits, notes, oversight and allocations are kept from the start of planning, so that
        # a child already on a plan or in care when the window opens has the visits, reviews and
        # oversight of every year of it: no clock is missed for want of generated activity.
        detail_start = planning_start
        workdays = WorkingDayTable(add_months(planning_start, -24), add_months(as_at, 12 * 25))
        return cls(
            population=population,
            years=years,
            seed=seed,
            as_at=as_at,
            la_code=la_code,
            rng=rng,
            chance=Chance(rng),
            workdays=workdays,
            window_start=window_start,
            planning_start=planning_start,
            detail_start=detail_start,
        )

    def stream(self, name: str) -> SeedContext:
        """A copy drawing from its own random stream, named after what it generates.

        Planning and writing draw from separate streams, so that planning can run in another
        process (`families.FamilySource`) and the council is the same either way.
        """
        rng = SeedRandom(f"{self.seed}:{name}")
        return replace(self, rng=rng, chance=Chance(rng))

    def set_layout(self, layout: TeamLayout) -> None:
        self.layout = layout
        self.decline = Decline(self.as_at, layout.declining_from)

    def per_year(self, rate_per_10k: float) -> float:
        """Expected yearly count for a rate per 10,000 children."""
        return rate_per_10k * self.population / 10_000


def birthday(dob: date, years: int) -> date:
    """The date a person born on ``dob`` turns ``years`` (28 February for 29 February births)."""
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:
        return dob.replace(year=dob.year + years, day=28)


def age_on(dob: date, day: date) -> int:
    """Completed years of age on ``day``."""
    years = day.year - dob.year
    if (day.month, day.day) < (dob.month, dob.day):
        years -= 1
    return years


def collection_year(day: date) -> int:
    """The statutory collection year (named by the March it ends in) that ``day`` falls in."""
    return day.year + 1 if day.month >= 4 else day.year
