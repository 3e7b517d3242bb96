"""Who may do what, and which children's records each user may open. Deny by default.

Two layers, both pure functions over the database (no requests, no writes):

- *capabilities*: what a role may do at all (`actor_can`), the matrix in docs/permissions.md;
- *record scope*: which children a user may open (`child_access`) or find
  (`children_visible_to`), from their allocations, team, service and role, with restricted
  records and break-glass grants on top.

`child_access` and `children_visible_to` are built from the same rules, so a child is in the
search results exactly when opening it would be allowed. Views never call these directly for a
child's record: they go through `services.child_read_authorise`, which also audits.
"""

from __future__ import annotations

import enum
import functools
import operator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sightline.access.models import AuditAction, BreakGlassGrant, RestrictedRecord
from sightline.care.models import CareLeaver, LookedAfterEpisode
from sightline.casework.models import ChildProtectionPlan, Contact
from sightline.people.models import Person
from sightline.periods import open_on
from sightline.standards import codes
from sightline.workforce.models import Allocation, Service, Team

Role = codes.ROLE.enum
TeamKind = codes.TEAM_KIND.enum

# Local standard: the front door works on children named in a contact for as long as it might
# still be deciding, re-contacted or checking history; 90 days covers a contact, its referral
# decision and the assessment that usually follows (45 working days).
FRONT_DOOR_CONTACT_DAYS = 90


class Capability(enum.StrEnum):
    """Something a role may do at all; record scope still applies to child records."""

    VIEW_CHILD = "view child record"
    SEARCH_CHILDREN = "search children"
    RECORD_WORK = "record work on a child"
    VIEW_WORKLIST = "view worklists"
    PRINT_CHILD = "print a child's record"
    EXPORT_CHILD = "export identifiable records (SAR)"
    VIEW_PERFORMANCE = "view performance (aggregate)"
    EXPORT_PSEUDONYMISED = "export pseudonymised data"
    BREAK_GLASS = "break-glass"
    RESTRICT_RECORD = "restrict a record"
    VIEW_AUDIT = "view access audit"
    ACKNOWLEDGE_IG_ALERTS = "acknowledge IG alerts"
    ADMINISTER_USERS = "administer users"
    MANAGE_RETENTION = "manage retention and disposal"
    STATUTORY_RETURNS = "produce and check statutory returns"


C = Capability
_CASEWORK = {
    C.VIEW_CHILD,
    C.SEARCH_CHILDREN,
    C.RECORD_WORK,
    C.VIEW_WORKLIST,
    C.PRINT_CHILD,
    C.BREAK_GLASS,
}
_LEADERSHIP = _CASEWORK | {C.VIEW_PERFORMANCE, C.RESTRICT_RECORD}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.SOCIAL_WORKER: frozenset(_CASEWORK),
    Role.SENIOR_PRACTITIONER: frozenset(_CASEWORK),
    Role.TEAM_MANAGER: frozenset(_CASEWORK | {C.VIEW_PERFORMANCE}),
    Role.HEAD_OF_SERVICE: frozenset(_LEADERSHIP),
    Role.DIRECTOR: frozenset(_LEADERSHIP),
    Role.FRONT_DOOR: frozenset(_CASEWORK),
    Role.IRO: frozenset(_CASEWORK),
    Role.PERSONAL_ADVISER: frozenset(_CASEWORK),
    # Reads everything to audit practice, changes nothing.
    Role.QA_AUDITOR: frozenset({C.VIEW_CHILD, C.SEARCH_CHILDREN, C.VIEW_PERFORMANCE}),
    # Pseudonymised data only: no identifiable child record, ever.
    # The statutory returns are the one identifiable data flow an analyst runs: the DfE and
    # Ofsted are owed every child, and every return produced is audited naming each of them.
    Role.ANALYST: frozenset({C.VIEW_PERFORMANCE, C.EXPORT_PSEUDONYMISED, C.STATUTORY_RETURNS}),
    # Nothing yet; later their own referrals and what happened to them.
    Role.PARTNER: frozenset(),
    # The logs, not the records; a record only through break-glass, which IG itself reviews.
    Role.IG_OFFICER: frozenset(
        {
            C.VIEW_AUDIT,
            C.ACKNOWLEDGE_IG_ALERTS,
            C.RESTRICT_RECORD,
            C.EXPORT_CHILD,
            C.BREAK_GLASS,
            C.MANAGE_RETENTION,
        }
    ),
    # Running the system is not clinical access.
    Role.ADMIN: frozenset({C.ADMINISTER_USERS}),
}

