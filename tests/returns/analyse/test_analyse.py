"""`sightline analyse`: the engine over a council's own files, figures worked out by hand.

The census below is built by hand so that every clock, figure and finding can be checked with a
calendar (England's bank holidays: 25 August, 25 and 26 December 2025, 1 January 2026):

- H1: referral Mon 2 June 2025, assessment started that day and authorised 1 July; closed
  15 July. T-ASSESSMENT due 45 working days on: 20 in June after the 2nd, 23 in July, then
  1 and 4 August: due 4 August, met.
- H2: referral Wed 1 October 2025, assessment started that day, never authorised. Due 45
  working days on (22 in October after the 1st, 20 in November, 1-3 December): 3 December,
  so overdue as at 31 March 2026 by 18 (December) + 21 (January) + 20 (February) + 22 (March)
  = 81 working days; drift finding D-ASSESSMENT since 4 December.
- H3: referral Thu 28 August 2025, assessment started then, authorised 10 September (due
  30 October: met). Section 47 enquiry from Mon 1 September; initial conference Fri 19
  September, within the 15 working days (due 22 September); CP plan from that day. First
  review due 3 months on, 19 December, held 5 January 2026: met late by 8 working days (22-24
  and 29-31 December, 2 and 5 January). Next review due 6 months after it, 5 July: pending.
- H4: referral Mon 3 November 2025, no further action, closed that day.

Indicators for the 12 months to 31 March 2026: 4 referrals, 1 with no further action (25%);
2 assessments authorised, both within 45 working days (100%); 1 section 47 enquiry; its
conference within 15 working days (100%); 1 child on a CP plan, whose first review was late
(0% of plans with every review on time).
"""

from __future__ import annotations

import csv
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from sightline.returns.analyse import AnalysisError, analyse
from sightline.returns.analyse.report import FILES, write_analysis
from sightline.returns.cin.synthetic import census_xml

AS_AT = date(2026, 3, 31)


def _child(la_id: str, born: str, *episodes: dict) -> dict:
    return {
        "LAchildID": la_id,
        "UPNunknown": "UN1",
        "PersonBirthDate": born,
        "GenderCurrent": "1",
        "Ethnicity": "WBRI",
        "CINdetails": list(episodes),
    }


def hand_built_census() -> str:
    return census_xml(
        [
            _child(
                "H1",
                "2014-02-03",
                {
                    "CINreferralDate": "2025-06-02",
                    "ReferralSource": "2A",
                    "PrimaryNeedCode": "N1",
                    "CINclosureDate": "2025-07-15",
                    "ReasonForClosure": "RC8",
                    "Assessments": [
                        {
                            "AssessmentActualStartDate": "2025-06-02",
                            "AssessmentAuthorisationDate": "2025-07-01",
                        }
                    ],
                    "ReferralNFA": "false",
                },
            ),
            _child(
                "H2",
                "2016-05-06",
                {
                    "CINreferralDate": "2025-10-01",
                    "ReferralSource": "6",
                    "PrimaryNeedCode": "N4",
                    "Assessments": [{"AssessmentActualStartDate": "2025-10-01"}],
                    "ReferralNFA": "false",
                },
            ),
            _child(
                "H3",
                "2019-09-10",
                {
                    "CINreferralDate": "2025-08-28",
                    "ReferralSource": "3A",
                    "PrimaryNeedCode": "N1",
                    "DateOfInitialCPC": "2025-09-19",
                    "Assessments": [
                        {
                            "AssessmentActualStartDate": "2025-08-28",
                            "AssessmentAuthorisationDate": "2025-09-10",
                        }
                    ],
                    "Section47": [
                        {
                            "S47ActualStartDate": "2025-09-01",
                            "InitialCPCtarget": "2025-09-22",
                            "DateOfInitialCPC": "2025-09-19",
                            "ICPCnotRequired": "false",
                        }
                    ],
                    "ReferralNFA": "false",
                    "ChildProtectionPlans": [
                        {
                            "CPPstartDate": "2025-09-19",
                            "InitialCategoryOfAbuse": "NEG",
                            "LatestCategoryOfAbuse": "NEG",
                            "NumberOfPreviousCPP": "0",
                            "Reviews": ["2026-01-05"],
                        }
                    ],
                },
            ),
            _child(
                "H4",
                "2012-11-12",
                {
                    "CINreferralDate": "2025-11-03",
                    "ReferralSource": "1A",
                    "PrimaryNeedCode": "N9",
                    "CINclosureDate": "2025-11-03",
                    "ReasonForClosure": "RC7",
                    "ReferralNFA": "true",
                },
            ),
        ]
    )


