"""Reads of children's records, each scoped to what the acting user may see, and audited.

Every selector takes the acting user (``actor``) and goes through the access app: finding
children starts from ``children_visible_to`` (deny by default, restricted records hidden), and
one child's record is opened by ``child_record_open``, which calls ``child_read_authorise``
(the policy decision and the audit event, in one step). The parts of an opened record
(``child_household`` here, ``child_chronology`` in ``people.chronology``) take the
``ChildRecord`` it returns rather than an actor and a child, so that a page showing several
parts is authorised and audited once, and no part can be read without passing the gate.
Views never query ``Person`` themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.policies import AccessDecision, Capability, actor_can, children_visible_to
from sightline.access.services import audit_event_record, child_read_authorise
from sightline.care.models import CareLeaver, LookedAfterEpisode
from sightline.casework.models import ChildInNeedPlan, ChildProtectionPlan, Referral
from sightline.people.models import (
    Household,
    HouseholdAddress,
    HouseholdMember,
    Person,
    Relationship,
)
from sightline.standards import codes
from sightline.workforce.models import Allocation

MAX_SEARCH_RESULTS = 50
# A list audit event names the children shown, up to this many (the audit keeps its events
# small); the count is always recorded.
AUDITED_LIST_IDS = 200

# A relationship recorded on the other person's record can be read back from the child's side
# only when it is symmetric: if Sam is Alex's sibling, Alex is Sam's sibling; if Sam is Alex's
# mother, Alex's relationship to Sam cannot be named from that row alone.
_SYMMETRIC_RELATIONSHIPS = frozenset({"SIBLING", "HALF_SIBLING", "PARTNER", "HOUSEHOLD_MEMBER"})

_NON_DIGITS = re.compile(r"[\s-]")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")


# --- Access ------------------------------------------------------------------------------------

_SEAL = object()


class ChildRecord:
    """One child's record opened for one actor: proof that the read was authorised and audited.

    Made only by ``child_record_open``. It lives for one page view; the selectors of the
    record's parts take it instead of an actor and a child, so they neither repeat the policy
    check nor write a second audit event, and cannot be pointed at another child.
    """

    __slots__ = ("actor", "child", "decision")

    def __init__(self, *, actor, child: Person, decision: AccessDecision, seal: object):
        if seal is not _SEAL:
            raise TypeError("A ChildRecord is made only by child_record_open()")
        object.__setattr__(self, "actor", actor)
        object.__setattr__(self, "child", child)
        object.__setattr__(self, "decision", decision)

    def __setattr__(self, name, value):
        raise AttributeError("A ChildRecord cannot be changed")

    def __repr__(self) -> str:
        return f"<ChildRecord child={self.child.pk} actor={self.actor.pk}>"

    @property
    def is_break_glass(self) -> bool:
        """Whether the record is open only through the actor's emergency (break-glass) access."""
        return self.decision.basis == "break-glass"


def _opened(record: ChildRecord) -> Person:
    """The child of an opened record; refuse anything that did not come through the gate."""
    if not isinstance(record, ChildRecord):
        raise TypeError("Open the child's record with child_record_open() first")
    return record.child


def _children_in_scope(*, actor, capability: Capability) -> QuerySet[Person]:
    """The children ``actor`` may find, as a queryset for a search or list to narrow.

    Scoping inside the query, before any limit, keeps a search's first 50 results all
    children the actor may open. Restricted children are left out unless the actor is on the
    allow-list (or holds a break-glass grant); roles without clinical access (analysts,
    administrators, partners, information governance) find nobody. Raise ``PermissionDenied``
    when the actor's role lacks ``capability`` altogether.
    """
    if not actor_can(actor, capability):
        raise PermissionDenied("You do not have access to children's records.")
    return children_visible_to(actor)


def _audit_listing(*, actor, children: list[Person], detail: dict, request=None) -> None:
    """One "search" audit event for a list of children shown: what was asked and who was found.

    The criteria are named, never quoted: what a worker typed may itself be personal data.
    """
    ids = [child.pk for child in children]
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        detail={
            "allowed": True,
            **detail,
            "result_count": len(ids),
            "result_ids": ids[:AUDITED_LIST_IDS],
        },
        request=request,
    )


def actor_may_search_children(actor) -> bool:
    """Whether to offer ``actor`` the child search (the selectors enforce it regardless)."""
    return actor_can(actor, Capability.SEARCH_CHILDREN)


