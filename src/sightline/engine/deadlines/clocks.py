"""The machinery every rule shares: clock candidates, recurring chains, due dates and statuses.

A rule module turns dataset frames into a lazy plan of *candidates*, one row per clock, in
``CANDIDATE_SCHEMA``: when the clock started, how long it runs (``amount`` of ``unit``, or a
``fixed_due`` date), when it was met and when its context (plan, period of care, case) ended.
``evaluate`` runs every rule's plan in one collect, then adds due dates and statuses to all
rules' candidates at once, so each kind of date arithmetic runs once over one numpy array.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import polars as pl

from sightline.standards.calendar import (
    UK_TIMEZONE,
    WorkingCalendar,
    add_months_array,
    add_weeks_array,
)
from sightline.standards.timescales import Duration, Unit

__all__ = [
    "CANDIDATE_SCHEMA",
    "as_candidates",
    "collect",
    "add_duration",
    "chain",
    "clock_start_for",
    "deadline",
    "deadline_by_case",
    "first_event",
    "open_on",
    "shift_months",
    "due_dates",
    "working_days_between",
]

CANDIDATE_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.Int64,
    "rule_id": pl.String,
    # Null: the rule's own ``record_type``; set when a rule's clocks start from several frames.
    "record_type": pl.String,
    "record_id": pl.Int64,
    "sequence": pl.Int32,
    "clock_start": pl.Date,
    "amount": pl.Int32,
    "unit": pl.String,
    "fixed_due": pl.Date,
    "met_on": pl.Date,
    "met_by_id": pl.Int64,
    "context_end": pl.Date,
    # The last day on which an unmet clock can fall due and still be a deadline, when that is
    # set by something other than the context ending (e.g. a child's 17th birthday for SDQs).
    "applies_until": pl.Date,
    "worker_id": pl.Int64,
}


def collect(plan: pl.LazyFrame) -> pl.DataFrame:
    """Run a lazy plan as written, without Polars' query optimiser.

    The engine's plans are already in the order they should run, so optimising them gains
    nothing over a whole council (measured: slightly less CPU without it), while planning
    takes about half the time of one child's evaluation.
    """
    return plan.collect(optimizations=pl.QueryOptFlags.none())


def as_candidates(frame: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Select ``CANDIDATE_SCHEMA``'s columns from ``frame``, null where a rule has none."""
    frame = frame.lazy()
    names = set(frame.collect_schema().names())
    return frame.select(
        pl.col(c).cast(t) if c in names else pl.lit(None, dtype=t).alias(c)
        for c, t in CANDIDATE_SCHEMA.items()
    )


def deadline(rule_id: str, duration: Duration) -> list[pl.Expr]:
    """The ``rule_id``, ``amount`` and ``unit`` columns for a rule with one deadline."""
    return [
        pl.lit(rule_id).alias("rule_id"),
        pl.lit(duration.amount, dtype=pl.Int32).alias("amount"),
        pl.lit(duration.unit.value).alias("unit"),
    ]


def deadline_by_case(
    cases: Sequence[tuple[pl.Expr, str, Duration]], otherwise: tuple[str, Duration]
) -> list[pl.Expr]:
    """Like :func:`deadline`, choosing per row: the first case whose condition holds wins."""
    rule_id, amount, unit = (
        pl.lit(otherwise[0]),
        pl.lit(otherwise[1].amount, dtype=pl.Int32),
        pl.lit(otherwise[1].unit.value),
    )
    for condition, case_rule, duration in reversed(cases):
        rule_id = pl.when(condition).then(pl.lit(case_rule)).otherwise(rule_id)
        amount = pl.when(condition).then(pl.lit(duration.amount, dtype=pl.Int32)).otherwise(amount)
        unit = pl.when(condition).then(pl.lit(duration.unit.value)).otherwise(unit)
    return [rule_id.alias("rule_id"), amount.alias("amount"), unit.alias("unit")]


def open_on(start: str, end: str, day: pl.Expr | date) -> pl.Expr:
    """Whether a record running ``start``..``end`` (inclusive; null end = open) covers ``day``.

    The Polars translation of ``standards.periods.covers``, the one definition of "open on a
    date" (the database's is ``sightline.periods.open_on``).
    """
    day = pl.lit(day, dtype=pl.Date) if isinstance(day, date) else day
    return (pl.col(start) <= day) & (pl.col(end).is_null() | (pl.col(end) >= day))


