"""CIN census rules on how a CIN episode closes, and on what may follow its closure.

Source: DfE CIN census 2025-26 validation rules; reasons for closure in formats.md §2.
"""

from __future__ import annotations

import polars as pl

from sightline.returns.cin.rules._common import (
    code_year,
    concat_flags,
    flag,
    in_census,
    rule,
    table,
    truthy,
    with_child,
    with_episode,
)
from sightline.returns.validation import ReturnTables
from sightline.standards.codes import CLOSURE_REASON

_EPISODE = ("cin_details",)


def _episodes(t: ReturnTables) -> pl.DataFrame:
    return table(t, "cin_details")


_ACTIVITY_DATES = {
    "assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    "section47": ("S47ActualStartDate", "DateOfInitialCPC"),
    "cp_plans": ("CPPendDate",),
    "cin_plan_dates": ("CINPlanStartDate", "CINPlanEndDate"),
}


@rule(
    "8565",
    "Activity shown after a case has been closed",
    tables=("cin_details", *_ACTIVITY_DATES),
    fields=(
        "CINclosureDate",
        "DateOfInitialCPC",
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "S47ActualStartDate",
        "CPPendDate",
        "CINPlanStartDate",
        "CINPlanEndDate",
    ),
)
def no_activity_after_closure(t: ReturnTables) -> pl.DataFrame:
    found = [
        flag(
            _episodes(t).filter(pl.col("DateOfInitialCPC") > pl.col("CINclosureDate")),
            "cin_details",
            "DateOfInitialCPC",
            "DateOfInitialCPC",
        )
    ]
    for name, columns in _ACTIVITY_DATES.items():
        rows = with_episode(table(t, name), t, "CINclosureDate")
        for column in columns:
            late = rows.filter(pl.col(column) > pl.col("CINclosureDate"))
            found.append(flag(late, name, column, column))
    return concat_flags(*found)


@rule(
    "8585Q",
    "Please check and either amend or provide a reason: CIN episode shows Died as the Closure "
    "Reason, however child has no recorded Date of Death",
    tables=("cin_details", "children"),
    fields=("ReasonForClosure", "PersonDeathDate"),
)
def died_closure_has_death_date(t: ReturnTables) -> pl.DataFrame:
    bad = with_child(_episodes(t), t, "PersonDeathDate").filter(
        (pl.col("ReasonForClosure") == "RC2") & pl.col("PersonDeathDate").is_null()
    )
    return flag(bad, "cin_details", "ReasonForClosure", "ReasonForClosure")


@rule(
    "8620",
    "CIN Closure Date present and does not fall within the Census year",
    tables=_EPISODE,
    fields=("CINclosureDate",),
)
def closure_in_census(t: ReturnTables) -> pl.DataFrame:
    bad = _episodes(t).filter(~in_census("CINclosureDate", t))
    return flag(bad, "cin_details", "CINclosureDate", "CINclosureDate")


@rule(
    "8630",
    "CIN Closure Date is before CIN Referral Date for the same CIN episode",
    tables=_EPISODE,
    fields=("CINreferralDate", "CINclosureDate"),
)
def closure_not_before_referral(t: ReturnTables) -> pl.DataFrame:
    bad = _episodes(t).filter(pl.col("CINclosureDate") < pl.col("CINreferralDate"))
    return flag(bad, "cin_details", "CINclosureDate", "CINclosureDate")


@rule(
    "8640",
    "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
    tables=_EPISODE,
    fields=("ReasonForClosure",),
)
def closure_reason_valid(t: ReturnTables) -> pl.DataFrame:
    valid = CLOSURE_REASON.values_in(code_year(t))
    bad = _episodes(t).filter(~pl.col("ReasonForClosure").is_in(valid))
    return flag(bad, "cin_details", "ReasonForClosure", "ReasonForClosure")


@rule(
    "8805",
    "A CIN case cannot have a CIN closure date without a Reason for Closure",
    tables=_EPISODE,
    fields=("CINclosureDate", "ReasonForClosure"),
)
def closure_date_has_reason(t: ReturnTables) -> pl.DataFrame:
    bad = _episodes(t).filter(
        pl.col("CINclosureDate").is_not_null() & pl.col("ReasonForClosure").is_null()
    )
    return flag(bad, "cin_details", "ReasonForClosure")


@rule(
    "8810",
    "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
    tables=_EPISODE,
    fields=("ReasonForClosure", "CINclosureDate"),
)
def closure_reason_has_date(t: ReturnTables) -> pl.DataFrame:
    bad = _episodes(t).filter(
        pl.col("ReasonForClosure").is_not_null() & pl.col("CINclosureDate").is_null()
    )
    return flag(bad, "cin_details", "CINclosureDate")


@rule(
    "8867",
    "CIN episode is shown as closed, however Assessment is not shown as completed",
    tables=("assessments", "cin_details"),
    fields=("CINclosureDate", "AssessmentAuthorisationDate"),
)
def closed_episode_assessments_complete(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(table(t, "assessments"), t, "CINclosureDate").filter(
        pl.col("CINclosureDate").is_not_null() & pl.col("AssessmentAuthorisationDate").is_null()
    )
    return flag(bad, "assessments", "AssessmentAuthorisationDate")


@rule(
    "8868",
    "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by "
    "ICPC date or ICPC not required flag",
    tables=("section47", "cin_details"),
    fields=("ICPCnotRequired", "CINclosureDate", "DateOfInitialCPC"),
)
def closed_episode_enquiries_complete(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(table(t, "section47"), t, "CINclosureDate").filter(
        pl.col("CINclosureDate").is_not_null()
        & pl.col("DateOfInitialCPC").is_null()
        & ~truthy("ICPCnotRequired")
    )
    return flag(bad, "section47", "DateOfInitialCPC")