def actor_may_list_children(actor) -> bool:
    """Whether ``actor``'s role reads children's records at all (a home-page caseload)."""
    return actor_can(actor, Capability.VIEW_CHILD)


# --- Shared query parts ------------------------------------------------------------------------


def _open_allocations() -> Prefetch:
    """The child's current allocation (at most one), with its worker and team, as a list."""
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.filter(end_date__isnull=True).select_related("worker", "team"),
        to_attr="open_allocations",
    )


def _with_status(children: QuerySet[Person]) -> QuerySet[Person]:
    """``children`` annotated with what their status badge needs, in the same single query."""
    child = OuterRef("pk")
    return children.annotate(
        is_looked_after=Exists(
            LookedAfterEpisode.objects.filter(child=child, end_date__isnull=True)
        ),
        has_open_cp_plan=Exists(
            ChildProtectionPlan.objects.filter(child=child, end_date__isnull=True)
        ),
        has_open_cin_plan=Exists(
            ChildInNeedPlan.objects.filter(child=child, end_date__isnull=True)
        ),
        has_open_referral=Exists(Referral.objects.filter(child=child, closure_date__isnull=True)),
        is_care_leaver=Exists(CareLeaver.objects.filter(child=child)),
    )


# --- Search ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildSearchQuery:
    """What a user searched for. Blank parts are ignored; every part given must match.

    ``text`` is the one box in the page header: it matches a child whose name contains every
    word of it, or whose LA child ID, NHS number or date of birth it is.
    """

    text: str = ""
    first_name: str = ""
    last_name: str = ""
    la_child_id: str = ""
    nhs_number: str = ""
    date_of_birth: dt.date | None = None

    @property
    def criteria(self) -> list[str]:
        """The names of the parts given, for the audit (which never keeps what was typed)."""
        return [
            name
            for name in ("text", "first_name", "last_name", "la_child_id", "nhs_number")
            if getattr(self, name).strip()
        ] + (["date_of_birth"] if self.date_of_birth else [])

    @property
    def is_empty(self) -> bool:
        return not self.criteria


@dataclass(frozen=True)
class ChildSearchResults:
    """Up to ``MAX_SEARCH_RESULTS`` children, and whether more matched than were returned."""

    children: list[Person]
    has_more: bool

    def __len__(self) -> int:
        return len(self.children)

    def __iter__(self):
        return iter(self.children)


def _parse_date(text: str) -> dt.date | None:
    for date_format in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def _born_on(date: dt.date) -> Q:
    # An unborn child is found by the date they are expected.
    return Q(date_of_birth=date) | Q(date_of_birth__isnull=True, expected_date_of_birth=date)


def _free_text_filter(text: str) -> Q:
    words = text.split()
    name_matches = Q()
    for word in words:
        name_matches &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(other_names__icontains=word)
        )
    matches = name_matches | Q(la_child_id__iexact=text)
    digits = _NON_DIGITS.sub("", text)
    if len(digits) == 10 and digits.isascii() and digits.isdigit():
        matches |= Q(nhs_number=digits)
    date = _parse_date(text)
    if date is not None:
        matches |= _born_on(date)
    return matches


def _search_filter(query: ChildSearchQuery) -> Q:
    conditions = Q()
    if query.text.strip():
        conditions &= _free_text_filter(query.text.strip())
    if query.first_name.strip():
        conditions &= Q(first_name__icontains=query.first_name.strip())
    if query.last_name.strip():
        conditions &= Q(last_name__icontains=query.last_name.strip())
    if query.la_child_id.strip():
        conditions &= Q(la_child_id__iexact=query.la_child_id.strip())
    if query.nhs_number.strip():
        conditions &= Q(nhs_number=_NON_DIGITS.sub("", query.nhs_number))
    if query.date_of_birth is not None:
        conditions &= _born_on(query.date_of_birth)
    return conditions


