"""The raw CIN census tables as the engine's `Dataset`, so clocks and indicators run on a file.

Identifiers are the reader's stable per-file numbers: ``child_id`` is the child's order in the
file, and every other record is numbered in file order (a referral is one CINdetails episode).

What the census carries, and where it goes:

- children: LAchildID, date of birth, expected date of birth, date of death;
- referrals: referral date, source, no-further-action flag, closure date and reason; a
  referral decided "no further action" is taken as decided on its closure date;
- assessments: start and authorisation dates;
- strategy discussions: one per section 47 enquiry, held on the enquiry's start date (the DfE
  defines S47ActualStartDate as the date of the strategy discussion that started it), decided
  "S47";
- section 47 enquiries: start date; ``icpc_required`` as the opposite of ICPCnotRequired;
- conferences: each initial conference (at the S47 or the CINdetails level), with outcome PLAN
  when a CP plan in the same episode starts that day and NO_PLAN otherwise, and each CP review
  date as a REVIEW conference of its plan;
- CP plans and CIN plans: start and end dates.

What it cannot carry (those frames are empty, or those columns null): contacts and every time of
day (so one-working-day decisions on contacts cannot be measured); the contact a referral came
from and when it was decided; when significant harm was first suspected; when the child was
seen during an assessment and the assessment's outcome; strategy discussions that did not lead
to a section 47 enquiry; when a section 47 enquiry ended; review conference outcomes; core
groups, visits, CIN plan reviews and agency checks; looked-after episodes and everything of the
SSDA903; workers, teams, allocations, supervision and management oversight.
"""

from __future__ import annotations

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.returns.validation import ReturnTables

__all__ = ["census_dataset"]

_EPISODE = ["child", "cin"]


def _numbered(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    return frame.sort("child", "row").with_row_index(name).with_columns(pl.col(name).cast(pl.Int64))


def census_dataset(tables: ReturnTables) -> Dataset:
    """Map read CIN census tables onto the engine's frames (see the module docstring)."""
    t = tables.tables
    children = t["children"].select(
        pl.col("child").alias("child_id"),
        pl.col("LAchildID").alias("la_child_id"),
        pl.col("PersonBirthDate").alias("date_of_birth"),
        pl.col("ExpectedPersonBirthDate").alias("expected_date_of_birth"),
        pl.col("PersonDeathDate").alias("date_of_death"),
    )
    episodes = _numbered(t["cin_details"], "referral_id")
    referral_keys = episodes.select(*_EPISODE, "referral_id")

    def in_episode(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return _numbered(frame, name).join(referral_keys, on=_EPISODE, how="left")

    referrals = episodes.select(
        "referral_id",
        pl.col("child").alias("child_id"),
        pl.col("CINreferralDate").alias("referral_date"),
        pl.col("ReferralSource").alias("source"),
        pl.col("ReferralNFA").alias("no_further_action"),
        # A referral decided "no further action" is closed on that decision: its closure date
        # is the one date the census gives for when the decision was known.
        pl.when(pl.col("ReferralNFA").fill_null(False))
        .then(pl.col("CINclosureDate"))
        .alias("decided_on"),
        pl.col("CINclosureDate").alias("closure_date"),
        pl.col("ReasonForClosure").alias("closure_reason"),
    )
    assessments = in_episode(t["assessments"], "assessment_id").select(
        "assessment_id",
        "referral_id",
        pl.col("child").alias("child_id"),
        pl.col("AssessmentActualStartDate").alias("start_date"),
        pl.col("AssessmentAuthorisationDate").alias("authorised_on"),
    )
    enquiries = in_episode(t["section47"], "s47_id").with_columns(
        pl.col("s47_id").alias("strategy_id")
    )
    strategy = enquiries.select(
        "strategy_id",
        "referral_id",
        pl.col("child").alias("child_id"),
        pl.col("S47ActualStartDate").alias("held_on"),
        pl.lit("S47").alias("decision"),
    )
    section47 = enquiries.select(
        "s47_id",
        "referral_id",
        pl.col("child").alias("child_id"),
        "strategy_id",
        pl.col("S47ActualStartDate").alias("start_date"),
        (~pl.col("ICPCnotRequired").fill_null(False)).alias("icpc_required"),
    )
    plans = in_episode(t["cp_plans"], "plan_id")
    cp_plans = plans.select(
        "plan_id",
        "referral_id",
        pl.col("child").alias("child_id"),
        pl.col("CPPstartDate").alias("start_date"),
        pl.col("CPPendDate").alias("end_date"),
    )
    cin_plans = in_episode(t["cin_plan_dates"], "plan_id").select(
        "plan_id",
        "referral_id",
        pl.col("child").alias("child_id"),
        pl.col("CINPlanStartDate").alias("start_date"),
        pl.col("CINPlanEndDate").alias("end_date"),
    )
    return Dataset.from_frames(
        source="CIN census",
        children=children,
        referrals=referrals,
        assessments=assessments,
        strategy_discussions=strategy,
        section47_enquiries=section47,
        conferences=_conferences(t, enquiries, episodes, plans),
        cp_plans=cp_plans,
        cin_plans=cin_plans,
    )


def _conferences(t, enquiries, episodes, plans) -> pl.DataFrame:
    initial = pl.concat(
        [
            enquiries.select(*_EPISODE, "referral_id", "s47_id", pl.col("DateOfInitialCPC")),
            episodes.select(
                *_EPISODE, "referral_id", pl.lit(None, pl.Int64).alias("s47_id"), "DateOfInitialCPC"
            ),
        ]
    ).filter(pl.col("DateOfInitialCPC").is_not_null())
    starts = plans.select(*_EPISODE, "plan_id", pl.col("CPPstartDate").alias("DateOfInitialCPC"))
    starts = starts.unique(subset=[*_EPISODE, "DateOfInitialCPC"], keep="first")
    initial = initial.join(starts, on=[*_EPISODE, "DateOfInitialCPC"], how="left").select(
        pl.col("child").alias("child_id"),
        "referral_id",
        "s47_id",
        "plan_id",
        pl.lit("INITIAL").alias("kind"),
        pl.col("DateOfInitialCPC").alias("date"),
        pl.when(pl.col("plan_id").is_not_null())
        .then(pl.lit("PLAN"))
        .otherwise(pl.lit("NO_PLAN"))
        .alias("outcome"),
    )
    plan_keys = plans.select("child", pl.col("row").alias("cpp_row"), "plan_id", "referral_id")
    reviews = (
        t["cp_reviews"]
        .filter(pl.col("CPPreviewDate").is_not_null())
        .join(plan_keys, on=["child", "cpp_row"], how="left")
        .select(
            pl.col("child").alias("child_id"),
            "referral_id",
            pl.lit(None, pl.Int64).alias("s47_id"),
            "plan_id",
            pl.lit("REVIEW").alias("kind"),
            pl.col("CPPreviewDate").alias("date"),
            pl.lit(None, pl.String).alias("outcome"),
        )
    )
    conferences = pl.concat([initial, reviews]).sort("child_id", "date")
    return conferences.with_row_index("conference_id").with_columns(
        pl.col("conference_id").cast(pl.Int64)
    )
