"""OC3 rules: care leavers' contact, activity and accommodation around their birthdays.

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module). A care leaver's
OC3 row is "completed" when any of IN_TOUCH, ACTIV or ACCOM is filled.
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import (
    Context,
    D,
    age,
    all_filled,
    birthday,
    filled,
    flags,
    not_in,
    rule,
)

T = "OC3"
FIELDS = ("IN_TOUCH", "ACTIV", "ACCOM")
AD1_FIELDS = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _completed(c: Context) -> pl.DataFrame:
    return c.t(T).filter(filled(*FIELDS))


def _oc3_rows_for(c: Context, children: pl.Series) -> pl.DataFrame:
    return flags(_completed(c).filter(pl.col("CHILD").is_in(children.implode())), T, "IN_TOUCH")


@rule("131")
def in_touch_valid(c: Context):
    return flags(c.t(T).filter(not_in("IN_TOUCH", codes.IN_TOUCH)), T, "IN_TOUCH")


@rule("132")
def activity_valid(c: Context):
    return flags(c.t(T).filter(not_in("ACTIV", codes.ACTIV)), T, "ACTIV")


@rule("133")
def accommodation_valid(c: Context):
    return flags(c.t(T).filter(not_in("ACCOM", codes.ACCOM)), T, "ACCOM")


@rule("153")
def all_or_none(c: Context):
    return flags(c.t(T).filter(filled(*FIELDS) & ~all_filled(*FIELDS)), T, "IN_TOUCH")


@rule("134")
def care_leaver_with_adoption(c: Context):
    rows = c.t("AD1").filter(c.has(T) & filled(*AD1_FIELDS))
    return flags(rows, "AD1", "DATE_INT")


@rule("344")
def died_or_home_with_activity(c: Context):
    f = c.t(T).filter(pl.col("IN_TOUCH").is_in(["DIED", "RHOM"]) & filled("ACTIV", "ACCOM"))
    return flags(f, T, "IN_TOUCH")


@rule("345")
def in_touch_but_zero(c: Context):
    f = c.t(T).filter(
        (pl.col("IN_TOUCH") == "YES") & ((pl.col("ACTIV") == "0") | (pl.col("ACCOM") == "0"))
    )
    return flags(f, T, "ACCOM")


def _ages(c: Context) -> pl.DataFrame:
    frame = c.with_header(c.t(T))
    return frame.with_columns(age(pl.coalesce(pl.col("DOB_h"), D("DOB")), c.end).alias("age_end"))


@rule("347")
def foyer_under_18(c: Context):
    f = _ages(c).filter(pl.col("ACCOM").str.starts_with("T") & (pl.col("age_end") < 18))
    return flags(f, T, "ACCOM")


@rule("391")
def not_17_to_21(c: Context):
    # A young person turns 17-21 during the year exactly when their age at its end is 17-21.
    f = _ages(c).filter(~pl.col("age_end").is_between(17, 21) & filled(*FIELDS))
    return flags(f, T, "DOB")


@rule("3001")
def seventeen_with_former_foster_carers(c: Context):
    f = _ages(c).filter((pl.col("age_end") == 17) & pl.col("ACCOM").str.starts_with("Z"))
    return flags(f, T, "ACCOM")


@rule("1000")
def died_in_care(c: Context):
    died = c.episodes.filter(pl.col("REC") == "E2")
    return _oc3_rows_for(c, c.children(died))


@rule("1011")
def transferred_to_another_la(c: Context):
    moved = c.latest_episodes.filter(pl.col("REC") == "E3")
    return _oc3_rows_for(c, c.children(moved))


def _looked_after_on_birthday(c: Context) -> pl.DataFrame:
    """Episodes covering the child's 17th or 18th birthday falling in the year."""
    ep = c.episodes.with_columns(
        pl.when(birthday(pl.col("DOB_h"), 17).is_between(pl.lit(c.start), pl.lit(c.end)))
        .then(birthday(pl.col("DOB_h"), 17))
        .otherwise(birthday(pl.col("DOB_h"), 18))
        .alias("bday")
    )
    return ep.filter(
        pl.col("bday").is_between(pl.lit(c.start), pl.lit(c.end))
        & (D("DECOM") <= pl.col("bday"))
        & (D("DEC").is_null() | (D("DEC") > pl.col("bday")))
    )


