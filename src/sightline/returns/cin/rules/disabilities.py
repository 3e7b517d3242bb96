"""CIN census rules on the child's disabilities.

Source: DfE CIN census 2025-26 validation rules; disability codes in formats.md §0.
"""

from __future__ import annotations

import polars as pl

from sightline.returns.cin.rules._common import concat_flags, flag, no_flags, rule, table
from sightline.returns.validation import ReturnTables
from sightline.standards.codes import DISABILITY


def _return_level(value: int) -> pl.DataFrame:
    """One flag for the whole return (no child), carrying the count that triggered it."""
    return pl.DataFrame(
        {
            "child_id": [None],
            "table": ["disabilities"],
            "row": [None],
            "field": ["Disability"],
            "value": [str(value)],
        },
        schema_overrides={"child_id": pl.String, "row": pl.Int64},
    )


def _real_disabilities(t: ReturnTables) -> pl.DataFrame:
    return table(t, "disabilities").filter(
        (pl.col("Disability") != "NONE") & pl.col("Disability").is_in(DISABILITY.values)
    )


@rule(
    "2887Q",
    "Please check and either amend or provide a reason: Less than 8 disability codes have been "
    "used in your return",
    tables=("disabilities",),
    fields=("Disability",),
)
def eight_disability_codes_used(t: ReturnTables) -> pl.DataFrame:
    used = _real_disabilities(t)["Disability"].n_unique()
    return _return_level(used) if used < 8 else no_flags()


@rule(
    "2888Q",
    "Please check and either amend or provide a reason: Only one disability code is recorded "
    "per child and multiple disabilities should be recorded where possible.",
    tables=("disabilities",),
    fields=("Disability",),
)
def some_child_has_several_disabilities(t: ReturnTables) -> pl.DataFrame:
    per_child = _real_disabilities(t).group_by("child").agg(pl.col("Disability").n_unique())
    if per_child.height == 0 or per_child["Disability"].max() > 1:
        return no_flags()
    return _return_level(per_child.height)


@rule(
    "8540",
    "Child’s disability is missing or invalid (see Disability table)",
    tables=("children", "disabilities"),
    fields=("Disability", "PersonBirthDate", "ReferralNFA"),
)
def disability_present_and_valid(t: ReturnTables) -> pl.DataFrame:
    disabilities = table(t, "disabilities")
    invalid = disabilities.filter(~pl.col("Disability").is_in(DISABILITY.values).fill_null(False))
    # Required for a born child with any referral that led to further action.
    acted_on = table(t, "cin_details").filter(pl.col("ReferralNFA") == False)  # noqa: E712
    missing = (
        table(t, "children")
        .filter(pl.col("PersonBirthDate").is_not_null())
        .join(acted_on.select("child").unique(), on="child", how="semi")
        .join(disabilities.select("child").unique(), on="child", how="anti")
    )
    return concat_flags(
        flag(invalid, "disabilities", "Disability", "Disability"),
        flag(missing, "children", "Disability"),
    )


@rule(
    "8790",
    "Disability information includes both None and other values",
    tables=("disabilities",),
    fields=("Disability",),
)
def none_alone(t: ReturnTables) -> pl.DataFrame:
    disabilities = table(t, "disabilities")
    mixed = (
        disabilities.group_by("child")
        .agg((pl.col("Disability") == "NONE").any().alias("none"), pl.len().alias("n"))
        .filter(pl.col("none") & (pl.col("n") > 1))
    )
    bad = disabilities.join(mixed.select("child"), on="child", how="semi").filter(
        pl.col("Disability") == "NONE"
    )
    return flag(bad, "disabilities", "Disability", "Disability")


@rule(
    "8794",
    "Child has two or more disabilities with the same code",
    tables=("disabilities",),
    fields=("Disability",),
)
def disability_codes_distinct(t: ReturnTables) -> pl.DataFrame:
    disabilities = table(t, "disabilities").filter(pl.col("Disability").is_not_null())
    repeated = disabilities.filter(
        pl.struct("child", "Disability").is_duplicated()
        & (pl.col("row") != pl.col("row").min().over("child", "Disability"))
    )
    return flag(repeated, "disabilities", "Disability", "Disability")
