"""CIN census rules on the header and the child's identifiers and characteristics.

Source: DfE CIN census 2025-26 validation rules (shared/domain/cin-rules-2025-26.csv) and the
code sets in formats.md §0.
"""

from __future__ import annotations

import polars as pl

from sightline.returns.cin.la_codes import LA_CODES
from sightline.returns.cin.rules._common import (
    census_end,
    flag,
    in_census,
    no_flags,
    rule,
    table,
)
from sightline.returns.validation import ReturnTables
from sightline.standards.codes import ETHNICITY, SEX
from sightline.standards.identifiers import UPN_LETTERS

_UPN_VALUE = {str(d): d for d in range(10)} | {c: i for i, c in enumerate(UPN_LETTERS)}
_UPN_SHAPE = r"^[A-Za-z][0-9]{12}$|^[A-Za-z][0-9]{11}[A-Za-z]$"


def _children(t: ReturnTables) -> pl.DataFrame:
    return table(t, "children")


def _upn() -> pl.Expr:
    return pl.col("UPN").str.to_uppercase()


@rule("100", "Reference Date is incorrect", tables=("header",), fields=("ReferenceDate",))
def reference_date_is_census_end(t: ReturnTables) -> pl.DataFrame:
    header = table(t, "header")
    if header.height == 0:
        return pl.DataFrame(
            {"child_id": [None], "table": ["header"], "row": [0], "field": ["ReferenceDate"]},
            schema_overrides={"child_id": pl.String, "row": pl.Int64},
        ).with_columns(pl.lit(None, pl.String).alias("value"))
    wrong = header.with_row_index("row").filter(
        pl.col("ReferenceDate").is_null() | (pl.col("ReferenceDate") != census_end(t))
    )
    return wrong.select(
        pl.lit(None, pl.String).alias("child_id"),
        pl.lit("header").alias("table"),
        pl.col("row").cast(pl.Int64),
        pl.lit("ReferenceDate").alias("field"),
        pl.col("ReferenceDate").cast(pl.String).alias("value"),
    )


@rule(
    "1510",
    "UPN invalid (wrong check letter at character 1)",
    tables=("children",),
    fields=("UPN",),
)
def upn_check_letter(t: ReturnTables) -> pl.DataFrame:
    # DfE UPN specification: characters 2-13 weighted 2..13, letters in position 13 by their
    # place in the 23-letter alphabet; the sum modulo 23 picks the check letter.
    upn = _upn()
    sound = upn.str.contains(r"^.[0-9]{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$")
    total = pl.sum_horizontal(
        upn.str.slice(pos, 1).replace_strict(_UPN_VALUE, default=0, return_dtype=pl.Int64)
        * (pos + 1)
        for pos in range(1, 13)
    )
    letter = (total % 23).replace_strict(dict(enumerate(UPN_LETTERS)), return_dtype=pl.String)
    bad = _children(t).filter(sound & (upn.str.slice(0, 1) != letter))
    return flag(bad, "children", "UPN", "UPN")


@rule("1520", "More than one record with the same UPN.", tables=("children",), fields=("UPN",))
def upn_unique(t: ReturnTables) -> pl.DataFrame:
    children = _children(t).filter(pl.col("UPN").is_not_null())
    return flag(children.filter(_upn().is_duplicated()), "children", "UPN", "UPN")


@rule(
    "1530",
    "UPN invalid (characters 2-4 not a recognised LA code)",
    tables=("children",),
    fields=("UPN",),
)
def upn_la_code(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~pl.col("UPN").str.slice(1, 3).is_in(sorted(LA_CODES)))
    return flag(bad, "children", "UPN", "UPN")


@rule(
    "1540",
    "UPN invalid (characters 5-12 not all numeric)",
    tables=("children",),
    fields=("UPN",),
)
def upn_digits(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~pl.col("UPN").str.slice(4, 8).str.contains(r"^[0-9]{8}$"))
    return flag(bad, "children", "UPN", "UPN")


