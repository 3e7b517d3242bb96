"""Care planning clocks for looked-after children (Care Planning, Placement and Case Review
(England) Regulations 2010): the care plan, the placement plan, the independent reviewing
officer, the visit after a care order at home, and reviews of children in a series of short
breaks."""

from __future__ import annotations

from sightline.standards.timescales.catalogue.sources import CPPCR, LOCAL, months, wd, weeks
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = ["CARE_PLANNING"]

CARE_PLANNING: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-CARE-PLAN",
        title="Prepare the care plan",
        source=(
            f"{CPPCR}, reg 4(2): before the first placement or, if that is not practicable, "
            "within 10 working days of its start"
        ),
        kind=Kind.STATUTE,
        applies_to="Every period of care (short-break care excepted)",
        clock_start="Became looked after (the first placement of the period starts)",
        deadline=wd(10),
        met_by="A care plan agreed in the period of care, or before it began",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-PLACEMENT-PLAN",
        title="Prepare the placement plan",
        source=(
            f"{CPPCR}, reg 9: before the placement or, if that is not practicable, "
            "within 5 working days of its start"
        ),
        kind=Kind.STATUTE,
        applies_to="Every placement of a looked-after child (short-break care excepted)",
        clock_start="Placement starts",
        deadline=wd(5),
        met_by="A placement plan for that placement",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-IRO-ALLOCATE",
        title="Appoint an independent reviewing officer",
        source=(
            f"{LOCAL} (Children Act 1989 s25A requires an IRO for every looked-after child; "
            "the timescale is local)"
        ),
        kind=Kind.LOCAL,
        applies_to="Every period of care (short-break care excepted)",
        clock_start="Became looked after",
        deadline=wd(5),
        met_by="An IRO appointment covering the child",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-CARE-ORDER-VISIT",
        title="Visit the child at home after a care order",
        source=(
            f"{CPPCR}, reg 28(5): within one week of a care order being made for a child "
            "living with a parent"
        ),
        kind=Kind.STATUTE,
        applies_to="Children placed with a parent (P1) when a care order (C2) is made",
        clock_start="Care order made (the episode with legal status C2 starts)",
        deadline=weeks(1),
        met_by="A social work visit with the child seen",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-SHORT-BREAK-REVIEW",
        title="Review the child in a series of short breaks",
        source=(
            f"{CPPCR}, reg 48 (the modified review regime): first review within 3 months of "
            "the first short break, then at intervals of not more than 6 months"
        ),
        kind=Kind.STATUTE,
        applies_to=(
            "Children accommodated for short breaks (legal status V3 or V4), while the series "
            "continues (a gap of more than 6 months between breaks ends it)"
        ),
        clock_start="The first short break of the series, then each review",
        deadline=months(6),
        variants=(("first_review", months(3)),),
        met_by="Looked-after review",
        recurs=True,
        record_type="lac_episodes",
    ),
)
