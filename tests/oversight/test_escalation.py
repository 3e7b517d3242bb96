"""Issue 12: findings climb the management chain until someone acts, on a frozen as-at date.

The child of `cp_case` had their last CP visit on Monday 3 February 2025; the next was due 10
working days later, 17 February, so D-VISIT (critical) holds from 18 February. Ticks run as at
chosen dates (no wall clock). With critical findings waiting 2 working days at a level:

* raised Monday 3 March 2025 to the team manager (Emma Manager);
* still with her on Tuesday 4 March (1 working day);
* to the head of service (Hana Head) on Wednesday 5 March (2 working days);
* to the director on Friday 7 March (2 working days after that).
"""

import io
from datetime import date

import pytest
from django.core.management import call_command

from sightline.access.models import AuditEvent
from sightline.oversight.findings.actions import finding_acknowledge
from sightline.oversight.models import Finding, FindingStep
from sightline.people.chronology import child_chronology
from sightline.people.selectors import child_record_open

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_days_for_critical(settings):
    settings.SIGHTLINE_ESCALATION_DAYS = "critical=2,serious=3,warning=4"


@pytest.fixture
def director(make_user):
    return make_user("director", role="DIRECTOR", first_name="Dee", last_name="Rector")


def _tick(day: date) -> None:
    call_command("tick", as_at=day.isoformat(), stdout=io.StringIO())


def _visit_finding(child) -> Finding:
    return Finding.objects.get(child=child, rule_id="D-VISIT")


def _steps(finding):
    return [
        (step.kind, step.on, step.level, step.sent_to.username if step.sent_to else None)
        for step in FindingStep.objects.filter(finding=finding)
    ]


def test_an_unacknowledged_finding_reaches_the_head_of_service_then_the_director(
    council, cp_case, director
):
    _tick(date(2025, 3, 3))
    finding = _visit_finding(cp_case.child)
    assert (finding.status, finding.level, finding.since) == (
        "open",
        "team_manager",
        date(2025, 2, 18),
    )
    _tick(date(2025, 3, 4))
    assert _visit_finding(cp_case.child).level == "team_manager"
    _tick(date(2025, 3, 5))
    finding = _visit_finding(cp_case.child)
    assert (finding.status, finding.level) == ("escalated", "head_of_service")
    _tick(date(2025, 3, 6))
    assert _visit_finding(cp_case.child).level == "head_of_service"
    _tick(date(2025, 3, 7))
    assert _visit_finding(cp_case.child).level == "director"
    _tick(date(2025, 3, 14))  # the top of the chain: it stays with the director
    assert _steps(finding) == [
        ("raised", date(2025, 3, 3), "team_manager", "east.manager"),
        ("escalated", date(2025, 3, 5), "head_of_service", "head"),
        ("escalated", date(2025, 3, 7), "director", "director"),
    ]
    # Each step is in the audit, by the system, naming the step.
    steps = {
        event.detail["step"]
        for event in AuditEvent.objects.filter(
            actor=None, child_id=cp_case.child.pk, object_type="oversight.findingstep"
        )
        if event.detail.get("finding_id") == finding.pk
    }
    assert steps == {"raised", "escalated"}


def test_a_tick_missed_for_days_climbs_every_level_due_each_dated_when_its_wait_ran_out(
    council, cp_case, director
):
    _tick(date(2025, 3, 3))
    _tick(date(2025, 3, 10))
    finding = _visit_finding(cp_case.child)
    assert [(kind, on) for kind, on, _, _ in _steps(finding)] == [
        ("raised", date(2025, 3, 3)),
        ("escalated", date(2025, 3, 5)),
        ("escalated", date(2025, 3, 7)),
    ]


def test_an_acknowledged_finding_stops_climbing(council, cp_case, director):
    _tick(date(2025, 3, 3))
    finding = _visit_finding(cp_case.child)
    finding_acknowledge(
        actor=council.east_manager,
        finding=finding,
        action="Ed to visit Amy at school this week and see her alone.",
        action_owner=council.east_worker,
        action_due=date(2025, 3, 7),
    )
    _tick(date(2025, 3, 5))
    _tick(date(2025, 3, 12))
    finding.refresh_from_db()
    assert (finding.status, finding.level) == ("acknowledged", "team_manager")
    assert [kind for kind, *_ in _steps(finding)] == ["raised", "acknowledged"]


def test_a_finding_is_resolved_when_its_rule_stops_firing(council, cp_case, director):
    from sightline.casework.models import Visit

    _tick(date(2025, 3, 3))
    Visit.objects.create(child=cp_case.child, date=date(2025, 3, 4), kind="CP", child_seen=True)
    _tick(date(2025, 3, 4))
    finding = _visit_finding(cp_case.child)
    assert (finding.status, finding.resolved_on) == ("resolved", date(2025, 3, 4))
    assert [kind for kind, *_ in _steps(finding)][-1] == "resolved"


def test_a_second_tick_on_the_same_day_changes_nothing(council, cp_case, director):
    _tick(date(2025, 3, 5))
    before = FindingStep.objects.count()
    _tick(date(2025, 3, 5))
    assert FindingStep.objects.count() == before > 0


def test_every_step_is_on_the_childs_chronology(council, cp_case, director):
    _tick(date(2025, 3, 3))
    _tick(date(2025, 3, 7))
    finding_acknowledge(
        actor=director,
        finding=_visit_finding(cp_case.child),
        action="Service manager to review the case with the team today.",
        action_owner=council.head,
        action_due=date(2025, 3, 10),
    )
    record = child_record_open(actor=director, child_id=cp_case.child.pk)
    titles = [e.title for e in child_chronology(record=record) if e.tag == "Drift finding"]
    visit = "No visit within standard"
    assert f"Drift finding raised: {visit}" in titles
    assert f"Drift finding escalated to the head of service: {visit}" in titles
    assert f"Drift finding escalated to the director: {visit}" in titles
    assert f"Drift finding acknowledged: {visit}" in titles
