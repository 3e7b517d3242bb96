"""What the check-a-file page shows of a result: the validation's issues located as a person
would find them in the file, and the analysis in the same words as ``sightline analyse``."""

from __future__ import annotations

from collections import Counter

import polars as pl

from sightline.returns.analyse.report import summary_lines
from sightline.returns.forms import CHECK_CHOICES
from sightline.returns.uploads import CheckResult
from sightline.returns.validation.report import counts_by_rule, issues_sorted
from sightline.standards.drift import RULES as DRIFT_RULES
from sightline.standards.indicators import Measure, indicator

# Issues listed one by one on the page; the rest are counted by rule above them.
ISSUES_SHOWN = 200

_STATUS_WORDS = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "pending": "Pending",
    "met": "Met",
    "met_late": "Met late",
}


def where(
    kind: str, table: str | None, row: int | None, xml_lines: dict[str, list[int]] | None = None
) -> str:
    """Where an issue is in the file: a CSV line (its header is line 1), the line of a 903 XML
    element, or a CIN census element by its place among the child's."""
    if table is None:
        return "the return as a whole"
    if row is None:
        return table
    if kind == "ssda903" and xml_lines is not None:
        lines = xml_lines.get(table, [])
        line = lines[row] if 0 <= row < len(lines) else None
        return f"{table} row {row + 1}" + (f", line {line}" if line else "")
    if kind == "ssda903":
        return f"{table}.csv, line {row + 2}"
    return f"{table}, number {row + 1} of the child's"


def _of(measure: Measure, numerator, denominator) -> str:
    """ "3 of 12 children" beside a percentage; nothing beside a count, rate or average."""
    if measure is not Measure.PERCENT or not denominator:
        return ""
    return f"{numerator:,.0f} of {denominator:,.0f}"


def _validation(result: CheckResult) -> dict | None:
    validation = result.validation
    if validation is None:
        return None
    issues = issues_sorted(validation)
    errors = issues.filter(pl.col("type") == "error").height
    shown = [
        {**row, "where": where(result.kind, row["table"], row["row"], result.xml_lines)}
        for row in issues.head(ISSUES_SHOWN).iter_rows(named=True)
    ]
    return {
        "errors": errors,
        "queries": issues.height - errors,
        "rules_run": validation.rules_run,
        "skipped": sorted(validation.skipped),
        "by_rule": counts_by_rule(validation).to_dicts(),
        "issues": shown,
        "more": max(issues.height - ISSUES_SHOWN, 0),
    }


def _analysis(result: CheckResult) -> dict | None:
    analysis = result.analysis
    if analysis is None:
        return None
    statuses = Counter(analysis.deadlines.get_column("status").to_list())
    indicators = analysis.indicators.filter(pl.col("status") == "ok").to_dicts()
    for row in indicators:
        measure = indicator(row["indicator_id"]).measure
        row["measure"] = str(measure)
        row["of"] = _of(measure, row["numerator"], row["denominator"])
    titles = {rule.id: rule.title for rule in DRIFT_RULES}
    findings = (
        analysis.findings.group_by("rule_id", "severity")
        .agg(pl.len().alias("count"), pl.col("child_id").n_unique().alias("children"))
        .sort(["count", "rule_id"], descending=[True, False])
        .to_dicts()
    )
    for row in findings:
        row["title"] = titles.get(row["rule_id"], row["rule_id"])
    return {
        "summary": summary_lines(analysis),
        "clocks": [(_STATUS_WORDS[s], statuses.get(s, 0)) for s in _STATUS_WORDS],
        "clock_total": analysis.deadlines.height,
        "indicators": indicators,
        "indicators_without": analysis.indicators.height - len(indicators),
        "findings": findings,
        "finding_total": analysis.findings.height,
        "not_evaluable": analysis.not_evaluable.height,
    }


def check_result(result: CheckResult) -> dict:
    return {
        "result": result,
        "kind_name": dict(CHECK_CHOICES)[result.kind],
        "children": result.analysis.counts.get("children", 0) if result.analysis else None,
        "validation": _validation(result),
        "analysis": _analysis(result),
    }
