"""CIN census rules on CIN episodes (the CINdetails module) and what happens within them.

Source: DfE CIN census 2025-26 validation rules; code sets in formats.md §0 and §2.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.returns.cin.rules._common import (
    census_end,
    census_start,
    code_year,
    flag,
    overlapping,
    rule,
    table,
    truthy,
    with_child,
    with_episode,
)
from sightline.returns.validation import ReturnTables
from sightline.standards.calendar import default_calendar
from sightline.standards.codes import NEED, REFERRAL_SOURCE

_AFTER_ASSESSMENT = ["RC8", "RC9"]
_EPISODE = ("cin_details",)


def _episodes(t: ReturnTables) -> pl.DataFrame:
    return table(t, "cin_details")


def _episodes_with(t: ReturnTables, *tables: str) -> pl.DataFrame:
    """The (child, cin) keys of episodes holding at least one row of any of `tables`."""
    keys = [table(t, name).select("child", "cin") for name in tables]
    return pl.concat(keys).unique()


def _not_false(column: str) -> pl.Expr:
    return pl.col(column).is_null() | pl.col(column)


@rule(
    "2990",
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further "
    "action’ or 'case closed after assessment, referred to early help'.",
    tables=("cin_details", "cin_plan_dates", "section47", "cp_plans"),
    fields=("ReasonForClosure",),
)
def no_activity_after_assessment_closure(t: ReturnTables) -> pl.DataFrame:
    active = _episodes_with(t, "cin_plan_dates", "section47", "cp_plans")
    closed = _episodes(t).filter(pl.col("ReasonForClosure").is_in(_AFTER_ASSESSMENT))
    bad = pl.concat(
        [
            closed.join(active, on=["child", "cin"], how="semi"),
            closed.filter(pl.col("DateOfInitialCPC").is_not_null()),
        ]
    ).unique(subset=["child", "row"], maintain_order=True)
    return flag(bad, "cin_details", "ReasonForClosure", "ReasonForClosure")


@rule(
    "2991Q",
    "Please check and either amend data or provide a reason: A Section 47 module is recorded and "
    "there is no assessment on the episode",
    tables=("cin_details", "section47", "assessments"),
    fields=("CINdetailsID",),
)
def section47_has_assessment(t: ReturnTables) -> pl.DataFrame:
    bad = (
        _episodes(t)
        .join(_episodes_with(t, "section47"), on=["child", "cin"], how="semi")
        .join(_episodes_with(t, "assessments"), on=["child", "cin"], how="anti")
    )
    return flag(bad, "cin_details", "Assessments")


@rule(
    "8555Q",
    "Child cannot be referred after its recorded date of death",
    tables=("cin_details", "children"),
    fields=("PersonDeathDate", "CINreferralDate"),
)
def referral_not_after_death(t: ReturnTables) -> pl.DataFrame:
    bad = with_child(_episodes(t), t, "PersonDeathDate").filter(
        pl.col("CINreferralDate") > pl.col("PersonDeathDate")
    )
    return flag(bad, "cin_details", "CINreferralDate", "CINreferralDate")


@rule(
    "8568",
    "RNFA flag is missing or invalid",
    tables=_EPISODE,
    fields=("ReferralNFA",),
)
def referral_nfa_present(t: ReturnTables) -> pl.DataFrame:
    # A value other than the six yes/no forms is refused by the reader, so here only absence.
    return flag(_episodes(t).filter(pl.col("ReferralNFA").is_null()), "cin_details", "ReferralNFA")


@rule(
    "8569Q",
    "A case with referral date before one working day prior to the collection start date must "
    "not be flagged as a no further action case",
    tables=_EPISODE,
    fields=("ReferralNFA", "CINreferralDate"),
)
def nfa_referral_recent(t: ReturnTables) -> pl.DataFrame:
    earliest = default_calendar().add_working_days(census_start(t), -1)
    bad = _episodes(t).filter(truthy("ReferralNFA") & (pl.col("CINreferralDate") < earliest))
    return flag(bad, "cin_details", "ReferralNFA", "ReferralNFA")


@rule(
    "8600",
    "Child referral date missing or after data collection period",
    tables=_EPISODE,
    fields=("CINreferralDate",),
)
def referral_date_present(t: ReturnTables) -> pl.DataFrame:
    referral = pl.col("CINreferralDate")
    bad = _episodes(t).filter(referral.is_null() | (referral > census_end(t)))
    return flag(bad, "cin_details", "CINreferralDate", "CINreferralDate")


@rule(
    "8606",
    "Child referral date is more than 40 weeks before DOB or expected DOB",
    tables=("cin_details", "children"),
    fields=("CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate"),
)
def referral_not_long_before_birth(t: ReturnTables) -> pl.DataFrame:
    episodes = with_child(_episodes(t), t, "PersonBirthDate", "ExpectedPersonBirthDate")
    birth = pl.coalesce("PersonBirthDate", "ExpectedPersonBirthDate")
    bad = episodes.filter(pl.col("CINreferralDate") < birth - timedelta(weeks=40))
    return flag(bad, "cin_details", "CINreferralDate", "CINreferralDate")


@rule(
    "8610",
    "Primary Need code is missing for a referral which led to further action.",
    tables=_EPISODE,
    fields=("ReferralNFA", "PrimaryNeedCode"),
)
def need_code_for_further_action(t: ReturnTables) -> pl.DataFrame:
    bad = _episodes(t).filter(
        (pl.col("ReferralNFA") == False) & pl.col("PrimaryNeedCode").is_null()  # noqa: E712
    )
    return flag(bad, "cin_details", "PrimaryNeedCode")


@rule(
    "8650",
    "Primary Need Code invalid (see Primary Need table in CIN census code set)",
    tables=_EPISODE,
    fields=("PrimaryNeedCode",),
)
def need_code_valid(t: ReturnTables) -> pl.DataFrame:
    bad = _episodes(t).filter(~pl.col("PrimaryNeedCode").is_in(NEED.values_in(code_year(t))))
    return flag(bad, "cin_details", "PrimaryNeedCode", "PrimaryNeedCode")


def _open_acted_on(t: ReturnTables) -> pl.DataFrame:
    return _episodes(t).filter(
        pl.col("CINclosureDate").is_null() & ~pl.col("ReferralNFA").fill_null(False)
    )


@rule(
    "8815",
    "More than one open CIN Details episode (a module with no CIN Closure Date) has been "
    "provided for this child and case is not a referral with no further action.",
    tables=_EPISODE,
    fields=("ReferralNFA", "CINclosureDate"),
)
def one_open_episode(t: ReturnTables) -> pl.DataFrame:
    open_ = _open_acted_on(t)
    bad = open_.filter(pl.len().over("child") > 1)
    return flag(bad, "cin_details", "CINclosureDate")


@rule(
    "8816",
    "An open CIN episode is shown and case is not a referral with no further action, but it is "
    "not the latest episode.",
    tables=_EPISODE,
    fields=("CINreferralDate", "ReferralNFA"),
)
def open_episode_is_latest(t: ReturnTables) -> pl.DataFrame:
    latest = _episodes(t).group_by("child").agg(pl.col("CINreferralDate").max().alias("_latest"))
    bad = (
        _open_acted_on(t)
        .join(latest, on="child")
        .filter(pl.col("CINreferralDate") < pl.col("_latest"))
    )
    return flag(bad, "cin_details", "CINreferralDate", "CINreferralDate")


@rule(
    "8820",
    "The dates on the CIN episodes for this child overlap",
    tables=_EPISODE,
    fields=("CINreferralDate", "CINclosureDate"),
)
def episodes_do_not_overlap(t: ReturnTables) -> pl.DataFrame:
    bad = overlapping(_episodes(t), "CINreferralDate", "CINclosureDate")
    return flag(bad, "cin_details", "CINreferralDate", "CINreferralDate")


@rule(
    "8825Q",
    "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case "
    "closed after assessment) or RC9 (case closed after assessment, referred to early help) has "
    "been returned but there is no assessment present for the episode.",
    tables=("cin_details", "assessments"),
    fields=("ReasonForClosure",),
)
def closed_after_assessment_has_one(t: ReturnTables) -> pl.DataFrame:
    bad = (
        _episodes(t)
        .filter(pl.col("ReasonForClosure").is_in(_AFTER_ASSESSMENT))
        .join(_episodes_with(t, "assessments"), on=["child", "cin"], how="anti")
    )
    return flag(bad, "cin_details", "ReasonForClosure", "ReasonForClosure")


@rule(
    "8831",
    "Activity is recorded against a case marked as a referral with no further action",
    tables=("cin_details", "assessments", "section47"),
    fields=(
        "AssessmentActualStartDate",
        "AssessmentAuthorisationDate",
        "S47ActualStartDate",
        "DateOfInitialCPC",
    ),
)
def no_activity_on_nfa(t: ReturnTables) -> pl.DataFrame:
    nfa = _episodes(t).filter(truthy("ReferralNFA"))
    bad = pl.concat(
        [
            nfa.join(
                _episodes_with(t, "assessments", "section47"), on=["child", "cin"], how="semi"
            ),
            nfa.filter(pl.col("DateOfInitialCPC").is_not_null()),
        ]
    ).unique(subset=["child", "row"], maintain_order=True)
    return flag(bad, "cin_details", "ReferralNFA", "ReferralNFA")


@rule(
    "8832",
    "Child Protection details provided for a referral with no further action.",
    tables=("cp_plans", "cin_details"),
    fields=("CINdetailsID", "ReferralNFA"),
)
def no_plan_on_nfa(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(table(t, "cp_plans"), t, "ReferralNFA").filter(truthy("ReferralNFA"))
    return flag(bad, "cp_plans", "ReferralNFA", "ReferralNFA")


@rule(
    "8866",
    "Source of Referral is missing or an invalid code",
    tables=_EPISODE,
    fields=("CINreferralDate", "ReferralSource"),
)
def referral_source_valid(t: ReturnTables) -> pl.DataFrame:
    valid = REFERRAL_SOURCE.values_in(code_year(t))
    bad = _episodes(t).filter(~pl.col("ReferralSource").is_in(valid).fill_null(False))
    return flag(bad, "cin_details", "ReferralSource", "ReferralSource")
