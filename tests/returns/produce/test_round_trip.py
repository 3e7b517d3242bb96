"""Round trip on a seeded council: live record -> return files -> readers -> Dataset -> engine.

The indicators and clocks worked out from the CIN census and SSDA903 that Sightline writes must
be those worked out from the live record for the same as-at date, except where a return cannot
carry what a figure needs; each such exception is listed below with its reason, and the test
fails if an exception stops being needed (so the list cannot go stale).
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from sightline.engine.deadlines import evaluate_deadlines
from sightline.engine.indicators import evaluate_indicators
from sightline.oversight.dataset_loader import load_dataset
from sightline.returns.analyse import analyse
from sightline.returns.produce.cin import cin_census_write
from sightline.returns.produce.ssda903 import ssda903_write
from sightline.returns.produce.years import CollectionYear
from sightline.standards.indicators import INDICATORS

AS_AT = date(2026, 3, 31)

# Figures the returns cannot reproduce, and why (docs/returns.md, "What a return cannot carry").
DIFFERENCES: dict[str, str] = {
    "K-REREFERRAL": "the census holds the CIN episodes open in the year: a referral within 12 "
    "months of one that closed before the year is not seen as a re-referral",
    "K-CPP-REPEAT": "plans that ended before the year are not in the census (only counted in "
    "NumberOfPreviousCPP), so a later plan is not seen as a repeat",
    "K-CLA-STABLE": "the 903 holds the episodes open in the year: how long a child had been "
    "looked after before an episode that ended before the year is not known",
    "K-LAC-REVIEW": "the 903's Reviews table holds the year's reviews only, so review clocks "
    "chained from reviews before the year cannot be rebuilt",
    "K-A1": "the 903 does not date a fostering-for-adoption placement, which starts K-A1's "
    "count when there is one",
    "K-A2": "the 903 dates a match only for a child adopted in the year (AD1), so a child "
    "matched but not yet adopted has no match in the return",
}


@pytest.fixture(scope="module")
def round_trip(seeded, tmp_path_factory, django_db_blocker):
    folder = tmp_path_factory.mktemp("round-trip")
    year = CollectionYear.parse("2025-26")
    with django_db_blocker.unblock():
        cin_census_write(year=year, out=folder / "cin.xml")
        (folder / "903").mkdir()
        ssda903_write(year=year, out=folder / "903")
        live = load_dataset()
    files = analyse({"cin": folder / "cin.xml", "ssda903": folder / "903"}, AS_AT)
    return live, files


def _council(values: pl.DataFrame) -> dict[str, tuple[float, float]]:
    return {
        r["indicator_id"]: (r["numerator"], r["denominator"])
        for r in values.filter(pl.col("status") == "ok").iter_rows(named=True)
    }


@pytest.mark.django_db(transaction=True)
def test_indicators_from_the_returns_equal_the_live_records(round_trip):
    live, files = round_trip
    judged = files.indicators.filter(pl.col("status") == "ok")["indicator_id"].to_list()
    assert len(judged) >= 10, judged
    chosen = tuple(i for i in INDICATORS if i.id in judged)
    from_live = _council(
        evaluate_indicators(live, AS_AT, levels=["council"], indicators=chosen).values
    )
    from_files = _council(files.indicators)
    differing = {i: (from_live[i], from_files[i]) for i in judged if from_live[i] != from_files[i]}
    # Every difference is one the formats explain; whether each shows depends on the council
    # (a small one may have no fostering-for-adoption placement, say), so most but not all do.
    assert set(differing) <= set(DIFFERENCES), differing
    assert len(differing) >= 3, differing
    assert len(judged) - len(differing) >= 10
    # Something was counted: a round trip of empty figures proves nothing.
    assert sum(n for n, _ in from_files.values() if n) > 100


@pytest.mark.django_db(transaction=True)
def test_clocks_from_the_returns_equal_the_live_records_for_children_new_in_the_year(round_trip):
    """A return holds the collection year: a CIN episode, plan or period of care that began
    before it comes with only its in-year reviews, so its clock chains cannot be rebuilt (the
    DfE reads the previous year's return for that). For a child whose first referral and first
    period of care began in the year, the returns hold everything: every clock must agree."""
    live, files = round_trip
    rules = sorted(set(files.deadlines["rule_id"].to_list()))
    assert {"T-ASSESSMENT", "T-ICPC", "T-RCPC-1", "T-LAC-REVIEW-1"} <= set(rules)
    first = (
        pl.concat(
            [
                live["referrals"].select("child_id", day="referral_date"),
                live["lac_episodes"].select("child_id", day="start_date"),
            ]
        )
        .group_by("child_id")
        .agg(pl.col("day").min())
    )
    new = first.filter(pl.col("day") >= date(2025, 4, 1)).join(
        live["children"].select("child_id", child="la_child_id"), on="child_id"
    )
    columns = ["child", "rule_id", "clock_start", "due", "met_on", "status"]
    from_live = (
        evaluate_deadlines(live, AS_AT, rule_ids=rules)
        .join(new.select("child_id", "child"), on="child_id")
        .select(columns)
    )
    from_files = (
        files.deadlines.rename({"child_id": "child"})
        .join(new.select("child"), on="child", how="semi")
        .select(columns)
    )
    missing = from_live.join(from_files, on=columns, how="anti", nulls_equal=True)
    extra = from_files.join(from_live, on=columns, how="anti", nulls_equal=True)
    assert missing.height == 0 and extra.height == 0, (missing, extra)
    assert from_files.height > 50
    assert from_files["rule_id"].n_unique() >= 4
