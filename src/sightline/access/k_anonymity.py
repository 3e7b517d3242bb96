"""k-anonymity of the pseudonymised export's children: no child stands out on the
quasi-identifiers an outsider could know (birth month, sex, ethnicity, postcode sector).

A child whose combination of quasi-identifiers is shared by fewer than `k` children of the
export (default `DEFAULT_K` = 5) is generalised step by step, only those children and only as
far as needed:

1. postcode sector to postcode district ("LS12 3" -> "LS12");
2. birth month to birth year (the first of January);
3. ethnicity and postcode suppressed (empty);
4. still fewer than k: the child is left out of the export, with every record of theirs.

Each step regroups everyone before the next, so a child generalised at step 1 can join a class
of k. `k_anonymise` returns the children, the children left out and a report of how many were
changed at each step, which the export writes beside its files (``k_anonymity.json``).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

DEFAULT_K = 5
QUASI_IDENTIFIERS = ("date_of_birth", "sex", "ethnicity", "postcode_sector")


@dataclass(frozen=True)
class KAnonymity:
    children: pl.DataFrame
    removed_child_ids: list
    year_only_child_ids: list  # children whose birth date went to the year (see the export)
    report: dict


def _below(frame: pl.DataFrame, k: int) -> pl.Expr:
    return pl.len().over(list(QUASI_IDENTIFIERS)) < k


def k_anonymise(children: pl.DataFrame, *, k: int = DEFAULT_K) -> KAnonymity:
    """Generalise the children of the export until each shares its quasi-identifiers with k-1."""
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    frame = children.with_columns(pl.lit(False).alias("_year_only"))
    before = frame.filter(_below(frame, k)).height
    steps = [
        ("postcode_to_district", [pl.col("postcode_sector").str.split(" ").list.first()]),
        (
            "birth_date_to_year",
            [pl.col("date_of_birth").dt.truncate("1y"), pl.lit(True).alias("_year_only")],
        ),
        (
            "suppressed",
            [
                pl.lit(None, dtype=pl.String).alias("ethnicity"),
                pl.lit(None, dtype=pl.String).alias("postcode_sector"),
            ],
        ),
    ]
    counts = {}
    for name, expressions in steps:
        below = _below(frame, k)
        counts[name] = frame.filter(below).height
        frame = frame.with_columns(
            [pl.when(below).then(expression).otherwise(pl.col(expression.meta.output_name()))
             for expression in expressions]
        )  # fmt: skip
    below = _below(frame, k)
    removed = frame.filter(below)["child_id"].to_list()
    frame = frame.filter(~below)
    year_only = frame.filter(pl.col("_year_only"))["child_id"].to_list()
    smallest = frame.group_by(list(QUASI_IDENTIFIERS)).len()["len"].min() if frame.height else None
    report = {
        "k": k,
        "quasi_identifiers": list(QUASI_IDENTIFIERS),
        "children_in": children.height,
        "children_below_k_before": before,
        **counts,
        "removed": len(removed),
        "children_out": frame.height,
        "smallest_class_after": smallest,
    }
    return KAnonymity(frame.drop("_year_only"), removed, year_only, report)
