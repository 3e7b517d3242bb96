"""Whose figures a leader sees: the council, their service or their team, and what lies below.

Figures are aggregates, open to every role with the performance capability at the council level.
Below it, a director, QA auditor or analyst may open any service, team or worker; a head of
service the units of the service they head; a team manager their own team and its workers.
Lists of children are a further step (`selectors.indicator_children`): they also need the
capability to view child records, and name only the children the reader may open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from sightline.access.policies import Capability, actor_can
from sightline.standards import codes
from sightline.workforce.models import Service, Team, User

__all__ = ["Scope", "Unit", "home_scope", "unit_allowed", "units_below"]

_ROLE = codes.ROLE.enum
_COUNCIL_WIDE = (_ROLE.DIRECTOR, _ROLE.QA_AUDITOR, _ROLE.ANALYST)


@dataclass(frozen=True)
class Unit:
    """One unit of the breakdown: ``level`` "council", "service", "team" or "worker"."""

    level: str
    unit_id: int | None
    name: str

    @property
    def query(self) -> str:
        return "" if self.level == "council" else f"level={self.level}&unit={self.unit_id}"


COUNCIL = Unit("council", None, "Council")


@dataclass(frozen=True)
class Scope:
    """Where a reader's scorecard starts, and the units they may open below the council."""

    home: Unit
    services: frozenset[int] | None  # None: every service
    teams: frozenset[int] | None
    workers: frozenset[int] | None

    @property
    def council_wide(self) -> bool:
        return self.services is None


def _refuse(actor) -> None:
    if not actor_can(actor, Capability.VIEW_PERFORMANCE):
        raise PermissionDenied("Your role does not include performance figures.")


def home_scope(actor) -> Scope:
    """The reader's scope; ``PermissionDenied`` for a role without performance figures."""
    _refuse(actor)
    if actor.role in _COUNCIL_WIDE:
        return Scope(COUNCIL, None, None, None)
    if actor.role == _ROLE.HEAD_OF_SERVICE:
        services = list(Service.objects.filter(head=actor).order_by("name"))
        service_ids = frozenset(s.pk for s in services)
        team_ids = frozenset(
            Team.objects.filter(service_id__in=service_ids).values_list("pk", flat=True)
        )
        home = Unit("service", services[0].pk, services[0].name) if services else COUNCIL
        return Scope(home, service_ids, team_ids, _workers_of(team_ids))
    if actor.role == _ROLE.TEAM_MANAGER:
        teams = list(Team.objects.filter(manager=actor).order_by("name"))
        if not teams and actor.team_id:
            teams = list(Team.objects.filter(pk=actor.team_id))
        team_ids = frozenset(t.pk for t in teams)
        home = Unit("team", teams[0].pk, teams[0].name) if teams else COUNCIL
        return Scope(home, frozenset(), team_ids, _workers_of(team_ids))
    raise PermissionDenied("Your role does not include performance figures.")


def _workers_of(team_ids) -> frozenset[int]:
    return frozenset(User.objects.filter(team_id__in=team_ids).values_list("pk", flat=True))


def unit_allowed(scope: Scope, level: str, unit_id: int | None) -> bool:
    """Whether the reader may open this unit's figures."""
    if level == "council":
        return True
    if unit_id is None:
        # Figures nobody holds belong to the council as a whole.
        return scope.council_wide
    allowed = {"service": scope.services, "team": scope.teams, "worker": scope.workers}[level]
    return allowed is None or unit_id in allowed


def units_below(unit: Unit) -> tuple[str, dict[int, int | None]] | None:
    """The level below ``unit`` and which units belong to it ({unit_id: parent unit_id})."""
    if unit.level == "council":
        return "service", {}
    if unit.level == "service":
        return "team", dict(
            Team.objects.filter(service_id=unit.unit_id).values_list("pk", "service_id")
        )
    if unit.level == "team":
        return "worker", dict(
            User.objects.filter(team_id=unit.unit_id).values_list("pk", "team_id")
        )
    return None
