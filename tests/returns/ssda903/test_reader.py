"""The 903 reader takes files as councils' systems write them and locates what it cannot read."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from sightline.returns.ssda903.reader import ReturnReadError, read_directory, read_table
from sightline.returns.ssda903.spec import date_column

from .clean_return import clean_rows, write_csvs

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"


def test_reads_every_table_of_a_return_keeping_data_row_numbers(tmp_path):
    tables = read_directory(write_csvs(clean_rows(), tmp_path / "r"))
    assert set(tables) >= {"Header", "Episodes", "SWEpisodes"}
    assert tables["Header"]["row"].to_list() == list(range(8))
    assert tables["Episodes"].height == 13
    assert tables["Episodes"][date_column("DECOM")][0] == dt.date(2020, 5, 10)


def test_byte_order_mark_crlf_header_case_and_extra_columns_are_tolerated(tmp_path):
    path = tmp_path / "header.csv"
    text = (
        "\ufeffchild, Sex ,dob,ETHNIC,upn,MOTHER,MC_DOB,Local note\r\n"
        "C1,F,15/06/2012,WBRI,UN1,0,,x\r\n"
    )
    path.write_bytes(text.encode("utf-8"))
    frame = read_table(path, "Header")
    assert frame["CHILD"].to_list() == ["C1"]
    assert frame["SEX"].to_list() == ["F"]
    assert frame[date_column("DOB")].to_list() == [dt.date(2012, 6, 15)]
    assert frame["MC_DOB"].to_list() == [None]


@pytest.mark.parametrize(
    "written",
    ["15/06/2012", "2012-06-15", "15-06-2012", "15.06.2012", "15/6/2012", "15/06/2012 00:00"],
)
def test_dates_in_the_forms_councils_write_are_read(tmp_path, written):
    path = tmp_path / "Header.csv"
    path.write_text(f"{HEADER}\nC1,F,{written},WBRI,UN1,0,\n", encoding="utf-8")
    assert read_table(path, "Header")[date_column("DOB")][0] == dt.date(2012, 6, 15)


def test_impossible_date_is_kept_as_written_and_read_as_no_date(tmp_path):
    path = tmp_path / "Header.csv"
    path.write_text(f"{HEADER}\nC1,F,31/02/2012,WBRI,UN1,0,\n", encoding="utf-8")
    frame = read_table(path, "Header")
    assert frame["DOB"][0] == "31/02/2012"
    assert frame[date_column("DOB")][0] is None


def test_missing_column_is_a_located_error(tmp_path):
    path = tmp_path / "Header.csv"
    path.write_text("CHILD,SEX,DOB,ETHNIC,MOTHER,MC_DOB\nC1,F,15/06/2012,WBRI,0,\n")
    with pytest.raises(ReturnReadError) as caught:
        read_table(path, "Header")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 1, "UPN")


def test_return_without_a_header_file_is_refused_and_nothing_returned(tmp_path):
    rows = clean_rows()
    directory = write_csvs(rows, tmp_path / "r")
    (directory / "Header.csv").unlink()
    with pytest.raises(ReturnReadError, match="Header"):
        read_directory(directory)


def test_every_fault_in_every_file_is_reported_together(tmp_path):
    directory = write_csvs(clean_rows(), tmp_path / "r")
    (directory / "Episodes.csv").write_text("CHILD,DECOM\nC1,01/01/2025\n")
    (directory / "OC3.csv").write_bytes(b"CHILD,DOB,IN_TOUCH,ACTIV\n\xff\xfe\x00\n")
    with pytest.raises(ReturnReadError) as caught:
        read_directory(directory)
    files = {p.file.rsplit("/", 1)[-1] for p in caught.value.problems}
    assert files == {"Episodes.csv", "OC3.csv"}


def test_a_table_with_no_file_is_empty_with_its_columns(tmp_path):
    rows = {"Header": clean_rows()["Header"]}
    directory = tmp_path / "r"
    directory.mkdir()
    lines = [",".join(rows["Header"][0])] + [
        ",".join("" if v is None else v for v in r.values()) for r in rows["Header"]
    ]
    (directory / "header_2026.csv").write_text("\n".join(lines))
    tables = read_directory(directory)
    assert tables["Header"].height == 8
    assert tables["AD1"].height == 0
    assert "DATE_MATCH" in tables["AD1"].columns
    assert tables["AD1"].schema[date_column("DATE_MATCH")] == pl.Date
