"""The Annex A reader: tolerant matching, located problems, and no crash on any corruption."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.returns.annex_a.reader import normalise, read_annex_a

CONTACT_HEADER = [
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    "Date of Contact", "Contact Source",
]  # fmt: skip


def workbook(path, sheets: dict[str, list[list]]) -> str:
    book = xlsxwriter.Workbook(str(path), {"default_date_format": "dd/mm/yyyy"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for number, row in enumerate(rows):
            sheet.write_row(number, 0, row)
    book.close()
    return str(path)


def test_headers_and_sheets_are_matched_whatever_their_case_spacing_and_punctuation(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        {
            "L1 contacts (Oct-Mar)": [
                ["Annex A list 1: contacts"],
                [],
                ["child unique id", "GENDER", "ethnicity ", "Date_of_Birth", "Age of child (years)",
                 "date of contact", "Contact source", "Team notes"],
                ["C1", "Female", "WBRI", date(2015, 4, 1), 10, "05/01/2026", "a) 1a: individual", "x"],  # noqa: E501
                ["C2", "a)   male", "s) nobt", date(2014, 4, 1), 11, date(2026, 1, 6), "2A", ""],
            ]
        },
    )  # fmt: skip
    read = read_annex_a(path)
    assert read.ok, read.errors
    assert read.sheets == {1: "L1 contacts (Oct-Mar)"}
    contacts = read.lists[1]
    assert contacts.columns == CONTACT_HEADER
    assert contacts.rows() == [
        ("C1", "b) Female", "a) WBRI", date(2015, 4, 1), 10, date(2026, 1, 5), "a) 1A: Individual"),
        ("C2", "a) Male", "s) NOBT", date(2014, 4, 1), 11, date(2026, 1, 6), "e) 2A: Schools"),
    ]  # fmt: skip
    notes = [p for p in read.problems if p.severity == "note" and p.sheet]
    assert [(p.row, p.column) for p in notes] == [(3, "Team notes")]


def test_a_list_on_a_sheet_named_by_its_title_is_found(tmp_path):
    path = workbook(tmp_path / "a.xlsx", {"Referrals": [["Child Unique ID", "Date of referral"]]})
    read = read_annex_a(path)
    assert read.sheets == {3: "Referrals"}


def test_a_missing_required_column_is_an_error_naming_sheet_row_and_column(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        {"List 1": [["Child Unique ID", "Gender", "Ethnicity", "Date of Contact"], ["C1", "a", "a", "x"]]},  # noqa: E501
    )  # fmt: skip
    read = read_annex_a(path)
    missing = [str(p) for p in read.errors if p.expected == "this required column"]
    assert missing == [
        "error: sheet 'List 1', row 1, column 'Contact Source'; expected this required column"
    ]  # noqa: E501


def test_an_impossible_date_and_a_bad_code_are_located_and_nulled(tmp_path):
    path = workbook(
        tmp_path / "a.xlsx",
        {"List 1": [CONTACT_HEADER, ["C1", "b) Female", "WBRI", "31/02/2015", 10, "05/01/2026", "z) 99: Aliens"]]},  # noqa: E501
    )  # fmt: skip
    read = read_annex_a(path)
    assert [(p.sheet, p.row, p.column, p.value, p.expected) for p in read.errors] == [
        ("List 1", 2, "Date of Birth", "31/02/2015", "a date (dd/mm/yyyy)"),
        ("List 1", 2, "Contact Source", "z) 99: Aliens", "one of a) 1A: Individual, "
         "b) 1B: Individual, c) 1C: Individual, d) 1D: Individual …"),
    ]  # fmt: skip
    assert read.lists[1].row(0) == ("C1", "b) Female", "a) WBRI", None, 10, date(2026, 1, 5), None)


def test_a_file_that_is_not_a_workbook_is_one_error(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_text("CHILD,SEX\n1,M\n")
    read = read_annex_a(path)
    assert [p.expected for p in read.problems] == ["an Excel workbook (.xlsx)"]
    assert read.lists == {}


def test_normalise_ignores_case_spacing_and_punctuation():
    assert normalise(" Referral NFA? ") == normalise("referral_nfa") == "referralnfa"


_VALID = None


def _valid_bytes(tmp_path_factory) -> bytes:
    global _VALID
    if _VALID is None:
        path = tmp_path_factory.mktemp("valid") / "valid.xlsx"
        workbook(path, {"List 1": [CONTACT_HEADER, ["C1", "b) Female", "WBRI", date(2015, 4, 1), 10,
                                                    date(2026, 1, 5), "2A"]]})  # fmt: skip
        _VALID = path.read_bytes()
    return _VALID


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_corrupted_bytes_never_raise_and_always_report_a_located_problem(tmp_path_factory, data):
    valid = bytearray(_valid_bytes(tmp_path_factory))
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(valid) - 1))
        valid[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        valid = valid[: data.draw(st.integers(0, len(valid)))]
    path = tmp_path_factory.mktemp("bad") / "bad.xlsx"
    path.write_bytes(bytes(valid))
    read = read_annex_a(path)
    for problem in read.problems:
        assert problem.expected
        assert str(problem)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.one_of(st.text(max_size=12), st.integers(-10**6, 10**7), st.floats(allow_nan=False, allow_infinity=False),  # noqa: E501
                  st.booleans(), st.dates(), st.none()),
        min_size=7, max_size=7,
    )
)  # fmt: skip
def test_any_cell_values_in_a_valid_workbook_are_read_or_reported(tmp_path_factory, cells):
    path = tmp_path_factory.mktemp("cells") / "cells.xlsx"
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    sheet = book.add_worksheet("List 1")
    sheet.write_row(0, 0, CONTACT_HEADER)
    for column, value in enumerate(cells):
        if value is not None:
            sheet.write(1, column, value, book.add_format({"num_format": "dd/mm/yyyy"}))
    book.close()
    path.write_bytes(buffer.getvalue())
    assert zipfile.is_zipfile(path)
    read = read_annex_a(path)
    if 1 not in read.lists:
        # A sheet that cannot be read at all is one error naming the sheet.
        assert [p.sheet for p in read.errors] == ["List 1"]
        return
    frame = read.lists[1]
    located = {(p.row, p.column) for p in read.problems if p.severity in ("error", "warning")}
    for column, name in enumerate(CONTACT_HEADER):
        if frame.height and frame[name][0] is None and cells[column] not in (None, ""):
            # A value that could not be kept was reported at its cell.
            assert (2, name) in located
