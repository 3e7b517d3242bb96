"""Rules comparing this year's return with last year's (`previous`): the child's unchanging
details, the episode open across the year boundary, and earlier adoptions from care.

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import Context, D, flags, per_child_first, rule

PREV = {"previous"}


def _header_vs_last(c: Context, *columns: str) -> pl.DataFrame:
    last = per_child_first(c.last("Header")).select(
        "CHILD", *[pl.col(col).alias(f"{col}_last") for col in columns]
    )
    return c.t("Header").join(last, on="CHILD", how="inner")


def _unchanged(code: str, field: str, *, compare_dates: bool = False):
    @rule(code, needs=PREV)
    def check(c: Context):
        column = f"{field}#date" if compare_dates else field
        f = _header_vs_last(c, column)
        changed = (
            pl.col(column).is_not_null()
            & pl.col(f"{column}_last").is_not_null()
            & (pl.col(column) != pl.col(f"{column}_last"))
        )
        return flags(f.filter(changed), "Header", field)

    return check


_unchanged("202", "SEX")
_unchanged("203", "DOB", compare_dates=True)
_unchanged("204", "ETHNIC")
_unchanged("624", "MC_DOB", compare_dates=True)


@rule("207", needs=PREV)
def no_longer_a_mother(c: Context):
    f = _header_vs_last(c, "MOTHER").filter(
        (pl.col("MOTHER_last") == "1") & (pl.col("MOTHER") == "0")
    )
    return flags(f, "Header", "MOTHER")


@rule("208", needs=PREV)
def upn_changed(c: Context):
    f = _header_vs_last(c, "UPN").filter(
        pl.col("UPN").is_not_null()
        & pl.col("UPN_last").is_not_null()
        & ~pl.col("UPN_last").is_in(codes.UPN_UNKNOWN_903)
        & (pl.col("UPN") != pl.col("UPN_last"))
    )
    return flags(f, "Header", "UPN")


@rule("626", needs=PREV)
def mother_before_year_not_last_year(c: Context):
    f = _header_vs_last(c, "MOTHER").filter(
        (pl.col("MOTHER") == "1") & (D("MC_DOB") < pl.lit(c.start)) & (pl.col("MOTHER_last") == "0")
    )
    return flags(f, "Header", "MC_DOB")


def _uasc_years(c: Context) -> pl.DataFrame:
    """Per child in both years: the UASC flag and date ceased, this year and last."""

    def side(tables, suffix: str) -> pl.DataFrame:
        duc = per_child_first(tables["UASC"]).select("CHILD", pl.col("DUC#date"))
        h = per_child_first(tables["Header"]).select("CHILD", "row", pl.col("UASC"))
        h = h.join(duc, on="CHILD", how="left")
        return h.rename({col: f"{col}{suffix}" for col in h.columns if col != "CHILD"})

    now = side(c.tables.tables, "")
    last = side(c.tables.previous, "_last")
    return now.join(last, on="CHILD", how="inner").with_columns(
        (pl.col("UASC") == "1").fill_null(False).alias("now"),
        (pl.col("UASC_last") == "1").fill_null(False).alias("before"),
    )


def _uasc_rule(code: str, condition, field: str):
    @rule(code, needs={"previous", "header_uasc"})
    def check(c: Context):
        f = _uasc_years(c).filter(condition)
        return flags(f, "Header", field, "DUC#date" if field == "DUC" else field)

    return check


_uasc_rule(
    "205A",
    pl.col("before")
    & ~pl.col("now")
    & (
        pl.col("DUC#date").is_null()
        | pl.col("DUC#date").ne_missing(pl.col("DUC#date_last"))
        & pl.col("DUC#date_last").is_not_null()
    ),
    "UASC",
)
_uasc_rule(
    "205B",
    pl.col("before")
    & pl.col("now")
    & pl.col("DUC#date_last").is_not_null()
    & pl.col("DUC#date").ne_missing(pl.col("DUC#date_last")),
    "DUC",
)
_uasc_rule(
    "205C",
    ~pl.col("before")
    & ~pl.col("now")
    & (pl.col("DUC#date").is_not_null() | pl.col("DUC#date_last").is_not_null()),
    "DUC",
)
_uasc_rule("205D", pl.col("now") & ~pl.col("before"), "UASC")


def _boundary(c: Context) -> pl.DataFrame:
    """Children whose last episode last year was still open, with that episode (`*_last`) and
    this year's first episode."""
    last_open = (
        c.last("Episodes")
        .sort(["CHILD", "DECOM#date"])
        .unique("CHILD", keep="last")
        .filter(pl.col("DEC").is_null())
    )
    last_open = last_open.rename(
        {col: f"{col}_last" for col in last_open.columns if col != "CHILD"}
    )
    first = c.episodes.filter(pl.col("seq") == 0)
    return first.join(last_open, on="CHILD", how="inner")


