"""Rules of the smaller modules: Reviews, UASC and PrevPerm (previous permanence).

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.reader import parse_dates
from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import (
    Context,
    D,
    age,
    bad_date,
    birthday,
    filled,
    flags,
    not_in,
    rule,
)


@rule("166")
def review_date_valid(c: Context):
    f = c.t("Reviews").filter(pl.col("REVIEW").is_null() | bad_date("REVIEW"))
    return flags(f, "Reviews", "REVIEW")


@rule("167")
def participation_valid(c: Context):
    f = c.t("Reviews").filter(not_in("REVIEW_CODE", codes.REVIEW_CODE, blank_ok=False))
    return flags(f, "Reviews", "REVIEW_CODE")


def _review_ages(c: Context) -> pl.DataFrame:
    f = c.with_header(c.t("Reviews"))
    return f.with_columns(
        age(pl.coalesce(pl.col("DOB_h"), D("DOB")), D("REVIEW")).alias("age_at_review")
    )


@rule("440")
def pn0_aged_4(c: Context):
    f = _review_ages(c).filter((pl.col("REVIEW_CODE") == "PN0") & (pl.col("age_at_review") >= 4))
    return flags(f, "Reviews", "REVIEW_CODE")


@rule("441")
def participation_under_4(c: Context):
    f = _review_ages(c).filter(
        pl.col("REVIEW_CODE").is_in([v for v in codes.REVIEW_CODE if v != "PN0"])
        & (pl.col("age_at_review") < 4)
    )
    return flags(f, "Reviews", "REVIEW_CODE")


@rule("399")
def respite_mother_or_reviews(c: Context):
    # Children on short breaks only (every episode V3/V4) give no motherhood or reviews.
    respite = (
        c.t("Episodes")
        .group_by("CHILD")
        .agg(pl.col("LS").is_in(codes.RESPITE).all().alias("only"))
        .filter(pl.col("only"))
    )
    only = respite["CHILD"].implode()
    mother = c.t("Header").filter(pl.col("CHILD").is_in(only) & pl.col("MOTHER").is_not_null())
    reviews = c.t("Reviews").filter(pl.col("CHILD").is_in(only) & filled("REVIEW", "REVIEW_CODE"))
    return pl.concat([flags(mother, "Header", "MOTHER"), flags(reviews, "Reviews", "REVIEW")])


@rule("104")
def duc_valid(c: Context):
    return flags(c.t("UASC").filter(bad_date("DUC")), "UASC", "DUC")


@rule("303", needs={"header_uasc"})
def duc_needs_uasc_flag(c: Context):
    f = c.with_header(c.t("UASC"), "UASC").filter(
        pl.col("DUC").is_not_null() & (pl.col("UASC_h") != "1").fill_null(True)
    )
    return flags(f, "UASC", "DUC")


@rule("304")
def duc_after_18(c: Context):
    f = c.with_header(c.t("UASC"))
    dob = pl.coalesce(pl.col("DOB_h"), D("DOB"))
    return flags(f.filter(D("DUC") > birthday(dob, 18)), "UASC", "DUC")


def _perm_date() -> pl.Expr:
    # DfE lets an unknown day or month be written "zz" (zz/zz/2019): read it as the 1st.
    text = pl.col("DATE_PERM").str.to_lowercase().str.replace_all("zz", "01")
    return parse_dates(text)


@rule("630")
def previous_permanence_missing(c: Context):
    # Short breaks (V3/V4) are outside the previous-permanence question.
    ep = c.t("Episodes").filter(
        (pl.col("RNE") == "S")
        & ~pl.col("LS").is_in(codes.RESPITE)
        & D("DECOM").is_between(pl.lit(c.start), pl.lit(c.end))
        & ~pl.col("CHILD").is_in(
            c.children(c.t("PrevPerm").filter(pl.col("PREV_PERM").is_not_null())).implode()
        )
    )
    return flags(ep, "Episodes", "RNE")


@rule("631")
def previous_permanence_valid(c: Context):
    f = c.t("PrevPerm").filter(not_in("PREV_PERM", codes.PREV_PERM, blank_ok=False))
    return flags(f, "PrevPerm", "PREV_PERM")


@rule("632")
def previous_permanence_date_valid(c: Context):
    starts = (
        c.episodes.filter(pl.col("RNE") == "S")
        .group_by("CHILD")
        .agg(D("DECOM").max().alias("started"))
    )
    f = (
        c.t("PrevPerm")
        .with_columns(_perm_date().alias("perm"))
        .join(starts, on="CHILD", how="left")
    )
    bad = (pl.col("DATE_PERM").is_not_null() & pl.col("perm").is_null()) | (
        pl.col("perm") > pl.col("started")
    ).fill_null(False)
    return flags(f.filter(bad), "PrevPerm", "DATE_PERM")


@rule("633")
def previous_permanence_la_valid(c: Context):
    ok = pl.col("LA_PERM").str.contains(r"^(\d{3}|[EWSN]\d{8})$") | pl.col("LA_PERM").is_in(
        codes.NON_LA_PLACES
    )
    f = c.t("PrevPerm").filter(pl.col("LA_PERM").is_not_null() & ~ok)
    return flags(f, "PrevPerm", "LA_PERM")


@rule("634")
def previous_permanence_before_2016(c: Context):
    # Previous permanence was first collected for children starting care from 1 April 2016.
    since = c.t("Episodes").filter((pl.col("RNE") == "S") & (D("DECOM") >= pl.date(2016, 4, 1)))
    f = c.t("PrevPerm").filter(
        filled("LA_PERM", "PREV_PERM", "DATE_PERM")
        & ~pl.col("CHILD").is_in(c.children(since).implode())
    )
    return flags(f, "PrevPerm", "PREV_PERM")


@rule("635")
def z1_with_details(c: Context):
    f = c.t("PrevPerm").filter((pl.col("PREV_PERM") == "Z1") & filled("LA_PERM", "DATE_PERM"))
    return flags(f, "PrevPerm", "PREV_PERM")
