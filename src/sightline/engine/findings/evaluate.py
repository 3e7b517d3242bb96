"""``evaluate_findings``: every drift rule over a dataset as at a date, one row per finding."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import polars as pl

from sightline.engine.as_at import as_known_at
from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.engine.deadlines.clocks import collect
from sightline.engine.deadlines.evaluate import responsible
from sightline.engine.deadlines.evaluation import Evaluation
from sightline.engine.findings import front_door, plans, stability
from sightline.engine.findings.common import CANDIDATE_SCHEMA, Drift
from sightline.engine.findings.overdue import overdue_findings
from sightline.standards.calendar import WorkingCalendar, default_calendar
from sightline.standards.drift import DriftRulebook, drift_rulebook
from sightline.standards.timescales import Rulebook
from sightline.standards.timescales import rulebook as timescale_rulebook

__all__ = ["FINDING_SCHEMA", "evaluate_findings", "timescales_read"]

FINDING_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.Int64,
    "rule_id": pl.String,
    "severity": pl.String,
    "since": pl.Date,
    "evidence": pl.String,
    "record_type": pl.String,
    "record_id": pl.Int64,
    "worker_id": pl.Int64,
    "team_id": pl.Int64,
}

PRODUCERS = {**front_door.PRODUCERS, **plans.PRODUCERS, **stability.PRODUCERS}


def timescales_read(rules: DriftRulebook, rule_ids: Collection[str] | None = None) -> list[str]:
    """The timescale rules whose deadlines the (chosen) drift rules read, in catalogue order."""
    wanted = set(rules) if rule_ids is None else set(rule_ids)
    read = []
    for rule in rules.rules():
        if rule.id in wanted and rule.evaluable:
            read.extend(t for t in rule.timescales if t not in read)
    return read


def evaluate_findings(
    dataset: Dataset,
    as_at: date,
    rules: DriftRulebook | None = None,
    timescales: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    *,
    deadlines: pl.DataFrame | None = None,
    rule_ids: Collection[str] | None = None,
) -> pl.DataFrame:
    """Every drift finding in ``dataset`` as at ``as_at``, one row per (child, rule).

    The dataset is cut to what was known on ``as_at``. A rule fires for a child when its
    ``since`` date (the first day it held) is on or before ``as_at``; several records making
    the same rule fire (two overdue visits) give one finding, for the earliest since, naming
    that record (ties: lowest record ID). A rule superseded by a graver one that also fires
    for the child is dropped. Rules that read overdue clocks take ``deadlines``, the output of
    ``evaluate_deadlines`` for the same dataset and date under ``timescales``, when given
    (the nightly run has it already); otherwise only the timescale rules they read are
    evaluated here. Rules that are not evaluable on a dataset never produce rows.

    ``worker_id``/``team_id`` are attributed as the deadline engine attributes a child's
    deadlines: the allocation open on the as-at date (latest start if several), its team or
    else the worker's team. Rows come ordered by child, then rule in catalogue order.
    """
    rules = rules if rules is not None else drift_rulebook()
    timescales = timescales if timescales is not None else timescale_rulebook()
    calendar = calendar if calendar is not None else default_calendar()
    wanted = set(rules) if rule_ids is None else set(rule_ids)
    unknown = wanted - set(rules)
    if unknown:
        raise ValueError(f"unknown drift rules: {', '.join(sorted(unknown))}")
    chosen = [rule for rule in rules.rules() if rule.id in wanted and rule.evaluable]
    clock_rules = [rule.id for rule in chosen if rule.timescales]
    read = timescales_read(rules, wanted)
    if deadlines is None:
        deadlines = (
            evaluate_deadlines(dataset, as_at, timescales, calendar, rule_ids=read)
            if read
            else pl.DataFrame(schema={"rule_id": pl.String})
        )
    drift = Drift(
        Evaluation(as_known_at(dataset, as_at), as_at, timescales, calendar), rules, deadlines
    )
    parts = [PRODUCERS[rule.id](drift) for rule in chosen if not rule.timescales]
    if clock_rules:
        parts.append(overdue_findings(drift, clock_rules))
    candidates = collect(pl.concat(parts) if parts else pl.LazyFrame(schema=CANDIDATE_SCHEMA))
    return _finish(candidates, drift)


def _finish(candidates: pl.DataFrame, drift: Drift) -> pl.DataFrame:
    """One row per (child, rule), supersession, severity, the responsible worker, order."""
    order = {rule_id: code for code, rule_id in enumerate(drift.rules)}
    frame = (
        candidates.lazy()
        .filter(pl.col("since").is_not_null() & (pl.col("since") <= drift.as_at))
        .with_columns(rule=pl.col("rule_id").replace_strict(order, return_dtype=pl.UInt16))
        .sort("child_id", "rule", "since", "record_id", nulls_last=True)
        .unique(["child_id", "rule"], keep="first", maintain_order=True)
    )
    for rule in drift.rules.rules():
        if rule.superseded_by is None:
            continue
        graver = frame.filter(pl.col("rule_id") == rule.superseded_by).select("child_id")
        superseded = frame.filter(pl.col("rule_id") == rule.id).join(
            graver, on="child_id", how="semi"
        )
        frame = frame.join(
            superseded.select("child_id", "rule"), on=["child_id", "rule"], how="anti"
        )
    severity = {rule.id: rule.severity.value for rule in drift.rules.rules()}
    frame = frame.with_columns(
        severity=pl.col("rule_id").replace_strict(severity, return_dtype=pl.String),
        worker_id=pl.lit(None, dtype=pl.Int64),
    )
    return collect(
        responsible(frame, drift.ev)
        .sort("child_id", "rule", maintain_order=True)
        .select(pl.col(name).cast(dtype) for name, dtype in FINDING_SCHEMA.items())
    )
