"""Tests for `sightline findings --as-at DATE`: every drift finding as CSV, audited, with
restricted children left out."""

import csv
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sightline.access.models import AuditAction, AuditEvent, RestrictedRecord
from sightline.oversight.checks import drift_standards_check

from .conftest import utc

HEADER = ["child_id", "rule_id", "severity", "since", "evidence", "status", "owner"]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("findings", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rows(text):
    return list(csv.reader(StringIO(text)))


def test_writes_exactly_the_agreed_columns(cp_case):
    output, _ = run("--as-at", "2025-03-03")
    assert rows(output)[0] == HEADER


def test_writes_the_childs_findings_worked_out_by_hand(cp_case):
    # CP plan from 27 January, seen 3 February: the next visit was due 17 February (10 working
    # days), overdue from the 18th. No oversight since the referral of 6 January, before the
    # plan: 30 working days, due 17 February too. Allocated to Ed Worker in East, whose
    # manager owns the findings.
    output, _ = run("--as-at", "2025-03-03")
    assert rows(output)[1:] == [
        [
            "LA0001",
            "D-VISIT",
            "critical",
            "2025-02-18",
            "CP visit due 17 February 2025, 10 working days overdue; last seen 3 February 2025",
            "open",
            "east.manager",
        ],
        [
            "LA0001",
            "D-OVERSIGHT",
            "serious",
            "2025-02-18",
            "Management oversight due 17 February 2025, 10 working days overdue; none since "
            "the referral of 6 January 2025",
            "open",
            "east.manager",
        ],
    ]


def test_an_earlier_date_knows_nothing_overdue_yet(cp_case):
    output, _ = run("--as-at", "2025-02-17")
    assert rows(output) == [HEADER]


def test_the_owner_is_the_worker_when_the_team_has_no_manager(
    cp_case, council, make_child, allocate
):
    from sightline.casework.models import Referral

    child = make_child("LA0002", first_name="Ben")
    allocate(child, team=council.care, worker=council.east_worker_2, start=date(2025, 1, 6))
    Referral.objects.create(
        child=child, referral_date=date(2025, 1, 6), source="1A", decided_on=date(2025, 1, 6)
    )
    output, _ = run("--as-at", "2025-03-03")
    ben = [row for row in rows(output)[1:] if row[0] == "LA0002"]
    assert [(row[1], row[6]) for row in ben] == [("D-OVERSIGHT", "east.worker2")]


def test_out_writes_the_same_csv_to_a_file_and_says_what_was_not_evaluated(cp_case, tmp_path):
    target = tmp_path / "findings.csv"
    to_stdout, _ = run("--as-at", "2025-03-03")
    printed, message = run("--as-at", "2025-03-03", "--out", str(target))
    assert printed == ""
    assert target.read_text() == to_stdout
    assert "Wrote 2 findings as at 2025-03-03" in message
    assert "Not evaluated: D-ACTIONS" in message


@pytest.mark.parametrize("text", ["31/03/2025", "2025-02-30", ""])
def test_a_date_it_cannot_read_is_a_clear_error(db, text):
    with pytest.raises(CommandError, match=r"--as-at must be a date written YYYY-MM-DD"):
        run("--as-at", text)


def test_the_extract_is_audited_and_leaves_restricted_children_out(cp_case, council):
    output, _ = run("--as-at", "2025-03-03")
    assert len(rows(output)) == 3
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("sequence")
    assert export.actor is None
    assert export.detail["export"] == "findings"
    assert export.detail["as_at"] == "2025-03-03"
    assert export.detail["row_count"] == 2
    assert export.detail["result_ids"] == [cp_case.child.pk]
    assert export.detail["restricted_children_left_out"] == 0

    RestrictedRecord.objects.create(
        child=cp_case.child,
        reason="high_profile",
        created_by=council.head,
        created_at=utc(2025, 1, 1),
    )
    output, errors = run("--as-at", "2025-03-03")
    assert rows(output) == [HEADER]
    assert "Left out 1 restricted child's findings." in errors
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("sequence")
    assert (export.detail["row_count"], export.detail["result_ids"]) == (0, [])
    assert export.detail["restricted_children_left_out"] == 1


def test_a_councils_drift_threshold_applies(cp_case, settings):
    from sightline.casework.models import ChildProtectionPlan

    ChildProtectionPlan.objects.filter(pk=cp_case.plan.pk).update(start_date=date(2023, 11, 1))
    # 1 November 2023 + 15 months = 1 February 2025: long from the 2nd; at 16 months, 1 March.
    output, _ = run("--as-at", "2025-03-03")
    assert ["D-CP-PLAN-LONG", "2025-02-02"] in [row[1:4:2] for row in rows(output)[1:]]
    settings.SIGHTLINE_DRIFT_STANDARDS = "D-CP-PLAN-LONG=16M"
    output, _ = run("--as-at", "2025-03-03")
    assert ["D-CP-PLAN-LONG", "2025-03-02"] in [row[1:4:2] for row in rows(output)[1:]]


def test_a_drift_setting_that_cannot_apply_stops_start_up_naming_the_rule(settings):
    settings.SIGHTLINE_DRIFT_STANDARDS = "D-CP-PLAN-2Y=18M"
    errors = drift_standards_check()
    assert [error.id for error in errors] == ["sightline.E002"]
    assert "D-CP-PLAN-2Y" in errors[0].msg
    settings.SIGHTLINE_DRIFT_STANDARDS = ""
    assert drift_standards_check() == []