def shift_months(column: str | pl.Expr, months: int) -> pl.Expr:
    """A date ``months`` calendar months on, clamped to month end (birthdays, anniversaries).

    Polars' month offset clamps exactly as ``standards.calendar.add_months`` does (30 Nov + 3
    months is 28 or 29 Feb); used for ages and anniversaries, not for due dates, which go
    through the calendar.
    """
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.dt.offset_by(f"{months}mo")


def clock_start_for(column: str, calendar: WorkingCalendar) -> pl.Expr:
    """Vectorised ``WorkingCalendar.clock_start_for`` over an instant column, as an expression.

    Receipt at or after the calendar's end of day (UK local time), or on a non-working day,
    starts the clock on the next working day; otherwise on the day of receipt.
    """
    local = pl.col(column).dt.convert_time_zone(str(UK_TIMEZONE))

    def roll(received: pl.Series) -> pl.Series:
        days = received.struct.field("day").to_numpy()
        late = received.struct.field("late").fill_null(False).to_numpy()
        rolled = late | ~calendar.is_working_day_array(days)
        starts = np.where(rolled, calendar.add_working_days_array(days, 1), days)
        return pl.Series(starts, dtype=pl.Date)

    received = pl.struct(day=local.dt.date(), late=local.dt.time() >= pl.lit(calendar.end_of_day))
    return received.map_batches(roll, return_dtype=pl.Date, is_elementwise=True)


def add_duration(column: str, duration: Duration, calendar: WorkingCalendar) -> pl.Expr:
    """The date ``duration`` after each date in ``column`` (an expression; nulls stay null)."""

    def add(days: pl.Series) -> pl.Series:
        return pl.Series(duration.add_to_array(days.to_numpy(), calendar), dtype=pl.Date)

    return pl.col(column).map_batches(add, return_dtype=pl.Date, is_elementwise=True)


def first_event(
    contexts: pl.LazyFrame | pl.DataFrame,
    events: pl.LazyFrame | pl.DataFrame,
    *,
    key: str = "child_id",
) -> pl.LazyFrame:
    """The earliest event inside each context's window, as ``met_on`` and ``met_by_id``.

    ``contexts`` has ``ctx``, ``key``, ``window_start`` and ``window_end`` (null = unbounded);
    ``events`` has ``key``, ``date`` and ``event_id``. Contexts without an event are kept with
    nulls, so the result has one row per context.
    """
    found = (
        contexts.lazy()
        .select("ctx", key, "window_start", "window_end")
        .join(events.lazy().select(key, "date", "event_id"), on=key, how="inner")
        .filter(
            pl.col("date").is_not_null()
            & (pl.col("window_start").is_null() | (pl.col("date") >= pl.col("window_start")))
            & (pl.col("window_end").is_null() | (pl.col("date") <= pl.col("window_end")))
        )
        .group_by("ctx")
        .agg(
            met_on=pl.col("date").min(),
            met_by_id=pl.col("event_id").sort_by("date", "event_id").first(),
        )
    )
    return contexts.lazy().join(found, on="ctx", how="left")


def chain(
    contexts: pl.LazyFrame | pl.DataFrame,
    events: pl.LazyFrame | pl.DataFrame,
    *,
    key: str = "child_id",
    from_start: bool = True,
) -> pl.LazyFrame:
    """Unroll recurring clocks: one row per clock in each context, with what met it.

    ``contexts`` has a unique ``ctx``, ``key`` (whose events belong to it), ``start`` and
    ``end`` (null = still open; a null ``start`` leaves earlier events in); other columns are
    carried through. ``events`` has ``key``, ``date`` and ``event_id``.

    Each event inside ``start``..``end`` (both inclusive) meets the clock open before it and
    starts the next. With ``from_start`` the first clock runs from ``start`` (``sequence`` 0);
    clocks started by the k-th event have ``sequence`` k. Several events on one day count once
    (the lowest ``event_id`` is reported), and an event on the start date meets the first clock
    on day 0. The last clock in a context is open (``met_on`` null); whether it is a deadline
    at all is decided later from the context's end (see ``evaluate``).
    """
    windows = contexts.lazy().select("ctx", key, "start", "end")
    inside = (
        windows.join(events.lazy().select(key, "date", "event_id"), on=key, how="inner")
        .filter(
            pl.col("date").is_not_null()
            & (pl.col("start").is_null() | (pl.col("date") >= pl.col("start")))
            & (pl.col("end").is_null() | (pl.col("date") <= pl.col("end")))
        )
        .group_by("ctx", "date")
        .agg(pl.col("event_id").min())
        .select("ctx", anchor="date", event_id="event_id", is_start=pl.lit(False))
    )
    anchors = [inside]
    if from_start:
        anchors.append(
            windows.filter(pl.col("start").is_not_null()).select(
                "ctx",
                anchor="start",
                event_id=pl.lit(None, dtype=pl.Int64),
                is_start=pl.lit(True),
            )
        )
    same_context_next = pl.col("ctx").shift(-1) == pl.col("ctx")
    # Order by context, then date, with the start anchor before an event on the same day (so
    # that event meets it): two single-key sorts, the second stable, are much cheaper in
    # Polars than one sort on three columns.
    within = pl.col("anchor").cast(pl.Int64) * 2 + (~pl.col("is_start")).cast(pl.Int64)
    clocks = (
        pl.concat(anchors, how="vertical_relaxed")
        .sort(within)
        .sort("ctx", maintain_order=True)
        .with_columns(
            met_on=pl.when(same_context_next).then(pl.col("anchor").shift(-1)),
            met_by_id=pl.when(same_context_next).then(pl.col("event_id").shift(-1)),
            sequence=(~pl.col("is_start")).cast(pl.Int32).cum_sum().over("ctx"),
        )
        .select("ctx", "sequence", clock_start="anchor", met_on="met_on", met_by_id="met_by_id")
    )
    return clocks.join(contexts.lazy(), on="ctx", how="inner")


