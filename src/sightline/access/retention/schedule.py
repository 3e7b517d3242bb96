"""The retention schedule: until when a child's social care record must be kept. Pure Python.

Three rules. A record a statute governs is kept for the statutory period (the later date, when
both apply); the council's own period applies only to records no statute governs; a council-set
override for one record can lengthen (never shorten) either:

- looked-after children: the Care Planning, Placement and Case Review (England) Regulations 2010
  (SI 2010/959), reg. 50: the case record is kept until the 75th anniversary of the child's
  birth, or, if the child dies before 18, for 15 years from the date of death;
- adoption: the Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations
  2005 (SI 2005/888), reg. 6: the information the agency keeps about a person's adoption
  (Adoption and Children Act 2002, s. 56, which includes the child's case record) is kept for
  at least 100 years from the date of the adoption order;
- everything else (children in need, child protection without care): no statute sets a period.
  Local decision, `SIGHTLINE_RETENTION_YEARS_DEFAULT` years (default 25) after the later of the
  18th birthday and the end of the council's involvement; after the death, if the child died
  before 18 (by analogy with reg. 50). docs/data-protection.md gives the reasons.

Dates are "the first day the record may be disposed of": a record is past retention on that
day. A birthday or order on 29 February falls, in a year without one, on 1 March: the later of
the two possible days, so that a rounding never destroys a record a day early.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

LOOKED_AFTER_AGE = 75  # SI 2010/959 reg. 50(2)(a)
LOOKED_AFTER_YEARS_AFTER_EARLY_DEATH = 15  # SI 2010/959 reg. 50(2)(b)
ADOPTION_YEARS_AFTER_ORDER = 100  # SI 2005/888 reg. 6
AGE_OF_MAJORITY = 18  # Family Law Reform Act 1969, s. 1
# Local decision, overridden by SIGHTLINE_RETENTION_YEARS_DEFAULT: see docs/data-protection.md.
COUNCIL_DEFAULT_YEARS = 25


class RetentionRule(enum.StrEnum):
    """Which rule sets a record's retention date."""

    LOOKED_AFTER = "looked_after"
    ADOPTION = "adoption"
    COUNCIL = "council"
    OVERRIDE = "override"


RULE_SOURCES: dict[RetentionRule, str] = {
    RetentionRule.LOOKED_AFTER: (
        "Care Planning, Placement and Case Review (England) Regulations 2010, reg. 50: "
        "75th birthday, or 15 years after death before 18"
    ),
    RetentionRule.ADOPTION: (
        "Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005, "
        "reg. 6: 100 years from the adoption order"
    ),
    RetentionRule.COUNCIL: (
        "Local decision (SIGHTLINE_RETENTION_YEARS_DEFAULT): years after the 18th birthday "
        "or the end of involvement, whichever is later"
    ),
    RetentionRule.OVERRIDE: "Council decision for this record (a retention override)",
}


@dataclass(frozen=True)
class RetentionFacts:
    """What the schedule needs to know about one child's record.

    `date_of_birth` may be missing for an unborn child, when `expected_date_of_birth` stands
    in. `involvement_ended` is the last day of any episode, plan, allocation or contact: the
    council's involvement with the child (None when nothing was ever recorded).
    """

    date_of_birth: date | None
    expected_date_of_birth: date | None = None
    date_of_death: date | None = None
    ever_looked_after: bool = False
    adoption_order_dates: tuple[date, ...] = ()
    involvement_ended: date | None = None
    override_until: date | None = None


@dataclass(frozen=True)
class RetentionPeriod:
    """The date a record may be disposed of from, the rule that set it and that rule's source."""

    until: date
    rule: RetentionRule
    source: str


def anniversary(day: date, years: int) -> date:
    """The `years`-th anniversary of `day`; 29 February falls on 1 March in common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def _birth(facts: RetentionFacts) -> date:
    born = facts.date_of_birth or facts.expected_date_of_birth
    if born is None:
        # The database refuses a child with neither (child_has_birth_or_expected_birth_date).
        raise ValueError("A child's record needs a date of birth or an expected date of birth")
    return born


def _died_young(facts: RetentionFacts, born: date) -> bool:
    return facts.date_of_death is not None and facts.date_of_death < anniversary(
        born, AGE_OF_MAJORITY
    )


def looked_after_until(facts: RetentionFacts) -> date:
    """SI 2010/959 reg. 50: the 75th birthday, or 15 years from a death before 18."""
    born = _birth(facts)
    if _died_young(facts, born):
        return anniversary(facts.date_of_death, LOOKED_AFTER_YEARS_AFTER_EARLY_DEATH)
    return anniversary(born, LOOKED_AFTER_AGE)


def adoption_until(order_date: date) -> date:
    """SI 2005/888 reg. 6: 100 years from the date of the adoption order."""
    return anniversary(order_date, ADOPTION_YEARS_AFTER_ORDER)


def council_until(facts: RetentionFacts, *, default_years: int) -> date:
    """Local decision: `default_years` after the 18th birthday or the end of involvement.

    A child who died before 18 counts from the death instead of the 18th birthday.
    """
    born = _birth(facts)
    start = facts.date_of_death if _died_young(facts, born) else anniversary(born, AGE_OF_MAJORITY)
    if facts.involvement_ended is not None and facts.involvement_ended > start:
        start = facts.involvement_ended
    return anniversary(start, default_years)


def retention_period(
    facts: RetentionFacts, *, default_years: int = COUNCIL_DEFAULT_YEARS
) -> RetentionPeriod:
    """The retention date of one child's record and the rule that sets it.

    Statutory periods displace the council's (they are what the law asks for a looked-after or
    adopted child's whole case record); an override wins only when later, and on a tie the
    statutory rule is named, being the stronger reason to keep.
    """
    if default_years < 0:
        raise ValueError("The council's retention period cannot be negative")
    candidates: list[tuple[date, int, RetentionRule]] = []
    if facts.ever_looked_after:
        candidates.append((looked_after_until(facts), 2, RetentionRule.LOOKED_AFTER))
    for order_date in facts.adoption_order_dates:
        candidates.append((adoption_until(order_date), 3, RetentionRule.ADOPTION))
    if not candidates:
        candidates.append(
            (council_until(facts, default_years=default_years), 0, RetentionRule.COUNCIL)
        )
    if facts.override_until is not None:
        candidates.append((facts.override_until, 1, RetentionRule.OVERRIDE))
    until, _, rule = max(candidates)
    return RetentionPeriod(until=until, rule=rule, source=RULE_SOURCES[rule])


def retention_until(facts: RetentionFacts, *, default_years: int = COUNCIL_DEFAULT_YEARS) -> date:
    """The first day the record may be disposed of (see `retention_period`)."""
    return retention_period(facts, default_years=default_years).until
