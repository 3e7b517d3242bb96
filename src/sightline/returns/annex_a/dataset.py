"""An Annex A workbook, as read, turned into the engine's `Dataset` for what the lists carry.

Annex A is a snapshot: it gives each child's latest dates rather than a full history, and no
identifiers for episodes, plans or workers. So records get stable numbers assigned here (children
in order of their Child Unique ID, then rows in list order), a referral's assessments, enquiries
and plans are attached to the child's latest referral on or before them, and what the lists do
not say is left null and named in `Dataset.notes` (see docs/returns.md).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.returns.annex_a import spec
from sightline.returns.annex_a.reader import AnnexAWorkbook

ID = "Child Unique ID"

NOTES = [
    "Annex A: contacts carry a date but no time and no decision; every contact is placed at "
    "00:00 UTC and its decision is unknown, so contact-decision clocks cannot be judged.",
    "Annex A: an assessment says whether the child was seen, not when.",
    "Annex A: a section 47 enquiry starts on its strategy discussion's date (the list gives one).",
    "Annex A: a child in care has one episode, from the start of the most recent placement; "
    "earlier placements and legal statuses are not listed.",
    "Annex A: only the latest visit, review, health assessment, dental check, pathway plan and "
    "care-leaver contact of each child is listed.",
    "Annex A: allocations carry the team and worker named, with no start or end date.",
]


def _inverse(mapping: dict[str, str], *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {value: code for code, value in mapping.items() if code not in skip}


_SOURCE = _inverse(spec.SOURCE_OF_CODE, skip=("5D",))
_NEED = _inverse(spec.NEED_OF_CODE)
_CLOSURE = _inverse(spec.CLOSURE_OF_CODE)
_LEGAL = _inverse(spec.LEGAL_STATUS_OF_CODE)
_PLACEMENT = _inverse(spec.PLACEMENT_TYPE_OF_CODE)
_CEASED = _inverse(spec.REASON_CEASED_OF_CODE)
_PERMANENCE = _inverse(spec.PERMANENCE_OF_CODE)
_ELIGIBILITY = _inverse(spec.ELIGIBILITY_OF_CODE)
_IN_TOUCH = _inverse(spec.IN_TOUCH_OF_CODE)
_YES_NO = {spec.YES: True, spec.NO: False}


def _code(column: str, mapping: dict[str, str]) -> pl.Expr:
    return pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String)


def _flag(column: str) -> pl.Expr:
    return pl.col(column).replace_strict(_YES_NO, default=None, return_dtype=pl.Boolean)


def _numbered(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    return frame.with_row_index(name, offset=1).with_columns(pl.col(name).cast(pl.Int64))


def _empty(number: int) -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            c.name: {"date": pl.Date, "int": pl.Int64}.get(c.kind, pl.String)
            for c in spec.LISTS[number].columns
        }
    )


class _Builder:
    def __init__(self, workbook: AnnexAWorkbook):
        self.lists = {n: workbook.lists.get(n, _empty(n)) for n in spec.LISTS}
        people = pl.concat(
            [
                self.lists[n].select(ID, pl.col("Date of Birth"))
                for n in range(1, 11)
                if ID in self.lists[n].columns
            ]
        ).filter(pl.col(ID).is_not_null())
        self.children = (
            people.group_by(ID)
            .agg(pl.col("Date of Birth").drop_nulls().first())
            .sort(ID)
            .pipe(_numbered, "child_id")
        )

    def rows(self, number: int) -> pl.DataFrame:
        """A list's rows with the child's number (rows without a known child are dropped)."""
        return self.lists[number].join(self.children.select(ID, "child_id"), on=ID, how="inner")

    def referrals(self) -> pl.DataFrame:
        listed = self.rows(3).select(
            "child_id",
            pl.col("Date of referral").alias("referral_date"),
            _code("Referral Source", _SOURCE).alias("source"),
            _flag("Referral NFA?").alias("no_further_action"),
        )
        in_need = self.rows(6).select(
            "child_id",
            pl.col("CIN Start Date").alias("referral_date"),
            pl.col("CIN Closure Date").alias("closure_date"),
            _code("Reason for Closure", _CLOSURE).alias("closure_reason"),
        )
        return (
            listed.join(in_need, on=["child_id", "referral_date"], how="full", coalesce=True)
            .filter(pl.col("referral_date").is_not_null())
            .unique(["child_id", "referral_date"], keep="first")
            .sort(["child_id", "referral_date"])
            .pipe(_numbered, "referral_id")
        )

    @staticmethod
    def attach(frame: pl.DataFrame, referrals: pl.DataFrame, on: str) -> pl.DataFrame:
        """Each row's referral: the child's latest on or before the row's date."""
        return frame.sort(on).join_asof(
            referrals.select("child_id", "referral_id", "referral_date").sort("referral_date"),
            left_on=on,
            right_on="referral_date",
            by="child_id",
            strategy="backward",
            check_sortedness=False,  # sorted by date above; Polars cannot check within groups
        )

    def build(self, as_at: date | None) -> Dataset:
        referrals = self.referrals()
        assessments = self.attach(
            self.rows(4)
            .select(
                "child_id",
                pl.col("Continuous Assessment Start Date").alias("start_date"),
                pl.col("Continuous Assessment Date of Authorisation").alias("authorised_on"),
            )
            .filter(pl.col("start_date").is_not_null()),
            referrals,
            "start_date",
        ).pipe(_numbered, "assessment_id")
        s47 = self.attach(
            self.rows(5).select(
                "child_id",
                pl.col("Strategy discussion initiating Section 47 Enquiry Start Date").alias("start_date"),  # noqa: E501
                (~_flag("Was an Initial Child Protection Conference deemed unnecessary?")).alias("icpc_required"),  # noqa: E501
                pl.col("Date of Initial Child Protection Conference").alias("icpc_date"),
                _flag("Did the Initial Child Protection Conference Result in a Child Protection Plan").alias("plan"),  # noqa: E501
            ).filter(pl.col("start_date").is_not_null()),
            referrals,
            "start_date",
        ).pipe(_numbered, "s47_id").with_columns(pl.col("s47_id").alias("strategy_id"))  # fmt: skip
        conferences = s47.filter(pl.col("icpc_date").is_not_null()).select(
            "child_id", "referral_id", "s47_id",
            pl.lit("INITIAL").alias("kind"), pl.col("icpc_date").alias("date"),
            pl.when(pl.col("plan").is_null()).then(None)
            .when(pl.col("plan")).then(pl.lit("PLAN")).otherwise(pl.lit("NO_PLAN")).alias("outcome"),  # noqa: E501
        )  # fmt: skip
        plans = self.attach(
            self.rows(7)
            .select(
                "child_id",
                pl.col("Child Protection Plan Start Date").alias("start_date"),
                pl.col("Child Protection Plan End Date").alias("end_date"),
                pl.col("Date of the Last Statutory Visit").alias("visit"),
                _flag("Was the Child Seen Alone?").alias("seen_alone"),
                pl.col("Date of latest review conference").alias("review"),
            )
            .filter(pl.col("start_date").is_not_null()),
            referrals,
            "start_date",
        ).pipe(_numbered, "plan_id")
        reviews = plans.filter(pl.col("review").is_not_null()).select(
            "child_id", "referral_id", "plan_id", pl.lit("REVIEW").alias("kind"),
            pl.col("review").alias("date"), pl.lit("CONTINUE").alias("outcome"),
        )  # fmt: skip
        care = self.rows(8)
        episodes = care.select(
            "child_id",
            pl.col("Start Date of Most Recent Placement").alias("start_date"),
            pl.col("Date Ceased to be Looked After").alias("end_date"),
            _code("Child's Legal Status", _LEGAL).alias("legal_status"),
            _code("Placement Type", _PLACEMENT).alias("placement_type"),
            _code("Reason Ceased to be Looked After", _CEASED).alias("reason_ceased"),
        ).pipe(_numbered, "episode_id")
        visits = pl.concat(
            [
                plans.select("child_id", pl.col("visit").alias("date"), pl.lit("CP").alias("kind"), "seen_alone"),  # noqa: E501
                care.select("child_id", pl.col("Date of Last Social Work Visit").alias("date"), pl.lit("LAC").alias("kind"), pl.lit(None, pl.Boolean).alias("seen_alone")),  # noqa: E501
                care.select("child_id", pl.col("Date of Last IRO Visit / Contact to the Child").alias("date"), pl.lit("IRO").alias("kind"), pl.lit(None, pl.Boolean).alias("seen_alone")),  # noqa: E501
            ]
        ).filter(pl.col("date").is_not_null()).with_columns(pl.lit(True).alias("child_seen")).pipe(_numbered, "visit_id")  # fmt: skip  # noqa: E501

        def latest(column: str, name: str, number: int = 8) -> pl.DataFrame:
            return (
                self.rows(number)
                .select("child_id", pl.col(column).alias("date"))
                .filter(pl.col("date").is_not_null())
                .pipe(_numbered, name)
            )

        leavers = self.rows(9)
        adoption = self.rows(10)
        allocated = pl.concat(
            [
                self.rows(n).select("child_id", pl.col("Allocated Team").alias("team"), pl.col("Allocated Worker").alias("worker"))  # noqa: E501
                for n in range(3, 10)
            ]
        ).filter(pl.col("team").is_not_null() | pl.col("worker").is_not_null()).unique("child_id", keep="last")  # fmt: skip  # noqa: E501
        teams = allocated.select(pl.col("team").drop_nulls().unique().sort()).pipe(
            _numbered, "team_id"
        )
        workers = allocated.select(pl.col("worker").drop_nulls().unique().sort()).pipe(
            _numbered, "worker_id"
        )
        allocations = (
            allocated.join(teams, on="team", how="left")
            .join(workers, on="worker", how="left")
            .pipe(_numbered, "allocation_id")
        )
        contacts = (
            self.rows(1)
            .select(
                "child_id",
                pl.col("Date of Contact").cast(pl.Datetime("us", "UTC")).alias("received_at"),
                _code("Contact Source", _SOURCE).alias("source"),
            )
            .pipe(_numbered, "contact_id")
        )
        dataset = Dataset.from_frames(
            source="Ofsted Annex A",
            children=self.children.select(
                "child_id", pl.col(ID).alias("la_child_id"), pl.col("Date of Birth").alias("date_of_birth")  # noqa: E501
            ),
            contacts=contacts,
            referrals=referrals,
            assessments=assessments,
            strategy_discussions=s47.select("strategy_id", "referral_id", "child_id", pl.col("start_date").alias("held_on"), pl.lit("S47").alias("decision")),  # noqa: E501
            section47_enquiries=s47,
            conferences=pl.concat([conferences, reviews], how="diagonal").pipe(_numbered, "conference_id"),  # noqa: E501
            cp_plans=plans,
            visits=visits,
            lac_episodes=episodes,
            lac_reviews=latest("Date of Latest Statutory Review", "review_id"),
            health_assessments=latest("Date of Last Health Assessment", "health_assessment_id"),
            dental_checks=latest("Date of Last Dental Check", "dental_check_id"),
            permanence_plans=care.select("child_id", _code("What is the permanence plan for this child?", _PERMANENCE).alias("plan")).filter(pl.col("plan").is_not_null()).pipe(_numbered, "permanence_id"),  # noqa: E501
            care_leavers=leavers.select("child_id", _code("Eligibility Category", _ELIGIBILITY).alias("eligibility")),  # noqa: E501
            care_leaver_contacts=leavers.select("child_id", pl.col("Latest Contact").alias("date"), _code("LA in Touch", _IN_TOUCH).alias("in_touch")).filter(pl.col("date").is_not_null()).pipe(_numbered, "cl_contact_id"),  # noqa: E501
            pathway_plans=latest("Latest Pathway Plan", "pathway_id", 9),
            adoptions=adoption.select(
                "child_id",
                pl.col("Date of Decision that Child Should be Placed for Adoption").alias("decision_date"),  # noqa: E501
                pl.col("Date of Placement Order").alias("placement_order_date"),
                pl.col("Date of Matching Child and Prospective Adopters").alias("matched_date"),
                pl.col("Date Placed for Adoption").alias("placed_date"),
                pl.col("Date the child was placed for fostering in FFA or concurrent planning placement").alias("fostering_for_adoption_date"),  # noqa: E501
                pl.col("Date of Adoption Order").alias("adoption_order_date"),
            ).pipe(_numbered, "adoption_id"),
            teams=teams.rename({"team": "name"}),
            workers=workers.rename({"worker": "name"}),
            allocations=allocations,
        )  # fmt: skip
        return Dataset(
            frames=dataset.frames, source=dataset.source, extracted_on=as_at, notes=list(NOTES)
        )


def annex_a_dataset(workbook: AnnexAWorkbook, *, as_at: date | None = None) -> Dataset:
    """The `Dataset` the lists of a read workbook carry (lists it lacks give empty frames)."""
    return _Builder(workbook).build(as_at)