@rule(
    "1550",
    "UPN invalid (character 13 not a recognised value)",
    tables=("children",),
    fields=("UPN",),
)
def upn_last_character(t: ReturnTables) -> pl.DataFrame:
    last = _upn().str.slice(12, 1)
    allowed = list("0123456789" + UPN_LETTERS)
    bad = _children(t).filter(pl.col("UPN").is_not_null() & ~last.is_in(allowed).fill_null(False))
    return flag(bad, "children", "UPN", "UPN")


@rule(
    "1560Q",
    "Please check and either amend or provide a reason: Former UPN wrongly formatted",
    tables=("children",),
    fields=("FormerUPN",),
)
def former_upn_shape(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~pl.col("FormerUPN").str.contains(_UPN_SHAPE))
    return flag(bad, "children", "FormerUPN", "FormerUPN")


@rule(
    "1570",
    "LA Child ID must not be longer than 20 characters",
    tables=("children",),
    fields=("LAchildID",),
)
def la_child_id_length(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(pl.col("LAchildID").str.len_chars() > 20)
    return flag(bad, "children", "LAchildID", "LAchildID")


@rule(
    "1580",
    "LA Child ID must not contain any non-alphanumeric characters",
    tables=("children",),
    fields=("LAchildID",),
)
def la_child_id_alphanumeric(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~pl.col("LAchildID").str.contains(r"^[A-Za-z0-9]+$"))
    return flag(bad, "children", "LAchildID", "LAchildID")


def _unborn() -> pl.Expr:
    return pl.col("PersonBirthDate").is_null() & pl.col("ExpectedPersonBirthDate").is_not_null()


@rule(
    "2886Q",
    "Please check and either amend or provide a reason: Percentage of children with no sex "
    "recorded is more than 2% (excluding unborns)",
    tables=("children",),
    fields=("ExpectedPersonBirthDate", "Sex"),
)
def sex_recorded_for_98_percent(t: ReturnTables) -> pl.DataFrame:
    born = _children(t).filter(~_unborn())
    unrecorded = born.filter(pl.col("Sex").is_null() | (pl.col("Sex") == "U"))
    if born.height == 0 or unrecorded.height * 100 <= born.height * 2:
        return no_flags()
    return flag(unrecorded, "children", "Sex", "Sex")


@rule("4180", "Sex must be provided and equal M, F, or U", tables=("children",), fields=("Sex",))
def sex_valid(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~pl.col("Sex").is_in(SEX.values).fill_null(False))
    return flag(bad, "children", "Sex", "Sex")


@rule(
    "4220",
    "Ethnicity is missing or invalid (see Ethnicity table)",
    tables=("children",),
    fields=("Ethnicity",),
)
def ethnicity_valid(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~pl.col("Ethnicity").is_in(ETHNICITY.values).fill_null(False))
    return flag(bad, "children", "Ethnicity", "Ethnicity")


@rule("8500", "LA Child ID missing", tables=("children",), fields=("LAchildID",))
def la_child_id_present(t: ReturnTables) -> pl.DataFrame:
    return flag(_children(t).filter(pl.col("LAchildID").is_null()), "children", "LAchildID")


@rule(
    "8510",
    "More than one child record with the same LA Child ID",
    tables=("children",),
    fields=("LAchildID",),
)
def la_child_id_unique(t: ReturnTables) -> pl.DataFrame:
    children = _children(t).filter(pl.col("LAchildID").is_not_null())
    return flag(
        children.filter(pl.col("LAchildID").is_duplicated()), "children", "LAchildID", "LAchildID"
    )


@rule(
    "8520",
    "Date of Birth is after data collection period (must be on or before the end of the census "
    "period)",
    tables=("children",),
    fields=("PersonBirthDate",),
)
def birth_not_after_census(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(pl.col("PersonBirthDate") > census_end(t))
    return flag(bad, "children", "PersonBirthDate", "PersonBirthDate")


@rule(
    "8525Q",
    "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
    tables=("children",),
    fields=("PersonBirthDate", "ExpectedPersonBirthDate"),
)
def one_birth_date(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(
        pl.col("PersonBirthDate").is_null() == pl.col("ExpectedPersonBirthDate").is_null()
    )
    return flag(bad, "children", "PersonBirthDate", "PersonBirthDate")


@rule(
    "8530Q",
    "Please check and either amend data or provide a reason: Expected Date of Birth is outside "
    "the expected range for this census (March to December of the Census Year end)",
    tables=("children",),
    fields=("ExpectedPersonBirthDate",),
)
def expected_birth_in_range(t: ReturnTables) -> pl.DataFrame:
    year = census_end(t).year
    expected = pl.col("ExpectedPersonBirthDate")
    bad = _children(t).filter(
        (expected.dt.year() != year) | (expected.dt.month() < 3)  # March to December
    )
    return flag(bad, "children", "ExpectedPersonBirthDate", "ExpectedPersonBirthDate")


@rule(
    "8535Q",
    "Please check and either amend data or provide a reason: Child’s date of death should not "
    "be prior to the date of birth",
    tables=("children",),
    fields=("PersonDeathDate", "PersonBirthDate"),
)
def death_not_before_birth(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(pl.col("PersonDeathDate") < pl.col("PersonBirthDate"))
    return flag(bad, "children", "PersonDeathDate", "PersonDeathDate")


@rule(
    "8545Q",
    "Please check and either amend data or provide a reason: Child's date of death should be "
    "within the census year",
    tables=("children",),
    fields=("PersonDeathDate",),
)
def death_in_census(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(~in_census("PersonDeathDate", t))
    return flag(bad, "children", "PersonDeathDate", "PersonDeathDate")


@rule(
    "8750",
    "Sex must equal U for an unborn child",
    tables=("children",),
    fields=("Sex", "PersonBirthDate", "ExpectedPersonBirthDate"),
)
def unborn_sex_unknown(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).filter(_unborn() & (pl.col("Sex") != "U"))
    return flag(bad, "children", "Sex", "Sex")


@rule(
    "8770Q",
    "Please check and either amend data or provide a reason: UPN is missing or reason UPN is "
    "missing or is UN1 for a child who is of school age.",
    tables=("children",),
    fields=("UPN", "UPNunknown"),
)
def school_age_child_has_upn(t: ReturnTables) -> pl.DataFrame:
    # School age read as 6 to 15 years old at the census end: every such child has passed
    # compulsory school age's start (the term after the 5th birthday) and not reached its end.
    end = census_end(t)
    birth = pl.col("PersonBirthDate")
    school_age = (birth.dt.offset_by("6y") <= end) & (birth.dt.offset_by("16y") > end)
    no_reason = pl.col("UPNunknown").is_null() | (pl.col("UPNunknown") == "UN1")
    bad = _children(t).filter(school_age & pl.col("UPN").is_null() & no_reason)
    return flag(bad, "children", "UPNunknown", "UPNunknown")


@rule(
    "8772",
    "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details "
    "is a referral going on to further action",
    tables=("children", "cin_details"),
    fields=("UPNunknown", "ReferralNFA"),
)
def un7_only_for_nfa(t: ReturnTables) -> pl.DataFrame:
    acted_on = table(t, "cin_details").filter(pl.col("ReferralNFA") == False)  # noqa: E712
    bad = _children(t).filter(
        (pl.col("UPNunknown") == "UN7") & pl.col("child").is_in(acted_on["child"].implode())
    )
    return flag(bad, "children", "UPNunknown", "UPNunknown")


@rule(
    "8775Q",
    "Please check and either amend data or provide a reason: Child is over 25 years old",
    tables=("children",),
    fields=("PersonBirthDate",),
)
def child_not_over_25(t: ReturnTables) -> pl.DataFrame:
    # Over 25: the 25th birthday fell before the census end.
    bad = _children(t).filter(pl.col("PersonBirthDate").dt.offset_by("25y") < census_end(t))
    return flag(bad, "children", "PersonBirthDate", "PersonBirthDate")


@rule(
    "8590",
    "Child does not have a recorded CIN episode.",
    tables=("children", "cin_details"),
    fields=("LAchildID",),
)
def child_has_episode(t: ReturnTables) -> pl.DataFrame:
    bad = _children(t).join(table(t, "cin_details").select("child"), on="child", how="anti")
    return flag(bad, "children", "LAchildID", "LAchildID")
