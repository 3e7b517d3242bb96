"""The 903 XML form reads into the same tables as the CSV files, and its faults are located."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from sightline.returns.ssda903 import return_tables, validate_tables
from sightline.returns.ssda903.reader import ReturnReadError, read_directory, read_return
from sightline.returns.ssda903.spec import TABLES, date_column
from sightline.returns.ssda903.xml_reader import read_xml

from .clean_return import clean_rows, write_csvs
from .xml_form import xml_from_rows


def _same_rows(frame: pl.DataFrame) -> pl.DataFrame:
    # The XML lists the tables child by child; the CSVs in their own order.
    rows = frame.drop("row")
    return rows.sort(rows.columns, nulls_last=True)


@pytest.fixture
def both(tmp_path):
    rows = clean_rows()
    csv = read_directory(write_csvs(rows, tmp_path / "csv"))
    path = tmp_path / "ssda903.xml"
    path.write_bytes(xml_from_rows(rows))
    return csv, path


def test_the_xml_form_gives_exactly_the_tables_of_the_csv_files(both):
    csv, path = both
    xml = read_xml(path)
    assert set(xml) == set(TABLES)
    for name in TABLES:
        assert xml[name].schema == csv[name].schema, name
        assert _same_rows(xml[name]).equals(_same_rows(csv[name])), name
    # Renamed elements land in their columns, dates parsed as the CSV reader parses them.
    assert xml["Episodes"].filter(pl.col("CHILD") == "C1")["PLACE"].to_list()[0] is not None
    assert xml["UASC"]["CHILD"].to_list() == ["C4"]
    assert xml["Header"][date_column("DOB")].null_count() == 0


def test_validation_finds_the_same_issues_in_either_form(both, tmp_path):
    csv, path = both
    broken = re.sub(r"<DECOM>[^<]*</DECOM>", "<DECOM>31/02/2025</DECOM>", path.read_text(), count=1)
    path.write_text(broken)
    rows = clean_rows()
    first = next(r for r in rows["Episodes"] if r["CHILD"] == rows["Header"][0]["CHILD"])
    first["DECOM"] = "31/02/2025"
    csv = read_directory(write_csvs(rows, tmp_path / "broken"))
    from_csv = validate_tables(return_tables(csv)).issues
    from_xml = validate_tables(return_tables(read_xml(path))).issues
    assert from_xml.height > 0
    columns = ["rule", "child_id", "field", "value"]
    assert sorted(from_xml.select(columns).rows()) == sorted(from_csv.select(columns).rows())


def test_read_return_takes_a_directory_or_an_xml_file(both, tmp_path):
    csv, path = both
    assert read_return(path)["Header"].height == csv["Header"].height
    assert read_return(tmp_path / "csv")["Header"].height == csv["Header"].height
    other = tmp_path / "ssda903.json"
    other.write_text("{}")
    with pytest.raises(ReturnReadError) as caught:
        read_return(other)
    assert "903 XML file" in caught.value.problems[0].expected


def test_namespaces_case_bom_crlf_and_unknown_elements_are_tolerated(tmp_path):
    path = tmp_path / "lower.xml"
    text = (
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n'
        '<ExpSSDA903 xmlns="urn:example:903">\r\n'
        "  <child><header><childid> C9 </childid><sex>2</sex><dob>01/02/2012</dob>"
        "<ethnic>WBRI</ethnic><LOCAL_NOTE>x</LOCAL_NOTE></header>\r\n"
        "  <episode><decom>2025-06-01</decom><pl>U4</pl></episode></child>\r\n"
        "</ExpSSDA903>\r\n"
    )
    path.write_bytes(text.encode("utf-8"))
    tables = read_xml(path)
    assert tables["Header"]["CHILD"].to_list() == ["C9"]
    assert tables["Header"][date_column("DOB")].to_list() == [dt.date(2012, 2, 1)]
    assert tables["Episodes"]["PLACE"].to_list() == ["U4"]
    assert tables["Episodes"][date_column("DECOM")].to_list() == [dt.date(2025, 6, 1)]


def test_line_numbers_of_each_row_are_given_when_asked(both):
    _csv, path = both
    lines: dict[str, list[int]] = {}
    tables = read_xml(path, lines=lines)
    text = path.read_text().splitlines()
    for name, frame in tables.items():
        assert len(lines[name]) == frame.height, name
    for number, line in enumerate(lines["Episodes"]):
        assert "<EPISODE>" in text[line - 1], number


def _fault(tmp_path, text: str) -> list:
    path = tmp_path / "bad.xml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(ReturnReadError) as caught:
        read_xml(path)
    for problem in caught.value.problems:
        assert problem.file == str(path)
    return caught.value.problems


def test_malformed_xml_is_located_to_its_line(tmp_path):
    (problem,) = _fault(tmp_path, "<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>C1</HEADER>\n")
    assert problem.line == 3
    assert problem.expected.startswith("well-formed XML")


def test_an_empty_file_and_the_wrong_root_are_refused(tmp_path):
    (empty,) = _fault(tmp_path, "")
    assert empty.line == 1
    (root,) = _fault(tmp_path, '<?xml version="1.0"?>\n<Message><Children/></Message>')
    assert (root.line, root.value) == (2, "MESSAGE")
    assert "EXPSSDA903" in root.expected


def test_a_child_without_header_or_id_is_located_by_element_path(tmp_path):
    problems = _fault(
        tmp_path,
        "<EXPSSDA903>\n<CHILD><HEADER><CHILDID>C1</CHILDID></HEADER></CHILD>\n"
        "<CHILD><EPISODE/></CHILD>\n"
        "<CHILD>\n<HEADER><SEX>1</SEX></HEADER></CHILD>\n</EXPSSDA903>",
    )
    assert [(p.line, p.field) for p in problems] == [
        (3, "EXPSSDA903/CHILD[2]"),
        (5, "EXPSSDA903/CHILD[3]/HEADER/CHILDID"),
    ]
    assert problems[0].value == "no HEADER"


def test_a_repeated_once_only_group_is_refused(tmp_path):
    (problem,) = _fault(
        tmp_path,
        "<EXPSSDA903><CHILD><HEADER><CHILDID>C1</CHILDID>\n<OC2><SDQ_SCORE>1</SDQ_SCORE></OC2>\n"
        "<OC2><SDQ_SCORE>2</SDQ_SCORE></OC2></HEADER></CHILD></EXPSSDA903>",
    )
    assert (problem.line, problem.field) == (3, "EXPSSDA903/CHILD[1]/HEADER/OC2")


def test_no_child_at_all_is_refused(tmp_path):
    (problem,) = _fault(tmp_path, "<EXPSSDA903></EXPSSDA903>")
    assert "CHILD" in problem.expected


def test_entities_are_never_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>\n'
        "<EXPSSDA903><CHILD><HEADER><CHILDID>C1</CHILDID><UPN>&s;</UPN></HEADER></CHILD>"
        "</EXPSSDA903>"
    )
    path = tmp_path / "entity.xml"
    path.write_text(text)
    try:
        tables = read_xml(path)
    except ReturnReadError:
        return  # refused outright is as safe
    assert "TOPSECRET" not in str(tables["Header"].to_dicts())