def child_search(
    *, actor, query: ChildSearchQuery, limit: int = MAX_SEARCH_RESULTS, request=None
) -> ChildSearchResults:
    """Find children by name (partial, any case), LA child ID, NHS number or date of birth.

    Only children the actor may open are found. Return at most ``limit`` children, by surname
    then first name, each with ``open_allocations`` (a list of at most one current allocation),
    in a number of queries that does not grow with the matches. An empty query finds nobody
    rather than everybody. Each search writes one "search" audit event naming the criteria
    used and the children found; a refused search (a role that may not search) is audited as
    refused, then raises ``PermissionDenied``.
    """
    try:
        in_scope = _children_in_scope(actor=actor, capability=Capability.SEARCH_CHILDREN)
    except PermissionDenied:
        audit_event_record(
            actor=actor,
            action=AuditAction.SEARCH,
            detail={"allowed": False, "criteria": query.criteria},
            request=request,
        )
        raise
    if query.is_empty:
        return ChildSearchResults(children=[], has_more=False)
    matches = list(
        in_scope.filter(_search_filter(query))
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(_open_allocations())[: limit + 1]
    )
    results = ChildSearchResults(children=matches[:limit], has_more=len(matches) > limit)
    _audit_listing(
        actor=actor,
        children=results.children,
        detail={"criteria": query.criteria, "has_more": results.has_more},
        request=request,
    )
    return results


# --- One child ---------------------------------------------------------------------------------


def child_record_open(*, actor, child_id: int, request=None) -> ChildRecord:
    """Open the record of the child with primary key ``child_id``: the gate for every page of it.

    Check the access policy and write the audit event (``child_read_authorise``), once, and
    only then load the rest of what the identity bar shows. The child carries
    ``open_allocations``, ``disabilities`` and the flags ``child_status`` reads.

    Raise ``Http404`` when there is no such child, when the person is not a child known to
    children's services, or when the child is outside the actor's scope (a stranger to the
    record must not learn that it exists); ``RestrictedRecordRefused`` (a 403 page offering
    break-glass) when the record is restricted and the actor may break the glass.
    """
    child = get_object_or_404(_with_status(Person.objects.children()), pk=child_id)
    decision = child_read_authorise(actor=actor, child=child, request=request)
    prefetch_related_objects([child], _open_allocations(), "disabilities")
    return ChildRecord(actor=actor, child=child, decision=decision, seal=_SEAL)


def child_get(*, actor, child_id: int, request=None) -> Person:
    """The child of ``child_record_open``, for a caller that needs nothing else of the record."""
    return child_record_open(actor=actor, child_id=child_id, request=request).child


@dataclass(frozen=True)
class ChildStatus:
    """The headline of a child's involvement with children's services, as a badge."""

    label: str
    colour: str  # an MoJ badge modifier: "red", "purple", "blue", "grey"


def child_status(child: Person) -> ChildStatus:
    """The child's current status, most intrusive first, from a child of ``child_record_open``.

    A looked-after child may also have an open referral; the badge names the status that
    governs most of what must happen next.
    """
    if child.is_looked_after:
        return ChildStatus("Looked after", "purple")
    if child.has_open_cp_plan:
        return ChildStatus("Child protection plan", "red")
    if child.has_open_cin_plan:
        return ChildStatus("Child in need", "blue")
    if child.has_open_referral:
        return ChildStatus("Open referral", "blue")
    if child.is_care_leaver:
        return ChildStatus("Care leaver", "purple")
    return ChildStatus("Closed", "grey")


def child_list_allocated(*, actor, request=None) -> list[Person]:
    """Children currently allocated to ``actor`` as their worker, by surname; audited as a list.

    Each child carries ``open_allocations`` and the status flags. A restricted child appears
    only if the actor is on its allow-list, as everywhere else.
    """
    today = timezone.localdate()
    mine = Allocation.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gt=today),
        child=OuterRef("pk"),
        worker=actor,
        start_date__lte=today,
    )
    children = _children_in_scope(actor=actor, capability=Capability.VIEW_CHILD)
    allocated = list(
        _with_status(children.filter(Exists(mine)))
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(_open_allocations())
    )
    _audit_listing(
        actor=actor, children=allocated, detail={"list": "allocated to me"}, request=request
    )
    return allocated


# --- Household ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelatedPerson:
    """Someone in the child's life and how they stand to the child ("" if not recorded).

    ``withheld`` marks a child whose own record is restricted from the reader: the page says
    how they are related but not who they are (an adopted sibling's new name, say).
    """

    person: Person
    relationship: str
    has_parental_responsibility: bool
    living_since: dt.date | None = None
    withheld: bool = False


