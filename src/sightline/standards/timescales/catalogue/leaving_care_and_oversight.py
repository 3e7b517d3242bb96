"""Care leavers' clocks (Care Leavers (England) Regulations 2010) and the local standards for
management oversight, supervision and allocation."""

from __future__ import annotations

from sightline.standards.timescales.catalogue.sources import (
    CPPCR,
    LEAVERS,
    LOCAL,
    days,
    months,
    wd,
    weeks,
)
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = ["CARE_LEAVERS", "OVERSIGHT"]

CARE_LEAVERS: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-NEEDS-ASSESSMENT",
        title="Assess the eligible child's needs",
        source=(
            f"{CPPCR}, reg 42(1) and {LEAVERS}, reg 5(2): not more than 3 months after the 16th "
            "birthday or becoming eligible"
        ),
        kind=Kind.STATUTE,
        applies_to="Every eligible, relevant or former relevant child",
        clock_start="Eligible child turns 16 (or becomes eligible)",
        deadline=months(3),
        met_by="Needs assessment completed",
        recurs=False,
        record_type="care_leavers",
    ),
    TimescaleRule(
        id="T-PATHWAY-PLAN",
        title="Write the pathway plan",
        source=(
            f"Children Act 1989 Sch. 2 para 19B; {CPPCR}, regs 42(1) and 43 and {LEAVERS}, "
            "reg 5(2): the plan follows the needs assessment, within the same 3 months"
        ),
        kind=Kind.STATUTE,
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
        id="T-PA-VISIT",
        title="Personal adviser visits the young person's accommodation",
        source=(
            f"{LEAVERS}, reg 8(2): where accommodation is provided under s23B or s24B, a visit "
            "there within 7 days of it being provided, before each pathway plan review, and "
            "then at intervals of not more than two months"
        ),
        kind=Kind.STATUTE,
        applies_to="Care leavers in accommodation provided under s23B or s24B, while provided",
        clock_start=(
            "Accommodation provided, then each visit; due by the next pathway plan review if "
            "that comes first and no visit has been made since the previous plan or review"
        ),
        deadline=months(2),
        variants=(("first_visit", days(7)),),
        met_by=(
            "A personal adviser's visit at the accommodation (a call, or a meeting elsewhere, "
            "does not count)"
        ),
        recurs=True,
        record_type="leaving_care_accommodation",
    ),
    TimescaleRule(
        id="T-PA-CONTACT",
        title="Personal adviser keeps in touch",
        source=f"{LOCAL} (the personal adviser's duty to keep in touch, Children Act 1989 s23C(2))",
        kind=Kind.LOCAL,
        applies_to=(
            "Relevant and former relevant children, to their 21st birthday, or their 25th where "
            "a former relevant young person asked for support"
        ),
        clock_start="Previous personal adviser contact; for the first, leaving care",
        deadline=weeks(8),
        met_by=(
            "Any personal adviser contact (visit, meeting, call or message) with the young "
            "person in touch"
        ),
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
