"""A council's return file checked on the Returns pages: stored, read, validated and analysed.

The file is written into a private directory of its own under ``SIGHTLINE_RETURNS_UPLOAD_DIR``
(outside the web root: nothing there is ever served), read by the same readers as the command
line, validated with the DfE rules where Sightline has the year's rules, and analysed by the same
engine as ``sightline analyse``; the directory is then deleted, whatever happened. Nothing is
imported into the record, so nothing can be half-imported: a file that cannot be read gives its
located faults and nothing else.

An SSDA903 upload is a zip of the CSV tables (any folder inside; other files ignored) or the
903 XML form. A zip is unpacked member by member with limits on the count and the unpacked size,
and a member's own path is never used, so a crafted zip cannot write outside its directory.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from django.conf import settings

from sightline.returns.analyse import Analysis, AnalysisError, analyse
from sightline.returns.validation import Validation

__all__ = ["CheckResult", "check_upload", "private_directory"]

# A 903 return is eleven tables (twelve from 2026-27); room for a council's extra files.
_ZIP_MEMBERS_MAX = 64
_CHUNK = 1024 * 1024


@dataclass
class CheckResult:
    """What checking one file found. ``problems`` are faults that stopped the file being read,
    each located (file, line or element, field, value, what was expected)."""

    kind: str
    filename: str
    collection_year: str
    as_at: date
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    validation: Validation | None = None
    validation_note: str = ""
    analysis: Analysis | None = None
    # For the 903 XML form: each table's XML line numbers, row by row, to locate its issues.
    xml_lines: dict[str, list[int]] | None = None

    @property
    def readable(self) -> bool:
        return not self.problems


@contextlib.contextmanager
def private_directory() -> Iterator[Path]:
    """A new directory under the upload root, readable by the service only, deleted afterwards."""
    root = Path(settings.SIGHTLINE_RETURNS_UPLOAD_DIR)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory = Path(tempfile.mkdtemp(prefix="return-", dir=root))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _safe_name(name: str, fallback: str) -> str:
    """The file's own name without any folder, of safe characters only (for messages)."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in base).strip(" .")
    return cleaned[:100] or fallback


def _store(upload, path: Path) -> None:
    with path.open("wb") as out:
        for chunk in upload.chunks(_CHUNK):
            out.write(chunk)


def _unzip_tables(archive: Path, into: Path, max_bytes: int) -> list[str]:
    """Unpack the CSV members of a 903 zip into ``into``; the problems, located, if it cannot be."""
    shown = archive.name
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [m for m in zipped.infolist() if not m.is_dir()]
            if len(members) > _ZIP_MEMBERS_MAX:
                return [f"{shown}: {len(members)} files; expected at most {_ZIP_MEMBERS_MAX}"]
            csvs = [m for m in members if m.filename.lower().endswith(".csv")]
            if not csvs:
                return [f"{shown}: no CSV file inside; expected the SSDA903 tables (Header.csv…)"]
            total = sum(m.file_size for m in csvs)
            if total > max_bytes:
                return [
                    f"{shown}: the tables unpack to {total // (1024 * 1024):,} MB; expected at "
                    f"most {max_bytes // (1024 * 1024):,} MB"
                ]
            problems, seen = [], {}
            for member in csvs:
                name = _safe_name(member.filename, "table.csv")
                if name.lower() in seen:
                    problems.append(
                        f"{shown}: {member.filename} and {seen[name.lower()]} have the same name; "
                        "expected one file per table"
                    )
                    continue
                seen[name.lower()] = member.filename
                with zipped.open(member) as source, (into / name).open("wb") as out:
                    # No more than the member says it holds: a lying header cannot fill the disc.
                    shutil.copyfileobj(_Limited(source, member.file_size), out, _CHUNK)
            return problems
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        return [f"{shown}: not a zip file that can be opened ({error}); expected a zip of CSVs"]
    except RuntimeError as error:  # an encrypted member
        return [f"{shown}: {error}; expected a zip without a password"]


class _Limited:
    def __init__(self, source, limit: int):
        self.source, self.left = source, limit

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.source.read(size)
        self.left -= len(data)
        return data


