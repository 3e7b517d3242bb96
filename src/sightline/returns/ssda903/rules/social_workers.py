"""Social worker episode rules (SWEpisodes, from 2023-24): who the child's social worker was.

Source: DfE SSDA903 validation rules 2025-26, SW stage 1 and 2 checks (catalogue beside this
module). The social worker reporting year is the collection year.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import Context, D, bad_date, flags, not_in, rule

T = "SWEpisodes"
REASON_REQUIRED_FROM = dt.date(2023, 4, 1)


def _ordered(c: Context) -> pl.DataFrame:
    return (
        c.t(T)
        .sort(["CHILD", "SW_DECOM#date", "row"], nulls_last=True)
        .with_columns(
            D("SW_DEC").shift(1).over("CHILD").alias("prev_dec"),
            pl.col("row").shift(1).over("CHILD").alias("prev_row"),
            (pl.int_range(pl.len()).over("CHILD") == pl.len().over("CHILD") - 1).alias("last"),
        )
    )


@rule("SW01aSTG1")
def start_and_id(c: Context):
    f = c.t(T)
    return pl.concat(
        [flags(f.filter(pl.col(col).is_null()), T, col) for col in ("SW_DECOM", "SW_ID")]
    )


@rule("SW01bSTG1")
def reason_required(c: Context):
    f = c.t(T).filter(
        (D("SW_DECOM") >= pl.lit(REASON_REQUIRED_FROM)) & pl.col("SW_REASON").is_null()
    )
    return flags(f, T, "SW_REASON")


@rule("SW02STG1")
def id_prefix(c: Context):
    f = c.t(T).filter(pl.col("SW_ID").is_not_null() & ~pl.col("SW_ID").str.contains("^(SW|XX)"))
    return flags(f, T, "SW_ID")


@rule("SW04STG1")
def start_valid(c: Context):
    return flags(c.t(T).filter(bad_date("SW_DECOM")), T, "SW_DECOM")


@rule("SW05STG1")
def end_valid(c: Context):
    return flags(c.t(T).filter(bad_date("SW_DEC")), T, "SW_DEC")


@rule("SW06STG2")
def start_within_year(c: Context):
    return flags(c.t(T).filter(D("SW_DECOM") > pl.lit(c.end)), T, "SW_DECOM")


@rule("SW07STG2")
def end_within_year(c: Context):
    f = c.t(T).filter(~D("SW_DEC").is_between(pl.lit(c.start), pl.lit(c.end)))
    return flags(f, T, "SW_DEC")


@rule("SW08STG2")
def previous_not_ended(c: Context):
    return flags(_ordered(c).filter(~pl.col("last") & pl.col("SW_DEC").is_null()), T, "SW_DEC")


@rule("SW09STG2")
def under_24_hours(c: Context):
    return flags(c.t(T).filter(D("SW_DEC") == D("SW_DECOM")), T, "SW_DEC")


@rule("SW10STG2")
def starts_before_previous_ended(c: Context):
    return flags(_ordered(c).filter(D("SW_DECOM") < pl.col("prev_dec")), T, "SW_DECOM")


def _in_care_at_end(c: Context) -> pl.Series:
    return c.children(c.open_at_end)


@rule("SW11bSTG2")
def ended_with_no_successor(c: Context):
    f = _ordered(c).filter(
        pl.col("last")
        & (D("SW_DEC") < pl.lit(c.end))
        & pl.col("CHILD").is_in(_in_care_at_end(c).implode())
    )
    return flags(f, T, "SW_DEC")


@rule("SW12STG2")
def full_year_reported(c: Context):
    # The year's social worker episodes must be there from its first day, or, for a child the
    # council first looked after during the year, from the day they came into care at the
    # latest: a child unknown before then had no social worker to report.
    earliest = c.t(T).group_by("CHILD").agg(D("SW_DECOM").min().alias("first"))
    in_care_from = c.episodes.group_by("CHILD").agg(D("DECOM").min().alias("in_care_from"))
    ep = (
        c.open_at_end.unique("CHILD", keep="first", maintain_order=True)
        .join(earliest, on="CHILD", how="left")
        .join(in_care_from, on="CHILD", how="left")
    )
    due = pl.max_horizontal(pl.lit(c.start), pl.col("in_care_from"))
    late = pl.col("first").is_null() | (pl.col("first") > due)
    return flags(ep.filter(late), "Episodes", "CHILD")


@rule("SW13STG1")
def reason_valid(c: Context):
    return flags(c.t(T).filter(not_in("SW_REASON", codes.SW_REASON)), T, "SW_REASON")


@rule("SW17STG2")
def none_open_at_end(c: Context):
    open_sw = c.t(T).filter(
        (D("SW_DECOM") <= pl.lit(c.end)) & (D("SW_DEC").is_null() | (D("SW_DEC") > pl.lit(c.end)))
    )
    ep = c.open_at_end.unique("CHILD").filter(~pl.col("CHILD").is_in(c.children(open_sw).implode()))
    return flags(ep, "Episodes", "CHILD")
