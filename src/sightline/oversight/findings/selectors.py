"""Reads for the oversight pages: a team's findings, caseloads and unallocated children; the
escalations a head of service or director must see. Each is scoped to the acting user, leaves
out children they may not open, and is written to the access audit with the children shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone

from sightline.access.policies import children_visible_to
from sightline.care.models import CareLeaver, LookedAfterEpisode
from sightline.casework.models import ChildInNeedPlan, ChildProtectionPlan
from sightline.oversight.findings.standards import (
    CASE_TYPES,
    caseload_cap,
    caseload_weights,
    escalation_standards,
)
from sightline.oversight.models import UNACKNOWLEDGED, Finding, FindingLevel, FindingStatus
from sightline.oversight.selectors.worklists import (
    _audit_list,
    _authorise_list,
    _may_oversee_team,
)
from sightline.oversight.services import council_standards
from sightline.people.models import Person
from sightline.periods import open_on
from sightline.standards import codes
from sightline.standards.drift import RULES, Severity
from sightline.workforce.models import Allocation, Service, Team, User

__all__ = [
    "CASEHOLDING_ROLES",
    "ChildFindings",
    "Escalations",
    "TeamOversight",
    "WorkerLoad",
    "escalations_for",
    "may_oversee_team",
    "team_caseloads",
    "team_oversight",
]

_ROLE = codes.ROLE.enum
CASEHOLDING_ROLES = (_ROLE.SOCIAL_WORKER, _ROLE.SENIOR_PRACTITIONER, _ROLE.TEAM_MANAGER)
_TITLES = {rule.id: rule.title for rule in RULES}
_RANK = {severity.value: severity.rank for severity in Severity}
# Assessed and supported year in employment: a worker qualified less than a year ago.
_NEWLY_QUALIFIED_DAYS = 365


def may_oversee_team(actor, team: Team) -> bool:
    """A team's manager, the head of its service, or the director."""
    return actor.role == _ROLE.DIRECTOR or _may_oversee_team(actor, team)


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    title: str
    age_days: int  # calendar days since the rule first held
    days_at_level: int  # working days at its present level
    escalates_on: date | None  # when it goes up if still not acknowledged

    @property
    def action_overdue(self) -> bool:
        due = self.finding.action_due
        return due is not None and due < timezone.localdate()


@dataclass
class ChildFindings:
    """One child's findings on the page, gravest first."""

    child: Person
    rows: list[FindingRow] = field(default_factory=list)

    @property
    def worst(self) -> str:
        return max((row.finding.severity for row in self.rows), key=_RANK.__getitem__)


@dataclass(frozen=True)
class WorkerLoad:
    worker: User
    count: int
    weighted: float
    by_type: dict[str, int]
    over_cap: bool
    newly_qualified: bool

    @property
    def type_summary(self) -> str:
        """How many of each case type, e.g. "3 child protection; 1 looked after"."""
        return "; ".join(f"{n} {CASE_TYPES[kind].lower()}" for kind, n in self.by_type.items() if n)


@dataclass(frozen=True)
class Unallocated:
    allocation: Allocation
    working_days_waiting: int


@dataclass(frozen=True)
class TeamOversight:
    team: Team
    as_at: date
    to_acknowledge: list[ChildFindings]
    acknowledged: list[FindingRow]
    severity_counts: dict[str, int]
    caseloads: list[WorkerLoad]
    unallocated: list[Unallocated]
    cap: int
    weights: dict[str, float]

    @property
    def weights_text(self) -> str:
        return ", ".join(f"{CASE_TYPES[k].lower()} {w:g}" for k, w in self.weights.items())


def _rows(findings, as_at: date) -> list[FindingRow]:
    _, calendar = council_standards()
    days = escalation_standards()
    rows = []
    for finding in findings:
        at_level = calendar.working_days_between(finding.level_since, as_at)
        escalates_on = None
        if finding.status in UNACKNOWLEDGED and finding.level != FindingLevel.DIRECTOR:
            escalates_on = calendar.add_working_days(
                finding.level_since, days[Severity(finding.severity)]
            )
        rows.append(
            FindingRow(
                finding=finding,
                title=_TITLES.get(finding.rule_id, finding.rule_id),
                age_days=(as_at - finding.since).days,
                days_at_level=max(at_level, 0),
                escalates_on=escalates_on,
            )
        )
    return rows


