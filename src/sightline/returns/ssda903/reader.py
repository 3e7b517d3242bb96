"""Read an SSDA903 return directory (one CSV per table) into the raw tables validation runs on.

Every column is kept as the text the file holds (stripped, blanks as null) so that rules can
report the value a council wrote; each date column gains a parsed twin (`spec.date_column`).
A `row` column keeps the 0-based data row of the CSV. Byte-order marks, CRLF line ends, extra
columns and header case are tolerated; an unreadable file or a missing column is a located
error, and nothing is returned for a return with errors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from sightline.returns.ssda903 import spec


@dataclass(frozen=True)
class ReadProblem:
    """One reason a return could not be read: where, and what was expected."""

    file: str
    line: int | None
    field: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        field = f", column {self.field}" if self.field else ""
        value = f": found {self.value!r}" if self.value is not None else ""
        return f"{where}{field}{value}; expected {self.expected}"


class ReturnReadError(ValueError):
    """A return that cannot be read; `problems` locates each fault."""

    def __init__(self, problems: list[ReadProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _normalise_header(name: str) -> str:
    return re.sub(r"\s+", "_", name.replace("\ufeff", "").strip()).upper()


def _table_name(path: Path) -> str | None:
    stem = re.sub(r"[^a-z0-9]", "", path.stem.lower())
    for name in spec.TABLES:
        key = name.lower()
        if stem == key:
            return name
    # Councils' exports often carry a year or LA suffix: "header_2025", "episodes-882".
    for name in sorted(spec.TABLES, key=len, reverse=True):
        if re.fullmatch(rf"{name.lower()}\d*", stem):
            return name
    return None


def parse_dates(column: pl.Expr) -> pl.Expr:
    """A text column parsed as dates in any of the forms councils write, null where none fits."""
    text = column.str.strip_chars()
    tries = []
    for fmt in spec.DATE_FORMATS:
        if "%H" in fmt:
            tries.append(text.str.strptime(pl.Datetime, fmt, strict=False).dt.date())
        else:
            tries.append(text.str.strptime(pl.Date, fmt, strict=False))
    return pl.coalesce(tries)


def prepare_table(name: str, frame: pl.DataFrame, *, source: str) -> pl.DataFrame:
    """Normalise one table read as text: headers, blanks, the row number and parsed dates.

    Raises `ReturnReadError` when a required column is missing.
    """
    renamed = {c: _normalise_header(c) for c in frame.columns}
    frame = frame.rename(renamed)
    missing = [c for c in spec.TABLES[name] if c not in frame.columns]
    if missing:
        raise ReturnReadError(
            [
                ReadProblem(source, 1, col, None, f"a column named {col} in the {name} table")
                for col in missing
            ]
        )
    wanted = list(spec.TABLES[name]) + list(spec.OPTIONAL_COLUMNS.get(name, ()))
    frame = frame.with_columns(
        [pl.lit(None, dtype=pl.String).alias(c) for c in wanted if c not in frame.columns]
    )
    text = [pl.col(c).cast(pl.String).str.strip_chars().replace("", None).alias(c) for c in wanted]
    frame = frame.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"), *text)
    return frame.with_columns(
        parse_dates(pl.col(c)).alias(spec.date_column(c)) for c in spec.DATE_COLUMNS[name]
    )


def empty_table(name: str) -> pl.DataFrame:
    """A table with no rows, for a return that has no file for it (no child in that module)."""
    frame = pl.DataFrame(schema={c: pl.String for c in spec.TABLES[name]})
    return prepare_table(name, frame, source=name)


def read_table(path: Path, name: str) -> pl.DataFrame:
    """Read one 903 CSV; raises `ReturnReadError` locating the fault."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReturnReadError(
            [ReadProblem(str(path), None, None, None, f"a readable file ({exc})")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise ReturnReadError(
                [ReadProblem(str(path), line, None, None, "text encoded as UTF-8")]
            ) from None
    if not text.strip():
        raise ReturnReadError(
            [ReadProblem(str(path), 1, None, None, f"a header row naming the {name} columns")]
        )
    try:
        frame = pl.read_csv(
            text.encode("utf-8"),
            infer_schema=False,
            truncate_ragged_lines=False,
        )
    except pl.exceptions.PolarsError as exc:
        raise ReturnReadError(
            [ReadProblem(str(path), None, None, None, f"comma-separated values ({exc})")]
        ) from None
    return prepare_table(name, frame, source=str(path))


def read_directory(path: Path | str) -> dict[str, pl.DataFrame]:
    """Every 903 table in a directory, an empty table where the return has no file for one.

    Raises `ReturnReadError` listing every fault in every file, or when no Header is present.
    """
    directory = Path(path)
    if not directory.is_dir():
        raise ReturnReadError(
            [ReadProblem(str(directory), None, None, None, "a directory of SSDA903 CSV files")]
        )
    found: dict[str, Path] = {}
    problems: list[ReadProblem] = []
    for file in sorted(directory.iterdir()):
        if file.suffix.lower() != ".csv":
            continue
        name = _table_name(file)
        if name is None:
            continue
        if name in found:
            problems.append(
                ReadProblem(
                    str(file), None, None, None, f"one file for {name} (also {found[name]})"
                )
            )
            continue
        found[name] = file
    if "Header" not in found:
        problems.append(
            ReadProblem(str(directory), None, None, None, "a Header.csv file (the 903 header)")
        )
    tables: dict[str, pl.DataFrame] = {}
    for name in spec.TABLES:
        if name not in found:
            tables[name] = empty_table(name)
            continue
        try:
            tables[name] = read_table(found[name], name)
        except ReturnReadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ReturnReadError(problems)
    return tables


def tables_from_rows(rows: dict[str, list[dict[str, str]]]) -> dict[str, pl.DataFrame]:
    """Tables built from rows of text, typed exactly as the reader types files (for tests)."""
    tables = {}
    for name, columns in spec.TABLES.items():
        records = rows.get(name, [])
        extra = [c for r in records for c in r if c not in columns]
        schema = {c: pl.String for c in (*columns, *dict.fromkeys(extra))}
        frame = pl.DataFrame(
            [{c: r.get(c) for c in schema} for r in records], schema=schema, orient="row"
        )
        tables[name] = prepare_table(name, frame, source=name)
    return tables


def collection_dates(collection_year: str) -> tuple[dt.date, dt.date]:
    """The first and last days of a collection year named "2025-26": 1 April 2025, 31 March 2026."""
    start = int(collection_year[:4])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def read_return(path: Path | str) -> dict[str, pl.DataFrame]:
    """A 903 return in either form: a directory of CSV tables, or the 903 XML file.

    Both give the same tables, typed alike; raises `ReturnReadError`, located, for either.
    """
    path = Path(path)
    if path.is_dir():
        return read_directory(path)
    if path.suffix.lower() == ".xml":
        from sightline.returns.ssda903.xml_reader import read_xml

        return read_xml(path)
    raise ReturnReadError(
        [
            ReadProblem(
                str(path), None, None, None, "a directory of SSDA903 CSV files or a 903 XML file"
            )
        ]
    )
