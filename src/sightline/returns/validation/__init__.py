"""The shape every return-validation rule shares: what a rule is, what it flags, how a set runs.

A rule is a vectorised Polars check over the raw tables of one return (`ReturnTables`): it
returns the rows it flags, each located (child, table, row or element order, field, value).
Rulesets are keyed by return kind and collection year, so a new year's rules sit beside the old.
No Django here: validation runs on files alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

RuleType = Literal["error", "query"]

# The columns a rule's check returns, one row per flagged location. `row` is the 0-based data
# row of the CSV table, or the element's order within the child for XML; `value` is the
# offending value as text (null where the fault is an absence).
FLAG_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.String,
    "table": pl.String,
    "row": pl.Int64,
    "field": pl.String,
    "value": pl.String,
}


@dataclass(frozen=True)
class ReturnTables:
    """The raw tables of one return as read from its files, one frame per table.

    `previous` holds last year's return where a rule compares with it; `lookups` holds optional
    reference lists (Ofsted providers, postcodes). Both may be absent: rules that need them are
    skipped and say so.
    """

    kind: Literal["cin", "ssda903"]
    collection_year: str  # "2025-26"
    tables: dict[str, pl.DataFrame]
    previous: dict[str, pl.DataFrame] | None = None
    lookups: dict[str, pl.DataFrame] = field(default_factory=dict)
    reference_date: object | None = None  # datetime.date of the census end, where known
    # Frames a ruleset derives once per return and its rules share (joins, episode chains);
    # not part of the return's identity.
    cache: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    def table(self, name: str) -> pl.DataFrame | None:
        return self.tables.get(name)


@dataclass(frozen=True)
class Rule:
    """One DfE validation rule: its code and meaning, and the check that finds its breaches."""

    code: str
    type: RuleType
    message: str
    tables: tuple[str, ...]
    fields: tuple[str, ...]
    check: Callable[[ReturnTables], pl.DataFrame]
    years: tuple[str, ...]  # collection years the rule applies to, e.g. ("2024-25", "2025-26")
    needs: frozenset[str] = frozenset()  # optional inputs: "previous", or a lookup's name

    def missing_inputs(self, tables: ReturnTables) -> list[str]:
        """The optional inputs this rule needs that the return was given without."""
        missing = []
        for need in sorted(self.needs):
            if need == "previous":
                if tables.previous is None:
                    missing.append(need)
            elif need not in tables.lookups:
                missing.append(need)
        return missing


@dataclass(frozen=True)
class Issue:
    """One located breach of one rule."""

    rule: str
    type: RuleType
    child_id: str | None
    table: str
    row: int | None
    field: str
    value: str | None
    message: str

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "type": self.type,
            "child_id": self.child_id,
            "table": self.table,
            "row": self.row,
            "field": self.field,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class Validation:
    """What running a ruleset over a return found: its issues and the rules it had to skip."""

    issues: pl.DataFrame  # columns: rule, type, message, then FLAG_SCHEMA's
    skipped: dict[str, list[str]]  # rule code -> the optional inputs it lacked
    rules_run: int

    @property
    def has_errors(self) -> bool:
        return self.issues.filter(pl.col("type") == "error").height > 0

    def as_issues(self) -> Iterable[Issue]:
        for row in self.issues.iter_rows(named=True):
            yield Issue(**row)


ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "rule": pl.String,
    "type": pl.String,
    "message": pl.String,
    **FLAG_SCHEMA,
}


class RuleSet:
    """The rules of one return kind for one collection year."""

    def __init__(self, kind: str, collection_year: str) -> None:
        self.kind = kind
        self.collection_year = collection_year
        self.rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if rule.code in self.rules:
            raise ValueError(
                f"rule {rule.code} is registered twice in {self.kind} {self.collection_year}"
            )
        self.rules[rule.code] = rule
        return rule

    def run(self, tables: ReturnTables, codes: Iterable[str] | None = None) -> Validation:
        """Run every rule (or those in `codes`), returning their issues in one frame."""
        chosen = self.rules.values() if codes is None else [self.rules[c] for c in codes]
        found: list[pl.DataFrame] = []
        skipped: dict[str, list[str]] = {}
        run = 0
        for rule in chosen:
            missing = rule.missing_inputs(tables)
            if missing:
                skipped[rule.code] = missing
                continue
            run += 1
            flags = rule.check(tables)
            if flags.height == 0:
                continue
            found.append(
                flags.select(
                    pl.lit(rule.code).alias("rule"),
                    pl.lit(rule.type).alias("type"),
                    pl.lit(rule.message).alias("message"),
                    *[pl.col(c).cast(t) for c, t in FLAG_SCHEMA.items()],
                )
            )
        issues = pl.concat(found) if found else pl.DataFrame(schema=ISSUE_SCHEMA)
        return Validation(issues=issues, skipped=skipped, rules_run=run)