def _visible(actor, findings) -> list[Finding]:
    findings = list(findings)
    ids = {finding.child_id for finding in findings}
    if not ids:
        return findings
    visible = set(children_visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    return [finding for finding in findings if finding.child_id in visible]


def _grouped(rows: list[FindingRow]) -> list[ChildFindings]:
    by_child: dict[int, ChildFindings] = {}
    for row in rows:
        group = by_child.setdefault(row.finding.child_id, ChildFindings(row.finding.child))
        group.rows.append(row)
    for group in by_child.values():
        group.rows.sort(key=lambda r: (-_RANK[r.finding.severity], r.finding.since))
    return sorted(
        by_child.values(),
        key=lambda g: (-_RANK[g.worst], min(r.finding.since for r in g.rows), g.child.pk),
    )


def _case_types(child_ids, as_at: date) -> dict[int, str]:
    """Each child's case type on `as_at`, gravest first (see `standards.CASE_TYPES`)."""

    def running(model):
        return Exists(model.objects.filter(open_on(as_at), child=OuterRef("pk")))

    children = Person.objects.filter(pk__in=child_ids).annotate(
        lac=running(LookedAfterEpisode),
        cp=running(ChildProtectionPlan),
        cin=running(ChildInNeedPlan),
        leaver=Exists(CareLeaver.objects.filter(child=OuterRef("pk"))),
    )
    types = {}
    for pk, lac, cp, cin, leaver in children.values_list("pk", "lac", "cp", "cin", "leaver"):
        types[pk] = (
            "LAC" if lac else "CP" if cp else "CIN" if cin else "CARE_LEAVER" if leaver else "OTHER"
        )
    return types


def _open_allocations(as_at: date):
    return Allocation.objects.filter(open_on(as_at))


def team_caseloads(team: Team, as_at: date) -> list[WorkerLoad]:
    """Every case-holding worker of the team with their open allocations, count and weighted."""
    workers = list(
        User.objects.filter(team=team, is_active=True, role__in=CASEHOLDING_ROLES)
        .exclude(left_on__lt=as_at)
        .order_by("last_name", "first_name", "pk")
    )
    allocations = list(
        _open_allocations(as_at).filter(worker__in=workers).values_list("worker_id", "child_id")
    )
    types = _case_types({child for _, child in allocations}, as_at)
    weights = caseload_weights()
    cap = caseload_cap()
    by_worker: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(CASE_TYPES, 0))
    for worker_id, child_id in allocations:
        by_worker[worker_id][types[child_id]] += 1
    loads = []
    for worker in workers:
        counts = by_worker[worker.pk]
        count = sum(counts.values())
        loads.append(
            WorkerLoad(
                worker=worker,
                count=count,
                weighted=round(sum(weights[t] * n for t, n in counts.items()), 1),
                by_type=counts,
                over_cap=count > cap,
                newly_qualified=worker.qualified_on is not None
                and (as_at - worker.qualified_on).days < _NEWLY_QUALIFIED_DAYS,
            )
        )
    return loads


