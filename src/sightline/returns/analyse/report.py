"""An analysis written out: CSVs of every clock, indicator and finding, an xlsx and an HTML report.

Files in the output directory:

- ``deadlines.csv``: one row per clock (child_id is the LA child ID, dates ISO);
- ``indicators.csv``: one row per indicator at the council level, with its status;
- ``findings.csv``: one row per drift finding;
- ``not-evaluable.csv``: each rule the files cannot judge, and why;
- ``analysis.xlsx``: a summary, the overdue and due-soon clocks, the indicators, the findings
  and the rules not evaluable, one sheet each;
- ``report.html``: one page to read in a browser, with no scripts or outside resources.

Everything is written under temporary names and moved into place only when all of it has been
written, so a failure leaves the directory as it was.
"""

from __future__ import annotations

import contextlib
import html
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter

from sightline.returns.analyse.run import Analysis

__all__ = ["FILES", "summary_lines", "write_analysis"]

FILES = (
    "deadlines.csv",
    "indicators.csv",
    "findings.csv",
    "not-evaluable.csv",
    "analysis.xlsx",
    "report.html",
)

_KIND_NAMES = {"cin": "CIN census", "ssda903": "SSDA903", "annex-a": "Annex A"}


@contextlib.contextmanager
def _staged(directory: Path) -> Iterator[dict[str, Path]]:
    temporaries: dict[str, Path] = {}
    try:
        for name in FILES:
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=directory)
            os.close(handle)
            temporaries[name] = Path(temporary)
        yield temporaries
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    for name, temporary in temporaries.items():
        os.replace(temporary, directory / name)


def _status_counts(analysis: Analysis) -> Counter:
    return Counter(analysis.deadlines.get_column("status").to_list())


def summary_lines(analysis: Analysis) -> list[str]:
    """The analysis in a few lines, for the terminal and the top of the report."""
    files = ", ".join(f"{_KIND_NAMES[k]} {v}" for k, v in analysis.files.items())
    statuses = _status_counts(analysis)
    judged_rules = analysis.deadlines.get_column("rule_id").n_unique()
    indicators = analysis.indicators
    valued = indicators.filter(pl.col("status") == "ok")
    severities = Counter(analysis.findings.get_column("severity").to_list())
    not_evaluable = Counter(analysis.not_evaluable.get_column("kind").to_list())
    lines = [
        f"Analysed {files} as at {analysis.as_at.isoformat()}: "
        f"{analysis.counts.get('children', 0):,} children.",
        f"Clocks: {analysis.deadlines.height:,} from {judged_rules} timescale rules: "
        + ", ".join(f"{statuses.get(s, 0):,} {s.replace('_', ' ')}" for s in _STATUSES)
        + ".",
        f"Indicators: {valued.height} with figures; "
        f"{indicators.height - valued.height} not available or not evaluable.",
        f"Findings: {analysis.findings.height:,}"
        + (
            " (" + ", ".join(f"{n:,} {s}" for s, n in sorted(severities.items())) + ")"
            if severities
            else ""
        )
        + ".",
        "Not evaluable from these files: "
        + ", ".join(
            f"{not_evaluable.get(k, 0)} {label}"
            for k, label in (
                ("deadline", "timescale rules"),
                ("indicator", "indicators"),
                ("finding", "drift rules"),
            )
        )
        + " (see not-evaluable.csv).",
    ]
    return lines


_STATUSES = ("overdue", "due_soon", "pending", "met", "met_late")


def _csv_ready(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(c).dt.to_string("%Y-%m-%d") for c, t in frame.schema.items() if t == pl.Date
    )


# Excel's last row is 1,048,576; the header takes one.
_XLSX_ROWS = 1_048_575


def _worklist(analysis: Analysis) -> pl.DataFrame:
    """The clocks someone must act on: overdue and due soon (every clock is in the CSV)."""
    return analysis.deadlines.filter(pl.col("status").is_in(["overdue", "due_soon"])).sort(
        "due", "child_id", nulls_last=True
    )


