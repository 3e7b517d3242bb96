"""The CIN census: a streaming reader into raw tables and the DfE validation rules over them.

`validate_file` is the one call the command line and the upload page make: it reads the file
(raising `CensusReadError`, located, for a file it cannot read) and runs the collection year's
ruleset over the tables.
"""

from __future__ import annotations

import os

from sightline.returns.cin.errors import CensusReadError
from sightline.returns.cin.period import census_reference_date
from sightline.returns.cin.reader import read_census
from sightline.returns.cin.rules import RULESETS
from sightline.returns.validation import ReturnTables, RuleSet, Validation

__all__ = [
    "CensusReadError",
    "census_reference_date",
    "read_census",
    "ruleset",
    "validate_file",
    "validate_tables",
]


def ruleset(collection_year: str = "2025-26") -> RuleSet:
    """The CIN census rules of a collection year; `KeyError` naming the years there are."""
    try:
        return RULESETS[collection_year]
    except KeyError:
        known = ", ".join(sorted(RULESETS))
        raise KeyError(
            f"no CIN census rules for {collection_year}; rules exist for {known}"
        ) from None


def validate_tables(tables: ReturnTables) -> Validation:
    """Run the tables' collection year's rules over already-read CIN census tables."""
    return ruleset(tables.collection_year).run(tables)


def validate_file(
    path: str | os.PathLike, *, collection_year: str = "2025-26"
) -> tuple[ReturnTables, Validation]:
    """Read a CIN census XML file and validate it against the year's DfE rules."""
    rules = ruleset(collection_year)
    tables = read_census(path, collection_year=collection_year)
    return tables, rules.run(tables)
