"""What each return carries, what each rule reads, and so which rules a set of files can judge.

A rule is evaluable on files only when every frame it reads is one the returns carry: a CIN
census has CP plans but no visits, so the CP visit clock would show every visit as missed.
Such a rule is not run at all and is reported as not evaluable, naming what the files lack.
What each rule reads is found the way ``engine.deadlines.dependencies`` finds it: by running
it once over an empty dataset that notes every frame asked of it, so this cannot fall behind
the rule modules. A few rules read a frame the returns carry but a column they do not (a CIN
referral has no decision date): those are named in ``Coverage.cannot``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines.dependencies import _reads as deadline_reads
from sightline.engine.deadlines.dependencies import _RecordingDataset
from sightline.engine.deadlines.evaluation import Evaluation
from sightline.engine.findings.common import Drift
from sightline.engine.findings.evaluate import PRODUCERS as FINDING_PRODUCERS
from sightline.engine.indicators.evaluate import PRODUCERS as INDICATOR_PRODUCERS
from sightline.engine.indicators.points import Points
from sightline.engine.indicators.run import Run
from sightline.standards.calendar import default_calendar
from sightline.standards.drift import DriftRulebook, drift_rulebook
from sightline.standards.indicators import Indicator
from sightline.standards.timescales import Rulebook
from sightline.standards.timescales import rulebook as default_rulebook

__all__ = ["COVERAGE", "Coverage", "Judgeable", "judgeable"]

# Every source has the children; a rule reading only their dates needs nothing more.
_ALWAYS = frozenset({"children"})

# The records each frame holds, in words, for "the files do not carry ...".
FRAME_WORDS: dict[str, str] = {
    "contacts": "contacts",
    "referrals": "referrals",
    "assessments": "assessments",
    "strategy_discussions": "strategy discussions",
    "section47_enquiries": "section 47 enquiries",
    "conferences": "child protection conferences",
    "cp_plans": "child protection plans",
    "core_groups": "core group meetings",
    "cin_plans": "child in need plans",
    "cin_plan_reviews": "child in need plan reviews",
    "visits": "visits to the child",
    "agency_checks": "agency checks",
    "harm_concerns": "significant harm concerns",
    "oversight": "management oversight",
    "lac_episodes": "looked-after episodes",
    "care_plans": "care plans",
    "placement_plans": "placement plans",
    "iro_appointments": "IRO appointments",
    "lac_reviews": "looked-after reviews",
    "health_assessments": "dated health assessments",
    "dental_checks": "dated dental checks",
    "development_checks": "dated development checks",
    "sdq_scores": "dated SDQ scores",
    "education_plans": "personal education plans",
    "missing_episodes": "missing episodes",
    "permanence_plans": "permanence plans",
    "care_leavers": "care leavers' eligibility",
    "care_leaver_contacts": "dated contacts with care leavers",
    "needs_assessments": "care leavers' needs assessments",
    "leaving_care_accommodation": "leaving-care accommodation",
    "private_fostering": "private fostering arrangements",
    "pre_proceedings": "pre-proceedings",
    "pathway_plans": "pathway plans",
    "care_proceedings": "care proceedings",
    "adoptions": "adoption decisions",
    "workers": "workers",
    "teams": "teams",
    "allocations": "allocations to workers",
    "supervisions": "supervisions",
}


@dataclass(frozen=True)
class Coverage:
    """One return's frames, and the rules it cannot judge though it has their frames."""

    name: str
    frames: frozenset[str]
    cannot: dict[str, str] = field(default_factory=dict)


_ONLY_LOOKED_AFTER = (
    "the SSDA903 names the social workers of looked-after children only, so caseloads and "
    "allocations of other children cannot be judged from it"
)