# The capability each audited action on a child's record needs.
ACTION_CAPABILITY: dict[str, Capability] = {
    AuditAction.VIEW: C.VIEW_CHILD,
    AuditAction.SEARCH: C.SEARCH_CHILDREN,
    AuditAction.PRINT: C.PRINT_CHILD,
    AuditAction.EXPORT: C.EXPORT_CHILD,
    AuditAction.CREATE: C.RECORD_WORK,
    AuditAction.UPDATE: C.RECORD_WORK,
    AuditAction.DELETE: C.RECORD_WORK,
}


@dataclass(frozen=True)
class AccessDecision:
    """Whether a user may open a child's record, and why (shown to IG and in the audit).

    `restricted` says the child's record is restricted; `break_glass_available` that this user
    could take emergency access to it, so the refusal may offer it.
    """

    allowed: bool
    basis: str
    restricted: bool = False
    break_glass_available: bool = False

    def __bool__(self):
        return self.allowed


def _is_active_user(actor) -> bool:
    return bool(actor and actor.is_authenticated and actor.is_active)


def actor_can(actor, capability: Capability) -> bool:
    """True when the actor's role has the capability (deny for unknown roles and inactive users)."""
    if not _is_active_user(actor):
        return False
    return capability in ROLE_CAPABILITIES.get(actor.role, frozenset())


def _open_allocations(today: date) -> QuerySet[Allocation]:
    return Allocation.objects.filter(open_on(today), child=OuterRef("pk"))


# An always-true condition; an empty Q() would vanish when OR-ed with others.
_EVERY_CHILD = Q(pk__isnull=False)


@dataclass(frozen=True)
class _Rule:
    condition: Q
    basis: str


def _scope_rules(actor, today: date) -> list[_Rule]:
    """The ways this actor's role brings a child into scope, ignoring restriction."""
    role = actor.role
    allocations = _open_allocations(today)
    rules: list[_Rule] = []
    if role in (Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.PERSONAL_ADVISER):
        rules.append(_Rule(Q(Exists(allocations.filter(worker=actor))), "allocated worker"))
        if actor.team_id:
            rules.append(
                _Rule(
                    Q(Exists(allocations.filter(team_id=actor.team_id))),
                    f"allocated to your team ({actor.team.name})",
                )
            )
    if role == Role.PERSONAL_ADVISER:
        rules.append(
            _Rule(
                Q(Exists(CareLeaver.objects.filter(child=OuterRef("pk"), personal_adviser=actor))),
                "personal adviser to this care leaver",
            )
        )
    if role == Role.TEAM_MANAGER:
        teams = Team.objects.filter(Q(manager=actor) | Q(pk=actor.team_id)).order_by("name")
        for team in teams:
            rules.append(
                _Rule(Q(Exists(allocations.filter(team=team))), f"team manager of {team.name}")
            )
    if role == Role.HEAD_OF_SERVICE:
        services = Service.objects.filter(head=actor)
        if actor.team_id:
            services = services | Service.objects.filter(teams=actor.team_id)
        for service in services.distinct().order_by("name"):
            rules.append(
                _Rule(
                    Q(Exists(allocations.filter(team__service=service))),
                    f"head of service for {service.name}",
                )
            )
    if role == Role.DIRECTOR:
        rules.append(_Rule(_EVERY_CHILD, "director"))
    if role == Role.QA_AUDITOR:
        rules.append(_Rule(_EVERY_CHILD, "quality assurance auditor (read-only)"))
    if role == Role.FRONT_DOOR:
        since = timezone.now() - timedelta(days=FRONT_DOOR_CONTACT_DAYS)
        recent = Contact.objects.filter(received_at__gte=since)
        rules.append(
            _Rule(
                Q(Exists(recent.filter(child=OuterRef("pk"))))
                | Q(Exists(recent.filter(people_named=OuterRef("pk")))),
                f"front door: named in a contact in the last {FRONT_DOOR_CONTACT_DAYS} days",
            )
        )
        rules.append(
            _Rule(
                Q(Exists(allocations.filter(team__kind=TeamKind.FRONT_DOOR))),
                "front door: allocated to the front-door team",
            )
        )
    if role == Role.IRO:
        rules.append(
            _Rule(
                Q(Exists(ChildProtectionPlan.objects.filter(open_on(today), child=OuterRef("pk")))),
                "IRO: child on a child protection plan",
            )
        )
        rules.append(
            _Rule(
                Q(Exists(LookedAfterEpisode.objects.filter(open_on(today), child=OuterRef("pk")))),
                "IRO: looked-after child",
            )
        )
    return rules


