"""Child protection indicators (CIN census definitions)."""

from __future__ import annotations

from sightline.standards.indicators.catalogue.sources import CIN, CIN_CENSUS, LOCAL, WT
from sightline.standards.indicators.definitions import (
    Area,
    Benchmark,
    Indicator,
    Measure,
    Period,
    Polarity,
)

__all__ = ["CHILD_PROTECTION"]

_A = Area.CHILD_PROTECTION
_YEAR = "2024-25"
_RATE_CAVEAT = "A rate only for the whole council; teams and workers show the count."

CHILD_PROTECTION: tuple[Indicator, ...] = (
    Indicator(
        id="K-S47",
        title="Section 47 enquiries per 10,000 children",
        area=_A,
        numerator="Section 47 enquiries starting in the period",
        denominator="The council's child population aged 0-17, per 10,000",
        population="Every section 47 enquiry",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.CONTEXT,
        measure=Measure.RATE_PER_10000,
        source=CIN_CENSUS,
        england=Benchmark(189.0, _YEAR, CIN, "approximate; 191.6 in 2023"),
        caveats=_RATE_CAVEAT,
    ),
    Indicator(
        id="K-ICPC-15",
        title="Initial conferences within 15 working days",
        area=_A,
        numerator="Initial conferences held in the period within 15 working days of the "
        "strategy discussion that started the section 47 enquiry",
        denominator="Initial conferences held in the period that followed a section 47 enquiry",
        population="Section 47 enquiries that led to an initial conference",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{WT}; {CIN_CENSUS}",
        england=Benchmark(81.4, _YEAR, CIN, "approximate; median 14 working days"),
        target=81.4,
        tolerance=5.0,
        timescale_rules=("T-ICPC",),
        caveats="Without a linked strategy discussion the enquiry's start date starts the "
        "clock (T-ICPC).",
    ),
    Indicator(
        id="K-CPP-RATE",
        title="Children on child protection plans per 10,000 children",
        area=_A,
        numerator="Children on a child protection plan on the as-at date",
        denominator="The council's child population aged 0-17, per 10,000",
        population="Children on child protection plans",
        period=Period.AT_DATE,
        polarity=Polarity.CONTEXT,
        measure=Measure.RATE_PER_10000,
        source=CIN_CENSUS,
        england=Benchmark(40.5, _YEAR, CIN, "approximate; 43.2 in 2023"),
        caveats=_RATE_CAVEAT,
    ),
    Indicator(
        id="K-CPP-REPEAT",
        title="Child protection plans that are a second or subsequent plan",
        area=_A,
        numerator="Plans starting in the period where the child had an earlier plan (ever)",
        denominator="Plans starting in the period",
        population="Child protection plans",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.PERCENT,
        source=CIN_CENSUS,
        england=Benchmark(23.5, _YEAR, CIN, "unconfirmed; published as about 23-24%"),
        target=23.5,
        tolerance=3.0,
        caveats="'Ever' means in the records the dataset holds; plans kept elsewhere are unseen.",
    ),
    Indicator(
        id="K-CPP-2YR",
        title="Plans ending that lasted 2 years or more",
        area=_A,
        numerator="Plans ending in the period that had lasted 2 years or more",
        denominator="Plans ending in the period",
        population="Child protection plans",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.LOWER_IS_BETTER,
        measure=Measure.PERCENT,
        source=CIN_CENSUS,
        england=Benchmark(4.4, _YEAR, CIN),
        target=4.4,
        tolerance=2.0,
    ),
    Indicator(
        id="K-CPP-REVIEW",
        title="Child protection plans reviewed on time",
        area=_A,
        numerator="Of those, plans all of whose review conferences due by the as-at date were "
        "held by their due dates (T-RCPC-1, T-RCPC)",
        denominator="Children on a plan on the as-at date that had lasted 3 months or more",
        population="Children on child protection plans",
        period=Period.AT_DATE,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{WT}; {CIN_CENSUS} (reviews within timescales)",
        target=100.0,
        tolerance=5.0,
        timescale_rules=("T-RCPC-1", "T-RCPC"),
    ),
    Indicator(
        id="K-CP-VISITS",
        title="Child protection plan days covered by an in-time visit",
        area=_A,
        numerator="Plan-days in the period on which the child's visit was not overdue",
        denominator="Plan-days in the period (each day a child was on a plan, to the as-at date)",
        population="Children on child protection plans",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{LOCAL} (T-CP-VISIT: the council's visiting standard)",
        target=95.0,
        tolerance=5.0,
        timescale_rules=("T-CP-VISIT",),
        caveats="A day is uncovered from the day after a visit fell due until the day a visit "
        "with the child seen was made. The list of children not seen for more than 10 working "
        "days is not produced yet.",
    ),
    Indicator(
        id="K-SEEN-ALONE",
        title="Child protection visits where the child was seen alone",
        area=_A,
        numerator="Of those, visits recording the child seen alone",
        denominator="Child protection visits in the period with the child seen, to children "
        "aged 4 or over on the visit date",
        population="Children on child protection plans",
        period=Period.TWELVE_MONTHS,
        polarity=Polarity.HIGHER_IS_BETTER,
        measure=Measure.PERCENT,
        source=f"{LOCAL} ({WT}: children should be seen alone where appropriate)",
        target=90.0,
        tolerance=10.0,
        caveats="'Of speaking age' is taken as aged 4 or over (a local choice); the dataset "
        "does not record communication needs.",
    ),
)
