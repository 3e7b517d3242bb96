"""SSDA903 (looked-after children) returns: read a return directory and validate it.

`validate_directory` reads the return's CSVs (and last year's, where given) and runs the DfE
2025-26 ruleset over them.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sightline.returns.ssda903 import spec
from sightline.returns.ssda903.reader import (
    ReadProblem,
    ReturnReadError,
    collection_dates,
    read_directory,
)
from sightline.returns.validation import ReturnTables, Validation

COLLECTION_YEAR = "2025-26"

__all__ = [
    "ReadProblem",
    "ReturnReadError",
    "return_tables",
    "ruleset",
    "validate_directory",
    "validate_tables",
]


def ruleset(collection_year: str = COLLECTION_YEAR):
    """The ruleset of a collection year (only 2025-26 is implemented)."""
    if collection_year != COLLECTION_YEAR:
        raise ValueError(f"no SSDA903 rules for {collection_year}; known: {COLLECTION_YEAR}")
    from sightline.returns.ssda903.rules import RULESET

    return RULESET


def _optional_inputs(tables: dict[str, pl.DataFrame], supplied: dict[str, set[str]]) -> dict:
    """The optional inputs a return's own files carry: columns beyond the DfE specification."""
    found = {}
    for name, (table, columns) in spec.OPTIONAL_INPUTS.items():
        if set(columns) <= supplied.get(table, set()):
            found[name] = tables[table].select("CHILD", "row", *columns)
    return found


def return_tables(
    tables: dict[str, pl.DataFrame],
    *,
    previous: dict[str, pl.DataFrame] | None = None,
    lookups: dict[str, pl.DataFrame] | None = None,
    collection_year: str = COLLECTION_YEAR,
) -> ReturnTables:
    """A return's tables ready to validate. An optional column counts as supplied when any of
    its rows is filled (a file or export that carries it)."""
    supplied = {
        table: {c for c in columns if tables[table][c].null_count() < tables[table].height}
        for table, columns in spec.OPTIONAL_COLUMNS.items()
    }
    found = _optional_inputs(tables, supplied)
    found.update(lookups or {})
    return ReturnTables(
        kind="ssda903",
        collection_year=collection_year,
        tables=tables,
        previous=previous,
        lookups=found,
        reference_date=collection_dates(collection_year)[1],
    )


def validate_tables(tables: ReturnTables) -> Validation:
    return ruleset(tables.collection_year).run(tables)


def validate_directory(
    path: Path | str,
    previous: Path | str | None = None,
    *,
    lookups: dict[str, pl.DataFrame] | None = None,
    collection_year: str = COLLECTION_YEAR,
) -> tuple[ReturnTables, Validation]:
    """Read and validate a 903 return directory; raises `ReturnReadError` for unreadable input."""
    tables = read_directory(path)
    last = read_directory(previous) if previous is not None else None
    prepared = return_tables(
        tables, previous=last, lookups=lookups, collection_year=collection_year
    )
    return prepared, validate_tables(prepared)
