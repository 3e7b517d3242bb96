"""The CIN census XML from the live record, for any collection year and as-at date.

Scope (DfE CIN census guide): every child with a CIN episode (a `Referral`) open at any time in
the collection year, including referrals that went no further; within each episode, the
assessments, CIN plans, section 47 enquiries and child protection plans open at any time in the
year. The document is streamed with `lxml.etree.xmlfile`, one `<Child>` at a time, so a council
of 300,000 children needs no more memory than its tables.

From the 2024-25 collection the child's sex is sent as `<Sex>` (M, F, U) where `<GenderCurrent>`
(1, 2, 0) stood before; `cin_schema(year)` gives the schema each year is checked against.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from django.conf import settings
from lxml import etree

from sightline.returns.produce.files import ReturnError, audit_return_export, staged
from sightline.returns.produce.record import LiveRecord
from sightline.returns.produce.years import CollectionYear
from sightline.standards import codes
from sightline.standards.calendar import default_calendar

SCHEMA_2024 = Path(__file__).with_name("schemas") / "CIN_schema_2024.xsd"
SEX_FROM_YEAR = 2025  # the 2024-25 collection, named by the year it ends
_GENDER_CURRENT = {"M": "1", "F": "2", "U": "0"}
# Working Together 2023, ch. 3: the initial child protection conference is held within 15
# working days of the strategy discussion that started the section 47 enquiry.
ICPC_WORKING_DAYS = 15
SOFTWARE_CODE = "Sightline"


@dataclass(frozen=True)
class CinCensusWritten:
    """What was written: the file, the children in it and the episodes they have."""

    path: Path
    children: int
    episodes: int
    restricted_children: int
    previous_plans_raised_to_one: int


def cin_schema(year: CollectionYear | int) -> etree.XMLSchema:
    """The XSD a collection year's file is checked against.

    The published 2024 schema names the child's sex `GenderCurrent` (1, 2, 0, 9); from the
    2024-25 collection DfE collects `Sex` (M, F, U) in its place, so for those years the schema
    is the 2024 one with that single element swapped.
    """
    end_year = year.end_year if isinstance(year, CollectionYear) else year
    document = etree.parse(str(SCHEMA_2024))
    if end_year >= SEX_FROM_YEAR:
        xs = "{http://www.w3.org/2001/XMLSchema}"
        element = document.find(f".//{xs}element[@name='GenderCurrent']")
        element.set("name", "Sex")
        element.set("type", "sextype")
        sextype = etree.SubElement(document.getroot(), f"{xs}simpleType", name="sextype")
        restriction = etree.SubElement(sextype, f"{xs}restriction", base="nonEmptyString")
        for value in codes.SEX.values:
            etree.SubElement(restriction, f"{xs}enumeration", value=value)
    return etree.XMLSchema(document)


def _iso(frame: pl.DataFrame) -> pl.DataFrame:
    """Every date column as ISO text, the form the XML carries."""
    return frame.with_columns(
        pl.col(name).dt.to_string("%Y-%m-%d")
        for name, dtype in frame.schema.items()
        if dtype == pl.Date
    )


def _seen_by(frame: pl.DataFrame, as_at, *dates: str) -> pl.DataFrame:
    """Null every date after the as-at date: as at that day it had not happened."""
    return frame.with_columns(
        pl.when(pl.col(name) <= as_at).then(pl.col(name)).otherwise(None).alias(name)
        for name in dates
    )


def _open_in_year(frame: pl.DataFrame, year: CollectionYear, start: str, end: str) -> pl.DataFrame:
    """Rows begun by the as-at date and not ended before the year began."""
    return frame.filter(
        (pl.col(start) <= year.as_at) & (pl.col(end).is_null() | (pl.col(end) >= year.start))
    )


def _grouped(frame: pl.DataFrame, key: str) -> dict[int, list[dict]]:
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in frame.iter_rows(named=True):
        rows[row[key]].append(row)
    return rows


class _CensusTables:
    """The census's tables, cut to the year and as-at date, grouped for writing."""

    def __init__(self, record: LiveRecord, year: CollectionYear):
        as_at = year.as_at
        referrals = _seen_by(record["referrals"], as_at, "closure_date")
        referrals = _open_in_year(referrals, year, "referral_date", "closure_date").with_columns(
            pl.when(pl.col("closure_date").is_null())
            .then(None)
            .otherwise(pl.col("closure_reason"))
            .alias("closure_reason")
        )
        self.referrals = referrals.sort(["child_id", "referral_date", "referral_id"])
        in_scope = self.referrals.get_column("referral_id").unique()
        children = record["children"].filter(
            pl.col("child_id").is_in(self.referrals.get_column("child_id").unique().implode())
        )
        self.children = _iso(
            children.with_columns(
                # Born after the as-at date: still unborn then, so only expected.
                pl.when(pl.col("date_of_birth") > as_at)
                .then(pl.coalesce("expected_date_of_birth", "date_of_birth"))
                .otherwise(pl.col("expected_date_of_birth"))
                .alias("expected_date_of_birth"),
                pl.when(pl.col("date_of_birth") <= as_at)
                .then(pl.col("date_of_birth"))
                .alias("date_of_birth"),
                pl.when(pl.col("date_of_death") <= as_at)
                .then(pl.col("date_of_death"))
                .alias("date_of_death"),
            ).sort("la_child_id")
        )
        self.disabilities = _grouped(record["disabilities"].sort(["child_id", "code"]), "child_id")

        def mine(frame: pl.DataFrame) -> pl.DataFrame:
            return frame.filter(pl.col("referral_id").is_in(in_scope.implode()))

        assessments = _seen_by(mine(record["assessments"]), as_at, "child_seen_on", "authorised_on")
        assessments = _open_in_year(assessments, year, "start_date", "authorised_on")
        self.assessments = _grouped(
            _iso(assessments.sort(["start_date", "assessment_id"])), "referral_id"
        )
        cin_plans = _open_in_year(
            _seen_by(mine(record["cin_plans"]), as_at, "end_date"), year, "start_date", "end_date"
        )
        self.cin_plans = _grouped(_iso(cin_plans.sort(["start_date", "plan_id"])), "referral_id")

        conferences = record["conferences"].filter(pl.col("date") <= as_at)
        initial = conferences.filter(pl.col("kind") == "INITIAL")
        strategy = record["strategy_discussions"].select("strategy_id", "held_on")
        s47 = _seen_by(mine(record["section47_enquiries"]), as_at, "end_date")
        s47 = _open_in_year(s47, year, "start_date", "end_date").join(
            strategy, on="strategy_id", how="left"
        )
        calendar = default_calendar()
        clock_from = s47.select(pl.coalesce("held_on", "start_date")).to_series()
        targets = calendar.add_working_days_array(clock_from.to_numpy(), ICPC_WORKING_DAYS)
        first_icpc = initial.group_by("s47_id").agg(pl.col("date").min().alias("icpc_date"))
        s47 = s47.with_columns(pl.Series("icpc_target", targets).cast(pl.Date)).join(
            first_icpc, on="s47_id", how="left"
        )
        self.section47 = _grouped(_iso(s47.sort(["start_date", "s47_id"])), "referral_id")
        episode_icpc = (
            initial.filter(pl.col("date") >= year.start)
            .group_by("referral_id")
            .agg(pl.col("date").min().dt.to_string("%Y-%m-%d").alias("icpc_date"))
        )
        self.episode_icpc = dict(episode_icpc.iter_rows())

        every_plan = record["cp_plans"].filter(pl.col("start_date") <= as_at)
        previous = every_plan.select(
            "plan_id",
            (pl.col("start_date").rank("min").over("child_id") - 1)
            .cast(pl.Int64)
            .alias("previous"),
        )
        plans = _open_in_year(
            _seen_by(mine(every_plan), as_at, "end_date"), year, "start_date", "end_date"
        )
        plans = plans.join(previous, on="plan_id", how="left")
        self.cp_plans = _grouped(_iso(plans.sort(["start_date", "plan_id"])), "referral_id")
        reviews = conferences.filter(
            (pl.col("kind") == "REVIEW")
            & (pl.col("date") >= year.start)
            & pl.col("plan_id").is_not_null()
        ).sort(["date", "conference_id"])
        self.reviews = _grouped(_iso(reviews), "plan_id")
        self.episodes = _grouped(_iso(self.referrals), "child_id")


