"""Tests for `sightline deadlines --as-at DATE`: every deadline instance as CSV."""

import csv
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sightline.access.models import AuditAction, AuditEvent, RestrictedRecord
from sightline.oversight.models import Deadline

from .conftest import utc

HEADER = [
    "child_id",
    "rule_id",
    "record_type",
    "record_id",
    "clock_start",
    "due",
    "met_on",
    "status",
    "worker",
    "team",
]


def run(*args, actor="head"):
    out, err = StringIO(), StringIO()
    call_command("deadlines", *args, *(("--actor", actor) if actor else ()), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rows(text):
    return list(csv.reader(StringIO(text)))


def test_writes_exactly_the_agreed_columns(cp_case):
    output, _ = run("--as-at", "2025-03-03")
    assert rows(output)[0] == HEADER


def test_writes_one_row_per_deadline_with_la_child_id_iso_dates_and_names(cp_case):
    output, _ = run("--as-at", "2025-03-03")
    table = rows(output)[1:]
    assert len(table) == 11
    plan = str(cp_case.plan.pk)
    assert [
        "LA0001", "T-CP-VISIT", "cp_plans", plan, "2025-01-27", "2025-02-10", "2025-02-03",
        "met", "Ed Worker", "East CP team",
    ] in table  # fmt: skip
    assert [
        "LA0001", "T-CP-VISIT", "cp_plans", plan, "2025-02-03", "2025-02-17", "",
        "overdue", "Ed Worker", "East CP team",
    ] in table  # fmt: skip
    contact = str(cp_case.contact.pk)
    assert [
        "LA0001", "T-CONTACT-DECISION", "contacts", contact, "2025-01-03", "2025-01-06", "",
        "overdue", "Ed Worker", "East CP team",
    ] in table  # fmt: skip


def test_works_out_deadlines_from_the_record_not_the_stored_worklists(cp_case):
    assert not Deadline.objects.exists()
    output, _ = run("--as-at", "2025-03-03")
    assert len(rows(output)) == 12


def test_an_earlier_date_knows_nothing_recorded_after_it(cp_case):
    output, _ = run("--as-at", "2025-01-31")
    visits = [row for row in rows(output)[1:] if row[1] == "T-CP-VISIT"]
    # On 31 January the first visit (3 February) had not happened: one clock, not yet due soon.
    assert visits == [
        [
            "LA0001", "T-CP-VISIT", "cp_plans", str(cp_case.plan.pk), "2025-01-27",
            "2025-02-10", "", "pending", "Ed Worker", "East CP team",
        ]
    ]  # fmt: skip


def test_out_writes_the_same_csv_to_a_file(cp_case, tmp_path):
    target = tmp_path / "deadlines.csv"
    to_stdout, _ = run("--as-at", "2025-03-03")
    printed, message = run("--as-at", "2025-03-03", "--out", str(target))
    assert printed == ""
    assert target.read_text() == to_stdout
    assert "Wrote 11 deadlines as at 2025-03-03" in message


def test_an_empty_record_gives_just_the_header(council):
    output, _ = run("--as-at", "2025-03-03")
    assert rows(output) == [HEADER]


@pytest.mark.parametrize("text", ["31/03/2025", "2025-02-30", "yesterday", ""])
def test_a_date_it_cannot_read_is_a_clear_error(council, text):
    with pytest.raises(CommandError, match=r"--as-at must be a date written YYYY-MM-DD"):
        run("--as-at", text)


def test_as_at_is_required(council):
    with pytest.raises(CommandError, match="--as-at"):
        run()


def test_deadline_dates_are_iso(cp_case):
    output, _ = run("--as-at", "2025-03-03")
    for row in rows(output)[1:]:
        for value in row[4:7]:
            assert value == "" or date.fromisoformat(value)


def test_a_restricted_childs_deadlines_are_left_out_and_the_extract_is_audited(cp_case, council):
    output, _ = run("--as-at", "2025-03-03")
    everyone = rows(output)[1:]
    la_child_id = cp_case.child.la_child_id
    assert any(row[0] == la_child_id for row in everyone)
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("sequence")
    assert export.actor == council.head
    assert export.detail["export"] == "deadlines"
    assert export.detail["row_count"] == len(everyone)
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
    assert "Left out 1 restricted child's deadlines." in errors
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("sequence")
    assert (export.detail["row_count"], export.detail["result_ids"]) == (0, [])
    assert export.detail["restricted_children_left_out"] == 1


# --- Issue 11 row 14: the extract names every child in it, and who took it -----------------


def test_row_14_without_an_actor_the_operator_takes_every_child_and_the_system_is_audited(
    cp_case, council
):
    output, _ = run("--as-at", "2025-03-03", actor=None)
    assert any(row[0] == cp_case.child.la_child_id for row in rows(output)[1:])
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("sequence")
    assert export.actor is None
    assert export.detail["taken_by"] == "operator at the server (no --actor)"
    assert export.detail["result_ids"] == [cp_case.child.pk]


def test_row_14_an_unknown_actor_is_a_clear_error(council):
    with pytest.raises(CommandError, match="No active user has the username 'nobody'"):
        run("--as-at", "2025-03-03", actor="nobody")


def test_row_14_a_role_that_may_not_take_the_extract_is_refused_and_the_refusal_audited(
    cp_case, council
):
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="may take the extract"):
        run("--as-at", "2025-03-03", actor="analyst")
    [refusal] = AuditEvent.objects.order_by("sequence")[before:]
    assert refusal.action == AuditAction.REFUSED and refusal.actor == council.analyst
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_row_14_the_extract_holds_only_the_children_the_actor_may_see(cp_case, council):
    # The head of children in care has no safeguarding child in scope.
    output, _ = run("--as-at", "2025-03-03", actor="care.head")
    assert rows(output) == [HEADER]


