"""Care leaver, adoption and workforce (line of sight) indicators."""

from __future__ import annotations

from sightline.standards.indicators.catalogue.sources import (
    ADOPTION_SCORECARD,
    CLA,
    LOCAL,
    WT,
)
from sightline.standards.indicators.definitions import (
    Area,
    Benchmark,
    Indicator,
    Measure,
    Period,
    Polarity,
)

__all__ = ["ADOPTION", "CARE_LEAVERS", "WORKFORCE"]

_AGED_19_21 = "Care leavers (relevant and former relevant) aged 19, 20 or 21 on the as-at date"

CARE_LEAVERS: tuple[Indicator, ...] = (
    Indicator(
        id="K-CL-TOUCH",
        title="Care leavers aged 19-21 in touch",
        area=Area.CARE_LEAVERS,
        numerator="Of those, young people whose latest contact found them in touch",
        denominator=_AGED_19_21,
        population=_AGED_19_21,
        period=Period.AT_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{CLA} (care leavers' measures)",
        target=90.0,
        tolerance=5.0,
        caveats="England publishes 58% in touch at 22 only, so no England figure is shown. "
        "The DfE measures around the birthday; this uses the latest contact to the as-at date "
        "(none recorded: not in touch).",
    ),
    Indicator(
        id="K-CL-ACCOM",
        title="Care leavers aged 19-21 in suitable accommodation",
        area=Area.CARE_LEAVERS,
        numerator="Of those, young people in suitable accommodation at their latest contact",
        denominator=_AGED_19_21,
        population=_AGED_19_21,
        period=Period.AT_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=CLA,
        england=Benchmark(84.5, "2018-19", CLA, "published as 84-85% (2019)"),
        target=84.5,
        tolerance=5.0,
        available=False,
        caveats="Not available from this dataset: care_leaver_contacts has no accommodation "
        "type or suitability (needs care_leaver_contacts.accommodation and .suitable).",
    ),
    Indicator(
        id="K-CL-EET",
        title="Care leavers aged 19-21 in education, employment or training",
        area=Area.CARE_LEAVERS,
        numerator="Of those, young people in education, employment or training at their "
        "latest contact",
        denominator=_AGED_19_21,
        population=_AGED_19_21,
        period=Period.AT_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=CLA,
        england=Benchmark(58.0, "2024-25", CLA, "unconfirmed; published as about 56-60%"),
        target=58.0,
        tolerance=5.0,
        available=False,
        caveats="Not available from this dataset: care_leaver_contacts has no main activity "
        "(needs care_leaver_contacts.activity, SSDA903 codes).",
    ),
    Indicator(
        id="K-CL-PATHWAY",
        title="Pathway plans reviewed within 6 months",
        area=Area.CARE_LEAVERS,
        numerator="Pathway plan reviews held by their due date",
        denominator="Pathway plan reviews that fell due in the period (T-PATHWAY-REVIEW)",
        population="Eligible, relevant and former relevant care leavers",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source="Care Leavers (England) Regulations 2010; T-PATHWAY-REVIEW",
        target=95.0,
        tolerance=5.0,
        timescale_rules=("T-PATHWAY-REVIEW",),
    ),
)

ADOPTION: tuple[Indicator, ...] = (
    Indicator(
        id="K-A1",
        title="Days from entering care to moving in with adopters",
        area=Area.ADOPTION,
        numerator="Total days from the start of the period of care to the placement with "
        "adopters (or the fostering-for-adoption placement, if earlier)",
        denominator="Children placed with adopters in the 3 years to the as-at date",
        population="Children adopted or placed for adoption",
        period=Period.THREE_YEARS,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.AVERAGE,
        source=ADOPTION_SCORECARD,
        england=Benchmark(486.0, "2015-18", ADOPTION_SCORECARD, "3-year average"),
        target=426.0,
        tolerance=60.0,
        caveats="Target is the former national threshold of 426 days; the child's latest "
        "period of care starting on or before the placement is used.",
    ),
    Indicator(
        id="K-A2",
        title="Days from placement order to match with adopters",
        area=Area.ADOPTION,
        numerator="Total days from the placement order to the match",
        denominator="Children matched in the 3 years to the as-at date after a placement order",
        population="Children with a placement order",
        period=Period.THREE_YEARS,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.AVERAGE,
        source=ADOPTION_SCORECARD,
        target=121.0,
        tolerance=30.0,
        caveats="Target is the former national threshold of 121 days.",
    ),
)

_OPEN = "Children with an open referral (CIN episode) on the as-at date"

WORKFORCE: tuple[Indicator, ...] = (
    Indicator(
        id="K-CASELOAD",
        title="Average caseload per case-holding worker",
        area=Area.WORKFORCE,
        numerator="Children allocated to a named worker on the as-at date",
        denominator="Workers in post holding at least one child on the as-at date",
        population="Allocations",
        period=Period.AT_DATE,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.AVERAGE,
        source=LOCAL,
        target=18.0,
        tolerance=3.0,
        counts_children=True,
        caveats="A child allocated to two workers counts once for each. The distribution and "
        "workers over a local cap are not produced yet.",
    ),
    Indicator(
        id="K-UNALLOCATED",
        title="Children open to the service with no allocated worker",
        area=Area.WORKFORCE,
        numerator="Of those, children with no allocation to a named worker in post that day",
        denominator=_OPEN,
        population=_OPEN,
        period=Period.AT_DATE,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.PERCENT,
        source=LOCAL,
        target=0.0,
        tolerance=2.0,
        caveats="Days unallocated are not produced yet. An unallocated child is attributed to "
        "the team of an allocation without a worker, if any.",
    ),
    Indicator(
        id="K-WORKER-CHANGES",
        title="Children with 3 or more allocated workers in 12 months",
        area=Area.WORKFORCE,
        numerator="Of those, children allocated to 3 or more different workers in the 12 "
        "months to the date",
        denominator=_OPEN,
        population=_OPEN,
        period=Period.AT_DATE,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.PERCENT,
        source=LOCAL,
        target=10.0,
        tolerance=5.0,
    ),
    Indicator(
        id="K-OVERSIGHT",
        title="Children whose management oversight is within standard",
        area=Area.WORKFORCE,
        numerator="Of those, children with no overdue oversight clock (T-OVERSIGHT, "
        "T-OVERSIGHT-CP) on the date",
        denominator=_OPEN,
        population=_OPEN,
        period=Period.AT_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{LOCAL} ({WT})",
        target=95.0,
        tolerance=5.0,
        timescale_rules=("T-OVERSIGHT-CP", "T-OVERSIGHT"),
    ),
    Indicator(
        id="K-SUPERVISION",
        title="Workers supervised within standard",
        area=Area.WORKFORCE,
        numerator="Of those, workers with no overdue T-SUPERVISION clock on the date",
        denominator="Practitioners in post on the as-at date",
        population="Social workers, senior practitioners, front-door practitioners and "
        "personal advisers",
        period=Period.AT_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{LOCAL} (T-SUPERVISION)",
        target=95.0,
        tolerance=5.0,
        timescale_rules=("T-SUPERVISION",),
        counts_children=False,
    ),
    Indicator(
        id="K-OVERDUE",
        title="Open statutory tasks past their deadline",
        area=Area.WORKFORCE,
        numerator="Deadlines unmet and past their due date on the as-at date (every rule)",
        denominator="None (a count)",
        population="Every timescale rule's deadlines",
        period=Period.AT_DATE,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.COUNT,
        source=LOCAL,
        caveats="Counts deadlines, not children (a child may have several); the children "
        "listed are those with at least one. By rule and oldest are not produced yet.",
    ),
    Indicator(
        id="K-AUDIT-GOOD",
        title="Case audits graded good or better",
        area=Area.WORKFORCE,
        numerator="Audits in the period graded good or outstanding",
        denominator="Case audits completed in the period",
        population="Case audits",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=LOCAL,
        available=False,
        caveats="Not available from this dataset: it has no case audits frame (needs "
        "case_audits: audit_id, child_id, completed_on, grade).",
    ),
    Indicator(
        id="K-DRIFT",
        title="Children with an open drift finding older than 10 working days",
        area=Area.WORKFORCE,
        numerator="Children with a drift finding open for more than 10 working days",
        denominator="None (a count and a list)",
        population="Children with drift findings",
        period=Period.AT_DATE,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.COUNT,
        source=LOCAL,
        available=False,
        caveats="Not available from this dataset: drift findings are not a Dataset frame "
        "(needs drift_findings: finding_id, child_id, rule_id, raised_on, resolved_on).",
    ),
)
