"""Missing rules: periods a child was missing or away from placement without authorisation.

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import Context, D, bad_date, flags, not_in, rule

T = "Missing"


@rule("1004")
def start_valid(c: Context):
    return flags(c.t(T).filter(bad_date("MIS_START")), T, "MIS_START")


@rule("1005")
def end_valid(c: Context):
    return flags(c.t(T).filter(bad_date("MIS_END")), T, "MIS_END")


@rule("1006")
def type_valid(c: Context):
    return flags(c.t(T).filter(not_in("MISSING", codes.MISSING)), T, "MISSING")


@rule("564")
def start_blank(c: Context):
    f = c.t(T).filter(pl.col("MISSING").is_not_null() & pl.col("MIS_START").is_null())
    return flags(f, T, "MIS_START")


@rule("565")
def type_blank_with_start(c: Context):
    f = c.t(T).filter(pl.col("MIS_START").is_not_null() & pl.col("MISSING").is_null())
    return flags(f, T, "MISSING")


@rule("566")
def type_blank_with_end(c: Context):
    f = c.t(T).filter(pl.col("MIS_END").is_not_null() & pl.col("MISSING").is_null())
    return flags(f, T, "MISSING")


@rule("567")
def ends_before_start(c: Context):
    return flags(c.t(T).filter(D("MIS_END") < D("MIS_START")), T, "MIS_END")


@rule("570")
def starts_after_year(c: Context):
    return flags(c.t(T).filter(D("MIS_START") > pl.lit(c.end)), T, "MIS_START")


@rule("571")
def ends_outside_year(c: Context):
    f = c.t(T).filter(~D("MIS_END").is_between(pl.lit(c.start), pl.lit(c.end)))
    return flags(f, T, "MIS_END")


@rule("574")
def overlapping_periods(c: Context):
    f = (
        c.t(T)
        .filter(D("MIS_START").is_not_null())
        .sort(["CHILD", "MIS_START#date", "row"])
        .with_columns(
            D("MIS_END").shift(1).over("CHILD").alias("prev_end"),
            pl.col("row").shift(1).over("CHILD").alias("prev_row"),
        )
    )
    bad = pl.col("prev_row").is_not_null() & (
        pl.col("prev_end").is_null() | (D("MIS_START") < pl.col("prev_end"))
    )
    return flags(f.filter(bad), T, "MIS_START")


def _with_episode(c: Context) -> pl.DataFrame:
    """Each missing period with the episode it began in (the latest to start on or before it)."""
    m = c.t(T).filter(D("MIS_START").is_not_null()).sort("MIS_START#date")
    ep = c.episodes.select(
        "CHILD",
        pl.col("DECOM#date").alias("ep_start"),
        pl.col("DEC#date").alias("ep_end"),
        pl.col("REC").alias("ep_rec"),
        pl.col("row").alias("ep_row"),
    ).filter(pl.col("ep_start").is_not_null())
    return m.join_asof(
        ep.sort("ep_start"),
        left_on="MIS_START#date",
        right_on="ep_start",
        by="CHILD",
        check_sortedness=False,
    )


@rule("575")
def placement_ended_missing_open(c: Context):
    m = _with_episode(c).filter(
        pl.col("ep_end").is_not_null()
        & (pl.col("ep_end") >= D("MIS_START"))
        & pl.col("MIS_END").is_null()
    )
    return flags(m, T, "MIS_END")


def _ceased(c: Context) -> pl.DataFrame:
    """Each child's final episode where it ended their care (not a continuing X1)."""
    return c.latest_episodes.filter(D("DEC").is_not_null() & (pl.col("REC") != "X1"))


@rule("577")
def ceased_with_missing_open(c: Context):
    m = c.t(T).filter(
        pl.col("MIS_END").is_null()
        & pl.col("MIS_START").is_not_null()
        & pl.col("CHILD").is_in(c.children(_ceased(c)).implode())
    )
    return flags(m, T, "MIS_END")


@rule("578")
def missing_after_care_ceased(c: Context):
    ceased = _ceased(c).select("CHILD", pl.col("DEC#date").alias("ceased"))
    m = c.t(T).join(ceased, on="CHILD", how="inner").filter(D("MIS_START") > pl.col("ceased"))
    return flags(m, T, "MIS_START")


@rule("580")
def missing_at_ceasing_not_e8(c: Context):
    ceased = _ceased(c).filter(pl.col("REC") != "E8")
    m = c.t(T).select("CHILD", "MIS_START#date", "MIS_END#date")
    joined = ceased.join(m, on="CHILD", how="inner").filter(
        (pl.col("MIS_START#date") <= D("DEC"))
        & (pl.col("MIS_END#date").is_null() | (pl.col("MIS_END#date") > D("DEC")))
    )
    return flags(joined.unique("row"), "Episodes", "REC")


@rule("581")
def missing_before_care(c: Context):
    first = c.episodes.group_by("CHILD").agg(D("DECOM").min().alias("first_start"))
    m = c.t(T).join(first, on="CHILD", how="inner").filter(D("MIS_START") < pl.col("first_start"))
    return flags(m, T, "MIS_START")


@rule("586")
def missing_before_birth(c: Context):
    m = c.with_header(c.t(T)).filter(D("MIS_START") < pl.col("DOB_h"))
    return flags(m, T, "MIS_START")


@rule("576", needs={"previous"})
def open_last_year_not_carried(c: Context):
    open_last = c.last(T).filter(
        pl.col("MIS_START#date").is_not_null() & pl.col("MIS_END").is_null()
    )
    now = c.t(T).select("CHILD", "MIS_START#date")
    lost = open_last.join(now, on=["CHILD", "MIS_START#date"], how="anti")
    return flags(lost.with_columns(pl.lit(None, pl.Int64).alias("row")), T, "MIS_START")
