"""Issue 12: the team manager's oversight page, acknowledging findings, reallocating a caseload,
and the escalations a head of service sees. Pages count from today, so records here are
dated relative to today where a page's figure depends on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sightline.casework.models import ChildProtectionPlan, Referral
from sightline.drafts.models import Draft
from sightline.oversight.findings.sync import findings_sync
from sightline.oversight.models import Deadline, Finding, FindingStep
from sightline.workforce.models import Allocation

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


@pytest.fixture
def raised(council, cp_case):
    """The tick run today: the CP child's findings are with the East team manager."""
    findings_sync(as_at=_today())
    return Finding.objects.filter(child=cp_case.child)


def _visit(child) -> Finding:
    return Finding.objects.get(child=child, rule_id="D-VISIT")


def test_the_team_manager_sees_the_teams_findings_grouped_by_child(client, council, raised):
    client.force_login(council.east_manager)
    page = client.get(reverse("oversight-team", args=[council.east.pk]))
    assert page.status_code == 200
    groups = page.context["oversight"].to_acknowledge
    assert [group.child.la_child_id for group in groups] == ["LA0001"]
    rules = [row.finding.rule_id for row in groups[0].rows]
    assert set(rules) == set(raised.values_list("rule_id", flat=True))
    assert rules[0] == "D-VISIT"  # critical first
    assert b"No visit within standard" in page.content


def test_another_teams_manager_and_a_social_worker_are_refused(client, council, raised):
    for user in (council.west_manager, council.east_worker):
        client.force_login(user)
        assert client.get(reverse("oversight-team", args=[council.east.pk])).status_code == 403


def test_acknowledging_without_an_action_shows_the_problems_and_keeps_a_draft(
    client, council, raised
):
    finding = _visit(raised.first().child)
    client.force_login(council.east_manager)
    url = reverse("finding-acknowledge", args=[finding.pk])
    page = client.post(url, {"decision": "action", "action": "Visit on Friday"})
    assert page.status_code == 200
    assert b"There is a problem" in page.content
    assert b"Select who will do it" in page.content
    assert b"Enter the date it will be done by" in page.content
    finding.refresh_from_db()
    assert finding.status == "open"
    draft = Draft.objects.get(user=council.east_manager, form="finding-acknowledge")
    assert draft.data["action"] == "Visit on Friday"
    again = client.get(url)
    assert b"Visit on Friday" in again.content and b"has been put back" in again.content


def test_acknowledging_with_an_action_stops_the_finding_and_records_the_step(
    client, council, raised
):
    finding = _visit(raised.first().child)
    due = _today() + dt.timedelta(days=3)
    client.force_login(council.east_manager)
    page = client.post(
        reverse("finding-acknowledge", args=[finding.pk]),
        {
            "decision": "action",
            "action": "Ed to visit this week and see Amy alone.",
            "owner": str(council.east_worker.pk),
            "due_day": str(due.day),
            "due_month": str(due.month),
            "due_year": str(due.year),
        },
    )
    assert page.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.action_owner, finding.action_due) == (
        "acknowledged",
        council.east_worker,
        due,
    )
    step = FindingStep.objects.get(finding=finding, kind="acknowledged")
    assert step.by == council.east_manager
    assert not Draft.objects.filter(user=council.east_manager).exists()
    # And a second acknowledgement changes nothing.
    client.post(
        reverse("finding-acknowledge", args=[finding.pk]),
        {"decision": "none", "reason": "Done"},
    )
    assert FindingStep.objects.filter(finding=finding, kind="acknowledged").count() == 1


def test_no_action_needs_a_reason(client, council, raised):
    finding = _visit(raised.first().child)
    client.force_login(council.east_manager)
    url = reverse("finding-acknowledge", args=[finding.pk])
    assert b"Enter why no action is needed" in client.post(url, {"decision": "none"}).content
    assert client.post(url, {"decision": "none", "reason": "Visited today"}).status_code == 302
    finding.refresh_from_db()
    assert finding.no_action_reason == "Visited today"


def test_a_social_worker_cannot_acknowledge(client, council, raised):
    finding = _visit(raised.first().child)
    client.force_login(council.east_worker)
    url = reverse("finding-acknowledge", args=[finding.pk])
    assert client.post(url, {"decision": "none", "reason": "x"}).status_code == 403
    finding.refresh_from_db()
    assert finding.status == "open"


def _cases(council, make_child, allocate, n, *, worker):
    children = []
    for number in range(n):
        child = make_child(f"LA1{number:03d}", first_name=f"Child{number}")
        allocate(child, team=council.east, worker=worker, start=_today() - dt.timedelta(days=40))
        children.append(child)
    return children


def test_caseloads_count_weight_and_flag_above_the_cap(
    client, council, make_child, allocate, settings
):
    settings.SIGHTLINE_CASELOAD_CAP = 2
    children = _cases(council, make_child, allocate, 3, worker=council.east_worker)
    referral = Referral.objects.create(
        child=children[0], referral_date=_today() - dt.timedelta(days=60), source="1A"
    )
    ChildProtectionPlan.objects.create(
        child=children[0],
        referral=referral,
        start_date=_today() - dt.timedelta(days=30),
        initial_category="NEG",
        latest_category="NEG",
    )
    client.force_login(council.east_manager)
    page = client.get(reverse("oversight-team", args=[council.east.pk]))
    loads = {load.worker.username: load for load in page.context["oversight"].caseloads}
    ed = loads["east.worker"]
    # One child protection (1.5) and two others (1.0 each): 3.5.
    assert (ed.count, ed.weighted, ed.over_cap) == (3, 3.5, True)
    assert (loads["east.worker2"].count, loads["east.worker2"].over_cap) == (0, False)


