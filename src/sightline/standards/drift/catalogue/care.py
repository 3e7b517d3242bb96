"""Drift rules for looked-after children, pre-proceedings and care proceedings."""

from __future__ import annotations

from sightline.standards.drift.catalogue.sources import SSDA903, months, weeks
from sightline.standards.drift.rules import DriftRule, Severity
from sightline.standards.timescales import Kind

__all__ = ["CARE"]

CARE: tuple[DriftRule, ...] = (
    DriftRule(
        id="D-PERMANENCE",
        title="No permanence plan at the second review",
        source=(
            "IRO Handbook (statutory guidance, 2010): a permanence plan by the second review; "
            "Care Planning, Placement and Case Review (England) Regulations 2010, reg 5"
        ),
        kind=Kind.STATUTORY_GUIDANCE,
        severity=Severity.SERIOUS,
        applies_to="Periods of care still going past their T-PERMANENCE-PLAN due date",
        evidence="When the child became looked after and when the plan was due",
        since="The day after the second review (or the date it was due)",
        timescales=("T-PERMANENCE-PLAN",),
    ),
    DriftRule(
        id="D-PLACEMENTS",
        title="3 or more placements in 12 months",
        source=f"{SSDA903}: placement stability, 3 or more placements in the year (K-CLA-3PLACE)",
        kind=Kind.NATIONAL_STANDARD,
        severity=Severity.WARNING,
        applies_to=(
            "Children looked after on the as-at date with at least the count of placements "
            "running at some time in the period to it (short breaks excepted)"
        ),
        evidence="How many placements and when each began",
        since="The start of the placement that made the count",
        period=months(12),
        count=3,
        counts="placements",
    ),
    DriftRule(
        id="D-RHI",
        title="Missing episode without a return home interview in 72 hours",
        source=(
            "Children who run away or go missing from home or care (statutory guidance, 2014): "
            "a return home interview offered within 72 hours"
        ),
        kind=Kind.STATUTORY_GUIDANCE,
        severity=Severity.SERIOUS,
        applies_to="Missing episodes whose T-RHI deadline passed with no interview offered",
        evidence="When the child returned and when the interview was due",
        since="The day after the interview was due",
        timescales=("T-RHI",),
    ),
    DriftRule(
        id="D-PRE-PROCEEDINGS",
        title="Pre-proceedings past 16 weeks",
        source=(
            "Public Law Working Group, best practice guidance (2021, updated 2023) and the "
            "relaunched Public Law Outline (2023): pre-proceedings normally concluded within "
            "16 weeks; not statute, so the threshold is the council's to set"
        ),
        kind=Kind.LOCAL,
        severity=Severity.SERIOUS,
        applies_to="Pre-proceedings (PLO) still open on the as-at date",
        evidence="When pre-proceedings began and how many weeks they have run",
        since="The day after the period from the start had passed",
        period=weeks(16),
    ),
    DriftRule(
        id="D-PROCEEDINGS",
        title="Care proceedings past 26 weeks",
        source=(
            "Children Act 1989 s32(1)(a)(ii), as amended by the Children and Families Act 2014 "
            "(extensions granted under s32(5) add to it)"
        ),
        kind=Kind.STATUTE,
        severity=Severity.SERIOUS,
        applies_to="Care applications with no final order by their T-PROCEEDINGS due date",
        evidence="When the application was issued, when it was due to finish",
        since="The day after the proceedings were due to finish",
        timescales=("T-PROCEEDINGS",),
    ),
)
