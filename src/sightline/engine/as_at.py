"""The dataset as it was known on a date: the first step of every "as at" question.

Something recorded after the as-at date could not have been known then, so rows that start
after it are dropped and later outcomes on earlier rows (a decision, an end date, a response)
are blanked. Instants are compared by their UK calendar date, the date a worker would see.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import polars as pl

from sightline.engine.dataset import INSTANT, Dataset
from sightline.standards.calendar import UK_TIMEZONE

__all__ = ["AS_AT_RULES", "as_known_at", "uk_date"]

# For each frame: the column whose date makes the row known (None: the row is reference data,
# always known), and the later-dated columns, each with the columns recorded along with it and
# so unknown until then (a contact's decision is only known once it has been decided).
AS_AT_RULES: dict[str, tuple[str | None, dict[str, tuple[str, ...]]]] = {
    "children": (None, {"date_of_birth": (), "date_of_death": ()}),
    "contacts": ("received_at", {"decided_at": ("decision",)}),
    "referrals": (
        "referral_date",
        {
            "decided_on": ("no_further_action",),
            "closure_date": ("closure_reason",),
            # A concern can arise after the referral was made: unknown until flagged.
            "significant_harm_suspected_at": (),
        },
    ),
    "assessments": ("start_date", {"child_seen_on": (), "authorised_on": ("outcome",)}),
    "strategy_discussions": ("held_on", {}),
    # Whether a conference is needed is the enquiry's conclusion, known when it ends.
    "section47_enquiries": ("start_date", {"end_date": ("icpc_required",)}),
    "conferences": ("date", {}),
    "cp_plans": ("start_date", {"end_date": ()}),
    "core_groups": ("date", {}),
    "cin_plans": ("start_date", {"end_date": ()}),
    "cin_plan_reviews": ("date", {}),
    "visits": ("date", {}),
    "agency_checks": ("requested_at", {"responded_at": (), "closed_at": ()}),
    "harm_concerns": ("raised_at", {}),
    "oversight": ("recorded_at", {}),
    "lac_episodes": ("start_date", {"end_date": ("reason_ceased",), "temporary_approval_on": ()}),
    "care_plans": ("date", {}),
    "placement_plans": ("date", {}),
    "iro_appointments": ("appointed_on", {"ended_on": ()}),
    "lac_reviews": ("date", {}),
    "health_assessments": ("date", {}),
    "dental_checks": ("date", {}),
    "development_checks": ("date", {}),
    "sdq_scores": ("date", {}),
    "education_plans": ("date", {}),
    "missing_episodes": ("start_date", {"end_date": (), "return_interview_offered_on": ()}),
    "permanence_plans": ("recorded_on", {}),
    "care_leavers": ("eligible_from", {}),
    "care_leaver_contacts": ("date", {}),
    "pathway_plans": ("date", {}),
    "needs_assessments": ("date", {}),
    "leaving_care_accommodation": ("provided_on", {"ended_on": ()}),
    "private_fostering": ("notified_on", {"end_date": ()}),
    "pre_proceedings": (
        "start_date",
        {
            "initial_meeting_on": (),
            "first_review_meeting_on": (),
            "decision_on": (),
            "end_date": ("outcome",),
        },
    ),
    "care_proceedings": ("issued_on", {"final_order_on": ()}),
    "adoptions": (
        "decision_date",
        {
            "placement_order_date": (),
            "matched_date": (),
            "placed_date": (),
            "fostering_for_adoption_date": (),
            "adoption_order_date": (),
        },
    ),
    "workers": ("started_on", {"qualified_on": (), "left_on": ()}),
    "teams": (None, {}),
    "allocations": ("start_date", {"end_date": ()}),
    "supervisions": ("date", {}),
}


def uk_date(column: str) -> pl.Expr:
    """The UK calendar date of an instant column (a contact at 23:30 UTC in June is next day)."""
    return pl.col(column).dt.convert_time_zone(str(UK_TIMEZONE)).dt.date()


def _after(schema: pl.Schema, column: str, as_at: date) -> pl.Expr:
    """Whether the column's date is after ``as_at`` (for instants, its UK date).

    An instant's UK date is after ``as_at`` exactly when the instant is at or after midnight
    starting the next UK day; comparing with that one instant avoids converting every value.
    """
    if schema[column] == INSTANT:
        next_midnight = datetime.combine(as_at + timedelta(days=1), time(), tzinfo=UK_TIMEZONE)
        return pl.col(column) >= pl.lit(next_midnight.astimezone(UTC), dtype=INSTANT)
    return pl.col(column) > pl.lit(as_at, dtype=pl.Date)


def as_known_at(dataset: Dataset, as_at: date) -> Dataset:
    """Return ``dataset`` as it would have been on ``as_at``: nothing dated after it is known.

    Rows whose start or event date is after ``as_at`` are dropped; later dates (end, closure,
    decision, response) after ``as_at`` become null together with what was recorded with them.
    Rows with no start date are kept, since nothing says they came later. Frames this module
    has no rule for are passed through unchanged (``tests/engine/test_as_at.py`` holds
    ``AS_AT_RULES`` to cover every frame in ``SCHEMAS``).
    """
    if not isinstance(as_at, date):
        raise TypeError(f"as_at must be a datetime.date, got {type(as_at).__name__}")
    frames: dict[str, pl.DataFrame] = {}
    plans: dict[str, pl.LazyFrame] = {}
    for name, frame in dataset.frames.items():
        rule = AS_AT_RULES.get(name)
        if rule is None or frame.height == 0:
            frames[name] = frame
            continue
        known_from, later = rule
        plan, schema = frame.lazy(), frame.schema
        if known_from is not None:
            plan = plan.filter(~_after(schema, known_from, as_at).fill_null(False))
        blanks = []
        for column, recorded_with in later.items():
            unknown = _after(schema, column, as_at).fill_null(False)
            blanks.extend(
                pl.when(unknown).then(None).otherwise(pl.col(c)).alias(c)
                for c in (column, *recorded_with)
            )
        plans[name] = plan.with_columns(blanks) if blanks else plan
    # All frames in one call, run as written: these one-step plans gain nothing from the
    # optimiser, and one call costs a child's page less than thirty.
    cut = pl.collect_all(plans.values(), optimizations=pl.QueryOptFlags.none())
    frames.update(zip(plans, cut, strict=True))
    frames = {name: frames[name] for name in dataset.frames}
    return Dataset(
        frames=frames,
        source=dataset.source,
        extracted_on=dataset.extracted_on,
        notes=[*dataset.notes, f"as known at {as_at.isoformat()}"],
    )