def due_dates(candidates: pl.DataFrame, calendar: WorkingCalendar) -> pl.Series:
    """Each candidate's due date: ``clock_start`` plus ``amount`` ``unit``, or ``fixed_due``.

    A due date depends only on (start, amount, unit), and a council's million clocks share a
    few thousand of those, so each distinct one is computed once (``numpy.unique``) and
    spread back to its rows.
    """
    units = list(Unit)
    starts = candidates["clock_start"].to_numpy()
    amounts = candidates["amount"].fill_null(0).to_numpy().astype(np.int64)
    codes = (
        candidates["unit"]
        .replace_strict(
            {unit.value: code for code, unit in enumerate(units)},
            default=len(units),
            return_dtype=pl.Int64,
        )
        .to_numpy()
    )
    due = np.full(len(candidates), np.datetime64("NaT", "D"))
    known = ~np.isnat(starts)
    # Days since 1970 (well within 2**24 either way), unit code and amount (below 2**20)
    # pack into one int64 per clock.
    packed = ((starts[known].astype(np.int64) + 2**24) * 2**8 + codes[known]) * 2**20 + np.clip(
        amounts[known], 0, 2**20 - 1
    )
    _, first, spread = np.unique(packed, return_index=True, return_inverse=True)
    rows = np.flatnonzero(known)[first]
    distinct_due = np.full(len(rows), np.datetime64("NaT", "D"))
    for code, unit in enumerate(units):
        chosen = codes[rows] == code
        if not chosen.any() or unit is Unit.BY_SECOND_REVIEW:
            continue
        days, steps = starts[rows][chosen], amounts[rows][chosen]
        if unit is Unit.WORKING_DAYS:
            distinct_due[chosen] = calendar.add_working_days_array(days, steps)
        elif unit is Unit.MONTHS:
            distinct_due[chosen] = add_months_array(days, steps)
        elif unit is Unit.WEEKS:
            distinct_due[chosen] = add_weeks_array(days, steps)
        elif unit is Unit.CALENDAR_DAYS:
            distinct_due[chosen] = days + steps.astype("timedelta64[D]")
        else:  # hours: whole days, rounded up (see Duration.calendar_days)
            distinct_due[chosen] = days + (-(-steps // 24)).astype("timedelta64[D]")
    due[known] = distinct_due[spread.reshape(-1)]
    computed = pl.Series("due", due, dtype=pl.Date)
    return candidates["fixed_due"].fill_null(computed).alias("due")


def working_days_between(
    starts: pl.Series, ends: pl.Series, calendar: WorkingCalendar
) -> pl.Series:
    """Working days ``d`` with ``start < d <= end`` for each pair, null where either is null.

    Computed directly for the pairs that have both dates: numpy counts a few hundred thousand
    in milliseconds, so there is nothing to gain from de-duplicating them first.
    """
    start_days, end_days = starts.to_numpy(), ends.to_numpy()
    both = ~(np.isnat(start_days) | np.isnat(end_days))
    counts = np.zeros(len(starts), dtype=np.int32)
    counts[both] = np.ma.getdata(
        calendar.working_days_between_array(start_days[both], end_days[both])
    )
    return pl.Series(counts).set(pl.Series(~both), None)
