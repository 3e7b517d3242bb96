"""CIN census rules on child protection plans and their review conferences.

Source: DfE CIN census 2025-26 validation rules; categories of abuse in formats.md §2.
"""

from __future__ import annotations

import polars as pl

from sightline.returns.cin.rules._common import (
    census_end,
    flag,
    in_census,
    overlapping,
    rule,
    table,
    with_child,
    with_episode,
)
from sightline.returns.validation import ReturnTables
from sightline.standards.codes import ABUSE_CATEGORY

_START = "CPPstartDate"
_END = "CPPendDate"
_TABLE = ("cp_plans",)


def _plans(t: ReturnTables) -> pl.DataFrame:
    return table(t, "cp_plans")


def _conference_dates(t: ReturnTables) -> pl.DataFrame:
    """Every initial conference date of every episode, from either level it may be held at."""
    return pl.concat(
        [
            table(t, "section47").select("child", "cin", pl.col("DateOfInitialCPC").alias("_icpc")),
            table(t, "cin_details").select(
                "child", "cin", pl.col("DateOfInitialCPC").alias("_icpc")
            ),
        ]
    ).filter(pl.col("_icpc").is_not_null())


@rule(
    "1105",
    "The child protection plan start date cannot be before the referral date",
    tables=("cp_plans", "cin_details"),
    fields=(_START, "CINreferralDate"),
)
def cp_plan_not_before_referral(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(_plans(t), t, "CINreferralDate").filter(
        pl.col(_START) < pl.col("CINreferralDate")
    )
    return flag(bad, "cp_plans", _START, _START)


@rule(
    "2883",
    "There are more child protection plans starting than initial conferences taking place",
    tables=("cp_plans", "section47", "cin_details"),
    fields=(_START, "DateOfInitialCPC"),
)
def cp_plans_follow_conferences(t: ReturnTables) -> pl.DataFrame:
    starting = _plans(t).filter(in_census(_START, t))
    conferences = (
        _conference_dates(t)
        .filter(in_census("_icpc", t))
        .group_by("child", "cin")
        .agg(pl.col("_icpc").n_unique().alias("_conferences"))
    )
    bad = (
        starting.with_columns(pl.len().over("child", "cin").alias("_plans"))
        .join(conferences, on=["child", "cin"], how="left")
        .filter(pl.col("_plans") > pl.col("_conferences").fill_null(0))
    )
    return flag(bad, "cp_plans", _START, _START)


@rule(
    "2885",
    "Child protection plan shown as starting a different day to the initial child protection "
    "conference.",
    tables=("cp_plans", "section47", "cin_details"),
    fields=(_START, "DateOfInitialCPC"),
)
def cp_plan_starts_at_conference(t: ReturnTables) -> pl.DataFrame:
    conferences = _conference_dates(t)
    plans = _plans(t).filter(in_census(_START, t))
    with_any = plans.join(
        conferences.select("child", "cin").unique(), on=["child", "cin"], how="semi"
    )
    matched = with_any.join(
        conferences,
        left_on=["child", "cin", _START],
        right_on=["child", "cin", "_icpc"],
        how="semi",
    )
    bad = with_any.join(matched.select("child", "row"), on=["child", "row"], how="anti")
    return flag(bad, "cp_plans", _START, _START)


@rule(
    "8720",
    "Child Protection Plan Start Date missing or out of data collection period",
    tables=_TABLE,
    fields=(_START, "ReferenceDate"),
)
def cp_plan_start_present(t: ReturnTables) -> pl.DataFrame:
    bad = _plans(t).filter(pl.col(_START).is_null() | (pl.col(_START) > census_end(t)))
    return flag(bad, "cp_plans", _START, _START)


@rule(
    "8730",
    "Total Number of previous Child Protection Plans missing",
    tables=_TABLE,
    fields=("NumberOfPreviousCPP",),
)
def previous_plans_count_present(t: ReturnTables) -> pl.DataFrame:
    bad = _plans(t).filter(pl.col("NumberOfPreviousCPP").is_null())
    return flag(bad, "cp_plans", "NumberOfPreviousCPP")


@rule(
    "8840",
    "Child Protection Plan cannot start and end on the same day",
    tables=_TABLE,
    fields=(_START, _END),
)
def cp_plan_longer_than_a_day(t: ReturnTables) -> pl.DataFrame:
    return flag(_plans(t).filter(pl.col(_END) == pl.col(_START)), "cp_plans", _END, _END)


@rule(
    "8841",
    "The review date cannot be on the same day or before the Child protection Plan start date.",
    tables=("cp_reviews", "cp_plans"),
    fields=(_START, "CPPreviewDate"),
)
def review_after_plan_start(t: ReturnTables) -> pl.DataFrame:
    plans = _plans(t).select("child", pl.col("row").alias("cpp_row"), _START)
    bad = (
        table(t, "cp_reviews")
        .join(plans, on=["child", "cpp_row"], how="left")
        .filter(pl.col("CPPreviewDate") <= pl.col(_START))
    )
    return flag(bad, "cp_reviews", "CPPreviewDate", "CPPreviewDate")


@rule(
    "8842Q",
    "Please check and either amend or provide a reason: Review Record has a missing date",
    tables=("cp_reviews",),
    fields=("CPPreviewDate",),
)
def review_has_date(t: ReturnTables) -> pl.DataFrame:
    bad = table(t, "cp_reviews").filter(pl.col("CPPreviewDate").is_null())
    return flag(bad, "cp_reviews", "CPPreviewDate")


def _category_invalid(t: ReturnTables, column: str) -> pl.DataFrame:
    bad = _plans(t).filter(~pl.col(column).is_in(ABUSE_CATEGORY.values).fill_null(False))
    return flag(bad, "cp_plans", column, column)


@rule(
    "8905",
    "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN "
    "Census code set)",
    tables=_TABLE,
    fields=("InitialCategoryOfAbuse",),
)
def initial_category_valid(t: ReturnTables) -> pl.DataFrame:
    return _category_invalid(t, "InitialCategoryOfAbuse")


@rule(
    "8910",
    "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census "
    "code set)",
    tables=_TABLE,
    fields=("LatestCategoryOfAbuse",),
)
def latest_category_valid(t: ReturnTables) -> pl.DataFrame:
    return _category_invalid(t, "LatestCategoryOfAbuse")


@rule(
    "8915",
    "Child Protection Plan shown as starting after the child’s Date of Death",
    tables=("cp_plans", "children"),
    fields=(_START, "PersonDeathDate"),
)
def cp_plan_not_started_after_death(t: ReturnTables) -> pl.DataFrame:
    bad = with_child(_plans(t), t, "PersonDeathDate").filter(
        pl.col(_START) > pl.col("PersonDeathDate")
    )
    return flag(bad, "cp_plans", _START, _START)


@rule(
    "8920",
    "Child Protection Plan cannot end after the child’s Date of Death",
    tables=("cp_plans", "children"),
    fields=("PersonDeathDate", _END),
)
def cp_plan_not_ended_after_death(t: ReturnTables) -> pl.DataFrame:
    bad = with_child(_plans(t), t, "PersonDeathDate").filter(
        pl.col(_END) > pl.col("PersonDeathDate")
    )
    return flag(bad, "cp_plans", _END, _END)


@rule(
    "8925",
    "Child Protection Plan End Date earlier than Start Date",
    tables=_TABLE,
    fields=(_START, _END),
)
def cp_plan_ends_after_start(t: ReturnTables) -> pl.DataFrame:
    return flag(_plans(t).filter(pl.col(_END) < pl.col(_START)), "cp_plans", _END, _END)


@rule(
    "8930",
    "Child Protection Plan End Date must fall within the census year",
    tables=_TABLE,
    fields=(_END, "ReferenceDate"),
)
def cp_plan_end_in_census(t: ReturnTables) -> pl.DataFrame:
    return flag(_plans(t).filter(~in_census(_END, t)), "cp_plans", _END, _END)


@rule(
    "8935",
    "This child is showing more than one open Child Protection plan, i.e. with no End Date",
    tables=_TABLE,
    fields=(_END,),
)
def one_open_cp_plan(t: ReturnTables) -> pl.DataFrame:
    open_ = _plans(t).filter(pl.col(_END).is_null())
    return flag(open_.filter(pl.len().over("child") > 1), "cp_plans", _END)


@rule(
    "8940",
    "Child Protection Plan data contains overlapping dates",
    tables=_TABLE,
    fields=(_START, _END),
)
def cp_plans_do_not_overlap(t: ReturnTables) -> pl.DataFrame:
    return flag(overlapping(_plans(t), _START, _END), "cp_plans", _START, _START)
