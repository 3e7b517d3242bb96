"""One evaluation's inputs, and the derived frames several rules share (periods of care etc.)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import NamedTuple

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines.clocks import collect, open_on
from sightline.standards import codes
from sightline.standards.calendar import WorkingCalendar
from sightline.standards.timescales import Duration, Rulebook

__all__ = ["SHORT_BREAKS", "SOCIAL_WORK_VISIT_KINDS", "Evaluation", "Producer"]

# Visits by the child's social worker. Any of these with the child seen meets a CP, CIN or
# looked-after visit clock, whatever plan the worker labelled it for: the duty is to see the
# child, and a child on a CP plan who is also looked after is seen once, not twice. A visit to
# a child placed for adoption is by the child's social worker too. An IRO's contact and a
# personal adviser's are by someone else and do not count; nor does a private fostering visit,
# which is to a child who is not looked after (it meets only the private fostering clocks).
SOCIAL_WORK_VISIT_KINDS = [
    codes.VISIT_KIND.enum.CP.value,
    codes.VISIT_KIND.enum.CIN.value,
    codes.VISIT_KIND.enum.LAC.value,
    codes.VISIT_KIND.enum.ASSESSMENT.value,
    codes.VISIT_KIND.enum.ADOPTION.value,
]

# Short-break care (an agreed series of short breaks) follows regulation 48's modified regime:
# its episodes start none of the period-of-care or placement clocks, only T-SHORT-BREAK-REVIEW.
SHORT_BREAKS = [codes.LEGAL_STATUS.enum.V3.value, codes.LEGAL_STATUS.enum.V4.value]

# Episodes that start a new placement (SSDA903 reason for new episode); "L" changes legal
# status only, so the child stays where they are.
_NEW_PLACEMENT = [
    code.value
    for code in codes.REASON_NEW_EPISODE.enum
    if code is not codes.REASON_NEW_EPISODE.enum.L
]


class Producer(NamedTuple):
    """A rule module's function for some rules, and the frame (or frames) without whose rows it
    has none.

    Skipping producers whose driving frame is empty keeps one child's evaluation cheap: most
    children have no looked-after episodes, care-leaver record or care proceedings.
    """

    frame: str | tuple[str, ...]
    produce: Callable[[Evaluation], pl.LazyFrame]

    def has_rows(self, dataset: Dataset) -> bool:
        """Whether any of the frames the producer is driven by has rows."""
        frames = (self.frame,) if isinstance(self.frame, str) else self.frame
        return any(dataset[name].height for name in frames)


@dataclass
class Evaluation:
    """The dataset as known at ``as_at`` with the rulebook and calendar to evaluate it by."""

    dataset: Dataset
    as_at: date
    rulebook: Rulebook
    calendar: WorkingCalendar

    def frame(self, name: str) -> pl.LazyFrame:
        """One of the dataset's frames, as the start of a lazy plan."""
        return self.dataset[name].lazy()

    def deadline(self, rule_id: str, variant: str | None = None) -> Duration:
        """The deadline in force for a rule, local overrides applied."""
        return self.rulebook.deadline(rule_id, variant)

    @cached_property
    def birth_dates(self) -> pl.DataFrame:
        """``child_id`` and ``date_of_birth`` (null when unknown or unborn as at the date)."""
        return self.dataset["children"].select("child_id", "date_of_birth", "date_of_death")

    @cached_property
    def social_work_visits(self) -> pl.DataFrame:
        """Visits by the social worker with the child seen, as chain events."""
        return collect(
            self.dataset["visits"]
            .lazy()
            .filter(
                pl.col("child_seen").fill_null(False)
                & pl.col("kind").is_in(SOCIAL_WORK_VISIT_KINDS)
            )
            .select("child_id", "date", event_id="visit_id")
        )

    @cached_property
    def episodes(self) -> pl.DataFrame:
        """Looked-after episodes (short breaks excepted) in order, numbered into periods of care
        and placements.

        A period of care is an unbroken run of episodes: it starts with reason "S", after a
        gap, or after an episode with no end date (which can only be followed by a new start).
        ``period_id`` and ``placement_id`` are the first episode's ``episode_id``.
        """
        frame = (
            self.dataset["lac_episodes"]
            .lazy()
            .filter(~pl.col("legal_status").is_in(SHORT_BREAKS).fill_null(False))
            .filter(pl.col("start_date").is_not_null())
            .sort("child_id", "start_date", "episode_id")
        )
        previous_end = pl.col("end_date").shift(1)
        first_of_child = pl.col("child_id") != pl.col("child_id").shift(1)
        new_period = (
            first_of_child.fill_null(True)
            | (pl.col("reason_new_episode") == codes.REASON_NEW_EPISODE.enum.S.value).fill_null(
                False
            )
            | previous_end.is_null()
            | (pl.col("start_date") > previous_end)
        )
        new_placement = new_period | pl.col("reason_new_episode").is_in(_NEW_PLACEMENT).fill_null(
            False
        )
        return collect(
            frame.with_columns(period_no=new_period.cum_sum(), placement_no=new_placement.cum_sum())
            .with_columns(
                period_id=pl.col("episode_id").first().over("period_no"),
                placement_id=pl.col("episode_id").first().over("placement_no"),
            )
            .drop("period_no", "placement_no")
        )

    @cached_property
    def periods_of_care(self) -> pl.DataFrame:
        """One row per period of care: ``ctx`` (= ``period_id``), ``child_id``, ``start``, ``end``,
        and ``first_review`` / ``second_review`` dates (null if not yet held)."""
        periods = (
            self.episodes.lazy()
            .group_by("period_id", maintain_order=True)
            .agg(
                pl.col("child_id").first(),
                start=pl.col("start_date").first(),
                end=pl.col("end_date").last(),
            )
        )
        reviews = (
            periods.select("period_id", "child_id", "start", "end")
            .join(self.dataset["lac_reviews"].lazy().select("child_id", "date"), on="child_id")
            .filter(
                (pl.col("date") >= pl.col("start"))
                & (pl.col("end").is_null() | (pl.col("date") <= pl.col("end")))
            )
            .unique(["period_id", "date"])
            .sort("period_id", "date")
            .group_by("period_id", maintain_order=True)
            .agg(
                first_review=pl.col("date").first(),
                second_review=pl.col("date").get(1, null_on_oob=True),
            )
        )
        return collect(
            periods.join(reviews, on="period_id", how="left").with_columns(ctx=pl.col("period_id"))
        )

    @cached_property
    def placements(self) -> pl.DataFrame:
        """One row per placement: ``ctx`` (= ``placement_id``), ``child_id``, ``start``, ``end``,
        ``placement_type``, ``period_id``, ``temporary_approval_on`` (reg 24); a placement ends
        when the next starts."""
        return collect(
            self.episodes.lazy()
            .group_by("placement_id", maintain_order=True)
            .agg(
                pl.col("child_id").first(),
                pl.col("period_id").first(),
                pl.col("placement_type").first(),
                # Recorded on the episode; any episode of the placement may carry it.
                pl.col("temporary_approval_on").min(),
                start=pl.col("start_date").first(),
                end=pl.col("end_date").last(),
            )
            .with_columns(ctx=pl.col("placement_id"))
        )

    def with_plan_flag(self, frame: pl.DataFrame, plans: str, day: str, flag: str) -> pl.LazyFrame:
        """``frame`` (with ``child_id`` and a ``day`` column) plus a boolean column ``flag``:
        was the child on one of the ``plans`` frame's plans (``start_date``..``end_date``)
        that day? ``frame`` is read twice, so it is a materialised frame, not a plan."""
        rows = frame.lazy().with_row_index("_row")
        covered = (
            rows.select("_row", "child_id", day)
            .join(
                self.dataset[plans].lazy().select("child_id", "start_date", "end_date"),
                on="child_id",
            )
            .filter(open_on("start_date", "end_date", pl.col(day)))
            .select("_row", pl.lit(True).alias(flag))
            .unique("_row")
        )
        return (
            rows.join(covered, on="_row", how="left")
            .with_columns(pl.col(flag).fill_null(False))
            .drop("_row")
        )
