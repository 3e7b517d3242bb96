"""Drift rules for the front door, children in need and child protection."""

from __future__ import annotations

from sightline.standards.drift.catalogue.sources import (
    CIN_CENSUS,
    LOCAL,
    months,
    years,
)
from sightline.standards.drift.rules import DriftRule, Severity
from sightline.standards.timescales import Kind

__all__ = ["PROTECTION"]

_WT = "Working Together to Safeguard Children 2023, ch. 3"

PROTECTION: tuple[DriftRule, ...] = (
    DriftRule(
        id="D-REPEAT-CONTACTS",
        title="Repeated contacts about a child with no referral",
        source=(
            f"{LOCAL}: the national review of the inspected council's case found concerns "
            "raised by family, a school and anonymous callers within weeks and never put "
            "together; indicator K-REPEAT-CONTACT"
        ),
        kind=Kind.LOCAL,
        severity=Severity.CRITICAL,
        applies_to=(
            "Every child with the count of contacts in the period to the as-at date, and no "
            "referral (CIN episode) open at any time in that period"
        ),
        evidence="How many contacts, the first and the latest",
        since=(
            "The day of the contact that made the count, or the anniversary of the last "
            "referral's closure if that is later"
        ),
        period=months(12),
        count=3,
        counts="contacts",
    ),
    DriftRule(
        id="D-REREFERRAL",
        title="Re-referral within 12 months",
        source=f"{CIN_CENSUS}: re-referral within 12 months of a previous referral (K-REREFERRAL)",
        kind=Kind.NATIONAL_STANDARD,
        severity=Severity.WARNING,
        applies_to="Open referrals made within the period after the child's previous referral",
        evidence="The referral and the previous one, and the months between them",
        since="The date of the re-referral",
        period=months(12),
    ),
    DriftRule(
        id="D-STEP-DOWN",
        title="Stepped down and re-referred within 6 months",
        source=(
            f"{LOCAL}: a child back at the front door soon after stepping down to early help "
            "suggests the step-down came too early"
        ),
        kind=Kind.LOCAL,
        severity=Severity.WARNING,
        applies_to=(
            "Open referrals made within the period after the child's previous referral closed "
            "with a step-down to early help (closure reason RC9, or an assessment outcome of "
            "early help)"
        ),
        evidence="The step-down date and the new referral",
        since="The date of the new referral",
        period=months(6),
    ),
    DriftRule(
        id="D-ASSESSMENT",
        title="Assessment past 45 working days",
        source=f"{_WT}: an assessment takes no longer than 45 working days from referral",
        kind=Kind.STATUTORY_GUIDANCE,
        severity=Severity.SERIOUS,
        applies_to="Assessments not authorised by their T-ASSESSMENT due date",
        evidence="The referral date, the due date and the working days overdue",
        since="The day after the assessment was due",
        timescales=("T-ASSESSMENT",),
    ),
    DriftRule(
        id="D-CIN-LONG",
        title="CIN episode open over 2 years",
        source=(
            f"{LOCAL}: help for a child in need is meant to make a difference within months; "
            "an episode open for years without a change of plan is drift"
        ),
        kind=Kind.LOCAL,
        severity=Severity.WARNING,
        applies_to=(
            "Open CIN episodes (referral to closure) of children not looked after on the as-at "
            "date (a looked-after child's episode lasts as long as their care)"
        ),
        evidence="The referral that opened the episode and how long it has been open",
        since="The day after the episode had been open for the period",
        period=years(2),
    ),
    DriftRule(
        id="D-CP-PLAN-LONG",
        title="Child protection plan open over 15 months",
        source=(
            f"{LOCAL}: a plan still needed after its third review conference should be "
            "questioned before it reaches two years"
        ),
        kind=Kind.LOCAL,
        severity=Severity.WARNING,
        applies_to="Open child protection plans (superseded by D-CP-PLAN-2Y once that fires)",
        evidence="The plan's start date and how long it has been open",
        since="The day after the plan had been open for the period",
        period=months(15),
        superseded_by="D-CP-PLAN-2Y",
    ),
    DriftRule(
        id="D-CP-PLAN-2Y",
        title="Child protection plan open over 2 years",
        source=f"{CIN_CENSUS}: plans lasting two years or more (K-CPP-2YR)",
        kind=Kind.NATIONAL_STANDARD,
        severity=Severity.SERIOUS,
        applies_to="Open child protection plans",
        evidence="The plan's start date and how long it has been open",
        since="The day after the plan's second anniversary",
        period=years(2),
    ),
    DriftRule(
        id="D-CP-REPEAT",
        title="Second or subsequent child protection plan",
        source=f"{CIN_CENSUS}: plans that are a second or subsequent plan (K-CPP-REPEAT)",
        kind=Kind.NATIONAL_STANDARD,
        severity=Severity.WARNING,
        applies_to="Open child protection plans of children who had an earlier plan (ever)",
        evidence="Which plan this is, its start, and the previous plan's dates",
        since="The start date of the current plan",
    ),
    DriftRule(
        id="D-VISIT",
        title="No visit within standard",
        source=(
            f"The visiting timescales: {_WT} (child protection, local frequency), the council's "
            "child in need standard, and the Care Planning, Placement and Case Review (England) "
            "Regulations 2010, reg 28 (looked-after children)"
        ),
        kind=Kind.STATUTE,
        severity=Severity.CRITICAL,
        applies_to=(
            "Children on a child protection or child in need plan, or looked after, whose "
            "statutory visit is overdue while the plan or placement is still open"
        ),
        evidence="Which visit was due and when, the working days overdue and when last seen",
        since="The day after the visit was due",
        timescales=(
            "T-CP-VISIT",
            "T-CIN-VISIT",
            "T-LAC-VISIT-PLACEMENT",
            "T-LAC-VISIT",
            "T-LAC-VISIT-LONG-TERM",
            "T-LAC-VISIT-PARENT",
        ),
    ),
    DriftRule(
        id="D-SEEN-ALONE",
        title="Child not seen alone in the last 3 visits",
        source=(
            f"{_WT} (children are seen alone during assessment and enquiries); the Care "
            "Planning, Placement and Case Review (England) Regulations 2010, reg 29 (a "
            "looked-after child is spoken to in private at visits); the count is local"
        ),
        kind=Kind.LOCAL,
        severity=Severity.SERIOUS,
        applies_to=(
            "Children aged 3 or over on the as-at date, on a child protection or child in need "
            "plan or looked after, whose last visits with the child seen (the count) were all "
            "without the child seen alone"
        ),
        evidence="The latest of those visits, and when the child was last seen alone",
        since="The date of the visit that made the run of visits not seen alone reach the count",
        count=3,
        counts="visits",
    ),
)
