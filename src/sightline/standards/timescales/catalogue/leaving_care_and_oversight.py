"""Care leavers' clocks (Care Leavers (England) Regulations 2010) and the local standards for
management oversight, supervision and allocation."""

from __future__ import annotations

from sightline.standards.timescales.catalogue.sources import (
    CPPCR,
    LEAVERS,
    LOCAL,
    months,
    wd,
    weeks,
)
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = ["CARE_LEAVERS", "OVERSIGHT"]

CARE_LEAVERS: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-PATHWAY-PLAN",
        title="Write the pathway plan",
        source=(
            "Children Act 1989 Sch. 2 para 19B and "
            f"{CPPCR}, regs 42-43 (the duty); 3 months is a local standard"
        ),
        kind=Kind.STATUTORY_DUTY_LOCAL_TIMESCALE,
        applies_to="Every eligible, relevant or former relevant child",
        clock_start="Eligible child turns 16 (or becomes eligible)",
        deadline=months(3),
        met_by="Pathway plan",
        recurs=False,
        record_type="care_leavers",
    ),
    TimescaleRule(
        id="T-PATHWAY-REVIEW",
        title="Review the pathway plan",
        source=f"{LEAVERS}: pathway plan reviewed at intervals of not more than six months",
        kind=Kind.STATUTE,
        applies_to="Care leavers with a pathway plan, until their 21st birthday",
        clock_start="Previous pathway plan or review",
        deadline=months(6),
        met_by="Pathway plan review",
        recurs=True,
        record_type="care_leavers",
    ),
    TimescaleRule(
        id="T-PA-CONTACT",
        title="Personal adviser keeps in touch",
        source=f"{LEAVERS}: visits at intervals of not more than two months, and after a move",
        kind=Kind.STATUTE,
        applies_to="Relevant and former relevant children, until their 21st birthday",
        clock_start="Previous personal adviser contact; for the first, becoming a care leaver",
        deadline=months(2),
        variants=(("after_a_move", weeks(1)),),
        met_by="Personal adviser contact with the young person in touch",
        recurs=True,
        record_type="care_leavers",
    ),
)

OVERSIGHT: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-OVERSIGHT-CP",
        title="Management oversight of a child on a child protection plan",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Open cases of children on a child protection plan",
        clock_start="Previous management oversight (or the referral, for the first)",
        deadline=wd(20),
        met_by="Management oversight entry on the child's record",
        recurs=True,
        record_type="referrals",
    ),
    TimescaleRule(
        id="T-OVERSIGHT",
        title="Management oversight of an open case",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Every other open case",
        clock_start="Previous management oversight (or the referral, for the first)",
        deadline=wd(30),
        met_by="Management oversight entry on the child's record",
        recurs=True,
        record_type="referrals",
    ),
    TimescaleRule(
        id="T-SUPERVISION",
        title="Supervise the worker",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Practitioners (social workers, senior practitioners, front door, PAs)",
        clock_start="Previous supervision (or the worker's start date, for the first)",
        deadline=weeks(4),
        variants=(
            ("newly_qualified_first_6_weeks", weeks(1)),
            ("newly_qualified_to_6_months", weeks(2)),
        ),
        met_by="Supervision record",
        recurs=True,
        record_type="workers",
    ),
    TimescaleRule(
        id="T-ALLOCATION",
        title="Allocate the child to a named worker",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Accepted referrals, and open cases whose worker leaves or is deallocated",
        clock_start="Referral accepted, or the named worker's allocation ended",
        deadline=wd(1),
        met_by="Child allocated to a named worker",
        recurs=False,
        record_type="referrals",
    ),
)
