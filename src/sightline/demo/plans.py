"""The planned journey of a synthetic family: key dates and decisions, before any row exists.

Planning and writing are separate so that families whose whole story ended before the history
window can be dropped before anything is built for them, and so that each record is written from
dates already known to be consistent (no assessment before its referral, plans after their
conference). Dates may run past the as-at date; the writer cuts everything at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class ContactPlan:
    """A contact about a child, or the same contact about each of a sibling group.

    Times are naive UK local times. An empty ``source`` is drawn when the contact is written.
    """

    received: datetime
    decision: str
    decided: datetime
    source: str = ""
    harm: bool = False
    checks: bool = False
    names_adults: bool = False
    # Filled in when first written, so that a sibling group's rows agree.
    concern: str = ""
    referrer: tuple[str, str] = ("", "")
    decided_by: int | None = None
    adults_checked: bool = False


@dataclass(slots=True)
class CpPlanPlan:
    """A child protection plan from its ICPC to its end."""

    start: date
    end: date
    category: str
    latest_category: str
    reviews: list[date]
    ends_at_conference: bool
    drifting: bool


@dataclass(slots=True)
class CarePeriodPlan:
    """An unbroken period of being looked after: SSDA903 episodes and what surrounds them.

    ``episodes`` holds (start, reason new episode, legal status, placement type, provider,
    placed in the council's area, reason for placement change) in order; each ends when the
    next starts.
    """

    start: date
    end: date
    reason_ceased: str
    exit: str
    route: str
    episodes: list[tuple]
    permanence: str
    unstable: bool
    adoption: tuple | None = None
    proceedings: tuple | None = None
    pre_proceedings: tuple | None = None


@dataclass(slots=True)
class ChildCasePlan:
    """One child's CIN episode (referral to closure) and everything within it."""

    contact: ContactPlan
    referral_date: date
    decided_on: date
    need: str
    nfa: bool
    closure: date
    closure_reason: str
    assessments: list[tuple] = field(default_factory=list)
    strategy: tuple | None = None
    s47: tuple | None = None
    icpc: tuple | None = None
    cp_plan: CpPlanPlan | None = None
    cin_plans: list[tuple] = field(default_factory=list)
    care: CarePeriodPlan | None = None
    pre_proceedings: tuple | None = None
    # (start, team kind) in order; the last stage runs to closure.
    stages: list[tuple] = field(default_factory=list)


@dataclass(slots=True)
class ChildPlan:
    """A child in a family: identity facts that shape the journey, and the journey itself."""

    dob: date
    adult: date
    sex: str
    disabled: bool = False
    uasc: bool = False
    edd: date | None = None
    free_from: date = date.min
    cp_plans: int = 0
    looked_after: bool = False
    cases: list[ChildCasePlan] = field(default_factory=list)
    contacts: list[ContactPlan] = field(default_factory=list)
    repeat_contacts: bool = False
    # (notified, started, ended) of a private fostering arrangement.
    private_fostering: tuple | None = None


@dataclass(slots=True)
class FamilyPlan:
    """A household known to the council and its children's journeys."""

    kind: str
    area: float
    first_date: date
    children: list[ChildPlan]
    last_activity: date = date.min
