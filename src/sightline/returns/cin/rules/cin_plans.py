"""CIN census rules on child in need plans, alone and beside child protection plans.

Source: DfE CIN census 2025-26 validation rules. A child is on a CIN plan or a CP plan, never
both: stepping up, the CIN plan ends the day the CP plan starts; stepping down, the CIN plan
starts the day the CP plan ends, so neither boundary day counts as concurrent.
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
    truthy,
    with_child,
    with_episode,
)
from sightline.returns.validation import ReturnTables

_START = "CINPlanStartDate"
_END = "CINPlanEndDate"
_TABLE = ("cin_plan_dates",)


def _plans(t: ReturnTables) -> pl.DataFrame:
    return table(t, "cin_plan_dates")


def _with_cp_plans(t: ReturnTables) -> pl.DataFrame:
    """Every pairing of a child's CIN plans with the same child's CP plans."""
    cp = table(t, "cp_plans").select("child", "CPPstartDate", "CPPendDate")
    return _plans(t).join(cp, on="child", how="inner")


def _first_per_row(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.unique(subset=["child", "row"], keep="first", maintain_order=True)


@rule(
    "4000",
    "CIN Plan details provided for a referral with no further action",
    tables=("cin_plan_dates", "cin_details"),
    fields=("ReferralNFA",),
)
def no_cin_plan_on_nfa(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(_plans(t), t, "ReferralNFA").filter(truthy("ReferralNFA"))
    return flag(bad, "cin_plan_dates", "ReferralNFA", "ReferralNFA")


@rule(
    "4001",
    "A CIN Plan cannot run concurrently with a Child Protection Plan",
    tables=("cin_plan_dates", "cp_plans"),
    fields=(_END, "CPPendDate"),
)
def cin_and_cp_plans_not_both_open(t: ReturnTables) -> pl.DataFrame:
    bad = _with_cp_plans(t).filter(
        pl.col(_START).is_not_null() & pl.col(_END).is_null() & pl.col("CPPendDate").is_null()
    )
    return flag(_first_per_row(bad), "cin_plan_dates", _END)


@rule(
    "4003",
    "A CPP review date is shown as being held at the same time as an open CIN Plan.",
    tables=("cp_reviews", "cin_plan_dates"),
    fields=(_START, _END, "CPPreviewDate"),
)
def no_cp_review_during_cin_plan(t: ReturnTables) -> pl.DataFrame:
    plans = _plans(t).select("child", pl.col(_START).alias("_s"), pl.col(_END).alias("_e"))
    review = pl.col("CPPreviewDate")
    bad = (
        table(t, "cp_reviews")
        .join(plans, on="child", how="inner")
        .filter((review > pl.col("_s")) & (pl.col("_e").is_null() | (review < pl.col("_e"))))
    )
    return flag(_first_per_row(bad), "cp_reviews", "CPPreviewDate", "CPPreviewDate")


@rule(
    "4004",
    "This child is showing more than one open CIN Plan, i.e. with no End Date",
    tables=_TABLE,
    fields=(_END,),
)
def one_open_cin_plan(t: ReturnTables) -> pl.DataFrame:
    open_ = _plans(t).filter(pl.col(_END).is_null())
    return flag(open_.filter(pl.len().over("child") > 1), "cin_plan_dates", _END)


@rule(
    "4008",
    "CIN Plan shown as starting after the child’s Date of Death.",
    tables=("cin_plan_dates", "children"),
    fields=("PersonDeathDate", _START),
)
def cin_plan_not_started_after_death(t: ReturnTables) -> pl.DataFrame:
    bad = with_child(_plans(t), t, "PersonDeathDate").filter(
        pl.col(_START) > pl.col("PersonDeathDate")
    )
    return flag(bad, "cin_plan_dates", _START, _START)


@rule(
    "4009Q",
    "CIN Plan cannot end after the child’s Date of Death",
    tables=("cin_plan_dates", "children"),
    fields=("PersonDeathDate", _END),
)
def cin_plan_not_ended_after_death(t: ReturnTables) -> pl.DataFrame:
    bad = with_child(_plans(t), t, "PersonDeathDate").filter(
        pl.col(_END) > pl.col("PersonDeathDate")
    )
    return flag(bad, "cin_plan_dates", _END, _END)


@rule(
    "4010",
    "CIN Plan start date is missing or out of data collection period",
    tables=_TABLE,
    fields=(_START,),
)
def cin_plan_start_present(t: ReturnTables) -> pl.DataFrame:
    bad = _plans(t).filter(pl.col(_START).is_null() | (pl.col(_START) > census_end(t)))
    return flag(bad, "cin_plan_dates", _START, _START)


@rule(
    "4011",
    "CIN Plan End Date earlier than Start Date",
    tables=_TABLE,
    fields=(_END, _START),
)
def cin_plan_ends_after_start(t: ReturnTables) -> pl.DataFrame:
    return flag(_plans(t).filter(pl.col(_END) < pl.col(_START)), "cin_plan_dates", _END, _END)


@rule(
    "4012Q",
    "Please check and either amend or provide a reason: CIN Plan shown as starting and ending "
    "on the same day",
    tables=_TABLE,
    fields=(_START, _END),
)
def cin_plan_longer_than_a_day(t: ReturnTables) -> pl.DataFrame:
    return flag(_plans(t).filter(pl.col(_END) == pl.col(_START)), "cin_plan_dates", _END, _END)


@rule(
    "4013",
    "CIN Plan end date must fall within the census year",
    tables=_TABLE,
    fields=(_END,),
)
def cin_plan_end_in_census(t: ReturnTables) -> pl.DataFrame:
    return flag(_plans(t).filter(~in_census(_END, t)), "cin_plan_dates", _END, _END)


@rule(
    "4014",
    "CIN Plan data contains overlapping dates",
    tables=_TABLE,
    fields=(_START, _END),
)
def cin_plans_do_not_overlap(t: ReturnTables) -> pl.DataFrame:
    return flag(overlapping(_plans(t), _START, _END), "cin_plan_dates", _START, _START)


@rule(
    "4015",
    "The CIN Plan start date cannot be before the referral date",
    tables=("cin_plan_dates", "cin_details"),
    fields=(_START, "CINreferralDate"),
)
def cin_plan_not_before_referral(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(_plans(t), t, "CINreferralDate").filter(
        pl.col(_START) < pl.col("CINreferralDate")
    )
    return flag(bad, "cin_plan_dates", _START, _START)


def _both_open() -> pl.Expr:
    return pl.col(_END).is_null() & pl.col("CPPendDate").is_null()


@rule(
    "4016",
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    tables=("cin_plan_dates", "cp_plans"),
    fields=(_START, "CPPstartDate", "CPPendDate"),
)
def cin_plan_not_started_during_cp_plan(t: ReturnTables) -> pl.DataFrame:
    # The CIN plan starts on or after the CP plan's start and before its end (4001 covers two
    # plans both still open).
    bad = _with_cp_plans(t).filter(
        (pl.col(_START) >= pl.col("CPPstartDate"))
        & (pl.col("CPPendDate").is_null() | (pl.col(_START) < pl.col("CPPendDate")))
        & ~_both_open()
    )
    return flag(_first_per_row(bad), "cin_plan_dates", _START, _START)


@rule(
    "4017",
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    tables=("cin_plan_dates", "cp_plans"),
    fields=(_START, _END, "CPPstartDate"),
)
def cp_plan_not_started_during_cin_plan(t: ReturnTables) -> pl.DataFrame:
    # The CP plan starts after the CIN plan's start and before its end.
    bad = _with_cp_plans(t).filter(
        (pl.col("CPPstartDate") > pl.col(_START))
        & (pl.col(_END).is_null() | (pl.col("CPPstartDate") < pl.col(_END)))
        & ~_both_open()
    )
    return flag(_first_per_row(bad), "cin_plan_dates", _END, _END)
