"""Tests for the worklists: ordering, statuses as at today, scoping and the pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.utils import timezone

from sightline.access.models import AuditEvent, RestrictedRecord
from sightline.oversight.models import DeadlineRun
from sightline.oversight.selectors import (
    child_clock_summary,
    child_clocks,
    service_overview,
    team_worklist,
    worklist_for_worker,
)
from sightline.people.selectors import child_record_open

from .conftest import utc

MONDAY = date(2025, 3, 3)  # due soon: due on or before Monday 10 March, the 5th working day


@pytest.fixture
def east_children(council, make_child, allocate):
    """Three children allocated to Ed Worker: one on a CP plan, one looked after, one CIN."""
    cp = make_child("CP1", first_name="Cara", last_name="Protected")
    lac = make_child("LA1", first_name="Lee", last_name="Looked")
    cin = make_child("CN1", first_name="Nia", last_name="Need")
    for child in (cp, lac, cin):
        allocate(child, team=council.east, worker=council.east_worker)
    return cp, lac, cin


def opened(actor, child):
    """The child's record opened by `actor`: the gate every read of their clocks goes through."""
    return child_record_open(actor=actor, child_id=child.pk)


def names(clocks):
    return [(clock.child_name, clock.due) for clock in clocks]


def test_overdue_oldest_first_with_cp_and_looked_after_children_first(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    on = {"worker": council.east_worker, "team": council.east, "status": "overdue"}
    make_deadline(cin, due=date(2025, 1, 6), **on)
    make_deadline(cp, due=date(2025, 2, 3), is_child_protection=True, **on)
    make_deadline(lac, due=date(2025, 1, 20), is_looked_after=True, **on)
    make_deadline(cin, due=date(2025, 2, 10), **on)
    worklist = worklist_for_worker(
        actor=council.east_worker, worker=council.east_worker, as_at=MONDAY
    )
    assert names(worklist.overdue) == [
        ("Lee Looked", date(2025, 1, 20)),
        ("Cara Protected", date(2025, 2, 3)),
        ("Nia Need", date(2025, 1, 6)),
        ("Nia Need", date(2025, 2, 10)),
    ]


def test_due_soon_runs_to_the_fifth_working_day_and_no_further(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    on = {"worker": council.east_worker, "team": council.east, "status": "pending"}
    make_deadline(cin, due=date(2025, 3, 3), **on)  # today
    make_deadline(cin, due=date(2025, 3, 10), **on)  # 5th working day
    make_deadline(cp, due=date(2025, 3, 7), is_child_protection=True, **on)
    make_deadline(cin, due=date(2025, 3, 11), **on)  # 6th: pending, not listed
    worklist = worklist_for_worker(
        actor=council.east_worker, worker=council.east_worker, as_at=MONDAY
    )
    assert names(worklist.due_soon) == [
        ("Cara Protected", date(2025, 3, 7)),
        ("Nia Need", date(2025, 3, 3)),
        ("Nia Need", date(2025, 3, 10)),
    ]
    assert worklist.overdue == []


def test_status_is_worked_out_as_at_today_even_when_the_nightly_recalculation_is_stale(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    # Stored as pending on 1 February; by 3 March it is long overdue.
    make_deadline(
        cin, due=date(2025, 2, 17), status="pending", computed_for=date(2025, 2, 1),
        worker=council.east_worker, team=council.east,
    )  # fmt: skip
    (clock,) = worklist_for_worker(
        actor=council.east_worker, worker=council.east_worker, as_at=MONDAY
    ).overdue
    assert clock.status == "overdue"
    assert clock.status_label == "Overdue"
    assert clock.duration_text == "10 working days overdue"
    assert clock.tag_class == "govuk-tag--red"


def test_a_clock_missed_before_its_plan_ended_is_history_not_work(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    on = {"worker": council.east_worker, "team": council.east, "status": "overdue"}
    make_deadline(cin, due=date(2024, 5, 1), context_end=date(2024, 6, 28), **on)
    make_deadline(cin, due=date(2025, 2, 17), **on)
    worklist = worklist_for_worker(
        actor=council.east_worker, worker=council.east_worker, as_at=MONDAY
    )
    assert [c.due for c in worklist.overdue] == [date(2025, 2, 17)]
    team = team_worklist(actor=council.east_manager, team=council.east, as_at=MONDAY)
    assert (team.overdue_total, team.clock_total) == (1, 1)
    clocks = child_clocks(record=opened(council.east_worker, cin), as_at=MONDAY)
    assert [c.due for c in clocks.open] == [date(2025, 2, 17)]
    (missed,) = clocks.history
    assert (missed.status_label, missed.duration_text) == (
        "Missed",
        "Not met before it ended on 28 June 2024",
    )


def test_met_clocks_are_not_on_the_worklist(council, east_children, make_deadline):
    cp, lac, cin = east_children
    make_deadline(
        cin, due=date(2025, 2, 17), status="met", met_on=date(2025, 2, 14),
        worker=council.east_worker, team=council.east,
    )  # fmt: skip
    worklist = worklist_for_worker(
        actor=council.east_worker, worker=council.east_worker, as_at=MONDAY
    )
    assert worklist.overdue == [] and worklist.due_soon == []


def test_a_worker_cannot_read_another_workers_worklist(council):
    with pytest.raises(PermissionDenied):
        worklist_for_worker(actor=council.east_worker, worker=council.east_worker_2)


def test_a_worker_in_another_team_is_refused(council):
    with pytest.raises(PermissionDenied):
        worklist_for_worker(actor=council.west_worker, worker=council.east_worker)


def test_a_team_manager_reads_their_workers_worklists_only(council):
    worklist_for_worker(actor=council.east_manager, worker=council.east_worker)
    with pytest.raises(PermissionDenied):
        worklist_for_worker(actor=council.east_manager, worker=council.west_worker)


def test_the_head_of_service_reads_worklists_in_their_service_only(council, make_user):
    worklist_for_worker(actor=council.head, worker=council.west_worker)
    care_worker = make_user("care.worker", role="SOCIAL_WORKER", team=council.care)
    with pytest.raises(PermissionDenied):
        worklist_for_worker(actor=council.head, worker=care_worker)


def test_reading_a_worklist_is_audited_with_the_children_it_showed(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    on = {"worker": council.east_worker, "team": council.east, "status": "overdue"}
    make_deadline(cin, due=date(2025, 2, 3), **on)
    make_deadline(cp, due=date(2025, 2, 3), **on)
    worklist_for_worker(actor=council.east_manager, worker=council.east_worker, as_at=MONDAY)
    event = AuditEvent.objects.get()
    assert (event.actor, event.action) == (council.east_manager, "search")
    assert event.detail == {
        "allowed": True,
        "list": "worker worklist",
        "worker_id": council.east_worker.pk,
        "result_count": 2,
        "result_ids": sorted([cp.pk, cin.pk]),
    }


def test_a_refused_worklist_is_audited_as_refused(council):
    with pytest.raises(PermissionDenied):
        worklist_for_worker(actor=council.west_worker, worker=council.east_worker)
    event = AuditEvent.objects.get()
    assert (event.actor, event.detail["allowed"]) == (council.west_worker, False)


def test_a_role_without_worklists_is_refused_even_its_own(council):
    with pytest.raises(PermissionDenied):
        worklist_for_worker(actor=council.analyst, worker=council.analyst)


def test_a_restricted_childs_clocks_are_left_off_unless_on_the_allow_list(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    on = {"worker": council.east_worker, "team": council.east, "status": "overdue"}
    make_deadline(cp, due=date(2025, 2, 3), **on)
    make_deadline(cin, due=date(2025, 2, 10), **on)
    restriction = RestrictedRecord.objects.create(
        child=cp, reason="staff_family", created_by=council.head, created_at=utc(2025, 1, 1)
    )

    def seen_by(actor):
        worklist = team_worklist(actor=actor, team=council.east, as_at=MONDAY)
        return {c.child_name for c in worklist.clocks}, worklist.overdue_total

    assert seen_by(council.east_manager) == ({"Nia Need"}, 1)
    restriction.allow_list.add(council.east_manager)
    assert seen_by(council.east_manager) == ({"Nia Need", "Cara Protected"}, 2)


def test_team_worklist_counts_by_worker_and_filters_by_rule_and_status(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    ed = {"worker": council.east_worker, "team": council.east, "status": "overdue"}
    eve = {"worker": council.east_worker_2, "team": council.east, "status": "pending"}
    make_deadline(cp, due=date(2025, 2, 3), rule_id="T-CP-VISIT", **ed)
    make_deadline(cp, due=date(2025, 2, 10), rule_id="T-CORE-GROUP-1", **ed)
    make_deadline(cin, due=date(2025, 3, 5), rule_id="T-CIN-VISIT", **eve)
    make_deadline(cin, due=date(2025, 6, 5), rule_id="T-CIN-PLAN-REVIEW", **eve)
    worklist = team_worklist(actor=council.east_manager, team=council.east, as_at=MONDAY)
    counts = {
        w.worker_name: (w.overdue, w.due_soon, w.oldest_overdue_due) for w in worklist.by_worker
    }
    assert counts == {
        "Ed Worker": (2, 0, date(2025, 2, 3)),
        "Eve Second": (0, 1, None),
    }
    assert (worklist.overdue_total, worklist.due_soon_total) == (2, 1)
    assert [c.rule_id for c in worklist.clocks] == ["T-CP-VISIT", "T-CORE-GROUP-1", "T-CIN-VISIT"]

    visits = team_worklist(
        actor=council.east_manager, team=council.east, rule_id="T-CP-VISIT", as_at=MONDAY
    )
    assert [c.rule_id for c in visits.clocks] == ["T-CP-VISIT"]
    pending = team_worklist(
        actor=council.east_manager, team=council.east, statuses=("pending",), as_at=MONDAY
    )
    assert [c.rule_id for c in pending.clocks] == ["T-CIN-PLAN-REVIEW"]


def test_team_worklist_is_refused_to_workers_and_other_teams_managers(council):
    for actor in (council.east_worker, council.west_manager, council.analyst):
        with pytest.raises(PermissionDenied):
            team_worklist(actor=actor, team=council.east)


def test_service_overview_counts_each_team_and_names_its_oldest_overdue_child(
    council, east_children, make_child, allocate, make_deadline
):
    cp, lac, cin = east_children
    west_child = make_child("WS1", first_name="Wren", last_name="West")
    allocate(west_child, team=council.west, worker=council.west_worker)
    make_deadline(cp, due=date(2025, 2, 3), team=council.east, status="overdue")
    make_deadline(cin, due=date(2025, 1, 13), team=council.east, status="overdue")
    make_deadline(cin, due=date(2025, 3, 4), team=council.east, status="pending")
    make_deadline(west_child, due=date(2025, 3, 20), team=council.west, status="pending")
    overview = service_overview(actor=council.head, service=council.safeguarding, as_at=MONDAY)
    rows = {row.team.name: row for row in overview.teams}
    assert (rows["East CP team"].overdue, rows["East CP team"].due_soon) == (2, 1)
    assert rows["East CP team"].oldest_overdue.child_name == "Nia Need"
    assert rows["East CP team"].oldest_overdue.due == date(2025, 1, 13)
    assert (rows["West CP team"].overdue, rows["West CP team"].due_soon) == (0, 0)
    assert rows["West CP team"].oldest_overdue is None
    assert [row.team.name for row in overview.teams][0] == "East CP team"


def test_service_overview_is_for_its_head_only(council):
    for actor in (council.care_head, council.east_manager, council.east_worker):
        with pytest.raises(PermissionDenied):
            service_overview(actor=actor, service=council.safeguarding)


def test_child_clocks_lists_open_clocks_and_the_history_of_met_ones(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    make_deadline(cp, due=date(2025, 2, 17), status="overdue")
    make_deadline(cp, due=date(2025, 3, 31), status="pending")
    make_deadline(cp, due=date(2025, 2, 3), status="met", met_on=date(2025, 1, 31))
    make_deadline(cp, due=date(2025, 1, 20), status="met_late", met_on=date(2025, 1, 22))
    clocks = child_clocks(record=opened(council.east_worker, cp), as_at=MONDAY)
    assert [(c.due, c.status) for c in clocks.open] == [
        (date(2025, 2, 17), "overdue"),
        (date(2025, 3, 31), "pending"),
    ]
    assert [(c.due, c.status) for c in clocks.history] == [
        (date(2025, 2, 3), "met"),
        (date(2025, 1, 20), "met_late"),
    ]
    assert clocks.history[1].duration_text == "Met 2 working days late"
    assert (clocks.overdue_count, clocks.due_soon_count) == (1, 0)


def test_child_clocks_list_the_longest_overdue_first_then_due_soon_then_pending(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    make_deadline(cp, due=date(2025, 3, 20), status="pending")
    make_deadline(cp, due=date(2025, 3, 5), status="pending")
    make_deadline(cp, due=date(2025, 2, 24), status="overdue")
    make_deadline(cp, due=date(2025, 1, 13), status="overdue")
    clocks = child_clocks(record=opened(council.east_worker, cp), as_at=MONDAY)
    assert [(c.due, c.status) for c in clocks.open] == [
        (date(2025, 1, 13), "overdue"),
        (date(2025, 2, 24), "overdue"),
        (date(2025, 3, 5), "due_soon"),
        (date(2025, 3, 20), "pending"),
    ]
    assert (clocks.overdue_count, clocks.due_soon_count) == (2, 1)


def test_child_clock_summary_counts_overdue_and_due_soon_and_names_the_next_due(
    council, east_children, make_deadline
):
    cp, lac, cin = east_children
    make_deadline(cp, due=date(2025, 2, 17), status="overdue")
    make_deadline(cp, due=date(2025, 3, 10), status="pending", rule_id="T-CIN-VISIT")
    make_deadline(cp, due=date(2025, 3, 5), status="pending", rule_id="T-CP-VISIT")
    make_deadline(cp, due=date(2025, 3, 31), status="pending")
    make_deadline(cp, due=date(2025, 2, 3), status="met", met_on=date(2025, 1, 31))
    summary = child_clock_summary(record=opened(council.east_worker, cp), as_at=MONDAY)
    assert (summary.overdue_count, summary.due_soon_count, summary.open_count) == (1, 2, 4)
    assert (summary.next_due.rule_id, summary.next_due.due) == ("T-CP-VISIT", date(2025, 3, 5))
    assert summary.next_due.duration_text == "Due in 2 working days"


def test_child_clock_summary_of_a_child_with_no_clocks_is_empty(council, east_children):
    cp, lac, cin = east_children
    summary = child_clock_summary(record=opened(council.east_worker, cp), as_at=MONDAY)
    assert (summary.overdue_count, summary.due_soon_count, summary.next_due) == (0, 0, None)


def test_child_clocks_are_refused_to_an_unrelated_worker(council, east_children):
    cp, lac, cin = east_children
    # Outside their scope the record does not exist for them: the child record's own answer.
    with pytest.raises(Http404):
        child_clocks(record=opened(council.west_worker, cp))


def test_child_clocks_cannot_be_read_without_opening_the_record(council, east_children):
    cp, lac, cin = east_children
    with pytest.raises(TypeError):
        child_clocks(record=cp)
    with pytest.raises(TypeError):
        child_clock_summary(record=cp)


def test_reading_a_childs_clocks_is_audited_once_by_opening_the_record(council, east_children):
    cp, lac, cin = east_children
    record = opened(council.east_manager, cp)
    child_clocks(record=record)
    child_clock_summary(record=record)
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.child_id) == (council.east_manager, "view", cp.pk)
    assert event.detail["allowed"] is True


# --- Pages -------------------------------------------------------------------------------------


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ed_overdue(council, east_children, make_deadline, today):
    """Ed Worker's list as at today: two overdue clocks and one due today."""
    cp, lac, cin = east_children
    on = {"worker": council.east_worker, "team": council.east}
    make_deadline(
        cp, due=today - timedelta(days=30), status="overdue", is_child_protection=True, **on
    )
    make_deadline(cin, due=today - timedelta(days=60), status="overdue", **on)
    make_deadline(lac, due=today, status="due_soon", is_looked_after=True, **on)
    return east_children


def test_my_work_page_counts_in_headings_and_links_every_row_to_the_child(
    client, council, ed_overdue
):
    cp, lac, cin = ed_overdue
    client.force_login(council.east_worker)
    response = client.get("/my-work/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Overdue (2)" in page
    assert "Due in the next 5 working days (1)" in page
    for child in (cp, lac, cin):
        assert f'href="/children/{child.pk}/"' in page
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--yellow">Due soon</strong>' in page
    assert "working days overdue" in page
    assert page.index("Cara Protected") < page.index("Nia Need")


def test_pages_say_when_figures_were_computed(client, council, ed_overdue):
    DeadlineRun.objects.create(
        as_at=date(2025, 3, 3),
        started_at=utc(2025, 3, 3, 2, 0),
        finished_at=utc(2025, 3, 3, 2, 1),
        deadline_count=3,
    )
    client.force_login(council.east_worker)
    page = client.get("/my-work/").content.decode()
    assert "Figures computed at 02:01 on 3 March 2025" in page


def test_a_team_manager_sees_a_workers_list_and_the_team_page(client, council, ed_overdue):
    client.force_login(council.east_manager)
    assert client.get(f"/workers/{council.east_worker.pk}/work/").status_code == 200
    page = client.get("/team/").content.decode()
    assert "East CP team" in page
    assert "By worker: overdue (2), due in the next 5 working days (1)" in page
    assert f'href="/workers/{council.east_worker.pk}/work/"' in page


def test_team_page_filters_by_status_and_rule(client, council, ed_overdue, make_deadline, today):
    cp, lac, cin = ed_overdue
    make_deadline(cin, due=today + timedelta(days=60), status="pending", rule_id="T-CIN-VISIT",
                  team=council.east, worker=council.east_worker)  # fmt: skip
    client.force_login(council.east_manager)
    page = client.get("/team/", {"status": "pending"}).content.decode()
    assert "Clocks (1)" in page
    assert "Visit the child on a child in need plan" in page
    page = client.get("/team/", {"status": ["overdue", "due_soon"], "rule": "T-CP-VISIT"})
    assert "Clocks (3)" in page.content.decode()


def test_team_page_lists_clocks_a_page_at_a_time(
    client, council, east_children, make_deadline, today
):
    cp, lac, cin = east_children
    for n in range(105):
        make_deadline(cin, due=today - timedelta(days=n + 1), status="overdue", team=council.east)
    make_deadline(cp, due=today - timedelta(days=1), status="overdue", team=council.east,
                  is_child_protection=True)  # fmt: skip
    client.force_login(council.east_manager)
    first = client.get("/team/").content.decode()
    assert "Clocks (106)" in first
    assert "Page 1 of 2" in first
    table = first[first.index('id="clocks"') :]
    assert table.count('<tr class="govuk-table__row">') == 1 + 100  # the header, a page of rows
    # The child on a child protection plan heads the first page, whatever its due date.
    assert table.index("Cara Protected") < table.index("Nia Need")
    second = client.get("/team/", {"status": ["overdue", "due_soon"], "page": "2"})
    rest = second.content.decode()
    assert rest[rest.index('id="clocks"') :].count('<tr class="govuk-table__row">') == 1 + 6
    assert client.get("/team/", {"page": "99"}).status_code == 200


def test_a_worker_cannot_see_another_teams_worklist(client, council, ed_overdue):
    client.force_login(council.west_worker)
    assert client.get(f"/team/{council.east.pk}/").status_code == 403
    assert client.get("/team/").status_code == 403
    assert client.get(f"/workers/{council.east_worker.pk}/work/").status_code == 403


def test_another_teams_manager_is_refused(client, council, ed_overdue):
    client.force_login(council.west_manager)
    assert client.get(f"/team/{council.east.pk}/").status_code == 403


def test_the_head_of_service_sees_the_service_page_and_its_teams(client, council, ed_overdue):
    client.force_login(council.head)
    response = client.get("/service/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Safeguarding" in page
    assert "overdue (2)" in page
    assert f'href="/team/{council.east.pk}/"' in page
    assert client.get(f"/team/{council.east.pk}/").status_code == 200
    # The "Team" navigation item takes a head of service to their service.
    assert client.get("/team/").url == "/service/"


def test_the_service_page_is_refused_to_others(client, council, ed_overdue):
    for user in (council.east_manager, council.analyst, council.care_head):
        client.force_login(user)
        assert client.get(f"/service/{council.safeguarding.pk}/").status_code == 403


def test_worklists_need_sign_in(client, db):
    assert client.get("/my-work/").status_code == 302


@pytest.mark.parametrize("rows", [3, 60])
def test_worklist_pages_run_a_bounded_number_of_queries(
    client, council, east_children, make_deadline, today, rows, django_assert_max_num_queries
):
    cp, lac, cin = east_children
    for n in range(rows):
        make_deadline(
            (cp, lac, cin)[n % 3], due=today - timedelta(days=n % 20), status="overdue",
            worker=(council.east_worker, council.east_worker_2)[n % 2], team=council.east,
        )  # fmt: skip
    client.force_login(council.east_worker)
    # Session and user (2), restricted records (1), deadlines (1), the access audit event (4,
    # plus the chain's advisory lock on PostgreSQL), freshness (1), saving the session (3) and
    # the record-access scope of the children shown (1, plus 1 for the reader's team or teams
    # or services the scope rules name) and the worker's own drafts (1): the same however
    # many rows.
    lock = 1 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(15 + lock):
        assert client.get("/my-work/").status_code == 200
    client.force_login(council.east_manager)
    with django_assert_max_num_queries(18 + lock):
        assert client.get("/team/").status_code == 200
    client.force_login(council.head)
    with django_assert_max_num_queries(18 + lock):
        assert client.get("/service/").status_code == 200
