"""Reads of children's records, each scoped to what the acting user may see.

Every selector takes the acting user (``actor``). Access policy, and the audit of who read
which child's record, hook in at one place, the "Access" section below: a selector that finds
children starts from ``_children_in_scope``, and one that reads a child's record calls
``_authorise_child_read`` first. Views never query ``Person`` themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

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

# A relationship recorded on the other person's record can be read back from the child's side
# only when it is symmetric: if Sam is Alex's sibling, Alex is Sam's sibling; if Sam is Alex's
# mother, Alex's relationship to Sam cannot be named from that row alone.
_SYMMETRIC_RELATIONSHIPS = frozenset({"SIBLING", "HALF_SIBLING", "PARTNER", "HOUSEHOLD_MEMBER"})

_NON_DIGITS = re.compile(r"[\s-]")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")


# --- Access ------------------------------------------------------------------------------------


def _may_read_child_records(actor) -> bool:
    """Whether ``actor`` may read children's records at all.

    Every active member of staff may, for now. Partner-agency users may not: they make
    referrals and see what happened to them, never browse the record.
    """
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role != codes.ROLE.enum.PARTNER
    )


def _children_in_scope(*, actor, purpose: str) -> QuerySet[Person]:
    """The children ``actor`` may find, as a queryset for a search or list to narrow.

    The hook for record scope in searches and lists (for now, every child record for every
    member of staff). Scoping inside the query, before any limit, keeps a search's first 50
    results all children the actor may open. ``purpose`` names the read, e.g. "search".

    Raise ``PermissionDenied`` when the actor may not find children at all.
    """
    if not _may_read_child_records(actor):
        raise PermissionDenied("You do not have access to children's records.")
    return Person.objects.children()


def _authorise_child_read(*, actor, child: Person, purpose: str) -> None:
    """Refuse with ``PermissionDenied`` unless ``actor`` may read ``child``'s record.

    The hook for access policy (restricted records, team scope, break-glass) and for the access
    audit: every selector that returns one child's personal data calls this first, here and in
    ``people.chronology``, so a rule or an audit event added here applies to every screen.
    ``purpose`` names what is read: "record", "household", "chronology".
    """
    if not _may_read_child_records(actor):
        raise PermissionDenied("You do not have access to children's records.")


def actor_may_search_children(actor) -> bool:
    """Whether to offer ``actor`` the child search (the selectors enforce it regardless)."""
    return _may_read_child_records(actor)


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
    def is_empty(self) -> bool:
        return not any(
            (
                self.text.strip(),
                self.first_name.strip(),
                self.last_name.strip(),
                self.la_child_id.strip(),
                self.nhs_number.strip(),
                self.date_of_birth,
            )
        )


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
    *, actor, query: ChildSearchQuery, limit: int = MAX_SEARCH_RESULTS
) -> ChildSearchResults:
    """Find children by name (partial, any case), LA child ID, NHS number or date of birth.

    Return at most ``limit`` children, by surname then first name, each with
    ``open_allocations`` (a list of at most one current allocation). Two queries whatever the
    number of matches. An empty query finds nobody rather than everybody.
    """
    in_scope = _children_in_scope(actor=actor, purpose="search")
    if query.is_empty:
        return ChildSearchResults(children=[], has_more=False)
    matches = list(
        in_scope.filter(_search_filter(query))
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(_open_allocations())[: limit + 1]
    )
    return ChildSearchResults(children=matches[:limit], has_more=len(matches) > limit)


# --- One child ---------------------------------------------------------------------------------


def child_get(*, actor, child_id: int) -> Person:
    """Return the child with primary key ``child_id``, ready for the record's identity bar.

    The child carries ``open_allocations``, ``disabilities`` and the flags ``child_status``
    reads. Raise ``Http404`` when there is no such person or the person is not a child known to
    children's services (an adult in a household, say).
    """
    queryset = _with_status(Person.objects.children())
    child = get_object_or_404(
        queryset.prefetch_related(_open_allocations(), "disabilities"), pk=child_id
    )
    _authorise_child_read(actor=actor, child=child, purpose="record")
    return child


@dataclass(frozen=True)
class ChildStatus:
    """The headline of a child's involvement with children's services, as a badge."""

    label: str
    colour: str  # an MoJ badge modifier: "red", "purple", "blue", "grey"


def child_status(child: Person) -> ChildStatus:
    """The child's current status, most intrusive first, from a child returned by ``child_get``.

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


def child_list_allocated(*, actor) -> list[Person]:
    """Children currently allocated to ``actor`` as their worker, by surname.

    Each child carries ``open_allocations`` and the status flags, in two queries.
    """
    children = _with_status(_children_in_scope(actor=actor, purpose="caseload"))
    return list(
        children.filter(allocations__worker=actor, allocations__end_date__isnull=True)
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(_open_allocations())
    )


# --- Household ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelatedPerson:
    """Someone in the child's life and how they stand to the child ("" if not recorded)."""

    person: Person
    relationship: str
    has_parental_responsibility: bool
    living_since: dt.date | None = None


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


def child_household(*, actor, child: Person) -> ChildHousehold:
    """The child's current households (address, address history, members) and relatives.

    Five queries whatever the size of the family.
    """
    _authorise_child_read(actor=actor, child=child, purpose="household")
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

    def related(person: Person, since: dt.date | None = None) -> RelatedPerson:
        label, parental_responsibility = relationship_to.get(person.pk, ("", False))
        return RelatedPerson(person, label, parental_responsibility, since)

    memberships = (
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
