"""Every selector that returns a child's personal data audits the read, and refuses a stranger.

For each selector: reading as someone entitled writes the audit event(s) expected (action,
actor, child; for a list, the children shown), and an unrelated worker (a social worker in
another team, with no allocation, plan or contact linking them to the child) is refused or
finds nothing. `test_every_selector_is_classified` fails when a module of selectors gains a
public function that is in neither table here, so a new selector cannot skip its audit test.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from sightline.access import selectors as access_selectors
from sightline.access.models import AuditAction, AuditEvent
from sightline.access.services import break_glass_open, ig_alert_acknowledge
from sightline.oversight import selectors as oversight_selectors
from sightline.oversight.approvals import selectors as approvals_selectors
from sightline.oversight.findings import selectors as findings_selectors
from sightline.oversight.models import Deadline, Finding
from sightline.oversight.supervision import selectors as supervision_selectors
from sightline.people import chronology
from sightline.people import selectors as people_selectors
from sightline.people.selectors import ChildSearchQuery
from sightline.performance import selectors as performance_selectors

from .conftest import Council

pytestmark = pytest.mark.django_db

REASON = "Synthetic emergency: child missing overnight, police need the address now."


@pytest.fixture
def child(council, allocated_child):
    """Allocated to `worker` in Assessment North, with an overdue clock in the team's work."""
    today = timezone.localdate()
    Deadline.objects.create(
        child=allocated_child,
        rule_id="T-CP-VISIT",
        record_type="cp_plans",
        clock_start=today - dt.timedelta(days=20),
        due=today - dt.timedelta(days=3),
        status="overdue",
        computed_for=today,
        computed_at=timezone.now(),
        worker=council.users["worker"],
        team=council.assessment_north,
    )
    Finding.objects.create(
        child=allocated_child,
        rule_id="D-VISIT",
        since=today - dt.timedelta(days=2),
        severity="critical",
        team=council.assessment_north,
        worker=council.users["worker"],
        status="escalated",
        level="director",
        raised_on=today - dt.timedelta(days=2),
        level_since=today,
        last_seen_on=today,
    )
    return allocated_child


@pytest.fixture
def stranger(council):
    """A social worker in Assessment South: nothing links them to the child."""
    return council.users["south_worker"]


@dataclass(frozen=True)
class Expected:
    action: str
    actor: str  # key of council.users
    names_child: bool = True  # the event's child is the child read
    lists_child: bool = False  # the event's result_ids include the child


@dataclass(frozen=True)
class Case:
    """How to read with a selector as `reader`, what that audits, and how a stranger fares."""

    read: Callable  # (council, child, actor) -> result
    reader: str
    expected: tuple[Expected, ...]
    # For a selector of one child's record: the stranger is refused. For a list or search:
    # the stranger may run it, and does not find the child (or is refused).
    finds: Callable | None = None  # (result, child) -> bool


def _opened(council, child, actor):
    return people_selectors.child_record_open(actor=actor, child_id=child.pk)


def _in(ids, child) -> bool:
    return child.pk in ids


def _discussed_in_supervision(council, child):
    """The worker's supervision, discussing the child (through the ORM: no audit of its own)."""
    from sightline.workforce.models import Supervision

    worker = council.users["worker"]
    if not Supervision.objects.filter(worker=worker).exists():
        session = Supervision.objects.create(
            worker=worker, supervisor=council.users["manager"], date=timezone.localdate()
        )
        session.children_discussed.add(child)
    return worker


def _closure_asked(council, child):
    """A case closure of the child asked for by their worker (through the ORM)."""
    from sightline.casework.models import Referral
    from sightline.oversight.models import Approval

    if not Approval.objects.filter(child=child).exists():
        referral = Referral.objects.filter(child=child, closure_date__isnull=True).first()
        referral = referral or Referral.objects.create(
            child=child, referral_date=timezone.localdate(), source="1A"
        )
        Approval.objects.create(
            child=child,
            referral=referral,
            kind="case_closure",
            closure_date=timezone.localdate(),
            closure_reason="RC8",
            rationale="Synthetic.",
            requested_by=council.users["worker"],
            requested_at=timezone.now(),
        )
    return council.assessment_north


