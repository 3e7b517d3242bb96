"""Looked-after children's clocks (Care Planning, Placement and Case Review (England)
Regulations 2010 and the statutory guidance on health and education)."""

from __future__ import annotations

from sightline.standards.timescales.catalogue.sources import (
    CPPCR,
    EDUCATION,
    HEALTH,
    months,
    wd,
    weeks,
)
from sightline.standards.timescales.durations import Duration, Unit
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = ["LOOKED_AFTER"]

LOOKED_AFTER: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-LAC-REVIEW-1",
        title="Hold the first looked-after review",
        source=f"{CPPCR}, reg 33(1)(a)",
        kind=Kind.STATUTE,
        applies_to="Every period of care (short-break care excepted)",
        clock_start="Became looked after",
        deadline=wd(20),
        met_by="First review (reg 33)",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-LAC-REVIEW-2",
        title="Hold the second looked-after review",
        source=f"{CPPCR}, reg 33(1)(b)",
        kind=Kind.STATUTE,
        applies_to="Every period of care (short-break care excepted)",
        clock_start="First review",
        deadline=months(3),
        met_by="Second review",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-LAC-REVIEW",
        title="Hold the next looked-after review",
        source=f"{CPPCR}, reg 33(1)(c)",
        kind=Kind.STATUTE,
        applies_to="Children looked after, until they cease to be",
        clock_start="Previous review (from the second onwards)",
        deadline=months(6),
        met_by="Next review",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-PERMANENCE-PLAN",
        title="Record the permanence plan",
        source=(
            "IRO Handbook (statutory guidance, 2010): permanence plan by the second review; "
            f"plan content required by {CPPCR}, reg 5"
        ),
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every period of care still going at its second review",
        clock_start="Became looked after",
        deadline=Duration.by_second_review(),
        met_by="Permanence plan recorded",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-LAC-VISIT-PLACEMENT",
        title="Visit the child in a new placement",
        source=f"{CPPCR}, reg 28(2)(a)",
        kind=Kind.STATUTE,
        applies_to="Every placement of a looked-after child",
        clock_start="Placement starts",
        deadline=weeks(1),
        met_by="Visit with the child seen (reg 28)",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-LAC-VISIT",
        title="Visit the looked-after child",
        source=f"{CPPCR}, reg 28(2)(b) and (c)(ii), and 28(5) for a care order at home",
        kind=Kind.STATUTE,
        applies_to=(
            "Looked-after children in the first year of a placement, or later in a placement "
            "not intended to last until they are 18"
        ),
        clock_start="Previous visit",
        deadline=weeks(6),
        met_by="Next visit with the child seen",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-LAC-VISIT-LONG-TERM",
        title="Visit the child in a long-term placement",
        source=f"{CPPCR}, reg 28(2)(c)(i)",
        kind=Kind.STATUTE,
        applies_to="After the first year of a placement intended to last until the child is 18",
        clock_start="Previous visit",
        deadline=months(3),
        met_by="Next visit with the child seen",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-LAC-VISIT-PARENT",
        title="Visit the child placed with a parent",
        source=f"{CPPCR}, reg 28(3) and (4)",
        kind=Kind.STATUTE,
        applies_to=(
            "Children placed with a parent before the parent is assessed (reg 19) or under an "
            "interim care order, and children placed with a connected person temporarily "
            "approved as a foster parent (reg 24), while that approval lasts"
        ),
        clock_start="Previous visit",
        deadline=weeks(6),
        variants=(
            ("until_first_review", weeks(1)),
            ("connected_person_or_interim_order_at_home", weeks(4)),
        ),
        met_by="Next visit with the child seen",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-IHA",
        title="Initial health assessment",
        source=f"{HEALTH}: within 20 working days of becoming looked after",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every period of care (short-break care excepted)",
        clock_start="Became looked after",
        deadline=wd(20),
        met_by="A health assessment",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-RHA",
        title="Review health assessment",
        source=f"{HEALTH}: every six months under five, every twelve months from five",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Looked-after children, from their initial health assessment",
        clock_start="Previous health assessment (the child's age on that date sets the interval)",
        deadline=months(12),
        variants=(("under_5", months(6)),),
        met_by="Review health assessment",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-DENTAL",
        title="Dental check",
        source="SSDA903 return, OC2 outcome indicators (dental check in the last 12 months)",
        kind=Kind.NATIONAL_STANDARD,
        applies_to="Looked-after children",
        clock_start="Previous dental check; for the first, the date the child became looked after",
        deadline=months(12),
        met_by="Dental check",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-SDQ",
        title="Strengths and Difficulties Questionnaire",
        source=f"SSDA903 return (SDQ for children aged 4 to 16); {HEALTH}",
        kind=Kind.NATIONAL_STANDARD,
        applies_to="Looked-after children aged 4 to 16 on the due date",
        clock_start=(
            "Previous SDQ; for the first, the later of becoming looked after and the 4th birthday"
        ),
        deadline=months(12),
        met_by="SDQ score recorded",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-PEP",
        title="Personal education plan",
        source=f"{EDUCATION}: within 20 school days of entering care (counted as working days)",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Looked-after children aged 3 and over",
        clock_start="The later of becoming looked after and the 3rd birthday",
        deadline=wd(20),
        met_by="Personal education plan",
        recurs=False,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-PEP-REVIEW",
        title="Review the personal education plan",
        source=f"{EDUCATION}: reviewed each term (counted as three months)",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Looked-after children with a personal education plan",
        clock_start="Previous personal education plan",
        deadline=months(3),
        met_by="Personal education plan review",
        recurs=True,
        record_type="lac_episodes",
    ),
    TimescaleRule(
        id="T-RHI",
        title="Offer a return home interview",
        source=(
            "Children who run away or go missing from home or care (statutory guidance, 2014): "
            "within 72 hours of return"
        ),
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Children who were missing (not 'away from placement without authorisation')",
        clock_start="Missing episode ended (dates carry no time, so 72 hours is 3 days)",
        deadline=Duration(72, Unit.HOURS),
        met_by="Return home interview offered",
        recurs=False,
        record_type="missing_episodes",
    ),
    TimescaleRule(
        id="T-PROCEEDINGS",
        title="Finish care proceedings",
        source=(
            "Children Act 1989 s32(1)(a)(ii), as amended by the Children and Families Act 2014: "
            "within 26 weeks beginning with the day the application was issued; extensions of "
            "up to 8 weeks each (s32(5) and (8)) are shown beside the clock and do not move it"
        ),
        kind=Kind.STATUTE,
        applies_to="Every care application",
        clock_start=(
            "Care application issued; the issue day is the first of the 26 weeks, so the clock "
            "is due the day before the 26-week anniversary"
        ),
        deadline=weeks(26),
        met_by="Final order",
        recurs=False,
        record_type="care_proceedings",
    ),
)
