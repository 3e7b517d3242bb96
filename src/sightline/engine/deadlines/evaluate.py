"""``evaluate_deadlines``: every timescale rule over a dataset as at a date, in one frame."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import numpy as np
import polars as pl

from sightline.engine.as_at import as_known_at
from sightline.engine.dataset import SCHEMAS, Dataset
from sightline.engine.deadlines import (
    adoption_and_private_fostering,
    care_leavers,
    care_planning,
    front_door,
    health_education,
    looked_after,
    protection,
    workforce,
)
from sightline.engine.deadlines.clocks import (
    CANDIDATE_SCHEMA,
    collect,
    due_dates,
    open_on,
    working_days_between,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards.calendar import WorkingCalendar, default_calendar
from sightline.standards.timescales import RULES, Rulebook
from sightline.standards.timescales import rulebook as default_rulebook

__all__ = [
    "CHILD_RULE_IDS",
    "DEADLINE_SCHEMA",
    "DUE_SOON_WORKING_DAYS",
    "status_on",
    "STATUSES",
    "evaluate_deadlines",
    "responsible",
]

# How far ahead "due soon" looks, in working days after the as-at date (timescales.md).
DUE_SOON_WORKING_DAYS = 5

STATUSES = ("met", "met_late", "overdue", "due_soon", "pending")

DEADLINE_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.Int64,
    "rule_id": pl.String,
    "record_type": pl.String,
    "record_id": pl.Int64,
    "sequence": pl.Int32,
    "clock_start": pl.Date,
    "due": pl.Date,
    "met_on": pl.Date,
    "met_by_id": pl.Int64,
    "status": pl.String,
    "working_days_overdue": pl.Int32,
    "working_days_late": pl.Int32,
    "context_end": pl.Date,
    "worker_id": pl.Int64,
    "team_id": pl.Int64,
    "is_cp": pl.Boolean,
    "is_looked_after": pl.Boolean,
}

# Rules whose deadlines belong to a child, i.e. all but the workforce's. One child's dataset
# (``Dataset.for_children``) keeps the workers and supervisions frames whole, so a case page or
# a per-child refresh should pass ``rule_ids=CHILD_RULE_IDS`` rather than re-evaluate every
# worker's supervision.
CHILD_RULE_IDS: tuple[str, ...] = tuple(
    rule.id for rule in RULES if SCHEMAS[rule.record_type].get("child_id") is not None
)

PRODUCERS: dict[tuple[str, ...], Producer] = {
    **front_door.PRODUCERS,
    **protection.PRODUCERS,
    **looked_after.PRODUCERS,
    **care_planning.PRODUCERS,
    **adoption_and_private_fostering.PRODUCERS,
    **health_education.PRODUCERS,
    **care_leavers.PRODUCERS,
    **workforce.PRODUCERS,
}


def evaluate_deadlines(
    dataset: Dataset,
    as_at: date,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    *,
    rule_ids: Collection[str] | None = None,
) -> pl.DataFrame:
    """Every deadline instance in ``dataset`` as at ``as_at``, one row each (``DEADLINE_SCHEMA``).

    The dataset is first cut to what was known on ``as_at`` (``as_known_at``). Counting follows
    timescales.md: the clock start is day 0; a deadline is met when the meeting event is on or
    before the due date. Status as at D: ``met``/``met_late`` once met; otherwise ``overdue``
    if due before D, ``due_soon`` if due by the 5th working day after D, else ``pending``.

    ``working_days_overdue`` (overdue rows only) counts working days after the due date up to D,
    or up to the context's end if it has ended (a plan's missed visit stops growing when the
    plan ends); it is 0 on a weekend after a Friday due date. ``working_days_late`` (met_late
    rows only) counts working days after the due date up to the day it was met.

    ``sequence`` numbers a recurring rule's clocks within their context (0 = from the context
    start, k = from the k-th event; null for one-off rules); ``met_by_id`` is the meeting
    record's ID in the frame that meets the rule; ``context_end`` is when the plan, period of
    care or case ended.
    ``worker_id``/``team_id`` are the child's allocation open on D (start <= D <= end, latest
    start if several) or, for T-SUPERVISION, the worker and their team. ``is_cp`` and
    ``is_looked_after`` say whether the child was on a CP plan / looked after on D.

    Rows come ordered by child (worker-owned rows last), rule in catalogue order, record,
    sequence and clock start. ``rule_ids`` restricts the evaluation to some rules (default:
    every rule; ``CHILD_RULE_IDS`` for one child's page).
    """
    rulebook = rulebook if rulebook is not None else default_rulebook()
    calendar = calendar if calendar is not None else default_calendar()
    wanted = set(rulebook) if rule_ids is None else set(rule_ids)
    unknown = wanted - set(rulebook)
    if unknown:
        raise ValueError(f"unknown timescale rules: {', '.join(sorted(unknown))}")
    ev = Evaluation(as_known_at(dataset, as_at), as_at, rulebook, calendar)
    parts = [
        producer.produce(ev)
        for rules, producer in PRODUCERS.items()
        if wanted.intersection(rules) and producer.has_rows(ev.dataset)
    ]
    # Every rule's plan runs in one collect: Polars works through the branches in parallel, and
    # one child's evaluation pays the fixed cost of running a plan once rather than per step.
    candidates = collect(
        pl.concat(parts).filter(pl.col("rule_id").is_in(sorted(wanted)))
        if parts
        else pl.LazyFrame(schema=CANDIDATE_SCHEMA)
    )
    return _finish(candidates, ev)


def status_on(*, due: date, met_on: date | None, as_at: date, due_soon_by: date) -> str:
    """One clock's status as at ``as_at``: the rule ``_finish`` applies to every row at once.

    For pages that show a stored deadline's status today, between the engine's runs: an open
    clock due yesterday is overdue today. ``due_soon_by`` is ``as_at`` plus
    ``DUE_SOON_WORKING_DAYS`` working days. ``tests/engine/test_status_parity.py`` checks the
    two agree on every clock of a council, on every day of a span.
    """
    if met_on is not None:
        return "met_late" if met_on > due else "met"
    if due < as_at:
        return "overdue"
    return "due_soon" if due <= due_soon_by else "pending"


def _finish(candidates: pl.DataFrame, ev: Evaluation) -> pl.DataFrame:
    """Due dates, applicability, order, statuses, day counts and the responsible worker."""
    as_at = pl.lit(ev.as_at, dtype=pl.Date)
    due_soon_by = pl.lit(
        ev.calendar.add_working_days(ev.as_at, DUE_SOON_WORKING_DAYS), dtype=pl.Date
    )
    rule_order = {rule_id: code for code, rule_id in enumerate(ev.rulebook)}
    # A clock whose context ended (or stopped applying) before it was met and before it was
    # due never became a deadline: the plan ended, the child left care, the case closed. One
    # due on the very day the context ended had its whole time, so it stays.
    last_day = pl.min_horizontal("context_end", "applies_until")
    met = pl.col("met_on").is_not_null()
    frame = (
        candidates.with_columns(due_dates(candidates, ev.calendar))
        .filter(met | last_day.is_null() | (last_day >= pl.col("due")))
        .select(
            pl.exclude("rule_id", "unit", "amount", "fixed_due", "applies_until"),
            rule=pl.col("rule_id").replace_strict(rule_order, return_dtype=pl.UInt16),
        )
    )
    frame = frame[_order(frame)]
    is_late = met & (pl.col("met_on") > pl.col("due"))
    is_overdue = ~met & (pl.col("due") < as_at)
    frame = frame.with_columns(
        status=pl.when(is_late)
        .then(pl.lit("met_late"))
        .when(met)
        .then(pl.lit("met"))
        .when(is_overdue)
        .then(pl.lit("overdue"))
        .when(pl.col("due") <= due_soon_by)
        .then(pl.lit("due_soon"))
        .otherwise(pl.lit("pending")),
        # Late: counted to the day it was met. Overdue: to the as-at date, or to the day the
        # context ended, since a plan's missed visit is not "more overdue" every day after the
        # plan closed.
        counted_to=pl.when(is_late)
        .then(pl.col("met_on"))
        .when(is_overdue)
        .then(pl.min_horizontal(as_at, "context_end")),
        rule_id=pl.col("rule").replace_strict(
            {code: rule_id for rule_id, code in rule_order.items()}, return_dtype=pl.String
        ),
        # A clock started by a record of another frame than the rule's own says so (T-STRATEGY
        # from a referral).
        record_type=pl.coalesce(
            "record_type",
            pl.col("rule").replace_strict(
                {code: ev.rulebook[rule_id].record_type for rule_id, code in rule_order.items()},
                return_dtype=pl.String,
            ),
        ),
    )
    counted = working_days_between(frame["due"], frame["counted_to"], ev.calendar)
    frame = frame.with_columns(
        working_days_overdue=pl.when(pl.col("status") == "overdue").then(counted),
        working_days_late=pl.when(pl.col("status") == "met_late").then(counted),
    )
    return collect(
        responsible(frame.lazy(), ev).select(
            pl.col(name).cast(dtype) for name, dtype in DEADLINE_SCHEMA.items()
        )
    )


def _order(frame: pl.DataFrame) -> np.ndarray:
    """Row order by child, rule (catalogue order), record, sequence and clock start.

    Packed into two integer keys for ``numpy.lexsort``, several times faster over a million
    rows than a five-column Polars sort. The packing holds within limits no council reaches
    (child IDs below 2**54, 256 rules, record IDs below 2**35, 4,095 clocks in a chain,
    dates between 1880 and 2059); beyond
    them the order is still by child and rule.
    """
    day = (pl.col("clock_start").cast(pl.Int64) + 32_768).clip(0, 65_535)
    sequence = (pl.col("sequence").cast(pl.Int64) + 1).fill_null(0).clip(0, 4_095)
    record = pl.col("record_id").fill_null(0).clip(0, 2**35 - 1)
    keys = frame.select(
        child_and_rule=pl.col("child_id").fill_null(2**54) * 256 + pl.col("rule").cast(pl.Int64),
        within=record * 2**28 + sequence * 2**16 + day.fill_null(0),
    )
    return np.lexsort((keys["within"].to_numpy(), keys["child_and_rule"].to_numpy()))


def responsible(frame: pl.LazyFrame, ev: Evaluation) -> pl.LazyFrame:
    """Add the responsible worker and team, and the child's CP and looked-after flags on D."""
    day = ev.as_at
    workers = ev.dataset["workers"].lazy()
    allocated = (
        ev.dataset["allocations"]
        .lazy()
        .filter(open_on("start_date", "end_date", day))
        .sort("start_date", "allocation_id")
        .group_by("child_id")
        .last()
        .join(workers.select("worker_id", worker_team="team_id"), on="worker_id", how="left")
        .select(
            "child_id",
            allocated_worker="worker_id",
            allocated_team=pl.coalesce("team_id", "worker_team"),
        )
    )
    flags = [
        ev.dataset[name]
        .lazy()
        .filter(open_on("start_date", "end_date", day))
        .select("child_id", pl.lit(True).alias(flag))
        .unique("child_id")
        for name, flag in (("cp_plans", "is_cp"), ("lac_episodes", "is_looked_after"))
    ]
    frame = (
        frame.join(allocated, on="child_id", how="left", maintain_order="left")
        .join(
            workers.select("worker_id", own_team="team_id"),
            on="worker_id",
            how="left",
            maintain_order="left",
        )
        .join(flags[0], on="child_id", how="left", maintain_order="left")
        .join(flags[1], on="child_id", how="left", maintain_order="left")
    )
    return frame.with_columns(
        # Only T-SUPERVISION rows carry a worker already: the worker is the subject.
        team_id=pl.when(pl.col("worker_id").is_not_null())
        .then(pl.col("own_team"))
        .otherwise(pl.col("allocated_team")),
        worker_id=pl.coalesce("worker_id", "allocated_worker"),
        is_cp=pl.col("is_cp").fill_null(False),
        is_looked_after=pl.col("is_looked_after").fill_null(False),
    )