CASES: dict[str, Case] = {
    # The children behind a figure (here: those on a worker's caseload) are a list read.
    "performance.indicator_children": Case(
        read=lambda council, child, actor: performance_selectors.indicator_children(
            actor=actor,
            indicator_id="K-CASELOAD",
            level="council",
            unit_id=None,
            which="numerator",
            as_at=timezone.localdate(),
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False, lists_child=True),),
    ),
    "people.child_record_open": Case(
        read=_opened, reader="worker", expected=(Expected(AuditAction.VIEW, "worker"),)
    ),
    "people.child_get": Case(
        read=lambda council, child, actor: people_selectors.child_get(
            actor=actor, child_id=child.pk
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    # The parts of a record are read from the record opened (and audited) once.
    "people.child_household": Case(
        read=lambda council, child, actor: people_selectors.child_household(
            record=_opened(council, child, actor)
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    "chronology.child_chronology": Case(
        read=lambda council, child, actor: chronology.child_chronology(
            record=_opened(council, child, actor)
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    "people.child_search": Case(
        read=lambda council, child, actor: people_selectors.child_search(
            actor=actor, query=ChildSearchQuery(la_child_id=child.la_child_id)
        ),
        reader="worker",
        expected=(Expected(AuditAction.SEARCH, "worker", names_child=False, lists_child=True),),
        finds=lambda result, child: child in result,
    ),
    "people.child_list_allocated": Case(
        read=lambda council, child, actor: people_selectors.child_list_allocated(actor=actor),
        reader="worker",
        expected=(Expected(AuditAction.SEARCH, "worker", names_child=False, lists_child=True),),
        finds=lambda result, child: child in result,
    ),
    # The `sightline deadlines` extract: an export by its --actor, naming every child in it
    # (tests/oversight/test_deadlines_command.py); a social worker may not take it.
    "oversight.deadline_instances_as_at": Case(
        read=lambda council, child, actor: oversight_selectors.deadline_instances_as_at(
            actor=actor, as_at=timezone.localdate()
        ),
        reader="director",
        expected=(Expected(AuditAction.EXPORT, "director", names_child=False),),
    ),
    "oversight.worklist_for_worker": Case(
        read=lambda council, child, actor: oversight_selectors.worklist_for_worker(
            actor=actor, worker=council.users["worker"]
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False, lists_child=True),),
    ),
    "oversight.team_worklist": Case(
        read=lambda council, child, actor: oversight_selectors.team_worklist(
            actor=actor, team=council.assessment_north
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False, lists_child=True),),
    ),
    "oversight.service_overview": Case(
        read=lambda council, child, actor: oversight_selectors.service_overview(
            actor=actor, service=council.safeguarding
        ),
        reader="head",
        expected=(Expected(AuditAction.SEARCH, "head", names_child=False, lists_child=True),),
    ),
    # Issue 12: the oversight pages' findings and unallocated children, and the escalations.
    "findings.team_oversight": Case(
        read=lambda council, child, actor: findings_selectors.team_oversight(
            actor=actor, team=council.assessment_north
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False, lists_child=True),),
    ),
    "findings.escalations_for": Case(
        read=lambda council, child, actor: findings_selectors.escalations_for(actor=actor),
        reader="director",
        expected=(Expected(AuditAction.SEARCH, "director", names_child=False, lists_child=True),),
    ),
    # Issue 12 (h-ovs): a team's supervision schedule names no child; a worker's supervision
    # history lists the children discussed; the decisions awaiting approval list their children
    # (shown on the team's oversight page, which authorises the reader first).
    "supervision.supervision_schedule": Case(
        read=lambda council, child, actor: supervision_selectors.supervision_schedule(
            actor=actor, team=council.assessment_north
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False),),
    ),
    "supervision.supervision_history": Case(
        read=lambda council, child, actor: supervision_selectors.supervision_history(
            actor=actor, worker=_discussed_in_supervision(council, child)
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False, lists_child=True),),
    ),
    "approvals.pending_approvals": Case(
        read=lambda council, child, actor: approvals_selectors.pending_approvals(
            actor=actor, team=_closure_asked(council, child), as_at=timezone.localdate()
        ),
        reader="manager",
        expected=(Expected(AuditAction.SEARCH, "manager", names_child=False, lists_child=True),),
        finds=lambda result, child: any(approval.child_id == child.pk for approval in result),
    ),
    "oversight.child_clocks": Case(
        read=lambda council, child, actor: oversight_selectors.child_clocks(
            record=_opened(council, child, actor)
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    "oversight.child_clock_summary": Case(
        read=lambda council, child, actor: oversight_selectors.child_clock_summary(
            record=_opened(council, child, actor)
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    "people.child_overview": Case(
        read=lambda council, child, actor: people_selectors.child_overview(
            record=_opened(council, child, actor)
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    "people.child_warnings": Case(
        read=lambda council, child, actor: people_selectors.child_warnings(
            record=_opened(council, child, actor)
        ),
        reader="worker",
        expected=(Expected(AuditAction.VIEW, "worker"),),
    ),
    "access.audit_for_child": Case(
        read=lambda council, child, actor: access_selectors.audit_for_child(
            actor=actor, child=child
        ),
        reader="ig",
        expected=(Expected(AuditAction.VIEW_AUDIT, "ig"),),
    ),
    "access.audit_for_user": Case(
        read=lambda council, child, actor: access_selectors.audit_for_user(
            actor=actor, user=council.users["worker"]
        ),
        reader="ig",
        expected=(Expected(AuditAction.VIEW_AUDIT, "ig", names_child=False),),
    ),
    "access.ig_alerts_open": Case(
        read=lambda council, child, actor: list(access_selectors.ig_alerts_open(actor=actor)),
        reader="ig",
        expected=(Expected(AuditAction.VIEW_AUDIT, "ig", names_child=False, lists_child=True),),
    ),
    "access.ig_alerts_recently_acknowledged": Case(
        read=lambda council, child, actor: list(
            access_selectors.ig_alerts_recently_acknowledged(actor=actor)
        ),
        reader="ig",
        expected=(Expected(AuditAction.VIEW_AUDIT, "ig", names_child=False, lists_child=True),),
    ),
}

# Known gaps, each a strict xfail: the test starts passing (and so failing here) once fixed.
GAPS: dict[str, str] = {}

# Public functions of the selector modules that return no child's personal data, or none to
# an actor, and why.
NOT_PERSONAL_DATA = {
    "performance.performance_figures": "counts and rates: no child is named in them",
    "performance.unit_named": "the name of a service, team or worker in the reader's scope",
    "people.actor_may_search_children": "a yes/no about the actor's role",
    "people.actor_may_list_children": "a yes/no about the actor's role",
    "people.child_status": "the badge of a child already returned by child_record_open",
    "chronology.chronology_page": "pages a chronology already read by child_chronology",
    "oversight.team_for_actor": "the actor's own team",
    "findings.may_oversee_team": "a yes/no about the actor and a team",
    "findings.team_caseloads": (
        "counts of a team's children per worker, no child named; shown only on the pages "
        "team_oversight and the reallocation (whose access is checked and audited) read"
    ),
    "oversight.service_for_actor": "the actor's own service",
    "oversight.timescale_rules": "the rulebook in force: no child in it",
    "supervision.supervision_clocks": "workers' supervision due dates: no child in them",
    "supervision.may_see_supervision": "a yes/no about the actor and a worker",
}


_PREFIX = {
    people_selectors: "people",
    chronology: "chronology",
    oversight_selectors: "oversight",
    findings_selectors: "findings",
    supervision_selectors: "supervision",
    approvals_selectors: "approvals",
    access_selectors: "access",
    performance_selectors: "performance",
}


def _defined_in(value, module) -> bool:
    """Whether a function comes from the module, or from a module of the package it is."""
    return value.__module__ == module.__name__ or value.__module__.startswith(f"{module.__name__}.")


def _public_functions() -> set[str]:
    """Every public function a selector module (or package) offers, as "module.function"."""
    return {
        f"{prefix}.{name}"
        for module, prefix in _PREFIX.items()
        for name, value in vars(module).items()
        if not name.startswith("_") and inspect.isfunction(value) and _defined_in(value, module)
    }


def test_the_people_selectors_package_offers_its_selectors_for_classification():
    """A package's selectors are defined in its modules; they must still be found above."""
    assert {"people.child_record_open", "people.child_search", "people.child_household"} <= (
        _public_functions()
    )


def test_every_selector_is_classified():
    unclassified = _public_functions() - set(CASES) - set(NOT_PERSONAL_DATA)
    assert not unclassified, (
        "Add each to CASES in tests/access/test_selectors_audited.py (how it is read and what "
        f"it audits) or to NOT_PERSONAL_DATA with the reason: {sorted(unclassified)}"
    )


def _params():
    for name in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=GAPS[name])] if name in GAPS else []
        yield pytest.param(name, marks=marks, id=name)


def _events_after(sequence: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence"))


def _last_sequence() -> int:
    last = AuditEvent.objects.order_by("-sequence").first()
    return last.sequence if last else 0


@pytest.fixture
def alert(council, child):
    """An IG alert about the child, raised by someone outside the test's readers."""
    return break_glass_open(actor=council.users["colleague"], child=child, reason=REASON).alert


@pytest.mark.parametrize("name", list(_params()))
def test_reading_writes_the_audit_event(council: Council, child, alert, name):
    case = CASES[name]
    if name == "access.ig_alerts_recently_acknowledged":
        ig_alert_acknowledge(actor=council.users["ig"], alert=alert)
    before = _last_sequence()

    case.read(council, child, council.users[case.reader])

    events = _events_after(before)
    assert len(events) == len(case.expected), [(e.action, e.detail) for e in events]
    for event, expected in zip(events, case.expected, strict=True):
        assert event.action == expected.action
        assert event.actor == council.users[expected.actor]
        if expected.names_child:
            assert event.child_id == child.pk
        if expected.lists_child:
            assert child.pk in event.detail.get("result_ids", [])
        assert event.detail.get("allowed", True) is True


@pytest.mark.parametrize("name", list(CASES))
def test_an_unrelated_worker_is_refused(council, child, stranger, alert, name):
    case = CASES[name]
    if case.finds is not None:
        assert not case.finds(case.read(council, child, stranger), child)
        return
    with pytest.raises((Http404, PermissionDenied)):
        case.read(council, child, stranger)


@pytest.mark.parametrize(
    "name", [n for n, c in CASES.items() if c.expected[0].action == AuditAction.VIEW]
)
def test_a_refused_read_of_a_childs_record_is_audited_as_refused(
    council, child, stranger, alert, name
):
    before = _last_sequence()

    with pytest.raises((Http404, PermissionDenied)):
        CASES[name].read(council, child, stranger)

    refused = [e for e in _events_after(before) if e.detail.get("allowed") is False]
    assert refused, "the refusal was not audited"
    assert refused[0].actor == stranger