COVERAGE: dict[str, Coverage] = {
    "cin": Coverage(
        "CIN census",
        frozenset(
            {
                "children",
                "referrals",
                "assessments",
                "strategy_discussions",
                "section47_enquiries",
                "conferences",
                "cp_plans",
                "cin_plans",
            }
        ),
        {
            "T-REFERRAL-DECISION": "the CIN census does not record when a referral was decided",
            "K-ASSESS-NOT-IN-NEED": "the CIN census does not record an assessment's outcome",
        },
    ),
    "ssda903": Coverage(
        "SSDA903",
        frozenset(
            {
                "children",
                "lac_episodes",
                "lac_reviews",
                "missing_episodes",
                "adoptions",
                "workers",
                "allocations",
            }
        ),
        {
            "T-RHI": "the SSDA903 does not record return home interviews",
            "K-RHI": "the SSDA903 does not record return home interviews",
            "T-ALLOCATION": _ONLY_LOOKED_AFTER,
            "K-CASELOAD": _ONLY_LOOKED_AFTER,
            "K-UNALLOCATED": _ONLY_LOOKED_AFTER,
            "K-WORKER-CHANGES": _ONLY_LOOKED_AFTER,
            "D-WORKER-CHANGES": _ONLY_LOOKED_AFTER,
        },
    ),
    "annex-a": Coverage(
        "Ofsted Annex A",
        frozenset(
            {
                "children",
                "contacts",
                "referrals",
                "assessments",
                "strategy_discussions",
                "section47_enquiries",
                "conferences",
                "cp_plans",
                "visits",
                "lac_episodes",
                "lac_reviews",
                "health_assessments",
                "dental_checks",
                "permanence_plans",
                "care_leavers",
                "care_leaver_contacts",
                "pathway_plans",
                "adoptions",
                "teams",
                "workers",
                "allocations",
            }
        ),
        {
            "T-CONTACT-DECISION": "Annex A gives a contact's date but not its decision or time",
            "K-CONTACT-1WD": "Annex A gives a contact's date but not its decision or time",
            "T-REFERRAL-DECISION": "Annex A does not record when a referral was decided",
            "T-ASSESSMENT-SEEN": "Annex A says whether the child was seen, not when",
        },
    ),
}


def _recorded(produce) -> frozenset[str]:
    recording = _RecordingDataset(Dataset.from_frames())
    produce(recording)
    return frozenset(recording.read)


@functools.cache
def _deadline_view_reads() -> frozenset[str]:
    """What an indicator's view of every deadline reads (K-OVERDUE reads nothing else)."""
    return indicator_reads("K-OVERDUE")


@functools.cache
def indicator_reads(indicator_id: str) -> frozenset[str]:
    """The frames an indicator's producer reads over an empty dataset."""
    points = Points.trend(date(2025, 1, 1), 1)

    def produce(recording):
        run = Run(recording, points, default_rulebook(), default_calendar())
        INDICATOR_PRODUCERS[indicator_id](run)

    return _recorded(produce)


@functools.cache
def finding_reads(rule_id: str) -> frozenset[str]:
    """The frames a drift rule's producer (one that reads no clocks) reads; thresholds do not
    change what a rule reads, so the published rulebook stands for any council's."""
    rules = drift_rulebook()
    empty = pl.DataFrame(schema={"rule_id": pl.String})

    def produce(recording):
        ev = Evaluation(recording, date(2025, 1, 1), default_rulebook(), default_calendar())
        FINDING_PRODUCERS[rule_id](Drift(ev, rules, empty))

    return _recorded(produce)


@dataclass(frozen=True)
class Judgeable:
    """Which deadline, indicator and finding rules the files can judge; why not the rest."""

    deadlines: tuple[str, ...]
    indicators: tuple[str, ...]
    findings: tuple[str, ...]
    not_evaluable: pl.DataFrame  # kind, rule_id, title, why


def _lacking(needs: Iterable[str], carried: frozenset[str]) -> list[str]:
    return sorted(set(needs) - carried - _ALWAYS, key=list(FRAME_WORDS).index)


def _because(names: list[str], sources: str) -> str:
    words = [FRAME_WORDS[n] for n in names]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return f"the {sources} no {listed}"


