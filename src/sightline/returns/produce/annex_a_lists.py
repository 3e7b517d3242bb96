"""The rows of each Annex A list, worked out from the live record as at a date (Polars).

Each builder returns a frame whose columns are the list's (`returns.annex_a.spec`), dates as
`pl.Date`, counts as integers and codes as the template's `"x) label"` strings, plus `child_id`
for the audit. The window is the six months (by default) up to the as-at date.
"""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from django.conf import settings

from sightline.returns.annex_a import spec
from sightline.returns.produce.record import LiveRecord
from sightline.returns.produce.years import AnnexAWindow
from sightline.standards.calendar import add_months

_NEEDS_SUPPORT = {"CIN_PLAN": True, "STRATEGY": True, "LOOKED_AFTER": True}
_NO_SUPPORT = {"EARLY_HELP": False, "NFA": False}
_NEW_PLACEMENT = ("S", "P", "T", "B", "U")
_EMERGENCY = ("L1", "L2")  # police protection, emergency protection order


def _map(column: str, mapping: dict, default=None) -> pl.Expr:
    return pl.col(column).replace_strict(mapping, default=default, return_dtype=pl.String)


def _yes_no(condition: pl.Expr) -> pl.Expr:
    return pl.when(condition).then(pl.lit(spec.YES)).otherwise(pl.lit(spec.NO))


def _latest(
    frame: pl.DataFrame, day: str, as_at: date, name: str, *, key="child_id"
) -> pl.DataFrame:
    return frame.filter(pl.col(day) <= as_at).group_by(key).agg(pl.col(day).max().alias(name))