def _add(parent: etree._Element, tag: str, text: str | None) -> None:
    if text is not None and text != "":
        etree.SubElement(parent, tag).text = text


def _flag(value: bool | None) -> str:
    return "true" if value else "false"


class _ChildWriter:
    def __init__(self, tables: _CensusTables, year: CollectionYear):
        self.tables = tables
        self.use_sex = year.end_year >= SEX_FROM_YEAR
        self.raised_to_one = 0

    def child(self, row: dict) -> etree._Element:
        child = etree.Element("Child")
        ids = etree.SubElement(child, "ChildIdentifiers")
        _add(ids, "LAchildID", row["la_child_id"])
        _add(ids, "UPN", row["upn"])
        _add(ids, "FormerUPN", row["former_upn"])
        if not row["upn"]:
            _add(ids, "UPNunknown", row["upn_unknown_reason"])
        _add(ids, "PersonBirthDate", row["date_of_birth"])
        if not row["date_of_birth"]:
            _add(ids, "ExpectedPersonBirthDate", row["expected_date_of_birth"])
        # CIN rule 8750: an unborn child's sex is U.
        sex = row["sex"] if row["date_of_birth"] else "U"
        if self.use_sex:
            _add(ids, "Sex", sex or "U")
        else:
            _add(ids, "GenderCurrent", _GENDER_CURRENT.get(sex, "0"))
        _add(ids, "PersonDeathDate", row["date_of_death"])
        characteristics = etree.SubElement(child, "ChildCharacteristics")
        _add(characteristics, "Ethnicity", row["ethnicity"] or "NOBT")
        disabilities = self.tables.disabilities.get(row["child_id"])
        codes = [d["code"] for d in disabilities or ()]
        if not codes and row["date_of_birth"]:
            # Rule 8540: a born child's disability is required; none recorded is NONE.
            codes = ["NONE"]
        if codes:
            listed = etree.SubElement(characteristics, "Disabilities")
            for code in codes:
                _add(listed, "Disability", code)
        for episode in self.tables.episodes[row["child_id"]]:
            child.append(self.episode(episode))
        return child

    def episode(self, row: dict) -> etree._Element:
        tables, referral = self.tables, row["referral_id"]
        details = etree.Element("CINdetails")
        _add(details, "CINreferralDate", row["referral_date"])
        _add(details, "ReferralSource", row["source"])
        _add(details, "PrimaryNeedCode", row["primary_need"])
        _add(details, "CINclosureDate", row["closure_date"])
        _add(details, "ReasonForClosure", row["closure_reason"])
        # A conference is recorded once (rule 2884): at the enquiry that led to it where there
        # is one in the episode, otherwise at the episode.
        icpc = tables.episode_icpc.get(referral)
        if any(e["icpc_date"] == icpc for e in tables.section47.get(referral, ())):
            icpc = None
        _add(details, "DateOfInitialCPC", icpc)
        for assessment in tables.assessments.get(referral, ()):
            element = etree.SubElement(details, "Assessments")
            _add(element, "AssessmentActualStartDate", assessment["start_date"])
            _add(element, "AssessmentAuthorisationDate", assessment["authorised_on"])
            factors = assessment["factors"] if assessment["authorised_on"] else None
            if factors:
                listed = etree.SubElement(element, "FactorsIdentifiedAtAssessment")
                for factor in factors:
                    _add(listed, "AssessmentFactors", factor)
        for plan in tables.cin_plans.get(referral, ()):
            element = etree.SubElement(details, "CINPlanDates")
            _add(element, "CINPlanStartDate", plan["start_date"])
            _add(element, "CINPlanEndDate", plan["end_date"])
        for enquiry in tables.section47.get(referral, ()):
            element = etree.SubElement(details, "Section47")
            _add(element, "S47ActualStartDate", enquiry["start_date"])
            _add(element, "InitialCPCtarget", enquiry["icpc_target"])
            _add(element, "DateOfInitialCPC", enquiry["icpc_date"])
            _add(element, "ICPCnotRequired", _flag(enquiry["icpc_required"] is False))
        _add(details, "ReferralNFA", _flag(row["no_further_action"]))
        for plan in tables.cp_plans.get(referral, ()):
            element = etree.SubElement(details, "ChildProtectionPlans")
            _add(element, "CPPstartDate", plan["start_date"])
            _add(element, "CPPendDate", plan["end_date"])
            _add(element, "InitialCategoryOfAbuse", plan["initial_category"])
            _add(element, "LatestCategoryOfAbuse", plan["latest_category"])
            previous = plan["previous"] or 0
            if previous < 1:
                # The published XSD types this as xs:positiveInteger; see docs/returns.md.
                self.raised_to_one += 1
            _add(element, "NumberOfPreviousCPP", str(max(previous, 1)))
            reviews = tables.reviews.get(plan["plan_id"])
            if reviews:
                listed = etree.SubElement(element, "Reviews")
                for review in reviews:
                    _add(listed, "CPPreviewDate", review["date"])
        return details


