"""CIN census rules on assessments and the factors identified at them.

Source: DfE CIN census 2025-26 validation rules; assessment factor codes in formats.md §2.
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
    with_episode,
    working_days_between,
)
from sightline.returns.validation import ReturnTables

_START = "AssessmentActualStartDate"
_AUTHORISED = "AssessmentAuthorisationDate"


def _assessments(t: ReturnTables) -> pl.DataFrame:
    return table(t, "assessments")


def _factors(t: ReturnTables) -> pl.DataFrame:
    return table(t, "assessment_factors")


def _factor_keys(t: ReturnTables) -> pl.DataFrame:
    """(child, row) of every assessment with at least one factor recorded."""
    return _factors(t).select("child", pl.col("assessment_row").alias("row")).unique()


@rule(
    "1103",
    "The assessment start date cannot be before the referral date",
    tables=("assessments", "cin_details"),
    fields=(_START, "CINreferralDate"),
)
def assessment_not_before_referral(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(_assessments(t), t, "CINreferralDate").filter(
        pl.col(_START) < pl.col("CINreferralDate")
    )
    return flag(bad, "assessments", _START, _START)


@rule(
    "8608",
    "Assessment Start Date cannot be later than its End Date",
    tables=("assessments",),
    fields=(_START, _AUTHORISED),
)
def assessment_starts_before_end(t: ReturnTables) -> pl.DataFrame:
    bad = _assessments(t).filter(pl.col(_START) > pl.col(_AUTHORISED))
    return flag(bad, "assessments", _START, _START)


@rule(
    "8614",
    "Parental or child factors at assessment should only be present for a completed assessment.",
    tables=("assessment_factors", "assessments"),
    fields=(_AUTHORISED, "AssessmentFactors"),
)
def factors_only_when_complete(t: ReturnTables) -> pl.DataFrame:
    incomplete = _assessments(t).filter(pl.col(_AUTHORISED).is_null())
    bad = _factors(t).join(
        incomplete.select("child", pl.col("row").alias("assessment_row")),
        on=["child", "assessment_row"],
        how="semi",
    )
    return flag(bad, "assessment_factors", "AssessmentFactors", "AssessmentFactors")


@rule(
    "8670Q",
    "Please check and either amend data or provide a reason: Assessment started more than 45 "
    "working days before the end of the census year. However, there is no Assessment end date.",
    tables=("assessments",),
    fields=(_START,),
)
def open_assessment_within_45_working_days(t: ReturnTables) -> pl.DataFrame:
    # Working Together 2023: an assessment is completed within 45 working days of referral.
    open_ = _assessments(t).filter(pl.col(_AUTHORISED).is_null() & pl.col(_START).is_not_null())
    days = working_days_between(open_[_START], census_end(t))
    return flag(open_.filter(days > 45), "assessments", _START, _START)


@rule(
    "8696",
    "Assessment end date must fall within the census year",
    tables=("assessments",),
    fields=(_AUTHORISED,),
)
def assessment_end_in_census(t: ReturnTables) -> pl.DataFrame:
    bad = _assessments(t).filter(~in_census(_AUTHORISED, t))
    return flag(bad, "assessments", _AUTHORISED, _AUTHORISED)


@rule(
    "8736",
    "For an Assessment that has not been completed, the start date must fall within the census "
    "year",
    tables=("assessments",),
    fields=(_AUTHORISED, _START),
)
def open_assessment_starts_in_census(t: ReturnTables) -> pl.DataFrame:
    bad = _assessments(t).filter(pl.col(_AUTHORISED).is_null() & ~in_census(_START, t))
    return flag(bad, "assessments", _START, _START)


@rule(
    "8863Q",
    "An Assessment is shown as starting when there is another Assessment ongoing.",
    tables=("assessments",),
    fields=(_START, _AUTHORISED),
)
def assessments_do_not_overlap(t: ReturnTables) -> pl.DataFrame:
    bad = overlapping(_assessments(t), _START, _AUTHORISED)
    return flag(bad, "assessments", _START, _START)


@rule(
    "8869",
    "The assessment factors code “21” cannot be used in conjunction with any other assessment "
    "factors.",
    tables=("assessment_factors",),
    fields=("AssessmentFactors",),
)
def no_factors_code_alone(t: ReturnTables) -> pl.DataFrame:
    factors = _factors(t)
    bad = factors.filter(
        (pl.col("AssessmentFactors") == "21") & (pl.len().over("child", "assessment_row") > 1)
    )
    return flag(bad, "assessment_factors", "AssessmentFactors", "AssessmentFactors")


@rule(
    "8873Q",
    "Please check and either amend data or provide a reason: When there is only one assessment "
    "on the episode and the factors code “21 No factors identified” has been used for the "
    "completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
    tables=("assessments", "assessment_factors", "cin_details"),
    fields=("ReasonForClosure", "AssessmentFactors"),
)
def no_factors_closes_after_assessment(t: ReturnTables) -> pl.DataFrame:
    only_21 = (
        _factors(t)
        .group_by("child", "assessment_row")
        .agg((pl.col("AssessmentFactors") == "21").all().alias("only_21"))
        .filter("only_21")
        .select("child", pl.col("assessment_row").alias("row"))
    )
    sole = _assessments(t).filter(
        (pl.len().over("child", "cin") == 1) & pl.col(_AUTHORISED).is_not_null()
    )
    bad = (
        with_episode(sole, t, "ReasonForClosure")
        .join(only_21, on=["child", "row"], how="semi")
        .filter(
            pl.col("ReasonForClosure").is_not_null()
            & ~pl.col("ReasonForClosure").is_in(["RC8", "RC9"])
        )
    )
    return flag(bad, "assessments", "ReasonForClosure", "ReasonForClosure")


@rule(
    "8896",
    "Within one CINDetails group there are 2 or more open Assessments groups",
    tables=("assessments",),
    fields=(_AUTHORISED,),
)
def one_open_assessment_per_episode(t: ReturnTables) -> pl.DataFrame:
    open_ = _assessments(t).filter(pl.col(_AUTHORISED).is_null())
    return flag(open_.filter(pl.len().over("child", "cin") > 1), "assessments", _AUTHORISED)


@rule(
    "8897Q",
    "Parental or child factors at assessment information is missing from a completed assessment",
    tables=("assessments", "assessment_factors"),
    fields=(_AUTHORISED, "AssessmentFactors"),
)
def completed_assessment_has_factors(t: ReturnTables) -> pl.DataFrame:
    bad = (
        _assessments(t)
        .filter(pl.col(_AUTHORISED).is_not_null())
        .join(_factor_keys(t), on=["child", "row"], how="anti")
    )
    return flag(bad, "assessments", "AssessmentFactors")


@rule(
    "8898",
    "The assessment has more than one parental or child factors with the same code",
    tables=("assessment_factors",),
    fields=("AssessmentFactors",),
)
def factors_distinct(t: ReturnTables) -> pl.DataFrame:
    factors = _factors(t).filter(pl.col("AssessmentFactors").is_not_null())
    group = ("child", "assessment_row", "AssessmentFactors")
    bad = factors.filter(pl.col("row") != pl.col("row").min().over(group))
    return flag(bad, "assessment_factors", "AssessmentFactors", "AssessmentFactors")


def _legacy_factor(t: ReturnTables, code: str) -> pl.DataFrame:
    bad = _factors(t).filter(pl.col("AssessmentFactors") == code)
    return flag(bad, "assessment_factors", "AssessmentFactors", "AssessmentFactors")


@rule(
    "8945Q",
    "Please check and either amend data or provide a reason: the assessment factors code '18A' "
    "should not be used ('18B' or '18C' should be used instead)",
    tables=("assessment_factors",),
    fields=("AssessmentFactors",),
)
def physical_abuse_factor_split(t: ReturnTables) -> pl.DataFrame:
    return _legacy_factor(t, "18A")


@rule(
    "8950Q",
    "Please check and either amend data or provide a reason: the assessment factors code '19A' "
    "should not be used ('19B' or '19C' should be used instead)",
    tables=("assessment_factors",),
    fields=("AssessmentFactors",),
)
def sexual_abuse_factor_split(t: ReturnTables) -> pl.DataFrame:
    return _legacy_factor(t, "19A")