def _carried(code: str, field: str, *, needs=PREV, same_start: bool = True):
    @rule(code, needs=needs)
    def check(c: Context):
        f = _boundary(c)
        if same_start:
            f = f.filter(D("DECOM") == pl.col("DECOM#date_last"))
        return flags(f.filter(pl.col(field).ne_missing(pl.col(f"{field}_last"))), "Episodes", field)

    return check


LOCATION = {"previous", "placement_location"}
_carried("503A", "RNE")
_carried("503B", "LS")
_carried("503C", "CIN")
_carried("503D", "PLACE")
_carried("503E", "PLACE_PROVIDER")
_carried("503F", "URN")
_carried("503G", "PL_DISTANCE", needs=LOCATION)
_carried("503H", "PL_LA", needs=LOCATION)
_carried("503J", "PL_LOCATION", needs=LOCATION)
_carried("452", "PL_LA", needs=LOCATION, same_start=False)
_carried("453", "PL_DISTANCE", needs=LOCATION, same_start=False)


@rule("502", needs=PREV)
def open_episode_start_differs(c: Context):
    f = _boundary(c).filter(D("DECOM").ne_missing(pl.col("DECOM#date_last")))
    return flags(f, "Episodes", "DECOM")


def _began_before_year(c: Context) -> pl.DataFrame:
    return c.episodes.filter((pl.col("seq") == 0) & (D("DECOM") < pl.lit(c.start)))


@rule("562", needs=PREV)
def continuing_episode_missing_last_year(c: Context):
    last = c.last("Episodes")
    f = _began_before_year(c).filter(pl.col("CHILD").is_in(c.children(last).implode()))
    f = f.join(last.select("CHILD", "DECOM#date"), on=["CHILD", "DECOM#date"], how="anti")
    return flags(f, "Episodes", "DECOM")


@rule("NoE", needs=PREV)
def no_episodes_last_year(c: Context):
    last = c.children(c.last("Episodes")).implode()
    f = _began_before_year(c).filter(~pl.col("CHILD").is_in(last))
    return flags(f, "Episodes", "DECOM")


@rule("199")
def previously_adopted_from_care(c: Context):
    # An adoption ends a child's care for good: later episodes (this year, after an adoption
    # in this return or last year's where given) show a child already adopted from care.
    adoptions = [c.t("Episodes")]
    if c.tables.previous is not None:
        adoptions.append(c.last("Episodes"))
    adopted = (
        pl.concat([a.select("CHILD", "REC", "DEC#date") for a in adoptions])
        .filter(pl.col("REC").is_in(codes.ADOPTED))
        .group_by("CHILD")
        .agg(pl.col("DEC#date").min().alias("adopted_on"))
    )
    f = c.t("Episodes").join(adopted, on="CHILD", how="inner")
    return flags(f.filter(D("DECOM") >= pl.col("adopted_on")), "Episodes", "CHILD")