def _header(year: CollectionYear, written_at: datetime) -> etree._Element:
    header = etree.Element("Header")
    collection = etree.SubElement(header, "CollectionDetails")
    _add(collection, "Collection", "CIN")
    _add(collection, "Year", str(year.end_year))
    _add(collection, "ReferenceDate", year.reference_date.isoformat())
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", settings.SIGHTLINE_COUNCIL_CODE)
    _add(source, "SoftwareCode", SOFTWARE_CODE)
    _add(source, "Release", _release())
    _add(source, "SerialNo", "001")
    _add(source, "DateTime", written_at.strftime("%Y-%m-%dT%H:%M:%S"))
    return header


def _release() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sightline")
    except PackageNotFoundError:
        return "unreleased"


def cin_census_write(
    *, year: CollectionYear, out: Path, actor=None, request=None
) -> CinCensusWritten:
    """Write the CIN census for `year` (as at `year.as_at`) to `out`, and audit the export.

    Raises `ReturnError` (and writes nothing) when no child is in scope: the schema requires at
    least one `<Child>`, and an empty census is never what was meant.
    """
    record = LiveRecord()
    tables = _CensusTables(record, year)
    if tables.children.height == 0:
        raise ReturnError(
            f"No child had a CIN episode open between {year.start.isoformat()} and "
            f"{year.as_at.isoformat()}: there is no {year.label} CIN census to write."
        )
    writer = _ChildWriter(tables, year)
    child_ids = tables.children.get_column("child_id").to_list()
    with staged([out]) as (temporary,):
        with etree.xmlfile(str(temporary), encoding="utf-8") as xml:
            xml.write_declaration()
            with xml.element("Message"):
                xml.write(_header(year, datetime.now(UTC)))
                with xml.element("Children"):
                    for row in tables.children.iter_rows(named=True):
                        xml.write(writer.child(row))
        audit_return_export(
            actor=actor,
            request=request,
            export="cin_census",
            child_ids=child_ids,
            detail={
                "collection_year": year.label,
                "as_at": year.as_at.isoformat(),
                "row_count": len(child_ids),
            },
        )
    restricted = _restricted_count(child_ids)
    return CinCensusWritten(
        path=Path(out),
        children=len(child_ids),
        episodes=tables.referrals.height,
        restricted_children=restricted,
        previous_plans_raised_to_one=writer.raised_to_one,
    )


def _restricted_count(child_ids: list[int]) -> int:
    from sightline.access.models import RestrictedRecord

    return RestrictedRecord.objects.filter(child_id__in=child_ids).count()