def _without(directory: Path, text: str) -> str:
    """A message with the private directory's path taken out: the user knows their file's name."""
    return text.replace(f"{directory}/", "").replace(str(directory), "the upload")


def check_upload(
    *, kind: str, upload, collection_year: str, as_at: date, max_bytes: int | None = None
) -> CheckResult:
    """Store, read, validate and analyse one uploaded return; the stored copy is always deleted."""
    max_bytes = max_bytes or settings.SIGHTLINE_RETURNS_UPLOAD_MAX_BYTES
    fallback = {"cin": "census.xml", "ssda903": "ssda903.zip", "annex-a": "annex-a.xlsx"}[kind]
    filename = _safe_name(upload.name, fallback)
    result = CheckResult(kind, filename, collection_year, as_at)
    with private_directory() as directory:
        stored = directory / filename
        _store(upload, stored)
        source = stored
        if kind == "ssda903" and filename.lower().endswith(".zip"):
            tables = directory / "tables"
            tables.mkdir()
            result.problems = _unzip_tables(stored, tables, max_bytes)
            source = tables
        if not result.problems:
            _read_and_validate(result, source)
        if not result.problems:
            _analyse(result, source)
        result.problems = [_without(directory, p) for p in result.problems]
        result.warnings = [_without(directory, w) for w in result.warnings]
    return result


def _read_and_validate(result: CheckResult, source: Path) -> None:
    if result.kind == "cin":
        _validate_cin(result, source)
    elif result.kind == "ssda903":
        _validate_ssda903(result, source)
    else:
        from sightline.returns.annex_a.reader import read_annex_a

        workbook = read_annex_a(source)
        result.problems = [str(p) for p in workbook.errors]
        result.warnings = [str(p) for p in workbook.problems if p not in workbook.errors]
        if not result.problems and not workbook.lists:
            result.problems = [f"{source.name}: no sheet holds any of Annex A's Lists 1-11"]
        result.validation_note = (
            "Ofsted publishes no validation rules for Annex A: the workbook was checked against "
            "the lists' columns and codes only."
        )


def _validate_cin(result: CheckResult, source: Path) -> None:
    from sightline.returns import cin

    try:
        rules = cin.ruleset(result.collection_year)
    except KeyError as error:
        rules = None
        text = error.args[0]
        result.validation_note = f"{text[:1].upper()}{text[1:]}: the file was read, not validated."
    try:
        tables = cin.read_census(source, collection_year=result.collection_year)
    except cin.CensusReadError as error:
        result.problems = [str(error)]
        return
    if rules is not None:
        result.validation = rules.run(tables)


def _validate_ssda903(result: CheckResult, source: Path) -> None:
    from sightline.returns import ssda903
    from sightline.returns.ssda903.reader import read_return
    from sightline.returns.ssda903.xml_reader import read_xml

    try:
        if source.is_file():
            result.xml_lines = {}
            tables = read_xml(source, lines=result.xml_lines)
        else:
            tables = read_return(source)
    except ssda903.ReturnReadError as error:
        result.problems = [str(p) for p in error.problems]
        return
    if result.collection_year != ssda903.COLLECTION_YEAR:
        result.validation_note = (
            f"Sightline has the DfE SSDA903 rules for {ssda903.COLLECTION_YEAR} only: the "
            f"{result.collection_year} file was read, not validated."
        )
        return
    prepared = ssda903.return_tables(tables, collection_year=result.collection_year)
    result.validation = ssda903.validate_tables(prepared)


def _analyse(result: CheckResult, source: Path) -> None:
    from sightline.oversight.selectors.findings import drift_standards
    from sightline.oversight.services import council_standards

    rulebook, calendar = council_standards()
    try:
        result.analysis = analyse(
            {result.kind: source},
            result.as_at,
            rulebook=rulebook,
            calendar=calendar,
            drift=drift_standards(),
            child_population=settings.SIGHTLINE_CHILD_POPULATION,
        )
    except AnalysisError as error:
        result.problems = list(error.problems)
        return
    # The report names the file as the user knows it, not where it was held.
    result.analysis.files = {result.kind: result.filename}