def judgeable(
    kinds: Iterable[str],
    rulebook: Rulebook,
    indicators: tuple[Indicator, ...],
    drift: DriftRulebook,
) -> Judgeable:
    """Sort every rule into evaluable on the returns of ``kinds`` or not (with why)."""
    coverages = [COVERAGE[k] for k in kinds]
    carried = frozenset().union(*(c.frames for c in coverages))
    sources = " and ".join(c.name for c in coverages) + (
        " carries" if len(coverages) == 1 else " carry"
    )
    cannot: dict[str, str] = {}
    for coverage in coverages:
        for rule_id, why in coverage.cannot.items():
            # Another file may carry what this one lacks (an Annex A beside a census has the
            # contacts' dates but still not their decisions): a rule stays judgeable when
            # some file that has all its frames is not among those that cannot.
            cannot.setdefault(rule_id, why)
    for rule_id in list(cannot):
        if any(
            rule_id not in c.cannot and _covers(c, rule_id, rulebook, indicators, drift)
            for c in coverages
        ):
            del cannot[rule_id]
    rows: list[dict] = []

    def verdict(kind: str, rule_id: str, title: str, needs: Iterable[str]) -> bool:
        lacking = _lacking(needs, carried)
        why = _because(lacking, sources) if lacking else cannot.get(rule_id)
        if why:
            rows.append({"kind": kind, "rule_id": rule_id, "title": title, "why": why})
        return not why

    deadline_ids = tuple(
        rule_id
        for rule_id, rule in rulebook.items()
        if verdict("deadline", rule_id, rule.title, deadline_reads()[rule_id])
    )
    driven = [
        rule_id
        for rule_id, rule in rulebook.items()
        if rule.record_type in carried and rule_id not in deadline_ids
    ]
    indicator_ids = []
    for indicator in indicators:
        if not indicator.available:
            continue  # the engine reports these itself, as not available from any dataset
        if indicator.id == "K-OVERDUE" and driven:
            rows.append(
                {
                    "kind": "indicator",
                    "rule_id": indicator.id,
                    "title": indicator.title,
                    "why": "it would count clocks the files cannot judge ("
                    + ", ".join(driven)
                    + ") as overdue",
                }
            )
            continue
        if verdict("indicator", indicator.id, indicator.title, indicator_needs(indicator)):
            indicator_ids.append(indicator.id)
    finding_ids = []
    for rule in drift.rules():
        if not rule.evaluable:
            rows.append(
                {
                    "kind": "finding",
                    "rule_id": rule.id,
                    "title": rule.title,
                    "why": rule.not_evaluable_because,
                }
            )
            continue
        if rule.timescales:
            usable = [t for t in rule.timescales if t in deadline_ids]
            if not usable:
                rows.append(
                    {
                        "kind": "finding",
                        "rule_id": rule.id,
                        "title": rule.title,
                        "why": "none of the clocks it reads ("
                        + ", ".join(rule.timescales)
                        + ") can be judged from the files",
                    }
                )
                continue
            finding_ids.append(rule.id)
        elif verdict("finding", rule.id, rule.title, finding_reads(rule.id)):
            finding_ids.append(rule.id)
    return Judgeable(
        deadlines=deadline_ids,
        indicators=tuple(indicator_ids),
        findings=tuple(finding_ids),
        not_evaluable=pl.DataFrame(
            rows,
            schema={"kind": pl.String, "rule_id": pl.String, "title": pl.String, "why": pl.String},
        ),
    )


def indicator_needs(indicator: Indicator) -> frozenset[str]:
    """An indicator's frames: its own reads, and those of the clocks it reads (not every
    clock's, which the view of the deadlines reads whenever it is asked for one)."""
    reads = indicator_reads(indicator.id)
    if indicator.timescale_rules:
        reads = reads - _deadline_view_reads()
        for rule_id in indicator.timescale_rules:
            reads = reads | deadline_reads()[rule_id]
    return reads


def _covers(coverage: Coverage, rule_id: str, rulebook, indicators, drift) -> bool:
    if rule_id in rulebook:
        needs = deadline_reads()[rule_id]
    else:
        found = [i for i in indicators if i.id == rule_id]
        if not found:
            return False
        needs = indicator_needs(found[0])
    return not _lacking(needs, coverage.frames)