@pytest.fixture
def census(tmp_path):
    path = tmp_path / "census.xml"
    path.write_text(hand_built_census(), encoding="utf-8")
    return path


def _clocks(analysis) -> dict[tuple[str, str, int | None], dict]:
    rows = analysis.deadlines.sort("child_id", "rule_id", "clock_start").iter_rows(named=True)
    return {(r["child_id"], r["rule_id"], r["clock_start"]): r for r in rows}


def test_clocks_from_the_census_are_the_ones_worked_out_by_hand(census):
    analysis = analyse({"cin": census}, AS_AT)
    clocks = _clocks(analysis)
    expected = {
        ("H1", "T-ASSESSMENT", date(2025, 6, 2)): (date(2025, 8, 4), "met", None, None),
        ("H2", "T-ASSESSMENT", date(2025, 10, 1)): (date(2025, 12, 3), "overdue", 81, None),
        ("H3", "T-ASSESSMENT", date(2025, 8, 28)): (date(2025, 10, 30), "met", None, None),
        ("H3", "T-ICPC", date(2025, 9, 1)): (date(2025, 9, 22), "met", None, None),
        ("H3", "T-RCPC-1", date(2025, 9, 19)): (date(2025, 12, 19), "met_late", None, 8),
        ("H3", "T-RCPC", date(2026, 1, 5)): (date(2026, 7, 5), "pending", None, None),
    }
    assert set(clocks) == set(expected)
    for key, (due, status, overdue, late) in expected.items():
        row = clocks[key]
        assert (row["due"], row["status"]) == (due, status), key
        assert row["working_days_overdue"] == overdue, key
        assert row["working_days_late"] == late, key


def test_indicators_and_findings_from_the_census_match_the_hand_count(census):
    analysis = analyse({"cin": census}, AS_AT)
    figures = {
        r["indicator_id"]: (r["numerator"], r["denominator"], r["value"])
        for r in analysis.indicators.filter(analysis.indicators["status"] == "ok").iter_rows(
            named=True
        )
    }
    assert figures["K-REFERRALS"][0] == 4
    assert figures["K-REFERRAL-NFA"] == (1, 4, 25.0)
    assert figures["K-ASSESS-45"] == (2, 2, 100.0)
    assert figures["K-S47"][0] == 1
    assert figures["K-ICPC-15"] == (1, 1, 100.0)
    assert figures["K-CPP-RATE"][0] == 1
    assert figures["K-CPP-REVIEW"] == (0, 1, 0.0)
    findings = analysis.findings.select("child_id", "rule_id", "since").rows()
    assert findings == [("H2", "D-ASSESSMENT", date(2025, 12, 4))]


