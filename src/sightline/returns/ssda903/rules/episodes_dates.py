"""Episode rules about dates, durations, ages at placement, and the chain of episodes.

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module); durations from the
Children Act 1989 where the message cites it.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import Context, D, age, birthday, flags, rule

E = "Episodes"


def _days(c: Context) -> pl.Expr:
    """Days an episode lasted (to the year's end when still open)."""
    return (D("DEC").fill_null(pl.lit(c.end)) - D("DECOM")).dt.total_days()


@rule("302")
def first_episode_before_birth(c: Context):
    ep = c.episodes.filter((pl.col("seq") == 0) & (D("DECOM") < pl.col("DOB_h")))
    return flags(ep, E, "DECOM")


@rule("352")
def started_aged_18(c: Context):
    ep = c.episodes.filter((pl.col("RNE") == "S") & (age(pl.col("DOB_h"), D("DECOM")) >= 18))
    return flags(ep, E, "DECOM")


@rule("353")
def before_october_1991(c: Context):
    # The Children Act 1989 came into force on 14 October 1991.
    return flags(c.t(E).filter(D("DECOM") < pl.date(1991, 10, 14)), E, "DECOM")


@rule("354")
def starts_after_year(c: Context):
    return flags(c.t(E).filter(D("DECOM") > pl.lit(c.end)), E, "DECOM")


@rule("385")
def ends_after_year(c: Context):
    return flags(c.t(E).filter(D("DEC") > pl.lit(c.end)), E, "DEC")


@rule("355")
def under_24_hours(c: Context):
    return flags(c.t(E).filter(D("DEC") == D("DECOM")), E, "DEC")


@rule("356")
def ends_before_start(c: Context):
    return flags(c.t(E).filter(D("DEC") < D("DECOM")), E, "DEC")


@rule("357")
def first_episode_rne_s(c: Context):
    # An episode that began before the year may continue one from an earlier return; one that
    # begins in the year with no earlier episode in this return must open a period of care.
    ep = c.episodes.filter(
        (pl.col("seq") == 0) & (D("DECOM") >= pl.lit(c.start)) & (pl.col("RNE") != "S")
    )
    return flags(ep, E, "RNE")


def _min_age(code: str, places: tuple[str, ...] | None, legal: tuple[str, ...] | None, years: int):
    @rule(code)
    def check(c: Context):
        ep = c.episodes
        if places:
            ep = ep.filter(pl.col("PLACE").is_in(places))
        if legal:
            ep = ep.filter(pl.col("LS").is_in(legal))
        field = "PLACE" if places else "LS"
        return flags(ep.filter(age(pl.col("DOB_h"), D("DECOM")) < years), E, field)

    return check


_min_age("358", None, ("J1", "J2", "J3"), 10)
_min_age("371", ("K3",), None, 16)
_min_age("372", ("R5",), None, 10)
_min_age("373", ("S1",), None, 4)
_min_age("374", ("P3",), None, 14)


@rule("359")
def after_18_section_20_community_home(c: Context):
    # After 18 a young person may stay looked after only under s20(5) (V2) in a children's home.
    ep = c.episodes.with_columns(birthday(pl.col("DOB_h"), 18).alias("b18"))
    after = pl.col("b18") < D("DEC").fill_null(pl.lit(c.end))
    allowed = (pl.col("LS") == "V2") & pl.col("PLACE").is_in(["K1", "K2"])
    return flags(ep.filter(after & ~allowed), E, "LS")


def _max_days(code: str, column: str, values: tuple[str, ...], days: int):
    @rule(code)
    def check(c: Context):
        ep = c.t(E).filter(pl.col(column).is_in(values) & (_days(c) > days))
        return flags(ep, E, "DEC")

    return check


_max_days("361", "LS", ("L1",), 3)  # police protection: 72 hours (s46(6))
_max_days("362", "LS", ("L2",), 21)  # EPO, as the DfE message states
_max_days("363", "LS", ("L3",), 7)  # child assessment order: 7 days (s43(5))
# PACE transfer: a charged child is held until the next court sitting, 72 hours at most (s38(6)).
_max_days("364", "LS", ("J2",), 3)
_max_days("365", "LS", ("V3",), 17)
_max_days("375", "PLACE", ("T1",), 42)
_max_days("376", "PLACE", ("T3",), 21)
_max_days("379", "PLACE", ("T4",), 7)


@rule("366")
def respite_no_placement_change(c: Context):
    ep = c.t(E).filter((pl.col("LS") == "V3") & (pl.col("RNE") != "S"))
    return flags(ep, E, "RNE")


@rule("367")
def respite_over_75_days(c: Context):
    start, end = pl.lit(c.start), pl.lit(c.end)
    ep = c.t(E).filter((pl.col("LS") == "V3") & (D("DECOM") <= end) & D("DEC").is_not_null())
    nights = (
        pl.min_horizontal(D("DEC"), end) - pl.max_horizontal(D("DECOM"), start)
    ).dt.total_days()
    ep = ep.with_columns(nights.clip(lower_bound=0).sum().over("CHILD").alias("nights"))
    return flags(ep.filter(pl.col("nights") > 75), E, "DEC")


@rule("377")
def holiday_placements_twice(c: Context):
    ep = c.t(E).filter(
        (pl.col("PLACE") == "T3") & D("DECOM").is_between(pl.lit(c.start), pl.lit(c.end))
    )
    return flags(ep.filter(pl.len().over("CHILD") > 2), E, "PLACE")


def _pair(code: str, column: str, values, other: str, others, field: str):
    @rule(code)
    def check(c: Context):
        ep = c.t(E).filter(pl.col(column).is_in(values) & pl.col(other).is_in(others))
        return flags(ep, E, field)

    return check


_pair("378", "PLACE", ("P1",), "LS", ("V2",), "LS")
_pair("382", "LS", codes.RESPITE, "PLACE", codes.TEMPORARY, "PLACE")
_pair("384", "LS", codes.RESPITE, "PLACE", ("U1", "U4"), "PLACE")
_pair("380", "RNE", ("S",), "PLACE", codes.TEMPORARY, "PLACE")
_pair(
    "516",
    "REC",
    ("E45", "E46"),
    "PLACE",
    tuple(p for p in codes.PLACE if p not in codes.FOSTER),
    "PLACE",
)
_pair(
    "390",
    "REC",
    codes.ADOPTED,
    "PLACE",
    tuple(p for p in codes.PLACE if p not in codes.PLACED_FOR_ADOPTION),
    "PLACE",
)


@rule("381")
def period_ends_temporary(c: Context):
    ep = c.t(E).filter(
        pl.col("PLACE").is_in(codes.TEMPORARY)
        & pl.col("REC").is_not_null()
        & (pl.col("REC") != "X1")
    )
    return flags(ep, E, "PLACE")


@rule("383")
def temporary_returns_to_normal(c: Context):
    ep = c.episodes.filter(
        pl.col("PLACE").is_in(codes.TEMPORARY)
        & pl.col("prev_place").is_not_null()
        & pl.col("next_place").is_not_null()
        & (
            pl.col("prev_place").ne_missing(pl.col("next_place"))
            | pl.col("prev_pl_post").ne_missing(pl.col("next_pl_post"))
        )
    )
    return flags(ep, E, "PLACE")


def _ceased_age(code: str, reasons: tuple[str, ...], test):
    @rule(code)
    def check(c: Context):
        ep = c.episodes.filter(pl.col("REC").is_in(reasons) & test(age(pl.col("DOB_h"), D("DEC"))))
        return flags(ep, E, "REC")

    return check


_ceased_age("386", codes.ADOPTED, lambda a: a >= 18)
_ceased_age("387", ("E5", "E6"), lambda a: a < 14)
_ceased_age("389", ("E7",), lambda a: a < 16)
_ceased_age("407", codes.SGO, lambda a: a >= 18)
_ceased_age("460", ("E17",), lambda a: a < 18)


@rule("388")
def new_episode_missing(c: Context):
    return flags(c.episodes.filter((pl.col("REC") == "X1") & pl.col("is_last")), E, "REC")


@rule("437")
def further_episodes_after_death_or_18(c: Context):
    ep = c.episodes.filter(pl.col("REC").is_in(["E2", "E15"]) & ~pl.col("is_last"))
    return flags(ep, E, "REC")


@rule("431")
def started_same_day_previous_ended(c: Context):
    ep = c.episodes.filter((pl.col("RNE") == "S") & (pl.col("prev_dec") == D("DECOM")))
    return flags(ep, E, "RNE")


@rule("432")
def continuation_after_care_ceased(c: Context):
    ep = c.episodes.filter(
        pl.col("prev_rec").is_not_null() & (pl.col("prev_rec") != "X1") & (pl.col("RNE") != "S")
    )
    return flags(ep, E, "RNE")


@rule("433")
def continuation_not_same_day(c: Context):
    ep = c.episodes.filter(
        pl.col("RNE").is_in(["L", "P", "T", "U", "B"])
        & pl.col("prev_decom").is_not_null()
        & pl.col("prev_dec").ne_missing(D("DECOM"))
    )
    return flags(ep, E, "RNE")


def _placement_changed() -> pl.Expr:
    return (
        pl.col("PLACE").ne_missing(pl.col("prev_place"))
        | pl.col("PL_POST").ne_missing(pl.col("prev_pl_post"))
        | pl.col("URN").ne_missing(pl.col("prev_urn"))
        | pl.col("PLACE_PROVIDER").ne_missing(pl.col("prev_place_provider"))
    )


def _change_rule(code: str, reasons: tuple[str, ...], legal_changes: bool, placement_changes: bool):
    @rule(code)
    def check(c: Context):
        ep = c.episodes.filter(pl.col("RNE").is_in(reasons) & pl.col("prev_decom").is_not_null())
        legal = pl.col("LS").ne_missing(pl.col("prev_ls"))
        wrong = (legal != legal_changes) | (_placement_changed() != placement_changes)
        return flags(ep.filter(wrong), E, "RNE")

    return check


_change_rule("434", ("L",), True, False)
_change_rule("435", ("P", "T"), False, True)
_change_rule("436", ("B", "U"), True, True)


@rule("501")
def starts_before_previous_ended(c: Context):
    return flags(c.episodes.filter(D("DECOM") < pl.col("prev_dec")), E, "DECOM")


@rule("504")
def need_differs_in_period(c: Context):
    ep = c.episodes.filter(
        pl.col("CIN").ne_missing(pl.col("CIN").first().over(["CHILD", "period"]))
    )
    return flags(ep, E, "CIN")


@rule("446")
def placement_order_before_2005(c: Context):
    # Placement orders came in with the Adoption and Children Act 2002 on 30 December 2005.
    ep = c.t(E).filter((pl.col("LS") == "E1") & (D("DECOM") < pl.lit(dt.date(2005, 12, 30))))
    return flags(ep, E, "LS")


@rule("408")
def placed_with_order_without_order(c: Context):
    # A5/A6 are placements for adoption under a placement (or older freeing) order.
    ep = c.t(E).filter(pl.col("PLACE").is_in(["A5", "A6"]) & ~pl.col("LS").is_in(["E1", "D1"]))
    return flags(ep, E, "LS")


@rule("426")
def both_respite_statuses(c: Context):
    ep = c.t(E).filter(
        pl.col("LS").is_in(codes.RESPITE)
        & (D("DECOM") <= pl.lit(c.end))
        & (D("DEC").is_null() | (D("DEC") >= pl.lit(c.start)))
    )
    return flags(ep.filter(pl.col("LS").n_unique().over("CHILD") > 1), E, "LS")