class AnnexALists:
    """Builds Lists 1-7 for one window from one read of the record (`CareLists` adds 8-11)."""

    def __init__(self, record: LiveRecord, window: AnnexAWindow):
        self.record, self.window, self.as_at = record, window, window.as_at
        self.year_ago = add_months(self.as_at, -12) + timedelta(days=1)
        self._people = None

    def _until(self, column: str) -> pl.Expr:
        return pl.when(pl.col(column) <= self.as_at).then(pl.col(column)).alias(column)

    def _in_window(self, column: str) -> pl.Expr:
        return pl.col(column).is_between(self.window.start, self.as_at)

    # --- the columns every list shares -------------------------------------------------------

    def people(self) -> pl.DataFrame:
        """Child ID, gender, ethnicity, birth, age, disability and allocation of every child."""
        if self._people is not None:
            return self._people
        as_at = self.as_at
        children = self.record["children"]
        disabled = (
            self.record["disabilities"]
            .group_by("child_id")
            .agg((pl.col("code") != "NONE").any().alias("disabled"))
        )
        allocations = self.record["allocations"].filter(pl.col("start_date") <= as_at)
        current = (
            allocations.with_columns(
                (pl.col("end_date").is_null() | (pl.col("end_date") > as_at)).alias("open")
            )
            .sort(["open", "start_date"])
            .group_by("child_id")
            .last()
            .select("child_id", "team", "worker")
        )
        born = pl.col("date_of_birth")
        birthday_to_come = pl.lit(as_at.month * 100 + as_at.day) < (
            born.dt.month().cast(pl.Int32) * 100 + born.dt.day().cast(pl.Int32)
        )
        age = pl.lit(as_at.year) - born.dt.year() - birthday_to_come.cast(pl.Int32)
        self._people = (
            children.join(disabled, on="child_id", how="left")
            .join(current, on="child_id", how="left")
            .select(
                "child_id",
                pl.col("la_child_id").alias("Child Unique ID"),
                _map("sex", spec.GENDER_OF_SEX, spec.GENDER[2]).alias("Gender"),
                _map("ethnicity", spec.ETHNICITY_OF_CODE, "s) NOBT").alias("Ethnicity"),
                pl.col("date_of_birth").alias("Date of Birth"),
                age.cast(pl.Int64).alias("Age of Child (Years)"),
                pl.when(pl.col("disabled").is_null())
                .then(pl.lit(spec.UNKNOWN))
                .otherwise(_yes_no(pl.col("disabled")))
                .alias("Does the Child have a Disability"),
                pl.col("team").alias("Allocated Team"),
                pl.col("worker").alias("Allocated Worker"),
                "is_uasc",
                "uasc_ceased_on",
            )
        )
        return self._people

    def _finish(self, number: int, frame: pl.DataFrame, sort: list[str]) -> pl.DataFrame:
        columns = spec.LISTS[number].column_names
        joined = frame.join(self.people(), on="child_id", how="inner")
        return joined.sort(["Child Unique ID", *sort]).select("child_id", *columns)

    # --- the lists ---------------------------------------------------------------------------

    def contacts(self) -> pl.DataFrame:
        contacts = self.record["contacts"].filter(self._in_window("received_on"))
        return self._finish(
            1,
            contacts.select(
                "child_id",
                pl.col("received_on").alias("Date of Contact"),
                _map("source", spec.SOURCE_OF_CODE).alias("Contact Source"),
            ),
            ["Date of Contact"],
        )

    def early_help(self) -> pl.DataFrame:
        """Sightline records no early help assessments: the list has its columns and no rows."""
        columns = spec.LISTS[2].column_names
        return pl.DataFrame(
            schema={"child_id": pl.Int64} | {c: pl.String for c in columns}
        ).with_columns(
            pl.col("Date of Birth", "Assessment start date", "Assessment completion date").cast(
                pl.Date
            ),
            pl.col("Age of Child (Years)").cast(pl.Int64),
        )  # noqa: E501

    def referrals(self) -> pl.DataFrame:
        every = self.record["referrals"].filter(pl.col("referral_date") <= self.as_at)
        referrals = every.filter(self._in_window("referral_date"))
        # Referrals of the child in the 12 months up to and including this one.
        counts = (
            referrals.select("referral_id", "child_id", "referral_date")
            .join(every.select("child_id", pl.col("referral_date").alias("other")), on="child_id")
            .filter(
                (pl.col("other") <= pl.col("referral_date"))
                & (pl.col("other") > pl.col("referral_date").dt.offset_by("-12mo"))
            )
            .group_by("referral_id")
            .len("count")
        )
        return self._finish(
            3,
            referrals.join(counts, on="referral_id", how="left").select(
                "child_id",
                pl.col("referral_date").alias("Date of referral"),
                _map("source", spec.SOURCE_OF_CODE).alias("Referral Source"),
                _yes_no(pl.col("no_further_action")).alias("Referral NFA?"),
                pl.col("count").cast(pl.Int64).alias("Number of Referrals in Last 12 Months"),
            ),
            ["Date of referral"],
        )

    def assessments(self) -> pl.DataFrame:
        as_at = self.as_at
        assessments = self.record["assessments"].filter(pl.col("start_date") <= as_at)
        assessments = assessments.with_columns(
            self._until("authorised_on"), self._until("child_seen_on")
        )
        assessments = assessments.filter(
            self._in_window("start_date")
            | self._in_window("authorised_on")
            | pl.col("authorised_on").is_null()
        )
        outcome = pl.col("outcome").replace_strict(
            _NEEDS_SUPPORT | _NO_SUPPORT, default=None, return_dtype=pl.Boolean
        )
        support = (
            pl.when(pl.col("authorised_on").is_null())
            .then(None)
            .when(outcome.is_null())
            .then(pl.lit(spec.UNKNOWN))
            .otherwise(_yes_no(outcome))
        )
        return self._finish(
            4,
            assessments.select(
                "child_id",
                pl.col("start_date").alias("Continuous Assessment Start Date"),
                _yes_no(pl.col("child_seen_on").is_not_null()).alias(
                    "Child Seen During Continuous Assessment"
                ),
                pl.col("authorised_on").alias("Continuous Assessment Date of Authorisation"),
                support.alias(
                    "Was the child assessed as requiring LA children's social care support?"
                ),
            ),
            ["Continuous Assessment Start Date"],
        )

    def section47(self) -> pl.DataFrame:
        as_at = self.as_at
        strategy = self.record["strategy_discussions"].select("strategy_id", "held_on")
        every = self.record["section47_enquiries"].filter(pl.col("start_date") <= as_at)
        enquiries = every.join(strategy, on="strategy_id", how="left").with_columns(
            pl.coalesce("held_on", "start_date").alias("strategy_date")
        )
        enquiries = enquiries.filter(
            self._in_window("strategy_date") | self._in_window("start_date")
        )
        initial = self.record["conferences"].filter(
            (pl.col("kind") == "INITIAL") & (pl.col("date") <= as_at)
        )
        first = (
            initial.filter(pl.col("s47_id").is_not_null())
            .sort("date")
            .group_by("s47_id")
            .first()
            .select("s47_id", pl.col("date").alias("icpc_date"), "outcome")
        )
        s47_counts = (
            every.filter(pl.col("start_date") >= self.year_ago).group_by("child_id").len("s47s")
        )
        icpc_counts = (
            initial.filter(pl.col("date") >= self.year_ago).group_by("child_id").len("icpcs")
        )
        unnecessary = (
            pl.when(pl.col("icpc_required").is_null())
            .then(None)
            .otherwise(_yes_no(~pl.col("icpc_required").fill_null(True)))
        )
        plan = (
            pl.when(pl.col("outcome").is_null())
            .then(None)
            .otherwise(_yes_no(pl.col("outcome") == "PLAN"))
        )
        return self._finish(
            5,
            enquiries.join(first, on="s47_id", how="left")
            .join(s47_counts, on="child_id", how="left")
            .join(icpc_counts, on="child_id", how="left")
            .select(
                "child_id",
                pl.col("strategy_date").alias("Strategy discussion initiating Section 47 Enquiry Start Date"),  # noqa: E501
                unnecessary.alias("Was an Initial Child Protection Conference deemed unnecessary?"),
                pl.col("icpc_date").alias("Date of Initial Child Protection Conference"),
                plan.alias("Did the Initial Child Protection Conference Result in a Child Protection Plan"),  # noqa: E501
                pl.col("s47s").fill_null(0).cast(pl.Int64).alias("Number of Section 47 Enquiries in the last 12 months"),  # noqa: E501
                pl.col("icpcs").fill_null(0).cast(pl.Int64).alias("Number of ICPCs in the last 12 months"),  # noqa: E501
            ),
            ["Strategy discussion initiating Section 47 Enquiry Start Date"],
        )  # fmt: skip

    def _open_at(self, frame: pl.DataFrame, start: str, end: str) -> pl.DataFrame:
        """Children with a row of `frame` open on the as-at date."""
        return (
            frame.filter(
                (pl.col(start) <= self.as_at) & (pl.col(end).is_null() | (pl.col(end) > self.as_at))
            )
            .select("child_id")
            .unique()
        )

    def children_in_need(self) -> pl.DataFrame:
        as_at = self.as_at
        referrals = (
            self.record["referrals"]
            .filter((pl.col("referral_date") <= as_at) & ~pl.col("no_further_action"))
            .with_columns(self._until("closure_date"))
        )
        referrals = referrals.filter(
            pl.col("closure_date").is_null() | (pl.col("closure_date") >= self.window.start)
        ).with_columns(
            pl.when(pl.col("closure_date").is_not_null())
            .then(pl.col("closure_reason"))
            .alias("closure_reason")
        )
        seen = _latest(
            self.record["visits"].filter(pl.col("child_seen")), "date", as_at, "last_seen"
        )
        flags = {
            "lac": self._open_at(self.record["lac_episodes"], "start_date", "end_date"),
            "cp": self._open_at(self.record["cp_plans"], "start_date", "end_date"),
            "cin": self._open_at(self.record["cin_plans"], "start_date", "end_date"),
            "assessing": self._open_at(self.record["assessments"], "start_date", "authorised_on"),
        }
        for name, children in flags.items():
            referrals = referrals.join(
                children.with_columns(pl.lit(True).alias(name)), on="child_id", how="left"
            )
        status = (
            pl.when(pl.col("closure_date").is_not_null()).then(pl.lit(spec.CASE_STATUS[4]))
            .when(pl.col("lac")).then(pl.lit(spec.CASE_STATUS[0]))
            .when(pl.col("cp")).then(pl.lit(spec.CASE_STATUS[1]))
            .when(pl.col("assessing") & ~pl.col("cin").fill_null(False)).then(pl.lit(spec.CASE_STATUS[3]))  # noqa: E501
            .otherwise(pl.lit(spec.CASE_STATUS[2]))
        )  # fmt: skip
        return self._finish(
            6,
            referrals.join(seen, on="child_id", how="left").select(
                "child_id",
                pl.col("referral_date").alias("CIN Start Date"),
                _map("primary_need", spec.NEED_OF_CODE, spec.NEED_OF_CODE["N0"]).alias(
                    "Primary Need Code"
                ),
                pl.col("last_seen").alias("Date Child Was Last Seen"),
                pl.col("closure_date").alias("CIN Closure Date"),
                _map("closure_reason", spec.CLOSURE_OF_CODE).alias("Reason for Closure"),
                status.alias("Case Status"),
            ),
            ["CIN Start Date"],
        )

    def child_protection(self) -> pl.DataFrame:
        as_at = self.as_at
        every = self.record["cp_plans"].filter(pl.col("start_date") <= as_at)
        previous = every.select(
            "plan_id",
            (pl.col("start_date").rank("min").over("child_id") - 1)
            .cast(pl.Int64)
            .alias("previous"),
        )
        plans = (
            every.with_columns(self._until("end_date"))
            .filter(pl.col("end_date").is_null() | (pl.col("end_date") >= self.window.start))
            .join(previous, on="plan_id")
        )
        visits = self.record["visits"].filter((pl.col("kind") == "CP") & (pl.col("date") <= as_at))
        last_visit = (
            plans.select("plan_id", "child_id", "start_date", "end_date")
            .join(visits.select("child_id", "date", "seen_alone"), on="child_id")
            .filter(
                (pl.col("date") >= pl.col("start_date"))
                & (pl.col("end_date").is_null() | (pl.col("date") <= pl.col("end_date")))
            )
            .sort("date")
            .group_by("plan_id")
            .last()
            .select("plan_id", pl.col("date").alias("visit"), "seen_alone")
        )
        reviews = _latest(
            self.record["conferences"].filter(pl.col("kind") == "REVIEW"),
            "date",
            as_at,
            "review",
            key="plan_id",
        )
        emergency = (
            self.record["lac_episodes"]
            .filter(pl.col("legal_status").is_in(_EMERGENCY) & pl.col("start_date").is_between(add_months(as_at, -6), as_at))  # noqa: E501
            .select("child_id").unique().with_columns(pl.lit(True).alias("emergency"))
        )  # fmt: skip
        return self._finish(
            7,
            plans.join(last_visit, on="plan_id", how="left")
            .join(reviews, on="plan_id", how="left")
            .join(emergency, on="child_id", how="left")
            .select(
                "child_id",
                pl.col("start_date").alias("Child Protection Plan Start Date"),
                _map("initial_category", spec.ABUSE_OF_CODE).alias("Initial Category of Abuse"),
                _map("latest_category", spec.ABUSE_OF_CODE).alias("Latest Category of Abuse"),
                pl.col("visit").alias("Date of the Last Statutory Visit"),
                pl.when(pl.col("visit").is_null()).then(None).otherwise(_yes_no(pl.col("seen_alone"))).alias("Was the Child Seen Alone?"),  # noqa: E501
                pl.col("review").alias("Date of latest review conference"),
                pl.col("end_date").alias("Child Protection Plan End Date"),
                _yes_no(pl.col("emergency").fill_null(False)).alias(spec.LISTS[7].columns[13].name),
                pl.col("previous").alias("Number of Previous Child Protection Plans"),
            ),
            ["Child Protection Plan Start Date"],
        )  # fmt: skip

    def council_postcode_districts(self) -> pl.Series:
        """The outward codes of the council's own residents' addresses: "in area" placements."""
        return (
            self.record["household_postcodes"]
            .select(pl.col("postcode").str.split(" ").list.first().unique())
            .to_series()
        )

    @property
    def la_code(self) -> str:
        return settings.SIGHTLINE_COUNCIL_CODE
