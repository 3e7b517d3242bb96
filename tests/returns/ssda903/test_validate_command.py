"""`sightline validate ssda903 DIR`: summary, xlsx and JSON of the issues; exit 1 on errors."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from .clean_return import clean_rows, previous_rows, write_csvs


def test_clean_return_exits_zero_with_no_issues(tmp_path, capsys):
    directory = write_csvs(clean_rows(), tmp_path / "now")
    last = write_csvs(previous_rows(), tmp_path / "last")
    out = tmp_path / "issues.json"
    call_command("validate", "ssda903", str(directory), "--previous", str(last), "--json", str(out))
    assert json.loads(out.read_text()) == []
    assert "0 errors" in capsys.readouterr().out


def test_errors_exit_one_and_are_written_located(tmp_path, capsys):
    rows = clean_rows()
    rows["Header"][0]["SEX"] = "X"  # C1, data row 0: rule 101
    rows["Episodes"][12]["CIN"] = "N9"  # C8, data row 12: rule 145
    directory = write_csvs(rows, tmp_path / "now")
    out, book = tmp_path / "issues.json", tmp_path / "issues.xlsx"
    with pytest.raises(SystemExit) as exited:
        call_command("validate", "ssda903", str(directory), "--json", str(out), "--xlsx", str(book))
    assert exited.value.code == 1
    issues = json.loads(out.read_text())
    assert [
        (i["rule"], i["child_id"], i["table"], i["row"], i["field"], i["value"]) for i in issues
    ] == [
        ("101", "C1", "Header", 0, "SEX", "X"),
        ("145", "C8", "Episodes", 12, "CIN", "N9"),
    ]
    assert issues[0]["type"] == "error" and issues[0]["message"].startswith("The child")
    sheet = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("Issues").to_python()
    assert [r[0] for r in sheet[1:]] == ["C1", "C8"]
    assert "SEX=X" in sheet[1][8]
    summary = capsys.readouterr().out
    assert "2 errors" in summary and "101" in summary and "145" in summary
    # Without last year's return the comparing rules are skipped, and the summary says so.
    assert "without previous" in summary


def test_unreadable_return_is_a_located_error(tmp_path):
    directory = write_csvs(clean_rows(), tmp_path / "now")
    (directory / "Episodes.csv").write_text("CHILD,DECOM\nC1,01/01/2025\n")
    with pytest.raises(CommandError, match="Episodes.csv, line 1, column RNE"):
        call_command("validate", "ssda903", str(directory))
