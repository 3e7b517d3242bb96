"""Read a council's return files into one `Dataset` and run the whole engine over it.

No database is read: the children, their records and the workers are the files' own. The same
``evaluate_deadlines``, ``evaluate_indicators`` and ``evaluate_findings`` run here as on the
live record, restricted to the rules the files can judge (``coverage``); the rest are listed
as not evaluable, with why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import DEADLINE_SCHEMA, evaluate_deadlines
from sightline.engine.findings import evaluate_findings
from sightline.engine.indicators import VALUE_SCHEMA, evaluate_indicators
from sightline.returns.analyse.combine import ORDER, combine
from sightline.returns.analyse.coverage import judgeable
from sightline.standards.calendar import WorkingCalendar, default_calendar
from sightline.standards.drift import DriftRulebook, drift_rulebook
from sightline.standards.indicators import INDICATORS, Indicator
from sightline.standards.timescales import Rulebook
from sightline.standards.timescales import rulebook as default_rulebook

__all__ = ["Analysis", "AnalysisError", "analyse", "collection_year_of", "read_returns"]


class AnalysisError(ValueError):
    """Files that cannot be analysed; ``problems`` locates each fault, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Analysis:
    """Everything one run found, ready to be written (``report``)."""

    as_at: date
    files: dict[str, str]
    dataset: Dataset
    deadlines: pl.DataFrame
    indicators: pl.DataFrame
    findings: pl.DataFrame
    not_evaluable: pl.DataFrame
    counts: dict[str, int] = field(default_factory=dict)


def collection_year_of(day: date) -> str:
    """The collection year (1 April to 31 March) a day falls in, written "2025-26"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


CIN_NOTES = [
    "CIN census: the census holds the CIN episodes open in the collection year, so a "
    "re-referral or repeat plan following one that ended before the year is not seen as one.",
    "CIN census: a referral decided 'no further action' is taken as decided on its closure "
    "date; the census gives no decision date for other referrals.",
]


def _read_cin(path: Path, as_at: date) -> Dataset:
    from sightline.returns.cin import CensusReadError, read_census
    from sightline.returns.cin.dataset import census_dataset

    try:
        tables = read_census(path, collection_year=collection_year_of(as_at))
    except CensusReadError as error:
        raise AnalysisError([str(error)]) from None
    dataset = census_dataset(tables)
    return Dataset(frames=dataset.frames, source=dataset.source, notes=list(CIN_NOTES))


def _read_ssda903(path: Path, as_at: date) -> Dataset:
    from sightline.returns.ssda903.dataset import NOTES, ssda903_dataset
    from sightline.returns.ssda903.reader import ReturnReadError, read_return

    try:
        tables = read_return(path)  # a directory of CSV tables, or the 903 XML file
    except ReturnReadError as error:
        raise AnalysisError([str(p) for p in error.problems]) from None
    dataset = ssda903_dataset(tables)
    return Dataset(frames=dataset.frames, source=dataset.source, notes=list(NOTES))


def _read_annex_a(path: Path, as_at: date) -> Dataset:
    from sightline.returns.annex_a.dataset import annex_a_dataset
    from sightline.returns.annex_a.reader import read_annex_a

    if not Path(path).is_file():
        raise AnalysisError([f"{path}: no such file"])
    workbook = read_annex_a(path)
    if not workbook.ok:
        raise AnalysisError([f"{path}: {problem}" for problem in workbook.errors])
    if not workbook.lists:
        raise AnalysisError([f"{path}: no sheet holds any of Annex A's Lists 1-11"])
    return annex_a_dataset(workbook, as_at=as_at)


_READERS = {"cin": _read_cin, "ssda903": _read_ssda903, "annex-a": _read_annex_a}


def read_returns(files: dict[str, Path | str], as_at: date) -> Dataset:
    """The dataset of the given files (kind -> path), every file's faults reported together."""
    if not files:
        raise AnalysisError(["no return given: name a CIN census, an SSDA903 or an Annex A"])
    unknown = set(files) - set(ORDER)
    if unknown:
        raise ValueError(f"unknown return kinds: {', '.join(sorted(unknown))}")
    datasets: dict[str, Dataset] = {}
    problems: list[str] = []
    for kind in sorted(files, key=ORDER.index):
        try:
            datasets[kind] = _READERS[kind](Path(files[kind]), as_at)
        except AnalysisError as error:
            problems.extend(error.problems)
    if problems:
        raise AnalysisError(problems)
    return combine(datasets)