def test_unallocated_children_are_listed_with_working_days_waiting(
    client, council, make_child, allocate
):
    child = make_child("LA2000")
    # Monday 3 weeks ago to today.
    start = _today() - dt.timedelta(days=21)
    allocate(child, team=council.east, worker=None, start=start)
    client.force_login(council.east_manager)
    page = client.get(reverse("oversight-team", args=[council.east.pk]))
    [item] = page.context["oversight"].unallocated
    assert item.allocation.child == child
    from sightline.oversight.services import council_standards

    _, calendar = council_standards()
    assert item.working_days_waiting == calendar.working_days_between(start, _today()) > 0


def test_reallocating_a_leaving_workers_caseload_checks_loads_then_moves_every_child(
    client, council, make_child, allocate, django_capture_on_commit_callbacks
):
    children = _cases(council, make_child, allocate, 2, worker=council.east_worker)
    url = reverse("oversight-reallocate", args=[council.east.pk])
    client.force_login(council.east_manager)
    choose = client.get(url)
    assert b"Ed Worker (2 children)" in choose.content
    form = client.get(url, {"leaving": council.east_worker.pk})
    assert b"Eve Second \xe2\x80\x93 0 children" in form.content
    allocations = {a.child_id: a for a in Allocation.objects.filter(worker=council.east_worker)}
    answers = {
        "leaving": str(council.east_worker.pk),
        "reason": "leaving",
        f"to_{allocations[children[0].pk].pk}": str(council.east_worker_2.pk),
        f"to_{allocations[children[1].pk].pk}": str(council.east_manager.pk),
    }
    check = client.post(url, answers)
    assert check.status_code == 200
    assert b"Eve Second: 0 \xe2\x86\x92 1 children" in check.content
    assert Allocation.objects.filter(worker=council.east_worker, end_date=None).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**answers, "confirm": "yes"})
    assert done.status_code == 302
    assert not Allocation.objects.filter(worker=council.east_worker, end_date=None).exists()
    ended = Allocation.objects.get(child=children[0], worker=council.east_worker)
    # The leaving worker's last day with the child is the day before the move.
    assert ended.end_date == _today() - dt.timedelta(days=1) and "leaving" in ended.end_reason
    moved = Allocation.objects.get(child=children[0], end_date=None)
    assert moved.start_date == _today()
    assert Allocation.objects.get(child=children[0], end_date=None).worker == council.east_worker_2
    assert Allocation.objects.get(child=children[1], end_date=None).worker == council.east_manager


def test_a_reallocation_with_a_child_left_out_moves_nobody(client, council, make_child, allocate):
    children = _cases(council, make_child, allocate, 2, worker=council.east_worker)
    allocations = {a.child_id: a for a in Allocation.objects.filter(worker=council.east_worker)}
    client.force_login(council.east_manager)
    page = client.post(
        reverse("oversight-reallocate", args=[council.east.pk]),
        {
            "leaving": str(council.east_worker.pk),
            "reason": "leaving",
            f"to_{allocations[children[0].pk].pk}": str(council.east_worker_2.pk),
            "confirm": "yes",
        },
    )
    assert page.status_code == 200
    assert f"Select who will receive {children[1]}".encode() in page.content
    assert Allocation.objects.filter(worker=council.east_worker, end_date=None).count() == 2


def test_a_reallocated_childs_clocks_and_findings_follow_them(
    client, council, cp_case, django_capture_on_commit_callbacks
):
    from sightline.oversight.services import deadlines_refresh_for_child

    deadlines_refresh_for_child(cp_case.child.pk)
    findings_sync(as_at=_today())
    allocation = Allocation.objects.get(child=cp_case.child)
    client.force_login(council.east_manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("oversight-reallocate", args=[council.east.pk]),
            {
                "leaving": str(council.east_worker.pk),
                "reason": "leaving",
                f"to_{allocation.pk}": str(council.east_worker_2.pk),
                "confirm": "yes",
            },
        )
    workers = set(Deadline.objects.filter(child=cp_case.child).values_list("worker", flat=True))
    assert workers == {council.east_worker_2.pk}
    assert set(Finding.objects.filter(child=cp_case.child).values_list("worker", flat=True)) == {
        council.east_worker_2.pk
    }


def test_the_head_of_service_sees_findings_escalated_in_their_service_only(
    client, council, cp_case, settings
):
    settings.SIGHTLINE_ESCALATION_DAYS = "critical=1,serious=1,warning=1"
    findings_sync(as_at=_today() - dt.timedelta(days=7))
    findings_sync(as_at=_today())
    client.force_login(council.head)
    page = client.get(reverse("oversight-escalations"))
    [team] = page.context["escalations"].teams
    assert team.team == council.east
    assert team.count == Finding.objects.filter(child=cp_case.child, status="escalated").count()
    client.force_login(council.care_head)  # heads no service with this child's team
    assert client.get(reverse("oversight-escalations")).status_code == 403
