"""Adoption rules: AD1 (children adopted in the year) and PlacedAdoption (decisions to place).

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import (
    Context,
    D,
    all_filled,
    bad_date,
    filled,
    flags,
    not_in,
    rule,
)

AD = "AD1"
PA = "PlacedAdoption"
AD_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _valid(code, table, field, *, date=False, values=()):
    @rule(code)
    def check(c: Context):
        bad = bad_date(field) if date else not_in(field, values)
        return flags(c.t(table).filter(bad), table, field)

    return check


_valid("112", AD, "DATE_INT", date=True)
_valid("113", AD, "DATE_MATCH", date=True)
_valid("114", AD, "FOSTER_CARE", values=("0", "1"))
_valid("175", AD, "NB_ADOPTR", values=codes.NB_ADOPTR)
_valid("176", AD, "SEX_ADOPTR", values=codes.SEX_ADOPTR)
_valid("177", AD, "LS_ADOPTR", values=codes.LS_ADOPTR)
_valid("115", PA, "DATE_PLACED", date=True)
_valid("116", PA, "DATE_PLACED_CEASED", date=True)
_valid("120", PA, "REASON_PLACED_CEASED", values=codes.REASON_PLACED_CEASED)


def _sex_rule(code, ls, allowed):
    @rule(code)
    def check(c: Context):
        f = c.t(AD).filter(
            (pl.col("LS_ADOPTR") == ls if ls else pl.col("NB_ADOPTR") == "2")
            & pl.col("SEX_ADOPTR").is_not_null()
            & ~pl.col("SEX_ADOPTR").is_in(allowed)
        )
        return flags(f, AD, "SEX_ADOPTR")

    return check


COUPLE = ("MM", "FF", "MF")
_sex_rule("511", None, COUPLE)
_sex_rule("514", "L0", ("M1", "F1"))
_sex_rule("517", "L3", ("MF",))
_sex_rule("518", "L4", ("MM", "FF"))
_sex_rule("519", "L2", COUPLE)
_sex_rule("520", "L11", ("MF",))
_sex_rule("524", "L12", ("MM", "FF"))


@rule("151")
def ad1_all_or_none(c: Context):
    f = c.t(AD).filter(filled(*AD_FIELDS) & ~all_filled(*AD_FIELDS))
    return flags(f, AD, "DATE_INT")


@rule("119")
def ceased_date_and_reason_together(c: Context):
    f = c.t(PA).filter(
        pl.col("DATE_PLACED_CEASED").is_null() != pl.col("REASON_PLACED_CEASED").is_null()
    )
    return flags(f, PA, "REASON_PLACED_CEASED")


def _last_episode(c: Context) -> pl.DataFrame:
    return c.latest_episodes.select(
        "CHILD",
        pl.col("DEC#date").alias("last_dec"),
        pl.col("REC").alias("last_rec"),
        pl.col("period_began").alias("last_period_start"),
    )


@rule("117")
def decision_after_year_or_care(c: Context):
    f = c.t(PA).join(_last_episode(c), on="CHILD", how="left")
    ceased_care = pl.col("last_dec").is_not_null() & (pl.col("last_rec") != "X1")
    parts = []
    for field in ("DATE_PLACED", "DATE_PLACED_CEASED"):
        late = (D(field) > pl.lit(c.end)) | (ceased_care & (D(field) > pl.col("last_dec")))
        parts.append(flags(f.filter(late.fill_null(False)), PA, field))
    return pl.concat(parts)


@rule("118")
def ceased_before_year_or_care(c: Context):
    f = c.t(PA).join(_last_episode(c), on="CHILD", how="left")
    early = (D("DATE_PLACED_CEASED") < pl.lit(c.start)) | (
        D("DATE_PLACED_CEASED") < pl.col("last_period_start")
    )
    return flags(f.filter(early.fill_null(False)), PA, "DATE_PLACED_CEASED")


@rule("1003")
def decision_before_care(c: Context):
    f = c.t(PA).join(_last_episode(c), on="CHILD", how="inner")
    return flags(f.filter(D("DATE_PLACED") < pl.col("last_period_start")), PA, "DATE_PLACED")


@rule("184")
def decision_before_birth(c: Context):
    f = c.with_header(c.t(PA)).filter(D("DATE_PLACED") < pl.col("DOB_h"))
    return flags(f, PA, "DATE_PLACED")


def _first(c: Context, condition: pl.Expr, name: str) -> pl.DataFrame:
    return c.episodes.filter(condition).group_by("CHILD").agg(D("DECOM").min().alias(name))


@rule("331")
def matched_after_placed(c: Context):
    placed = _first(c, pl.col("PLACE").is_in(codes.PLACED_FOR_ADOPTION), "placed")
    f = c.t(AD).join(placed, on="CHILD", how="inner").filter(D("DATE_MATCH") > pl.col("placed"))
    return flags(f, AD, "DATE_MATCH")


@rule("521")
def should_be_placed_after_placed(c: Context):
    placed = _first(c, pl.col("PLACE").is_in(codes.PLACED_FOR_ADOPTION), "placed")
    f = c.t(AD).join(placed, on="CHILD", how="inner").filter(D("DATE_INT") > pl.col("placed"))
    return flags(f, AD, "DATE_INT")


@rule("333")
def should_be_placed_after_match(c: Context):
    return flags(c.t(AD).filter(D("DATE_INT") > D("DATE_MATCH")), AD, "DATE_INT")


@rule("334")
def should_be_placed_before_care(c: Context):
    f = c.t(AD).join(_last_episode(c), on="CHILD", how="inner")
    return flags(f.filter(D("DATE_INT") < pl.col("last_period_start")), AD, "DATE_INT")


@rule("335")
def foster_care_matches_placement(c: Context):
    adopted = c.episodes.filter(pl.col("REC").is_in(codes.ADOPTED)).select(
        "CHILD", pl.col("PLACE").alias("adopted_from")
    )
    f = c.t(AD).join(adopted, on="CHILD", how="inner")
    bad = ((pl.col("FOSTER_CARE") == "0") & pl.col("adopted_from").is_in(["A3", "A5"])) | (
        (pl.col("FOSTER_CARE") == "1") & pl.col("adopted_from").is_in(["A4", "A6"])
    )
    return flags(f.filter(bad), AD, "FOSTER_CARE")


@rule("336")
def no_foster_placement_before_adoption(c: Context):
    ep = c.episodes.filter(
        pl.col("PLACE").is_in(["A3", "A5"])
        & pl.col("prev_place").is_not_null()
        & ~pl.col("prev_place").is_in([*codes.FOSTER, "A3", "A5"])
    )
    return flags(ep, "Episodes", "PLACE")


@rule("522")
def decision_after_reversal(c: Context):
    return flags(c.t(PA).filter(D("DATE_PLACED") > D("DATE_PLACED_CEASED")), PA, "DATE_PLACED")


@rule("523")
def decision_dates_disagree(c: Context):
    decided = c.t(PA).select("CHILD", pl.col("DATE_PLACED#date").alias("decided"))
    f = c.t(AD).filter(D("DATE_INT").is_not_null() & c.has(PA))
    agree = f.join(decided, on="CHILD").filter(pl.col("decided") == D("DATE_INT"))
    return flags(f.join(agree.select("row"), on="row", how="anti"), AD, "DATE_INT")


def _latest_decision(c: Context) -> pl.DataFrame:
    return (
        c.t(PA).sort(["CHILD", "DATE_PLACED#date"], nulls_last=False).unique("CHILD", keep="last")
    )


@rule("525")
def reversed_but_adopted(c: Context):
    reversed_ = _latest_decision(c).filter(pl.col("DATE_PLACED_CEASED").is_not_null())
    f = c.t(AD).filter(pl.col("CHILD").is_in(c.children(reversed_).implode()) & filled(*AD_FIELDS))
    return flags(f, AD, "DATE_INT")


def _episodes_without_decision(c: Context, condition: pl.Expr) -> pl.DataFrame:
    decided = c.t(PA).filter(pl.col("DATE_PLACED").is_not_null())
    ep = c.episodes.filter(condition & ~pl.col("CHILD").is_in(c.children(decided).implode()))
    return ep


@rule("551")
def placed_without_decision(c: Context):
    ep = _episodes_without_decision(c, pl.col("PLACE").is_in(codes.PLACED_FOR_ADOPTION))
    return flags(ep, "Episodes", "PLACE")


@rule("553")
def placement_order_without_decision(c: Context):
    return flags(_episodes_without_decision(c, pl.col("LS") == "E1"), "Episodes", "LS")


def _decision_after_first(c: Context, condition: pl.Expr):
    first = _first(c, condition, "first")
    f = c.t(PA).join(first, on="CHILD", how="inner")
    earliest = D("DATE_PLACED").min().over("CHILD")
    return flags(
        f.filter((earliest > pl.col("first")) & (D("DATE_PLACED") == earliest)), PA, "DATE_PLACED"
    )


@rule("552")
def decision_after_placed(c: Context):
    return _decision_after_first(c, pl.col("PLACE").is_in(codes.PLACED_FOR_ADOPTION))


@rule("554")
def decision_after_placement_order(c: Context):
    return _decision_after_first(c, pl.col("LS") == "E1")


@rule("557")
def left_care_not_adopted_decision_open(c: Context):
    left = c.latest_episodes.filter(
        D("DEC").is_not_null() & ~pl.col("REC").is_in(["X1", *codes.ADOPTED])
    )
    f = _latest_decision(c).filter(
        pl.col("CHILD").is_in(c.children(left).implode())
        & pl.col("DATE_PLACED").is_not_null()
        & (pl.col("DATE_PLACED_CEASED").is_null() | pl.col("REASON_PLACED_CEASED").is_null())
    )
    return flags(f, PA, "DATE_PLACED_CEASED")


@rule("558")
def adopted_with_reversal(c: Context):
    adopted = c.episodes.filter(pl.col("REC").is_in(codes.ADOPTED))
    f = _latest_decision(c).filter(
        pl.col("CHILD").is_in(c.children(adopted).implode())
        & pl.col("DATE_PLACED_CEASED").is_not_null()
    )
    return flags(f, PA, "DATE_PLACED_CEASED")


@rule("563")
def reversal_without_decision(c: Context):
    f = c.t(PA).filter(
        pl.col("DATE_PLACED").is_null() & filled("REASON_PLACED_CEASED", "DATE_PLACED_CEASED")
    )
    return flags(f, PA, "DATE_PLACED")


def _ordered(c: Context) -> pl.DataFrame:
    return (
        c.t(PA)
        .filter(D("DATE_PLACED").is_not_null())
        .sort(["CHILD", "DATE_PLACED#date", "row"])
        .with_columns(
            D("DATE_PLACED_CEASED").shift(1).over("CHILD").alias("prev_ceased"),
            pl.col("row").shift(1).over("CHILD").alias("prev_row"),
            (pl.int_range(pl.len()).over("CHILD") == pl.len().over("CHILD") - 1).alias("latest"),
        )
    )


@rule("579")
def overlapping_decisions(c: Context):
    f = _ordered(c).filter(
        pl.col("prev_row").is_not_null()
        & (pl.col("prev_ceased").is_null() | (D("DATE_PLACED") < pl.col("prev_ceased")))
    )
    return flags(f, PA, "DATE_PLACED")


@rule("583")
def earlier_decision_not_revoked(c: Context):
    f = _ordered(c).filter(~pl.col("latest") & pl.col("DATE_PLACED_CEASED").is_null())
    return flags(f, PA, "DATE_PLACED_CEASED")


def _adopted_in_year(c: Context) -> pl.DataFrame:
    return c.episodes.filter(
        pl.col("REC").is_in(codes.ADOPTED) & D("DEC").is_between(pl.lit(c.start), pl.lit(c.end))
    )


@rule("601")
def adopted_without_ad1(c: Context):
    complete = c.t(AD).filter(all_filled(*AD_FIELDS))
    ep = _adopted_in_year(c).filter(~pl.col("CHILD").is_in(c.children(complete).implode()))
    return flags(ep, "Episodes", "REC")


@rule("602")
def ad1_not_adopted(c: Context):
    f = c.t(AD).filter(~pl.col("CHILD").is_in(c.children(_adopted_in_year(c)).implode()))
    return flags(f, AD, "CHILD")


@rule("582")
def adopted_on_match_date(c: Context):
    adopted = _adopted_in_year(c).select("CHILD", pl.col("DEC#date").alias("adopted_on"))
    f = (
        c.t(AD)
        .join(adopted, on="CHILD", how="inner")
        .filter(D("DATE_MATCH") == pl.col("adopted_on"))
    )
    return flags(f, AD, "DATE_MATCH")


def _with_last_year(c: Context) -> pl.DataFrame:
    last = c.last(PA).select(
        "CHILD",
        pl.col("DATE_PLACED#date").alias("last_placed"),
        pl.col("DATE_PLACED_CEASED#date").alias("last_ceased"),
    )
    return c.t(PA).join(last, on="CHILD", how="inner")


@rule("559", needs={"previous"})
def earlier_decision_not_in_last_return(c: Context):
    earlier = c.t(PA).filter(D("DATE_PLACED") < pl.lit(c.start))
    last = c.last(PA).select("CHILD", "DATE_PLACED#date")
    return flags(
        earlier.join(last, on=["CHILD", "DATE_PLACED#date"], how="anti"), PA, "DATE_PLACED"
    )


@rule("560", needs={"previous"})
def decision_changed_without_reversal(c: Context):
    # Last year's open decision should reappear with the same date this year.
    open_last = c.last(PA).filter(
        pl.col("DATE_PLACED_CEASED").is_null() & pl.col("DATE_PLACED").is_not_null()
    )
    now = c.t(PA).select("CHILD", "DATE_PLACED#date")
    lost = open_last.join(now, on=["CHILD", "DATE_PLACED#date"], how="anti")
    f = c.t(PA).filter(pl.col("CHILD").is_in(c.children(lost).implode()))
    return flags(f, PA, "DATE_PLACED")


@rule("561", needs={"previous"})
def reversed_decision_reopened(c: Context):
    f = _with_last_year(c).filter(
        pl.col("last_ceased").is_not_null()
        & (pl.col("last_placed") == D("DATE_PLACED"))
        & pl.col("DATE_PLACED_CEASED").is_null()
    )
    return flags(f, PA, "DATE_PLACED")


@rule("584", needs={"previous"})
def new_decision_before_reversal(c: Context):
    # A decision reversed last year can be followed by a new one only after the reversal.
    f = _with_last_year(c).filter(
        pl.col("last_ceased").is_not_null()
        & (pl.col("last_placed") != D("DATE_PLACED"))
        & (D("DATE_PLACED") < pl.col("last_ceased"))
    )
    return flags(f, PA, "DATE_PLACED")
