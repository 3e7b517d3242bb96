"""OC2 rules: outcomes for children looked after continuously for 12 months (SDQ, health,
convictions, substance misuse).

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules._base import (
    Context,
    age,
    all_filled,
    filled,
    flags,
    not_in,
    rule,
)

T = "OC2"
FLAGS = (
    "CONVICTED",
    "HEALTH_CHECK",
    "IMMUNISATIONS",
    "TEETH_CHECK",
    "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE",
    "INTERVENTION_RECEIVED",
    "INTERVENTION_OFFERED",
)
CORE = ("IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE")


def _oc2(c: Context) -> pl.DataFrame:
    """OC2 rows with the child's ages at the year's start and end (Header DOB, else OC2's)."""
    frame = c.with_header(c.t(T))
    dob = pl.coalesce(pl.col("DOB_h"), pl.col("DOB#date"))
    return frame.with_columns(
        age(dob, c.start).alias("age_start"),
        age(dob, c.end).alias("age_end"),
        c.in_oc2_cohort(frame).alias("cohort"),
    )


@rule("157")
def sdq1_for_child_of_sdq_age(c: Context):
    f = _oc2(c).filter(
        (pl.col("SDQ_REASON") == "SDQ1") & (pl.col("age_start") >= 4) & (pl.col("age_end") <= 16)
    )
    return flags(f, T, "SDQ_REASON")


@rule("158")
def intervention_offered_when_received(c: Context):
    f = c.t(T).filter(
        (pl.col("INTERVENTION_RECEIVED") == "1") & pl.col("INTERVENTION_OFFERED").is_not_null()
    )
    return flags(f, T, "INTERVENTION_OFFERED")


@rule("159")
def intervention_offered_when_not_received(c: Context):
    f = c.t(T).filter(
        (pl.col("SUBSTANCE_MISUSE") == "1")
        & (pl.col("INTERVENTION_RECEIVED") == "0")
        & pl.col("INTERVENTION_OFFERED").is_null()
    )
    return flags(f, T, "INTERVENTION_OFFERED")


@rule("180")
def sdq_score_valid(c: Context):
    score = pl.col("SDQ_SCORE").cast(pl.Int64, strict=False)
    bad = pl.col("SDQ_SCORE").is_not_null() & ~score.is_between(0, 40).fill_null(False)
    return flags(c.t(T).filter(bad), T, "SDQ_SCORE")


@rule("181")
def flags_zero_or_one(c: Context):
    f = c.t(T)
    return pl.concat([flags(f.filter(not_in(col, ("0", "1"))), T, col) for col in FLAGS])


@rule("182")
def core_items_together(c: Context):
    f = c.t(T).filter(filled(*FLAGS) & ~all_filled(*CORE))
    return pl.concat([flags(f.filter(pl.col(col).is_null()), T, col) for col in CORE])


@rule("185")
def sdq_score_outside_cohort(c: Context):
    f = _oc2(c).filter(pl.col("SDQ_SCORE").is_not_null() & ~pl.col("cohort"))
    return flags(f, T, "SDQ_SCORE")


@rule("186")
def sdq_score_missing(c: Context):
    f = _oc2(c).filter(
        pl.col("cohort")
        & (pl.col("age_start") >= 4)
        & (pl.col("age_end") <= 16)
        & pl.col("SDQ_SCORE").is_null()
        & pl.col("SDQ_REASON").is_null()
    )
    return flags(f, T, "SDQ_SCORE")


@rule("197B")
def sdq_or_reason_missing(c: Context):
    # DfE's "4- or 17-year-olds": aged 4 or over at the year's start, 17 or under at its end.
    f = _oc2(c).filter(
        pl.col("cohort")
        & (pl.col("age_start") >= 4)
        & (pl.col("age_end") <= 17)
        & pl.col("SDQ_SCORE").is_null()
        & pl.col("SDQ_REASON").is_null()
    )
    return flags(f, T, "SDQ_REASON")


@rule("187")
def cohort_with_adoption_or_care_leaver(c: Context):
    cohort = c.oc2_cohort["CHILD"].implode()
    parts = []
    for table, fields in (
        ("AD1", ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")),
        ("OC3", ("IN_TOUCH", "ACTIV", "ACCOM")),
    ):
        rows = c.t(table).filter(pl.col("CHILD").is_in(cohort) & filled(*fields))
        parts.append(flags(rows, table, fields[0]))
    return pl.concat(parts)


@rule("188")
def sdq_under_4(c: Context):
    f = _oc2(c).filter((pl.col("age_end") < 4) & filled("SDQ_SCORE", "SDQ_REASON"))
    return flags(f, T, "SDQ_SCORE")


@rule("189")
def sdq_17_or_over(c: Context):
    f = _oc2(c).filter((pl.col("age_start") >= 17) & filled("SDQ_SCORE", "SDQ_REASON"))
    return flags(f, T, "SDQ_SCORE")


@rule("190")
def flags_outside_cohort(c: Context):
    f = _oc2(c).filter(~pl.col("cohort") & filled(*FLAGS))
    return flags(f, T, "IMMUNISATIONS")


@rule("191")
def cohort_items_blank(c: Context):
    f = _oc2(c).filter(pl.col("cohort"))
    blank = pl.concat([flags(f.filter(pl.col(col).is_null()), T, col) for col in CORE])
    no_row = c.latest_episodes.filter(
        pl.col("CHILD").is_in(c.oc2_cohort["CHILD"].implode()) & ~c.has(T)
    )
    return pl.concat([blank, flags(no_row, "Episodes", "CHILD")])


@rule("192")
def substance_misuse_intervention_blank(c: Context):
    f = c.t(T).filter(
        (pl.col("SUBSTANCE_MISUSE") == "1") & pl.col("INTERVENTION_RECEIVED").is_null()
    )
    return flags(f, T, "INTERVENTION_RECEIVED")


@rule("193")
def intervention_without_substance_misuse(c: Context):
    f = c.t(T).filter(
        (pl.col("SUBSTANCE_MISUSE") != "1").fill_null(True)
        & filled("INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
    )
    return flags(f, T, "SUBSTANCE_MISUSE")


@rule("196")
def sdq_reason_valid(c: Context):
    from sightline.returns.ssda903.rules import codes

    return flags(c.t(T).filter(not_in("SDQ_REASON", codes.SDQ_REASON)), T, "SDQ_REASON")


@rule("197a")
def sdq_reason_with_score(c: Context):
    f = c.t(T).filter(all_filled("SDQ_SCORE", "SDQ_REASON"))
    return flags(f, T, "SDQ_REASON")


@rule("198")
def sdq_reason_outside_cohort(c: Context):
    f = _oc2(c).filter(pl.col("SDQ_REASON").is_not_null() & ~pl.col("cohort"))
    return flags(f, T, "SDQ_REASON")


@rule("542")
def convicted_under_10(c: Context):
    f = _oc2(c).filter(pl.col("CONVICTED").is_not_null() & (pl.col("age_end") < 10))
    return flags(f, T, "CONVICTED")


@rule("543")
def convicted_missing(c: Context):
    f = _oc2(c).filter(pl.col("cohort") & (pl.col("age_end") >= 10) & pl.col("CONVICTED").is_null())
    return flags(f, T, "CONVICTED")


@rule("544")
def convicted_needs_core(c: Context):
    f = c.t(T).filter(pl.col("CONVICTED").is_not_null() & ~all_filled(*CORE))
    return flags(f, T, "CONVICTED")


@rule("545")
def health_check_missing_under_5(c: Context):
    f = _oc2(c).filter(
        pl.col("cohort") & (pl.col("age_end") < 5) & pl.col("HEALTH_CHECK").is_null()
    )
    return flags(f, T, "HEALTH_CHECK")


@rule("546")
def health_check_5_or_over(c: Context):
    f = _oc2(c).filter((pl.col("age_end") >= 5) & pl.col("HEALTH_CHECK").is_not_null())
    return flags(f, T, "HEALTH_CHECK")


@rule("547")
def health_check_needs_core(c: Context):
    f = c.t(T).filter(pl.col("HEALTH_CHECK").is_not_null() & ~all_filled(*CORE))
    return flags(f, T, "HEALTH_CHECK")


@rule("215")
def care_leaver_with_oc2(c: Context):
    f = c.t(T).filter(c.has("OC3") & filled(*FLAGS))
    return flags(f, T, "IMMUNISATIONS")
