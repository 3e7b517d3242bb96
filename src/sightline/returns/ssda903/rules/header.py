"""Header rules: the child's own details (sex, birth, ethnicity, UPN, motherhood).

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import (
    Context,
    D,
    age,
    bad_date,
    birthday,
    flags,
    not_in,
    rule,
)

UPN_FORM = r"^[A-Za-z]\d{11}[A-Za-z\d]$"


@rule("101")
def sex_valid(c: Context):
    h = c.t("Header")
    return flags(h.filter(not_in("SEX", codes.SEX, blank_ok=False)), "Header", "SEX")


@rule("102")
def dob_valid(c: Context):
    h = c.t("Header")
    return flags(h.filter(pl.col("DOB").is_null() | bad_date("DOB")), "Header", "DOB")


@rule("103")
def ethnicity_valid(c: Context):
    h = c.t("Header")
    return flags(h.filter(not_in("ETHNIC", codes.ETHNIC, blank_ok=False)), "Header", "ETHNIC")


@rule("105", needs={"header_uasc"})
def uasc_flag_valid(c: Context):
    # The UASC flag is in the 903 XML header; CSV returns carry it only where the tool adds it.
    h = c.t("Header")
    return flags(h.filter(not_in("UASC", ("0", "1"), blank_ok=False)), "Header", "UASC")


@rule("168")
def upn_valid(c: Context):
    h = c.t("Header")
    ok = pl.col("UPN").str.contains(UPN_FORM) | pl.col("UPN").is_in(codes.UPN_UNKNOWN_903)
    return flags(h.filter(~ok.fill_null(False)), "Header", "UPN")


@rule("171")
def mother_child_dob_valid(c: Context):
    h = c.t("Header")
    return flags(h.filter(bad_date("MC_DOB")), "Header", "MC_DOB")


@rule("174")
def male_with_child_dob(c: Context):
    h = c.t("Header")
    return flags(
        h.filter((pl.col("SEX") == "M") & pl.col("MC_DOB").is_not_null()), "Header", "MC_DOB"
    )


def school_age_by(c: Context) -> dt.date:
    # A child is of school age in a collection year when they were 5 by the 31 August before it
    # began (DfE's own UN1 guidance: "not of school age"); the choice is noted in the report.
    return dt.date(c.start.year - 5, 8, 31)


@rule("209")
def school_age_upn_un1(c: Context):
    h = c.t("Header")
    return flags(
        h.filter((pl.col("UPN") == "UN1") & (D("DOB") <= pl.lit(school_age_by(c)))), "Header", "UPN"
    )


@rule("210")
def looked_after_week_upn_un4(c: Context):
    week_ago = c.end - dt.timedelta(days=7)
    long = c.open_at_end.filter(D("DECOM") < pl.lit(week_ago))
    h = c.t("Header").filter(
        (pl.col("UPN") == "UN4") & pl.col("CHILD").is_in(long["CHILD"].implode())
    )
    return flags(h, "Header", "UPN")


@rule("231")
def uasc_young(c: Context):
    h = c.t("Header").filter(pl.col("CHILD").is_in(c.uasc_children.implode()))
    return flags(h.filter(age(D("DOB"), c.end) < 10), "Header", "DOB")


@rule("232")
def sex_unknown(c: Context):
    return flags(c.t("Header").filter(pl.col("SEX") == "U"), "Header", "SEX")


@rule("301")
def born_after_year(c: Context):
    return flags(c.t("Header").filter(D("DOB") > pl.lit(c.end)), "Header", "DOB")


@rule("351")
def over_25(c: Context):
    return flags(c.t("Header").filter(birthday(D("DOB"), 25) < pl.lit(c.start)), "Header", "DOB")


@rule("442")
def upn_blank(c: Context):
    h = c.t("Header").filter(pl.col("UPN").is_null() & c.has("Episodes"))
    return flags(h, "Header", "UPN")


@rule("444")
def upn_duplicate(c: Context):
    h = c.header.filter(pl.col("UPN").is_not_null() & ~pl.col("UPN").is_in(codes.UPN_UNKNOWN_903))
    return flags(h.filter(pl.len().over("UPN") > 1), "Header", "UPN")


@rule("165")
def mother_status_valid(c: Context):
    h = c.t("Header")
    bad = not_in("MOTHER", ("0", "1")) | ((pl.col("SEX") == "M") & (pl.col("MOTHER") == "1"))
    return flags(h.filter(bad), "Header", "MOTHER")


def _girls_11_plus(c: Context, frame: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    frame = c.with_header(frame)
    return frame.filter(
        (pl.col("SEX_h") == "F") & (age(pl.col("DOB_h"), on) >= 11) & pl.col("MOTHER_h").is_null()
    )


@rule("393")
def looked_after_mother_blank(c: Context):
    # DfE asks motherhood of girls looked after at 31 March (not on short breaks only) aged 11+.
    ep = c.open_at_end.filter(~pl.col("LS").is_in(["V3", "V4"]))
    ep = _girls_11_plus(c, ep.select("CHILD").unique(), c.end)
    h = c.t("Header").filter(pl.col("CHILD").is_in(ep["CHILD"].implode()))
    return flags(h, "Header", "MOTHER")


@rule("607")
def ceased_mother_blank(c: Context):
    last = c.latest_episodes.filter(
        D("DEC").is_between(pl.lit(c.start), pl.lit(c.end)) & ~pl.col("LS").is_in(["V3", "V4"])
    )
    last = _girls_11_plus(c, last.select("CHILD").unique(), c.end)
    h = c.t("Header").filter(pl.col("CHILD").is_in(last["CHILD"].implode()))
    return flags(h, "Header", "MOTHER")


@rule("611")
def mother_without_child_dob(c: Context):
    h = c.t("Header").filter((pl.col("MOTHER") == "1") & pl.col("MC_DOB").is_null())
    return flags(h, "Header", "MC_DOB")


@rule("612")
def child_dob_not_mother(c: Context):
    h = c.t("Header").filter(
        (pl.col("SEX") == "F") & pl.col("MC_DOB").is_not_null() & (pl.col("MOTHER") != "1")
    )
    return flags(h, "Header", "MOTHER")


@rule("620")
def mother_under_11(c: Context):
    h = c.t("Header").filter((pl.col("MOTHER") == "1") & (age(D("DOB"), c.start) < 11))
    return flags(h, "Header", "DOB")


@rule("621")
def mother_younger_than_child(c: Context):
    return flags(c.t("Header").filter(D("MC_DOB") < D("DOB")), "Header", "MC_DOB")


@rule("625")
def child_dob_after_year_or_care(c: Context):
    last = c.latest_episodes.select("CHILD", D("DEC").alias("last_dec"))
    h = c.t("Header").join(last, on="CHILD", how="left")
    late = (D("MC_DOB") > pl.lit(c.end)) | (D("MC_DOB") > pl.col("last_dec"))
    return flags(h.filter(late.fill_null(False)), "Header", "MC_DOB")


@rule("628")
def care_leaver_motherhood(c: Context):
    h = c.t("Header").filter(
        pl.col("MOTHER").is_not_null()
        & c.has("OC3")
        & ~pl.col("CHILD").is_in(c.looked_after_in_year.implode())
    )
    return flags(h, "Header", "MOTHER")


@rule("INT32")
def header_child_once(c: Context):
    h = c.t("Header").filter(pl.col("CHILD").is_not_null())
    return flags(h.filter(pl.len().over("CHILD") > 1), "Header", "CHILD")


@rule("EPI")
def header_without_episodes(c: Context):
    h = c.t("Header").filter(~c.has("Episodes") & ~c.has("OC3"))
    return flags(h, "Header", "CHILD")
