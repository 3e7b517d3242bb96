"""Property tests: corrupting a valid return in any way never crashes its reader.

Each reader either reads the corrupted file or gives its own located error (file, and line,
element path or row, and field where one is at fault); no other exception escapes. Example
counts are modest so the suite stays quick.
"""

from __future__ import annotations

import io
import re
from datetime import date

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.returns.annex_a.reader import read_annex_a
from sightline.returns.annex_a.spec import LISTS
from sightline.returns.cin import CensusReadError, read_census
from sightline.returns.cin.synthetic import census_xml, example_children
from sightline.returns.ssda903.reader import ReturnReadError, read_directory
from sightline.returns.ssda903.xml_reader import read_xml

from .ssda903.clean_return import clean_rows, write_csvs
from .ssda903.xml_form import xml_from_rows

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CENSUS = census_xml(example_children()).encode("utf-8")


def _corrupt(data: bytes, draw) -> bytes:
    """One of the ways files really break: truncation, flipped bytes, a line deleted or
    repeated, another encoding, a byte-order mark or CRLF line ends."""
    how = draw(
        st.sampled_from(["truncate", "flip", "delete", "duplicate", "encode", "bom", "crlf"])
    )
    lines = data.split(b"\n")
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if how == "delete":
        at = draw(st.integers(0, len(lines) - 1))
        return b"\n".join(lines[:at] + lines[at + 1 :])
    if how == "duplicate":
        at = draw(st.integers(0, len(lines) - 1))
        return b"\n".join(lines[: at + 1] + lines[at:])
    if how == "encode":
        return data.decode("utf-8").encode(draw(st.sampled_from(["utf-16", "utf-32", "cp1252"])))
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    return data.replace(b"\n", b"\r\n")


@SETTINGS
@given(st.data())
def test_a_corrupted_census_is_read_or_refused_with_a_location(tmp_path, data):
    path = tmp_path / "census.xml"
    path.write_bytes(_corrupt(CENSUS, data.draw))
    try:
        tables = read_census(path)
    except CensusReadError as error:
        assert error.file == str(path)
        assert error.line is not None or error.path is not None, str(error)
        assert error.problem
    else:
        assert tables.tables["children"].height >= 1


@SETTINGS
@given(st.data(), st.sampled_from(["Header", "Episodes", "Reviews", "Missing", "OC2"]))
def test_a_corrupted_903_table_is_read_or_refused_with_a_location(tmp_path_factory, data, name):
    directory = write_csvs(clean_rows(), tmp_path_factory.mktemp("903"))
    path = directory / f"{name}.csv"
    original = path.read_bytes()
    how = data.draw(st.sampled_from(["bytes", "column", "date"]))
    if how == "bytes":
        path.write_bytes(_corrupt(original, data.draw))
    else:
        header, *rows = original.decode("utf-8").splitlines()
        columns = header.split(",")
        at = data.draw(st.integers(0, len(columns) - 1))
        if how == "column":
            # A column deleted or repeated throughout.
            drop = data.draw(st.booleans())

            def edit(line: str) -> str:
                cells = line.split(",")
                cells = cells[:at] + cells[at + 1 :] if drop else cells[: at + 1] + cells[at:]
                return ",".join(cells)

            path.write_text("\n".join(edit(line) for line in [header, *rows]) + "\n")
        else:
            bad = data.draw(
                st.sampled_from(["31/02/2025", "2025-13-01", "yesterday", "00/00/0000"])
            )
            edited = [
                ",".join(bad if n == at else cell for n, cell in enumerate(row.split(",")))
                for row in rows
            ]
            path.write_text("\n".join([header, *edited]) + "\n")
    try:
        tables = read_directory(directory)
    except ReturnReadError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file and problem.expected, problem
    else:
        assert set(tables) >= {"Header", "Episodes"}


SSDA903_XML = xml_from_rows(clean_rows())


def _xml_edit(data: bytes, draw) -> bytes:
    """Corruptions of the XML form's structure: a tag renamed, an element's text replaced by
    child elements, an impossible date, a HEADER or CHILDID removed, the root renamed."""
    text = data.decode("utf-8")
    how = draw(st.sampled_from(["rename", "nest", "date", "no-header", "no-id", "root"]))
    if how == "rename":
        tag = draw(st.sampled_from(["HEADER", "EPISODE", "CHILDID", "DECOM", "CHILD", "AREVIEW"]))
        return text.replace(f"<{tag}>", "<WRONG>", 1).encode("utf-8")
    if how == "nest":
        return text.replace("<DOB>", "<DOB><DAY>1</DAY>", 1).encode("utf-8")
    if how == "date":
        bad = draw(st.sampled_from(["31/02/2025", "2025-13-01", "yesterday", "00/00/0000"]))
        return re.sub(r"<DECOM>[^<]*</DECOM>", f"<DECOM>{bad}</DECOM>", text, count=1).encode()
    if how == "no-header":
        return re.sub(r"<HEADER>.*?</HEADER>", "", text, count=1).encode("utf-8")
    if how == "no-id":
        return re.sub(r"<CHILDID>[^<]*</CHILDID>", "", text, count=1).encode("utf-8")
    return text.replace("EXPSSDA903", "SSDA903").encode("utf-8")


@SETTINGS
@given(st.data())
def test_a_corrupted_903_xml_file_is_read_or_refused_with_a_location(tmp_path, data):
    path = tmp_path / "ssda903.xml"
    if data.draw(st.booleans()):
        path.write_bytes(_corrupt(SSDA903_XML, data.draw))
    else:
        path.write_bytes(_xml_edit(SSDA903_XML, data.draw))
    try:
        tables = read_xml(path)
    except ReturnReadError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == str(path), problem
            assert problem.expected, problem
            # Located: a line, or the element at fault, unless the file as a whole is.
            assert (
                problem.line is not None
                or problem.field is not None
                or ("readable" in problem.expected or "CHILD" in problem.expected)
            ), problem
    else:
        assert tables["Header"].height >= 1
        assert set(tables) == set(read_directory.__globals__["spec"].TABLES)


def _workbook() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_date_format": "dd/mm/yyyy"})
    person = {"Gender": "b) Female", "Ethnicity": "a) WBRI", "Date of Birth": date(2015, 4, 1)}
    rows = {
        1: [{"Child Unique ID": "A1", **person, "Date of Contact": date(2026, 1, 5),
             "Contact Source": "q) 6: Police"}],
        3: [{"Child Unique ID": "A1", **person, "Date of referral": date(2026, 1, 6),
             "Referral Source": "q) 6: Police", "Referral NFA?": "b) No",
             "Number of Referrals in Last 12 Months": 1, "Allocated Team": "East",
             "Allocated Worker": "Ed Worker"}],
    }  # fmt: skip
    for number, list_rows in rows.items():
        sheet = book.add_worksheet(f"List {number}")
        names = LISTS[number].column_names
        sheet.write_row(0, 0, names)
        for index, row in enumerate(list_rows, start=1):
            sheet.write_row(index, 0, [row.get(name) for name in names])
    book.close()
    return buffer.getvalue()


WORKBOOK = _workbook()


@SETTINGS
@given(st.data())
def test_a_corrupted_annex_a_workbook_never_raises(tmp_path, data):
    path = tmp_path / "annex-a.xlsx"
    raw = WORKBOOK
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([data.draw(st.integers(0, 255))]) + raw[at + 1 :]
    else:
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    path.write_bytes(raw)
    workbook = read_annex_a(path)  # problems are collected, never raised
    for problem in workbook.errors:
        assert problem.expected
        assert problem.sheet is not None or problem.value is not None, problem