def test_rules_the_census_cannot_judge_are_reported_with_why_and_not_run(census):
    analysis = analyse({"cin": census}, AS_AT)
    why = {r["rule_id"]: r["why"] for r in analysis.not_evaluable.iter_rows(named=True)}
    # A CP plan with no visits in the file must not become a list of missed visits.
    assert why["T-CP-VISIT"] == "the CIN census carries no visits to the child"
    assert "T-CP-VISIT" not in analysis.deadlines["rule_id"].to_list()
    assert why["T-REFERRAL-DECISION"] == (
        "the CIN census does not record when a referral was decided"
    )
    assert why["K-CP-VISITS"] == "the CIN census carries no visits to the child"
    assert why["D-CIN-LONG"] == "the CIN census carries no looked-after episodes"
    assert why["K-OVERDUE"].startswith("it would count clocks the files cannot judge")
    statuses = dict(analysis.indicators.select("indicator_id", "status").rows())
    assert statuses["K-CP-VISITS"] == "not evaluable: the CIN census carries no visits to the child"
    assert statuses["K-DISTANCE"].startswith("not available")
    assert statuses["K-DEV-CHECK"] == (
        "not evaluable: the CIN census carries no looked-after episodes, looked-after reviews "
        "or dated development checks"
    )


def test_a_903_beside_the_census_adds_the_looked_after_clocks(census, tmp_path):
    from tests.returns.ssda903.clean_return import clean_rows, write_csvs

    directory = write_csvs(clean_rows(), tmp_path / "903")
    both = analyse({"cin": census, "ssda903": directory}, AS_AT)
    alone = analyse({"cin": census}, AS_AT)
    rules = set(both.deadlines["rule_id"].to_list())
    assert {"T-LAC-REVIEW-1", "T-LAC-REVIEW"} <= rules
    assert "T-LAC-REVIEW-1" not in set(alone.deadlines["rule_id"].to_list())
    # The census's own clocks are unchanged by adding the 903.
    census_rules = ["T-ASSESSMENT", "T-ICPC", "T-RCPC-1", "T-RCPC"]
    pick = lambda a: a.deadlines.filter(a.deadlines["rule_id"].is_in(census_rules)).sort(  # noqa: E731
        "child_id", "rule_id", "clock_start"
    )
    assert pick(both).drop("worker", "team").equals(pick(alone).drop("worker", "team"))
    why = dict(both.not_evaluable.select("rule_id", "why").rows())
    assert "T-LAC-REVIEW" not in why
    assert why["T-LAC-VISIT"] == "the CIN census and SSDA903 carry no visits to the child"


