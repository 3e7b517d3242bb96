"""What a validation found, for people: a terminal summary, an xlsx of every issue, and JSON.

The summary counts issues by rule and lists the children with most errors first; the xlsx has
one row per issue, sorted by child, with the flagged record's values beside it; the JSON is a
list of `{rule, type, child_id, table, row, field, value, message}`.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import xlsxwriter

from sightline.returns.validation import ReturnTables, Validation

JSON_FIELDS = ("rule", "type", "child_id", "table", "row", "field", "value", "message")


def issues_sorted(validation: Validation) -> pl.DataFrame:
    """Issues by child, then table and row, then rule."""
    return validation.issues.sort(
        ["child_id", "table", "row", "rule", "field"], nulls_last=True, maintain_order=True
    )


def counts_by_rule(validation: Validation) -> pl.DataFrame:
    """Per rule: its type, message, how many issues and how many children."""
    return (
        validation.issues.group_by("rule", "type", "message")
        .agg(pl.len().alias("issues"), pl.col("child_id").n_unique().alias("children"))
        .sort(["issues", "rule"], descending=[True, False])
    )


def worst_children(validation: Validation) -> pl.DataFrame:
    """Per child: errors, queries and the rules broken, most errors first."""
    return (
        validation.issues.group_by("child_id")
        .agg(
            (pl.col("type") == "error").sum().alias("errors"),
            (pl.col("type") == "query").sum().alias("queries"),
            pl.col("rule").unique().sort().alias("rules"),
        )
        .sort(["errors", "queries", "child_id"], descending=[True, True, False], nulls_last=True)
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary_text(validation: Validation, *, title: str = "", children: int = 10) -> str:
    """A plain-text summary for a terminal."""
    errors = validation.issues.filter(pl.col("type") == "error").height
    queries = validation.issues.height - errors
    lines = [title] if title else []
    lines.append(
        f"{validation.rules_run} rules run: {errors} errors, {queries} queries, "
        f"{validation.issues['child_id'].n_unique() if validation.issues.height else 0} children"
    )
    if validation.skipped:
        lines.append(f"{len(validation.skipped)} rules skipped for want of optional inputs:")
        needs: dict[str, list[str]] = {}
        for code, missing in sorted(validation.skipped.items()):
            needs.setdefault(", ".join(missing), []).append(code)
        for missing, codes in needs.items():
            lines.append(f"  without {missing}: {' '.join(codes)}")
    if validation.issues.height:
        lines.append("")
        lines.append("Issues by rule:")
        for r in counts_by_rule(validation).iter_rows(named=True):
            lines.append(
                f"  {r['rule']:<10} {r['type']:<5} {r['issues']:>7} issues "
                f"{r['children']:>6} children  {_clip(r['message'], 70)}"
            )
        lines.append("")
        lines.append("Children with most issues:")
        for r in worst_children(validation).head(children).iter_rows(named=True):
            lines.append(
                f"  {r['child_id'] or '(no child)':<14} {r['errors']:>4} errors "
                f"{r['queries']:>4} queries  {' '.join(r['rules'])}"
            )
    return "\n".join(lines)


def write_json(validation: Validation, path: Path | str) -> None:
    """The issues as a JSON list, sorted by child."""
    records = issues_sorted(validation).select(JSON_FIELDS).to_dicts()
    Path(path).write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")


def _records(tables: ReturnTables, issues: pl.DataFrame) -> pl.DataFrame:
    """Each issue's flagged record as "FIELD=value; …" (the values involved), by table and row."""
    found = []
    for name in issues["table"].unique().drop_nulls().to_list():
        frame = tables.tables.get(name)
        if frame is None:
            continue
        columns = [c for c in frame.columns if c != "row" and "#" not in c]
        text = pl.concat_str(
            [pl.lit(f"{c}=") + pl.col(c).fill_null("") for c in columns], separator="; "
        )
        found.append(frame.select(pl.lit(name).alias("table"), "row", text.alias("record")))
    if not found:
        return pl.DataFrame(schema={"table": pl.String, "row": pl.Int64, "record": pl.String})
    return pl.concat(found)


def write_xlsx(
    validation: Validation, path: Path | str, *, tables: ReturnTables | None = None
) -> None:
    """One row per issue, sorted by child, with the flagged record beside it; a sheet of counts
    by rule; and a sheet of the rules skipped."""
    issues = issues_sorted(validation)
    if tables is not None:
        issues = issues.join(_records(tables, issues), on=["table", "row"], how="left")
    else:
        issues = issues.with_columns(pl.lit(None, pl.String).alias("record"))
    columns = ["child_id", "rule", "type", "table", "row", "field", "value", "message", "record"]
    heads = ["Child", "Rule", "Type", "Table", "Row", "Field", "Value", "Message", "Record"]
    widths = [14, 10, 7, 15, 6, 22, 16, 80, 100]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Issues")
    for i, (head, width) in enumerate(zip(heads, widths, strict=True)):
        sheet.write(0, i, head, bold)
        sheet.set_column(i, i, width)
    for r, row in enumerate(issues.select(columns).iter_rows(), start=1):
        for i, value in enumerate(row):
            if value is not None:
                sheet.write(r, i, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(issues.height, 1), len(columns) - 1)
    counts = book.add_worksheet("By rule")
    for i, head in enumerate(["Rule", "Type", "Issues", "Children", "Message"]):
        counts.write(0, i, head, bold)
    for r, row in enumerate(
        counts_by_rule(validation)
        .select("rule", "type", "issues", "children", "message")
        .iter_rows(),
        start=1,
    ):
        for i, value in enumerate(row):
            counts.write(r, i, value)
    skipped = book.add_worksheet("Skipped")
    skipped.write(0, 0, "Rule", bold)
    skipped.write(0, 1, "Optional inputs it lacked", bold)
    for r, (code, missing) in enumerate(sorted(validation.skipped.items()), start=1):
        skipped.write(r, 0, code)
        skipped.write(r, 1, ", ".join(missing))
    book.close()