@rule("1007")
def still_looked_after_at_17_or_18(c: Context):
    on_birthday = _looked_after_on_birthday(c).filter(D("DEC").is_null())
    return _oc3_rows_for(c, c.children(on_birthday))


@rule("1016")
def ceased_after_17th_or_18th(c: Context):
    ceased = _looked_after_on_birthday(c).filter(
        D("DEC").is_not_null() & pl.col("REC").ne_missing(pl.lit("X1"))
    )
    return _oc3_rows_for(c, c.children(ceased))


@rule("1012")
def oc3_only_child_with_other_data(c: Context):
    only_oc3 = c.t(T).filter(~c.has("Episodes"))["CHILD"].implode()
    parts = []
    for table in ("Reviews", "OC2", "AD1", "PlacedAdoption", "PrevPerm", "Missing", "SWEpisodes"):
        parts.append(flags(c.t(table).filter(pl.col("CHILD").is_in(only_oc3)), table, "CHILD"))
    return pl.concat(parts)


@rule("1014")
def care_leaver_with_uasc(c: Context):
    leavers = c.t(T).filter(~pl.col("CHILD").is_in(c.looked_after_in_year.implode()))
    rows = c.t("UASC").filter(pl.col("CHILD").is_in(leavers["CHILD"].implode()))
    return flags(rows, "UASC", "DUC")


def _all_episodes(c: Context) -> pl.DataFrame:
    """This year's and (where given) last year's episodes, one row per distinct episode."""
    cols = ["CHILD", "DECOM#date", "DEC#date", "LS", "REC"]
    frames = [c.t("Episodes").select(cols)]
    if c.tables.previous is not None:
        frames.append(c.last("Episodes").select(cols))
    return pl.concat(frames).unique(["CHILD", "DECOM#date"])


@rule("1001")
def not_relevant_or_former_relevant(c: Context):
    # Relevant and former relevant children (Children (Leaving Care) Act 2000): looked after for
    # at least 13 weeks (91 days) since their 14th birthday, and looked after on or after their
    # 16th. Counted only over the episodes in the returns given.
    ep = _all_episodes(c).filter(~pl.col("LS").is_in(codes.RESPITE))
    ep = c.with_header(ep).with_columns(
        birthday(pl.col("DOB_h"), 14).alias("b14"), birthday(pl.col("DOB_h"), 16).alias("b16")
    )
    end = D("DEC").fill_null(pl.lit(c.end))
    days = (end - pl.max_horizontal(D("DECOM"), pl.col("b14"))).dt.total_days().clip(lower_bound=0)
    per_child = ep.group_by("CHILD").agg(
        days.sum().alias("days_after_14"), (end >= pl.col("b16")).any().alias("after_16")
    )
    eligible = per_child.filter((pl.col("days_after_14") >= 91) & pl.col("after_16"))
    rows = _completed(c).filter(c.has("Episodes") | pl.col("CHILD").is_in(c.children(ep).implode()))
    rows = rows.filter(~pl.col("CHILD").is_in(eligible["CHILD"].implode()))
    return flags(rows, T, "IN_TOUCH")


@rule("1002", needs={"previous"})
def care_leaver_never_in_care(c: Context):
    seen = c.children(_all_episodes(c)).implode()
    return flags(_completed(c).filter(~pl.col("CHILD").is_in(seen)), T, "IN_TOUCH")


@rule("1010", needs={"previous"})
def open_last_year_missing_now(c: Context):
    open_last = c.last("Episodes").filter(pl.col("DEC").is_null())
    rows = _completed(c).filter(
        pl.col("CHILD").is_in(c.children(open_last).implode()) & ~c.has("Episodes")
    )
    return flags(rows, T, "IN_TOUCH")


@rule("348", needs={"previous"})
def previously_died(c: Context):
    died = c.last(T).filter(pl.col("IN_TOUCH") == "DIED")
    return flags(c.t(T).filter(pl.col("CHILD").is_in(c.children(died).implode())), T, "IN_TOUCH")