def test_the_command_writes_every_file_and_a_summary(census, tmp_path, capsys):
    out = tmp_path / "out"
    call_command("analyse", "--cin", str(census), "--as-at", "2026-03-31", "--out", str(out))
    printed = capsys.readouterr().out
    assert "4 children" in printed
    assert "1 overdue" in printed
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    with open(out / "deadlines.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    overdue = [r for r in rows if r["status"] == "overdue"]
    assert [(r["child_id"], r["rule_id"], r["due"]) for r in overdue] == [
        ("H2", "T-ASSESSMENT", "2025-12-03")
    ]
    book = CalamineWorkbook.from_path(str(out / "analysis.xlsx"))
    assert book.sheet_names == [
        "Summary",
        "Overdue and due soon",
        "Indicators",
        "Findings",
        "Not evaluable",
    ]
    worklist = book.get_sheet_by_name("Overdue and due soon").to_python()
    assert worklist[1][:2] == ["H2", "T-ASSESSMENT"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Analysis of a council&#x27;s returns as at 2026-03-31" in report
    assert "D-ASSESSMENT" in report and "<script" not in report


def test_a_broken_file_is_reported_located_and_nothing_is_written(census, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text(hand_built_census().replace("</Children>", ""), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(CommandError) as raised:
        call_command("analyse", "--cin", str(broken), "--as-at", "2026-03-31", "--out", str(out))
    message = str(raised.value)
    assert "nothing was written" in message
    assert str(broken) in message and "line" in message
    assert list(out.iterdir()) == []


def test_faults_in_several_files_are_all_reported(tmp_path):
    bad_903 = tmp_path / "903"
    bad_903.mkdir()
    (bad_903 / "Header.csv").write_text("CHILD,SEX\n1,M\n", encoding="utf-8")
    with pytest.raises(AnalysisError) as raised:
        analyse({"cin": tmp_path / "missing.xml", "ssda903": bad_903}, AS_AT)
    problems = raised.value.problems
    assert any("missing.xml" in p and "no such file" in p for p in problems)
    assert any("Header.csv, line 1, column DOB" in p for p in problems)


def test_the_command_needs_a_file(tmp_path):
    with pytest.raises(CommandError, match="name at least one return"):
        call_command("analyse", "--as-at", "2026-03-31", "--out", str(tmp_path))


def test_writing_into_a_missing_directory_fails_before_anything_is_written(census, tmp_path):
    analysis = analyse({"cin": census}, AS_AT)
    with pytest.raises(FileNotFoundError):
        write_analysis(analysis, tmp_path / "not-there")


def test_an_annex_a_workbook_is_analysed_and_its_gaps_named(tmp_path):
    from tests.returns.annex_a.test_dataset import PERSON, write

    path = write(
        tmp_path / "annex-a.xlsx",
        {
            1: [{"Child Unique ID": "B2", **PERSON, "Date of Contact": date(2026, 1, 5),
                 "Contact Source": "q) 6: Police"}],
            3: [{"Child Unique ID": "A1", **PERSON, "Date of referral": date(2025, 11, 3),
                 "Referral Source": "e) 2A: Schools", "Referral NFA?": "b) No",
                 "Number of Referrals in Last 12 Months": 1, "Allocated Team": "East",
                 "Allocated Worker": "Ed Worker"}],
        },
    )  # fmt: skip
    analysis = analyse({"annex-a": path}, AS_AT)
    figures = dict(
        analysis.indicators.filter(analysis.indicators["status"] == "ok")
        .select("indicator_id", "numerator")
        .rows()
    )
    assert figures["K-REFERRALS"] == 1
    assert figures["K-CONTACTS"] == 1
    why = dict(analysis.not_evaluable.select("rule_id", "why").rows())
    assert (
        why["T-CONTACT-DECISION"] == "Annex A gives a contact's date but not its decision or time"
    )
    assert "T-CONTACT-DECISION" not in analysis.deadlines["rule_id"].to_list()
    assert "K-UNALLOCATED" in figures  # Annex A names every open child's team and worker
    assert analysis.dataset.notes  # what the lists cannot show is said in the report


def test_the_903_xml_form_is_analysed_as_its_csv_tables_are(tmp_path, capsys):
    from tests.returns.ssda903.clean_return import clean_rows, write_csvs
    from tests.returns.ssda903.xml_form import xml_from_rows

    rows = clean_rows()
    directory = write_csvs(rows, tmp_path / "903")
    xml = tmp_path / "ssda903.xml"
    xml.write_bytes(xml_from_rows(rows))
    from_csv = analyse({"ssda903": directory}, AS_AT)
    from_xml = analyse({"ssda903": xml}, AS_AT)
    assert from_xml.deadlines.height > 0
    order = ["child_id", "rule_id", "clock_start", "due"]
    assert from_xml.deadlines.sort(order).equals(from_csv.deadlines.sort(order))
    assert from_xml.indicators.equals(from_csv.indicators)
    assert from_xml.findings.sort("child_id", "rule_id").equals(
        from_csv.findings.sort("child_id", "rule_id")
    )
    out = tmp_path / "out"
    call_command("analyse", "--ssda903", str(xml), "--as-at", "2026-03-31", "--out", str(out))
    assert f"{len(rows['Header'])} children" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)


def test_a_broken_903_xml_file_is_reported_located(tmp_path):
    xml = tmp_path / "ssda903.xml"
    xml.write_text("<EXPSSDA903>\n<CHILD>\n<HEADER>\n</CHILD>\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command(
            "analyse", "--ssda903", str(xml), "--as-at", "2026-03-31", "--out", str(tmp_path)
        )
    assert f"{xml}, line 4" in str(raised.value)
    assert "well-formed XML" in str(raised.value)