def team_oversight(*, actor, team: Team, as_at: date | None = None, request=None) -> TeamOversight:
    """The team manager's oversight page: findings to act on, actions, caseloads, unallocated."""
    as_at = as_at or timezone.localdate()
    _authorise_list(
        actor,
        lambda: may_oversee_team(actor, team),
        what="team oversight",
        scope={"team_id": team.pk},
        message="You can see the oversight page of your own team or service only.",
        request=request,
    )
    findings = _visible(
        actor,
        Finding.objects.filter(team=team)
        .exclude(status=FindingStatus.RESOLVED)
        .select_related("child", "action_owner", "acknowledged_by")
        .order_by("child_id", "since"),
    )
    rows = _rows(findings, as_at)
    open_rows = [row for row in rows if row.finding.status in UNACKNOWLEDGED]
    acknowledged = sorted(
        (row for row in rows if row.finding.status == FindingStatus.ACKNOWLEDGED),
        key=lambda r: (r.finding.action_due or date.max, r.finding.pk),
    )
    counts = dict.fromkeys([s.value for s in sorted(Severity, key=lambda s: -s.rank)], 0)
    for row in open_rows:
        counts[row.finding.severity] += 1
    _, calendar = council_standards()
    waiting = _open_allocations(as_at).filter(team=team, worker__isnull=True)
    visible = set(
        children_visible_to(actor)
        .filter(pk__in=waiting.values("child_id"))
        .values_list("pk", flat=True)
    )
    unallocated = sorted(
        (
            Unallocated(a, max(calendar.working_days_between(a.start_date, as_at), 0))
            for a in waiting.select_related("child")
            if a.child_id in visible
        ),
        key=lambda u: (-u.working_days_waiting, u.allocation.pk),
    )
    oversight = TeamOversight(
        team=team,
        as_at=as_at,
        to_acknowledge=_grouped(open_rows),
        acknowledged=acknowledged,
        severity_counts=counts,
        caseloads=team_caseloads(team, as_at),
        unallocated=unallocated,
        cap=caseload_cap(),
        weights=caseload_weights(),
    )
    _audit_list(
        actor,
        what="team oversight",
        scope={"team_id": team.pk},
        child_ids=[f.child_id for f in findings] + [u.allocation.child_id for u in unallocated],
        request=request,
    )
    return oversight


@dataclass(frozen=True)
class TeamEscalations:
    team: Team | None
    children: list[ChildFindings]

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.children)


@dataclass(frozen=True)
class Escalations:
    """Escalated findings in the reader's scope, by team, for a head of service or director."""

    scope: str
    levels: tuple[str, ...]
    teams: list[TeamEscalations]

    @property
    def count(self) -> int:
        return sum(team.count for team in self.teams)


def escalations_for(*, actor, as_at: date | None = None, request=None) -> Escalations:
    """The findings escalated to the reader's level (or past it), in their scope.

    A head of service sees those of the teams in the services they head that reached them or
    the director; the director sees every escalated finding. Refused for anyone else.
    """
    as_at = as_at or timezone.localdate()
    services = Service.objects.filter(head_id=actor.pk)
    is_director = actor.role == _ROLE.DIRECTOR
    _authorise_list(
        actor,
        lambda: is_director or (actor.role == _ROLE.HEAD_OF_SERVICE and services.exists()),
        what="escalated findings",
        scope={},
        message="Escalated findings are for heads of service and the director.",
        request=request,
    )
    found = Finding.objects.filter(status=FindingStatus.ESCALATED)
    if is_director:
        scope = "every service"
        levels = (FindingLevel.DIRECTOR,)
    else:
        found = found.filter(team__service__in=services)
        scope = ", ".join(services.order_by("name").values_list("name", flat=True))
        levels = (FindingLevel.HEAD_OF_SERVICE, FindingLevel.DIRECTOR)
    found = _visible(
        actor,
        found.filter(level__in=levels)
        .select_related("child", "team")
        .order_by("team__name", "child_id", "since"),
    )
    by_team: dict[int | None, list[Finding]] = defaultdict(list)
    for finding in found:
        by_team[finding.team_id].append(finding)
    teams = [
        TeamEscalations(team=items[0].team, children=_grouped(_rows(items, as_at)))
        for _, items in sorted(
            by_team.items(), key=lambda kv: kv[1][0].team.name if kv[1][0].team else "~"
        )
    ]
    _audit_list(
        actor,
        what="escalated findings",
        scope={},
        child_ids=[finding.child_id for finding in found],
        request=request,
    )
    return Escalations(scope=scope, levels=tuple(levels), teams=teams)
