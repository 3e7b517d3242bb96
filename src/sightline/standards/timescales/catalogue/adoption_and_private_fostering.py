"""Clocks for children placed for adoption (Adoption Agencies Regulations 2005, reg 36) and for
privately fostered children (Children (Private Arrangements for Fostering) Regulations 2005)."""

from __future__ import annotations

from sightline.standards.timescales.catalogue.sources import (
    ADOPTION,
    PRIVATE_FOSTERING,
    months,
    wd,
    weeks,
)
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = ["ADOPTION_AND_PRIVATE_FOSTERING"]

ADOPTION_AND_PRIVATE_FOSTERING: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-ADOPTION-REVIEW-1",
        title="Hold the first review after placement for adoption",
        source=f"{ADOPTION}, reg 36(3): not more than 4 weeks after the placement",
        kind=Kind.STATUTE,
        applies_to="Children placed for adoption, until the adoption order",
        clock_start="Placed for adoption",
        deadline=weeks(4),
        met_by="Review of the child's case",
        recurs=False,
        record_type="adoptions",
    ),
    TimescaleRule(
        id="T-ADOPTION-REVIEW",
        title="Hold the next review of the adoption placement",
        source=(
            f"{ADOPTION}, reg 36(3): not more than 3 months after the first review, "
            "then not more than 6 months after the previous one"
        ),
        kind=Kind.STATUTE,
        applies_to="Children placed for adoption, until the adoption order",
        clock_start="Previous review (the second review counts 3 months from the first)",
        deadline=months(6),
        variants=(("second_review", months(3)),),
        met_by="Next review",
        recurs=True,
        record_type="adoptions",
    ),
    TimescaleRule(
        id="T-ADOPTION-VISIT",
        title="Visit the child placed for adoption",
        source=(
            f"{ADOPTION}, reg 36(4): within one week of the placement, then at least once a week "
            "until the first review (after it, as the review decides)"
        ),
        kind=Kind.STATUTE,
        applies_to="Children placed for adoption, from the placement until the first review",
        clock_start="Placed for adoption, then each visit",
        deadline=weeks(1),
        met_by="A social work or adoption visit with the child seen",
        recurs=True,
        record_type="adoptions",
    ),
    TimescaleRule(
        id="T-PF-VISIT-1",
        title="First visit to a privately fostered child",
        source=(
            f"{PRIVATE_FOSTERING}, reg 7: within 7 working days of receiving notification of "
            "the arrangement"
        ),
        kind=Kind.STATUTE,
        applies_to="Every private fostering arrangement notified to the council",
        clock_start="Notification received (or the arrangement's start, if it starts later)",
        deadline=wd(7),
        met_by="A private fostering or social work visit with the child seen",
        recurs=False,
        record_type="private_fostering",
    ),
    TimescaleRule(
        id="T-PF-VISIT",
        title="Visit the privately fostered child",
        source=(
            f"{PRIVATE_FOSTERING}, reg 8: at intervals of not more than 6 weeks in the first "
            "year of the arrangement, then not more than 12 weeks"
        ),
        kind=Kind.STATUTE,
        applies_to="Privately fostered children, until the arrangement ends",
        clock_start="Previous visit (the interval is fixed by the year the visit falls in)",
        deadline=weeks(6),
        variants=(("after_first_year", weeks(12)),),
        met_by="Next visit with the child seen",
        recurs=True,
        record_type="private_fostering",
    ),
)
