"""CIN census rules on section 47 enquiries and initial child protection conferences.

Source: DfE CIN census 2025-26 validation rules; Working Together 2023 (ICPC within 15 working
days of the strategy discussion that started the enquiry).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.cin.rules._common import (
    census_end,
    concat_flags,
    flag,
    in_census,
    is_weekend,
    overlapping,
    rule,
    table,
    truthy,
    with_episode,
    working_days_between,
)
from sightline.returns.validation import ReturnTables

_START = "S47ActualStartDate"
_ICPC = "DateOfInitialCPC"


def _enquiries(t: ReturnTables) -> pl.DataFrame:
    return table(t, "section47")


def _awaiting_conference() -> pl.Expr:
    """No conference held, and not recorded as not needed: the enquiry is still open."""
    return pl.col(_ICPC).is_null() & ~truthy("ICPCnotRequired")


def _both_levels(t: ReturnTables, keep) -> pl.DataFrame:
    """Flag conference dates failing `keep`, at the S47 and at the CINdetails level."""
    return concat_flags(
        flag(keep(_enquiries(t)), "section47", _ICPC, _ICPC),
        flag(keep(table(t, "cin_details")), "cin_details", _ICPC, _ICPC),
    )


@rule(
    "1104",
    "The date of the initial child protection conference cannot be before the referral date",
    tables=("section47", "cin_details"),
    fields=("CINreferralDate", _ICPC),
)
def conference_not_before_referral(t: ReturnTables) -> pl.DataFrame:
    enquiries = with_episode(_enquiries(t), t, "CINreferralDate")
    episodes = table(t, "cin_details")
    return concat_flags(
        flag(
            enquiries.filter(pl.col(_ICPC) < pl.col("CINreferralDate")), "section47", _ICPC, _ICPC
        ),
        flag(
            episodes.filter(pl.col(_ICPC) < pl.col("CINreferralDate")), "cin_details", _ICPC, _ICPC
        ),
    )


@rule(
    "2884",
    "An initial child protection conference is recorded at both the S47 and CIN Details level "
    "and it should only be recorded in one",
    tables=("section47", "cin_details"),
    fields=(_ICPC,),
)
def conference_recorded_once(t: ReturnTables) -> pl.DataFrame:
    at_s47 = _enquiries(t).select("child", "cin", pl.col(_ICPC).alias("_s47_icpc"))
    bad = (
        table(t, "cin_details")
        .join(at_s47, on=["child", "cin"])
        .filter(pl.col(_ICPC) == pl.col("_s47_icpc"))
        .unique(subset=["child", "row"], maintain_order=True)
    )
    return flag(bad, "cin_details", _ICPC, _ICPC)


@rule(
    "2889",
    "The S47 start date cannot be before the referral date.",
    tables=("section47", "cin_details"),
    fields=(_START, "CINreferralDate"),
)
def enquiry_not_before_referral(t: ReturnTables) -> pl.DataFrame:
    bad = with_episode(_enquiries(t), t, "CINreferralDate").filter(
        pl.col(_START) < pl.col("CINreferralDate")
    )
    return flag(bad, "section47", _START, _START)


@rule(
    "8615",
    "Section 47 Enquiry Start Date must be present and cannot be later than the date of the "
    "initial Child Protection Conference",
    tables=("section47",),
    fields=(_START, _ICPC),
)
def enquiry_start_present_and_before_conference(t: ReturnTables) -> pl.DataFrame:
    bad = _enquiries(t).filter(pl.col(_START).is_null() | (pl.col(_START) > pl.col(_ICPC)))
    return flag(bad, "section47", _START, _START)


@rule(
    "8675Q",
    "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 "
    "working days before the end of the census year. However, there is no date of Initial "
    "Child Protection Conference.",
    tables=("section47",),
    fields=(_ICPC, _START, "ICPCnotRequired"),
)
def open_enquiry_within_15_working_days(t: ReturnTables) -> pl.DataFrame:
    open_ = _enquiries(t).filter(_awaiting_conference() & pl.col(_START).is_not_null())
    days = working_days_between(open_[_START], census_end(t))
    return flag(open_.filter(days > 15), "section47", _START, _START)


@rule(
    "8715",
    "Date of Initial Child Protection Conference must fall within the census year",
    tables=("section47", "cin_details"),
    fields=(_ICPC,),
)
def conference_in_census(t: ReturnTables) -> pl.DataFrame:
    return _both_levels(t, lambda frame: frame.filter(~in_census(_ICPC, t)))


@rule(
    "8740",
    "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the "
    "end of the census year, the start date must fall within the census year",
    tables=("section47",),
    fields=(_START, _ICPC, "ICPCnotRequired"),
)
def open_enquiry_starts_in_census(t: ReturnTables) -> pl.DataFrame:
    bad = _enquiries(t).filter(_awaiting_conference() & ~in_census(_START, t))
    return flag(bad, "section47", _START, _START)


@rule(
    "8839",
    "Within one CINDetails group there are 2 or more open S47 Assessments",
    tables=("section47",),
    fields=(_ICPC,),
)
def one_open_enquiry_per_episode(t: ReturnTables) -> pl.DataFrame:
    open_ = _enquiries(t).filter(_awaiting_conference())
    return flag(open_.filter(pl.len().over("child", "cin") > 1), "section47", _ICPC)


@rule(
    "8870Q",
    "Please check and either amend or provide a reason: The Target Date for Initial Child "
    "Protection Conference should not be a weekend",
    tables=("section47",),
    fields=("InitialCPCtarget",),
)
def conference_target_on_weekday(t: ReturnTables) -> pl.DataFrame:
    bad = _enquiries(t).filter(is_weekend("InitialCPCtarget"))
    return flag(bad, "section47", "InitialCPCtarget", "InitialCPCtarget")


@rule(
    "8875",
    "The Date of Initial Child Protection Conference cannot be a weekend",
    tables=("section47", "cin_details"),
    fields=(_ICPC,),
)
def conference_on_weekday(t: ReturnTables) -> pl.DataFrame:
    return _both_levels(t, lambda frame: frame.filter(is_weekend(_ICPC)))


@rule(
    "8890",
    "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
    tables=("section47",),
    fields=(_START,),
)
def enquiries_do_not_overlap(t: ReturnTables) -> pl.DataFrame:
    # An enquiry runs until its conference; one whose conference was not required has no
    # recorded end, so it is not counted as running on.
    enquiries = _enquiries(t).with_columns(
        pl.when(pl.col(_ICPC).is_not_null())
        .then(pl.col(_ICPC))
        .when(truthy("ICPCnotRequired"))
        .then(pl.col(_START))
        .otherwise(None)
        .alias("_ends")
    )
    bad = overlapping(enquiries, _START, "_ends")
    return flag(bad, "section47", _START, _START)