def analyse(
    files: dict[str, Path | str],
    as_at: date,
    *,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    drift: DriftRulebook | None = None,
    indicators: tuple[Indicator, ...] = INDICATORS,
    child_population: int | None = None,
) -> Analysis:
    """Read ``files`` and evaluate every rule they can judge as at ``as_at``."""
    rulebook = rulebook if rulebook is not None else default_rulebook()
    calendar = calendar if calendar is not None else default_calendar()
    drift = drift if drift is not None else drift_rulebook(None, calendar)
    dataset = read_returns(files, as_at)
    judged = judgeable(files, rulebook, indicators, drift)
    deadlines = (
        evaluate_deadlines(dataset, as_at, rulebook, calendar, rule_ids=judged.deadlines)
        if judged.deadlines
        else None
    )
    if deadlines is None:
        deadlines = pl.DataFrame(schema=DEADLINE_SCHEMA)
    findings = evaluate_findings(
        dataset,
        as_at,
        drift,
        rulebook,
        calendar,
        deadlines=deadlines,
        rule_ids=judged.findings,
    )
    chosen = tuple(i for i in indicators if i.id in judged.indicators)
    if chosen:
        values = evaluate_indicators(
            dataset,
            as_at,
            levels=["council"],
            indicators=chosen,
            child_population=child_population,
            rulebook=rulebook,
            calendar=calendar,
        ).values
    else:
        values = pl.DataFrame(schema=VALUE_SCHEMA)
    children = dataset["children"].select("child_id", "la_child_id")
    workers = dataset["workers"].select("worker_id", pl.col("name").alias("worker"))
    teams = dataset["teams"].select("team_id", pl.col("name").alias("team"))

    def named(frame: pl.DataFrame) -> pl.DataFrame:
        return (
            frame.join(children, on="child_id", how="left")
            .join(workers, on="worker_id", how="left")
            .join(teams, on="team_id", how="left")
        )

    deadline_rows = named(deadlines).select(
        pl.col("la_child_id").alias("child_id"),
        "rule_id",
        "record_type",
        "record_id",
        "clock_start",
        "due",
        "met_on",
        "status",
        "working_days_overdue",
        "working_days_late",
        "worker",
        "team",
    )
    finding_rows = named(findings).select(
        pl.col("la_child_id").alias("child_id"),
        "rule_id",
        "severity",
        "since",
        "evidence",
        "record_type",
        "record_id",
        "worker",
        "team",
    )
    titles = pl.DataFrame(
        {"indicator_id": [i.id for i in indicators], "title": [i.title for i in indicators]}
    )
    unavailable = pl.DataFrame(
        {
            "indicator_id": [i.id for i in indicators if not i.available],
            "status": [f"not available: {i.caveats}" for i in indicators if not i.available],
        },
        schema={"indicator_id": pl.String, "status": pl.String},
    )
    refused = judged.not_evaluable.filter(pl.col("kind") == "indicator").select(
        pl.col("rule_id").alias("indicator_id"),
        ("not evaluable: " + pl.col("why")).alias("status"),
    )
    order = {i.id: n for n, i in enumerate(indicators)}
    indicator_rows = (
        pl.concat(
            [
                values.select(
                    "indicator_id",
                    "period_start",
                    "period_end",
                    "numerator",
                    "denominator",
                    "value",
                    "england",
                    "target",
                    "rag",
                    "status",
                ),
                pl.concat([unavailable, refused]).with_columns(
                    period_start=pl.lit(None, pl.Date), period_end=pl.lit(as_at, pl.Date)
                ),
            ],
            how="diagonal_relaxed",
        )
        .join(titles, on="indicator_id", how="left")
        .with_columns(order=pl.col("indicator_id").replace_strict(order, return_dtype=pl.Int32))
        .sort("order")
        .select(
            "indicator_id",
            "title",
            "period_start",
            "period_end",
            "numerator",
            "denominator",
            "value",
            "england",
            "target",
            "rag",
            "status",
        )
    )
    counts = {
        "children": dataset["children"].height,
        **{name: frame.height for name, frame in dataset.frames.items() if frame.height},
    }
    return Analysis(
        as_at=as_at,
        files={k: str(v) for k, v in files.items()},
        dataset=dataset,
        deadlines=deadline_rows,
        indicators=indicator_rows,
        findings=finding_rows,
        not_evaluable=judged.not_evaluable,
        counts=counts,
    )