def _restricted() -> Q:
    return Q(Exists(RestrictedRecord.objects.filter(child=OuterRef("pk"))))


def _allow_listed(actor) -> Q:
    return Q(Exists(RestrictedRecord.objects.filter(child=OuterRef("pk"), allow_list=actor)))


def _break_glass_open(actor) -> Q:
    return Q(
        Exists(
            BreakGlassGrant.objects.filter(
                child=OuterRef("pk"), actor=actor, expires_at__gt=timezone.now()
            )
        )
    )


def _never_clinical(actor) -> bool:
    """Roles that hold no clinical access even when put on an allow-list by mistake."""
    return Capability.VIEW_CHILD not in ROLE_CAPABILITIES.get(actor.role, frozenset())


def children_visible_to(actor) -> QuerySet[Person]:
    """The children this actor may find and open: the scope for search and lists.

    Restricted children appear only to their allow-list (and to whoever holds an open
    break-glass grant); everyone else does not learn that they exist.
    """
    children = Person.objects.children()
    if not _is_active_user(actor):
        return children.none()
    visible = _break_glass_open(actor)
    if not _never_clinical(actor):
        rules = _scope_rules(actor, timezone.localdate())
        if rules:
            in_scope = functools.reduce(operator.or_, (rule.condition for rule in rules))
            visible |= in_scope & ~_restricted()
        visible |= _allow_listed(actor)
    return children.filter(visible)


def child_access(actor, child: Person, *, action: str = AuditAction.VIEW) -> AccessDecision:
    """Decide whether the actor may do `action` (view by default) on this child's record.

    Order: the user must be active and their role must have the capability the action needs; an
    open break-glass grant then allows; a restricted record allows only its allow-list; otherwise
    the first of the role's scope rules that holds is the basis. Anything else is refused.
    """
    if not _is_active_user(actor):
        return AccessDecision(False, "not signed in or account inactive")
    if not child.is_child_record:
        return AccessDecision(False, "not a child's record")
    capability = ACTION_CAPABILITY.get(action)
    permitted = capability is not None and actor_can(actor, capability)
    restricted = RestrictedRecord.objects.filter(child=child).first()
    is_restricted = restricted is not None
    scoped = Person.objects.filter(pk=child.pk)
    # Break-glass opens the record to read; anything more still needs the role's capability.
    if (permitted or action == AuditAction.VIEW) and scoped.filter(
        _break_glass_open(actor)
    ).exists():
        return AccessDecision(True, "break-glass", restricted=is_restricted)
    basis = _in_scope_basis(actor, scoped)
    # The refusal offers break-glass only to a user who would see the child but for its
    # restriction: anyone else gets the same "not found" as for any child outside their scope,
    # so a refusal never tells a restricted child from an unrestricted one. Emergency access to
    # a child outside one's scope is asked for on the break-glass page itself.
    offer = basis is not None and actor_can(actor, Capability.BREAK_GLASS)
    if not permitted:
        label = codes.ROLE.label(actor.role) if actor.role else "no role"
        if actor.role == Role.QA_AUDITOR:
            label = "quality assurance auditor: read-only"
        return AccessDecision(
            False,
            f"{label}: may not {action} child records",
            restricted=is_restricted,
            break_glass_available=offer and action == AuditAction.VIEW,
        )
    if is_restricted:
        if restricted.allow_list.filter(pk=actor.pk).exists():
            return AccessDecision(True, "restricted: on the allow-list", restricted=True)
        return AccessDecision(
            False,
            "restricted: not on allow-list",
            restricted=True,
            break_glass_available=offer,
        )
    if basis is not None:
        return AccessDecision(True, basis)
    return AccessDecision(False, "outside your caseload, team or service")


def _in_scope_basis(actor, scoped: QuerySet[Person]) -> str | None:
    """The basis of the first scope rule bringing the child into the actor's scope, if any."""
    if _never_clinical(actor):
        return None
    for rule in _scope_rules(actor, timezone.localdate()):
        if scoped.filter(rule.condition).exists():
            return rule.basis
    return None