@dataclass(frozen=True)
class CurrentHousehold:
    household: Household
    address: HouseholdAddress | None
    previous_addresses: list[HouseholdAddress]
    members: list[RelatedPerson]


@dataclass(frozen=True)
class ChildHousehold:
    """Where the child lives now, with whom, and the family who live elsewhere."""

    households: list[CurrentHousehold]
    relatives_elsewhere: list[RelatedPerson]

    @property
    def current_address(self) -> HouseholdAddress | None:
        for household in self.households:
            if household.address is not None:
                return household.address
        return None


def _is_current(start: dt.date | None, end: dt.date | None, today: dt.date) -> bool:
    return (start is None or start <= today) and (end is None or end >= today)


def _restricted_from(actor, people: set[int]) -> set[int]:
    """Those of ``people`` who are children with a restricted record the actor may not open."""
    if not people:
        return set()
    return set(
        RestrictedRecord.objects.filter(child_id__in=people)
        .exclude(child__in=children_visible_to(actor))
        .values_list("child_id", flat=True)
    )


def child_household(*, record: ChildRecord) -> ChildHousehold:
    """The opened child's current households (address, history, members) and relatives.

    Six queries whatever the size of the family (and any the access policy needs to know the
    reader's teams). Other children whose own records are restricted from the reader are shown
    by relationship only (``RelatedPerson.withheld``).
    """
    child = _opened(record)
    today = timezone.localdate()

    # Relationships read from the child's side, and symmetric ones recorded on the other
    # person. Parental responsibility is read only from the child's side: on the other
    # person's row it would be the child's responsibility for them.
    current_relationship = Q(end_date__isnull=True) | Q(end_date__gte=today)
    relationship_to: dict[int, tuple[str, bool]] = {}
    related_people: dict[int, Person] = {}
    forward = (
        Relationship.objects.filter(current_relationship, person=child)
        .select_related("related_person")
        .order_by("pk")
    )
    for relationship in forward:
        relationship_to.setdefault(
            relationship.related_person_id,
            (
                codes.RELATIONSHIP.label(relationship.kind),
                relationship.has_parental_responsibility,
            ),
        )
        related_people.setdefault(relationship.related_person_id, relationship.related_person)
    reverse = (
        Relationship.objects.filter(
            current_relationship, related_person=child, kind__in=_SYMMETRIC_RELATIONSHIPS
        )
        .select_related("person")
        .order_by("pk")
    )
    for relationship in reverse:
        relationship_to.setdefault(
            relationship.person_id, (codes.RELATIONSHIP.label(relationship.kind), False)
        )
        related_people.setdefault(relationship.person_id, relationship.person)

    memberships = list(
        HouseholdMember.objects.filter(person=child, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("household")
        .prefetch_related(
            Prefetch(
                "household__addresses",
                queryset=HouseholdAddress.objects.order_by("-start_date", "-pk"),
            ),
            Prefetch(
                "household__members",
                queryset=HouseholdMember.objects.filter(start_date__lte=today)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
                .exclude(person=child)
                .select_related("person")
                .order_by("person__date_of_birth", "person__last_name", "pk"),
            ),
        )
        .order_by("start_date", "pk")
    )
    everyone = set(related_people) | {
        member.person_id
        for membership in memberships
        for member in membership.household.members.all()
    }
    withheld = _restricted_from(record.actor, everyone)

    def related(person: Person, since: dt.date | None = None) -> RelatedPerson:
        label, parental_responsibility = relationship_to.get(person.pk, ("", False))
        return RelatedPerson(
            person, label, parental_responsibility, since, withheld=person.pk in withheld
        )

    households: list[CurrentHousehold] = []
    living_with: set[int] = set()
    for membership in memberships:
        household = membership.household
        addresses = list(household.addresses.all())
        current = next((a for a in addresses if _is_current(a.start_date, a.end_date, today)), None)
        members = [related(m.person, m.start_date) for m in household.members.all()]
        living_with.update(m.person.pk for m in members)
        households.append(
            CurrentHousehold(
                household=household,
                address=current,
                previous_addresses=[
                    a for a in addresses if a is not current and a.start_date <= today
                ],
                members=members,
            )
        )

    elsewhere = [related(person) for pk, person in related_people.items() if pk not in living_with]
    return ChildHousehold(households=households, relatives_elsewhere=elsewhere)