def _write_xlsx(path: Path, analysis: Analysis, summary: list[str]) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    try:
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet("Summary")
        sheet.set_column(0, 0, 120)
        for row, line in enumerate(summary):
            sheet.write_string(row, 0, line)
        for row, note in enumerate(analysis.dataset.notes, start=len(summary) + 1):
            sheet.write_string(row, 0, note)
        for title, frame in (
            ("Overdue and due soon", _worklist(analysis)),
            ("Indicators", analysis.indicators),
            ("Findings", analysis.findings),
            ("Not evaluable", analysis.not_evaluable),
        ):
            sheet = workbook.add_worksheet(title)
            frame = _csv_ready(frame.head(_XLSX_ROWS))
            for column, name in enumerate(frame.columns):
                sheet.write_string(0, column, name, bold)
            for row, values in enumerate(frame.iter_rows(), start=1):
                for column, value in enumerate(values):
                    if value is None:
                        continue
                    if isinstance(value, int | float):
                        sheet.write_number(row, column, value)
                    else:
                        sheet.write_string(row, column, str(value))
    finally:
        workbook.close()


def _table(frame: pl.DataFrame, *, limit: int | None = None) -> str:
    frame = _csv_ready(frame)
    shown = frame if limit is None else frame.head(limit)
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in frame.columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{'' if v is None else html.escape(_text(v))}</td>" for v in row)
        + "</tr>"
        for row in shown.iter_rows()
    )
    more = (
        f"<p>Showing {shown.height:,} of {frame.height:,} rows; the CSV holds them all.</p>"
        if shown.height < frame.height
        else ""
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}" if not value.is_integer() else str(int(value))
    return str(value)


_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;margin:2rem;color:#0b0c0c;max-width:75rem}
h1{font-size:2rem}h2{font-size:1.5rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.4rem;text-align:left;vertical-align:top}
th{background:#f3f2f1}.overdue{color:#d4351c;font-weight:bold}
.wrap{overflow-x:auto}
"""


def _html(analysis: Analysis, summary: list[str]) -> str:
    overdue = analysis.deadlines.filter(pl.col("status") == "overdue").sort(
        "working_days_overdue", descending=True, nulls_last=True
    )
    by_rule = (
        analysis.deadlines.group_by("rule_id", "status")
        .len()
        .pivot(on="status", index="rule_id", values="len")
        .fill_null(0)
        .sort("rule_id")
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in analysis.dataset.notes)
    title = f"Analysis of a council's returns as at {analysis.as_at.isoformat()}"
    sections = [
        f"<h1>{html.escape(title)}</h1>",
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in summary) + "</ul>",
        "<h2>What the files cannot show</h2>" + (f"<ul>{notes}</ul>" if notes else "<p>—</p>"),
        '<h2>Indicators</h2><div class="wrap">' + _table(analysis.indicators) + "</div>",
        '<h2>Clocks by rule</h2><div class="wrap">' + _table(by_rule) + "</div>",
        '<h2>Overdue clocks, longest first</h2><div class="wrap">'
        + _table(overdue, limit=500)
        + "</div>",
        '<h2>Drift findings</h2><div class="wrap">'
        + _table(analysis.findings, limit=500)
        + "</div>",
        '<h2>Rules these files cannot judge</h2><div class="wrap">'
        + _table(analysis.not_evaluable)
        + "</div>",
    ]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
        + "".join(sections)
        + f"<p>Produced by Sightline on {date.today().isoformat()} from the files alone.</p>"
        + "</body></html>"
    )


def write_analysis(analysis: Analysis, out: Path | str) -> dict[str, Path]:
    """Write every output file into directory ``out`` (which must exist); their paths."""
    directory = Path(out)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a directory that exists; create it first")
    summary = summary_lines(analysis)
    with _staged(directory) as paths:
        _csv_ready(analysis.deadlines).write_csv(paths["deadlines.csv"])
        _csv_ready(analysis.indicators).write_csv(paths["indicators.csv"])
        _csv_ready(analysis.findings).write_csv(paths["findings.csv"])
        analysis.not_evaluable.write_csv(paths["not-evaluable.csv"])
        _write_xlsx(paths["analysis.xlsx"], analysis, summary)
        paths["report.html"].write_text(_html(analysis, summary), encoding="utf-8")
    return {name: directory / name for name in FILES}
