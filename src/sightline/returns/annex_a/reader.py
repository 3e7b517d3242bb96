"""Read an Annex A workbook, however a council's system laid it out, into one frame per list.

Councils' workbooks differ from the template in small ways, so matching is tolerant:

- a sheet is matched to a list by its number ("List 3", "L3", "3. Referrals") or by its title
  ("Referrals"), ignoring case, spacing and punctuation;
- the header row may sit below title rows, and columns are matched by normalised header
  (case, spaces and punctuation ignored); extra columns are kept aside and reported as notes;
- codes are matched by the whole "x) label", by the code or by the label alone.

Every problem is located (sheet, row as Excel numbers it, column, value, what was expected).
Errors (a missing required column, an impossible date, an unknown code, a non-number) null the
value; a blank in a required column is a warning. Nothing raises on bad input: an unreadable
file is one error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import polars as pl
import python_calamine

from sightline.returns.annex_a.spec import LISTS, AnnexAList, Column

Severity = Literal["error", "warning", "note"]
_HEADER_SEARCH_ROWS = 10
_EXCEL_EPOCH_ORDINAL = date(1899, 12, 30).toordinal()


@dataclass(frozen=True)
class Problem:
    """One located problem with the workbook."""

    severity: Severity
    sheet: str | None
    row: int | None  # Excel's row number (1-based), None for a whole sheet or column
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"sheet {self.sheet!r}" if self.sheet else "",
                f"row {self.row}" if self.row else "",
                f"column {self.column!r}" if self.column else "",
            )
            if part
        )
        got = f": {self.value!r}" if self.value is not None else ""
        return f"{self.severity}: {where or 'workbook'}{got}; expected {self.expected}"


@dataclass
class AnnexAWorkbook:
    """What was read: a frame per list found (canonical columns), and every problem."""

    path: str
    lists: dict[int, pl.DataFrame] = field(default_factory=dict)
    sheets: dict[int, str] = field(default_factory=dict)  # list number -> sheet it came from
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


def normalise(text: object) -> str:
    """Lower case, letters and digits only: "Date of Birth " and "date_of_birth" agree."""
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def _sheet_number(name: str) -> int | None:
    match = re.match(r"^\s*(?:list|l)?\s*[_\-.]?\s*(\d{1,2})(?!\d)", name, re.IGNORECASE)
    if match and 1 <= int(match.group(1)) <= 11:
        return int(match.group(1))
    return None


def _match_sheets(names: list[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    titles = {normalise(spec.title): n for n, spec in LISTS.items()}
    for name in names:
        number = _sheet_number(name)
        if number is None:
            key = normalise(name)
            number = titles.get(key) or next(
                (n for title, n in titles.items() if title and title in key), None
            )
        if number is not None and number not in found:
            found[number] = name
    return found


class _CodeMatcher:
    """Accepts "a) Male", "Male", "a" or "A) MALE" for the code "a) Male"."""

    def __init__(self, values: tuple[str, ...]):
        keys: dict[str, set[str]] = {}
        for value in values:
            # "a) 1A: Individual" is known by its letter, its statutory code and its label;
            # a part that two codes share (the label "Individual") identifies neither.
            parts = {value, *re.split(r"\)\s|:\s|\s-\s", value)}
            for part in parts:
                keys.setdefault(normalise(part), set()).add(value)
        self.lookup = {key: next(iter(v)) for key, v in keys.items() if len(v) == 1 and key}

    def __call__(self, raw: str) -> str | None:
        return self.lookup.get(normalise(raw))


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _as_date(value: object) -> date | None:
    """A cell as a date, or raise ValueError. Accepts Excel dates, serials and dd/mm/yyyy text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        if not 1 <= value < 2958466:
            raise ValueError
        return date.fromordinal(_EXCEL_EPOCH_ORDINAL + int(value))
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _as_int(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        value = int(value)
    number = value if isinstance(value, int) else int(str(value).strip())
    if not -(2**63) <= number < 2**63:
        raise ValueError
    return number


_EXPECTED = {"date": "a date (dd/mm/yyyy)", "int": "a whole number"}
_DTYPES = {"date": pl.Date, "int": pl.Int64, "text": pl.String, "code": pl.String}


class _SheetReader:
    def __init__(self, workbook: AnnexAWorkbook, definition: AnnexAList, sheet: str, rows):
        self.workbook, self.definition, self.sheet, self.rows = workbook, definition, sheet, rows

    def problem(self, severity, row, column, value, expected) -> None:
        self.workbook.problems.append(
            Problem(
                severity, self.sheet, row, column, None if value is None else str(value), expected
            )
        )

    def header_row(self) -> int | None:
        wanted = {normalise(c.name) for c in self.definition.columns}
        best, best_hits = None, 1
        for index, row in enumerate(self.rows[:_HEADER_SEARCH_ROWS]):
            hits = sum(1 for cell in row if normalise(cell) in wanted)
            if hits > best_hits:
                best, best_hits = index, hits
        return best

    def read(self) -> pl.DataFrame | None:
        header = self.header_row()
        if header is None:
            self.problem(
                "error",
                None,
                None,
                None,
                f"a header row naming the {self.definition.title} columns",
            )
            return None
        positions: dict[str, int] = {}
        by_key = {normalise(c.name): c for c in self.definition.columns}
        for position, cell in enumerate(self.rows[header]):
            column = by_key.get(normalise(cell))
            if column is not None and column.name not in positions:
                positions[column.name] = position
            elif normalise(cell):
                self.problem(
                    "note", header + 1, _as_text(cell), None, "a column of the list (kept out)"
                )
        for column in self.definition.columns:
            if column.name not in positions and column.required:
                self.problem("error", header + 1, column.name, None, "this required column")
        data = {c.name: [] for c in self.definition.columns}
        matchers = {
            c.name: _CodeMatcher(c.codes) for c in self.definition.columns if c.kind == "code"
        }
        for index in range(header + 1, len(self.rows)):
            row = self.rows[index]
            if all(_as_text(cell) == "" for cell in row):
                continue
            for column in self.definition.columns:
                position = positions.get(column.name)
                raw = row[position] if position is not None and position < len(row) else ""
                data[column.name].append(self.cell(index + 1, column, raw, matchers))
        return pl.DataFrame(data, schema={c.name: _DTYPES[c.kind] for c in self.definition.columns})

    def cell(self, row_number: int, column: Column, raw, matchers):
        text = _as_text(raw) if raw is not None else ""
        if text == "":
            if column.required:
                self.problem("warning", row_number, column.name, None, "a value (required)")
            return None
        try:
            if column.kind == "date":
                return _as_date(raw)
            if column.kind == "int":
                return _as_int(raw)
        except (ValueError, OverflowError):
            self.problem("error", row_number, column.name, text, _EXPECTED[column.kind])
            return None
        if column.kind == "code":
            code = matchers[column.name](text)
            if code is None:
                shown = ", ".join(column.codes[:4]) + (" …" if len(column.codes) > 4 else "")
                self.problem("error", row_number, column.name, text, f"one of {shown}")
            return code
        return text


def read_annex_a(path: str | Path) -> AnnexAWorkbook:
    """Read every list the workbook holds; problems are collected, never raised."""
    workbook = AnnexAWorkbook(path=str(path))
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - calamine raises (and panics) many ways
        workbook.problems.append(
            Problem("error", None, None, None, type(error).__name__, "an Excel workbook (.xlsx)")
        )
        return workbook
    matched = _match_sheets(names)
    for number, definition in LISTS.items():
        if number not in matched:
            workbook.problems.append(
                Problem(
                    "note",
                    None,
                    None,
                    None,
                    None,
                    f"a sheet for List {number} ({definition.title})",
                )
            )
            continue
        sheet = matched[number]
        try:
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # noqa: BLE001
            # calamine's Rust code panics (a BaseException) on a date cell outside Excel's
            # range, e.g. a negative serial formatted as a date.
            workbook.problems.append(
                Problem(
                    "error",
                    sheet,
                    None,
                    None,
                    type(error).__name__,
                    "a readable sheet (every date cell within Excel's date range)",
                )
            )
            continue
        frame = _SheetReader(workbook, definition, sheet, rows).read()
        if frame is not None:
            workbook.lists[number] = frame
            workbook.sheets[number] = sheet
    return workbook