def test_row_14_every_child_in_a_large_extract_is_named_in_the_audit(cp_case, council, make_user):
    """Issue 11 row 14: the audit named the first 200 of 29,144 children and no actor."""
    from sightline.casework.models import Contact
    from sightline.people.models import Person
    from sightline.workforce.models import Allocation

    born = date(2015, 4, 1)
    children = Person.objects.bulk_create(
        Person(la_child_id=f"LA{n + 2:04d}", first_name="Sam", last_name="Taylor", sex="F",
               date_of_birth=born)
        for n in range(450)
    )  # fmt: skip
    Allocation.objects.bulk_create(
        Allocation(child=c, team=council.east, worker=council.east_worker, start_date=born)
        for c in children
    )
    Contact.objects.bulk_create(
        Contact(child=c, received_at=utc(2025, 2, 3), source="1A") for c in children
    )
    children.append(cp_case.child)

    output, _ = run("--as-at", "2025-03-03")

    in_extract = {row[0] for row in rows(output)[1:]}
    assert len(in_extract) == 451
    parts = list(AuditEvent.objects.filter(action=AuditAction.EXPORT).order_by("sequence"))
    assert len(parts) > 1
    assert [p.detail["part"] for p in parts] == list(range(1, len(parts) + 1))
    assert {p.detail["parts"] for p in parts} == {len(parts)}
    assert {p.actor for p in parts} == {council.head}
    assert {p.detail["result_count"] for p in parts} == {451}
    named = [child_id for p in parts for child_id in p.detail["result_ids"]]
    assert sorted(named) == sorted(child.pk for child in children)
    # Each child's access history finds the extract, whichever part names them.
    from sightline.access.selectors import audit_for_child

    ig = make_user("ig", role="IG_OFFICER")
    last = Person.objects.get(pk=parts[-1].detail["result_ids"][-1])
    assert parts[-1] in audit_for_child(actor=ig, child=last)
    [naming_amy] = [p for p in parts if cp_case.child.pk in p.detail["result_ids"]]
    assert naming_amy in audit_for_child(actor=ig, child=cp_case.child)
