"""The deadline evaluator's rows as at each trend point, from as few evaluations as possible.

Evaluating every rule as at each of 24 month ends would cost 24 whole-council evaluations.
Instead the rules are evaluated once, as at the last point, and each earlier point's rows are
derived by filtering. That is sound only for rows whose existence, clock start and due date
depend on nothing recorded after the point; this holds for the rules in ``DERIVED_RULES``
for every row the indicators read (rows met by the point, or due by it), and
``tests/engine/test_indicators_trend.py`` checks it against an evaluation as at each month end
on a seeded council. The other rules (``EXACT_RULES``) are evaluated as at each point, over
only the frames they read, which keeps that cheap:

* T-ICPC: an enquiry that later finds no conference is needed loses its clock, and a linked
  conference held after the point replaces an unlinked one held before it;
* T-PERMANENCE-PLAN: the due date is the second review once held, so it moves when the
  review is held after the date it was due;
* T-PA-CONTACT: a care leaver who returns to care later has no personal adviser clocks in
  the final evaluation, but had them before returning.

The derivation also assumes the record is consistent: nothing ends before it starts (an
allocation to a worker who had left before it began, a child looked after before birth).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

import polars as pl

from sightline.engine.dataset import SCHEMAS, Dataset
from sightline.engine.deadlines import evaluate_deadlines, rules_reading
from sightline.engine.indicators.points import Points
from sightline.standards.calendar import WorkingCalendar
from sightline.standards.timescales import RULES, Rulebook

__all__ = ["DERIVED_RULES", "EXACT_RULES", "DeadlineView"]

EXACT_RULES: tuple[str, ...] = ("T-ICPC", "T-PERMANENCE-PLAN", "T-PA-CONTACT")
DERIVED_RULES: tuple[str, ...] = tuple(r.id for r in RULES if r.id not in EXACT_RULES)

# Rules whose clock's record (a period of care, a placement) begins on the clock start, though
# the record meeting it may be dated earlier (a plan or an appointment made in readiness).
_RECORD_BEGINS_AT_CLOCK_START = ("T-CARE-PLAN", "T-PLACEMENT-PLAN", "T-IRO-ALLOCATE")

# The frames whose children the exact rules' clocks belong to.
_SUBJECT_FRAMES = ("section47_enquiries", "lac_episodes", "care_leavers")

# The columns of a deadline row the indicators read.
_COLUMNS = (
    "child_id",
    "rule_id",
    "record_type",
    "record_id",
    "sequence",
    "clock_start",
    "due",
    "met_on",
    "context_end",
    "worker_id",
)


@cache
def _frames_for(rule_ids: tuple[str, ...]) -> frozenset[str]:
    """The frames the rules read: those whose change re-evaluates them, plus the frames read
    for every rule (``rules_reading`` returns None for those)."""
    wanted = set(rule_ids)
    frames = set()
    for name in SCHEMAS:
        reading = rules_reading([name])
        if reading is None or wanted.intersection(reading):
            frames.add(name)
    return frozenset(frames)


class DeadlineView:
    """Deadline rows for indicators: one evaluation as at the last point for the derived
    rules, one per point (over the frames they read) for the exact ones."""

    def __init__(
        self,
        dataset: Dataset,
        points: Points,
        rulebook: Rulebook,
        calendar: WorkingCalendar,
        *,
        exact_rules: Sequence[str] = EXACT_RULES,
    ) -> None:
        self.points = points
        last = points.days[-1]
        derived = [r for r in rulebook if r not in exact_rules]
        self.final = evaluate_deadlines(dataset, last, rulebook, calendar, rule_ids=derived).select(
            _COLUMNS
        )
        # A clock can start before its record existed (an assessment started long after its
        # referral): such a row is not known at a point before the record's own start.
        starts = dataset["assessments"].select(
            pl.lit("T-ASSESSMENT").alias("rule_id"),
            pl.lit("assessments").alias("record_type"),
            record_id="assessment_id",
            known_from="start_date",
        )
        # Otherwise a row is known from its clock start, or from the day it was met if that is
        # earlier (a contact received at 17:30 and decided at once starts its clock next day),
        # except where the clock's record itself begins at the clock start: a care plan made
        # in readiness meets a period of care that does not exist until the child is placed.
        self.final = (
            self.final.join(starts, on=["rule_id", "record_type", "record_id"], how="left")
            .with_columns(
                known_from=pl.max_horizontal(
                    pl.min_horizontal("clock_start", "met_on"), "known_from"
                )
            )
            .with_columns(
                known_from=pl.when(pl.col("rule_id").is_in(_RECORD_BEGINS_AT_CLOCK_START))
                .then(pl.max_horizontal("known_from", "clock_start"))
                .otherwise("known_from")
            )
        )
        pruned = Dataset.from_frames(
            **{name: dataset[name] for name in _frames_for(tuple(exact_rules))}
        )
        # These rules only have clocks for children with an enquiry, a period of care or a
        # care-leaver record, so the other children's visits need not be read 24 times.
        subjects = pl.concat(
            [dataset[name].select("child_id") for name in _SUBJECT_FRAMES]
        ).unique()
        pruned = pruned.for_children(subjects["child_id"].to_list())
        per_point = (
            [
                evaluate_deadlines(pruned, day, rulebook, calendar, rule_ids=list(exact_rules))
                .select(_COLUMNS)
                .with_columns(point=pl.lit(p, dtype=pl.Int32))
                for p, day in enumerate(points.days)
            ]
            if exact_rules
            else []
        )
        self.exact = (
            pl.concat(per_point)
            if per_point
            else pl.DataFrame(schema={**self.final.select(_COLUMNS).schema, "point": pl.Int32})
        )
        self.exact_rules = tuple(exact_rules)

    def rows(self, rule_ids: Sequence[str]) -> pl.DataFrame:
        """The final evaluation's rows of some derived rules (met_on as finally known)."""
        unknown = set(rule_ids) & set(self.exact_rules)
        if unknown:
            raise ValueError(f"{', '.join(sorted(unknown))} must be read per point")
        return self.final.filter(pl.col("rule_id").is_in(list(rule_ids)))

    def point_rows(self, rule_ids: Sequence[str]) -> pl.DataFrame:
        """The per-point evaluations' rows of some exact rules, with ``point``."""
        return self.exact.filter(pl.col("rule_id").is_in(list(rule_ids)))

    def overdue(self, rule_ids: Sequence[str] | None = None) -> pl.DataFrame:
        """Each deadline overdue at some point, with ``lo``..``hi``: the points it is overdue
        at (due before the point, unmet on it, known by it); exact rules by their own point.

        A derived row is overdue at D exactly when due < D and it was not met by D (met_on
        null or after D), and D is on or after the day it became known.
        """
        final = (
            self.final
            if rule_ids is None
            else self.final.filter(pl.col("rule_id").is_in(list(rule_ids)))
        )
        final = final.with_columns(
            after=pl.max_horizontal("due", pl.col("known_from") - pl.duration(days=1))
        )
        derived = self.points.strictly_between(final, "after", "met_on").drop("after")
        exact = (
            self.exact
            if rule_ids is None
            else self.point_rows([r for r in rule_ids if r in self.exact_rules])
        )
        day = self.points.frame().select("point", "day")
        exact = (
            exact.join(day, on="point")
            .filter((pl.col("due") < pl.col("day")) & pl.col("met_on").is_null())
            .drop("day")
            .with_columns(lo=pl.col("point"), hi=pl.col("point"))
            .drop("point")
        )
        return pl.concat([derived.select(exact.columns), exact])

    def as_at(self, point: int) -> pl.DataFrame:
        """The derived rules' rows as they stood on a point: known by it, met_on after it
        blanked, and only rows met or due by it (pending rows are not derivable)."""
        day: date = self.points.days[point]
        d = pl.lit(day, dtype=pl.Date)
        met = pl.col("met_on") <= d
        return (
            self.final.filter(
                (pl.col("known_from") <= d) & (met.fill_null(False) | (pl.col("due") < d))
            )
            .with_columns(met_on=pl.when(met).then(pl.col("met_on")))
            .select(_COLUMNS)
        )
