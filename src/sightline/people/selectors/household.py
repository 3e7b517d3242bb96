"""The household part of a child's record: where the child lives, with whom, and family elsewhere.

Read from a ``ChildRecord`` (``child_record_open``), so the page is authorised and audited once.
Other children whose own records are restricted from the reader are named by relationship only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.access.services import audit_listing_record
from sightline.people.models import (
    Household,
    HouseholdAddress,
    HouseholdMember,
    Person,
    Relationship,
)
from sightline.people.selectors.record import ChildRecord, _opened, withheld_from
from sightline.periods import open_after, open_on
from sightline.standards import codes

# A relationship recorded on the other person's record can be read back from the child's side
# only when it is symmetric: if Sam is Alex's sibling, Alex is Sam's sibling; if Sam is Alex's
# mother, Alex's relationship to Sam cannot be named from that row alone.
_SYMMETRIC_RELATIONSHIPS = frozenset({"SIBLING", "HALF_SIBLING", "PARTNER", "HOUSEHOLD_MEMBER"})


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


def _named_children_audit(record: ChildRecord, households, elsewhere, request) -> None:
    """One listing event naming the other children the page shows by name (issue 11 row 14).

    A household page shows a sibling's name, date of birth and a link to their record: that is
    a view of the sibling too, so the sibling's access history (``audit_for_child``) must show
    it, as it shows every search result and list the child appeared on. Withheld children are
    not shown, so not listed; nothing is written when no other child is named.
    """
    people = [member for home in households for member in home.members] + elsewhere
    named = [p.person.pk for p in people if p.person.is_child_record and not p.withheld]
    if named:
        audit_listing_record(
            actor=record.actor,
            action=AuditAction.SEARCH,
            child_ids=named,
            detail={"list": "household", "record_of": record.child.pk},
            request=request,
        )


def child_household(*, record: ChildRecord, request=None) -> ChildHousehold:
    """The opened child's current households (address, history, members) and relatives.

    Six queries whatever the size of the family (and any the access policy needs to know the
    reader's teams). Other children whose own records are restricted from the reader are shown
    by relationship only (``RelatedPerson.withheld``): no name, date of birth or "living here
    since", and after everyone named, so that their place in a list by age says nothing. Other
    children it names are audited as shown, in one more event (``_named_children_audit``).
    """
    child = _opened(record)
    today = timezone.localdate()

    # Relationships read from the child's side, and symmetric ones recorded on the other
    # person. Parental responsibility is read only from the child's side: on the other
    # person's row it would be the child's responsibility for them.
    current_relationship = open_after(today)
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
        HouseholdMember.objects.filter(open_on(today), person=child)
        .select_related("household")
        .prefetch_related(
            Prefetch(
                "household__addresses",
                queryset=HouseholdAddress.objects.order_by("-start_date", "-pk"),
            ),
            Prefetch(
                "household__members",
                queryset=HouseholdMember.objects.filter(open_on(today))
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
    withheld = withheld_from(record, everyone)

    def related(person: Person, since: dt.date | None = None) -> RelatedPerson:
        label, parental_responsibility = relationship_to.get(person.pk, ("", False))
        if person.pk in withheld:
            # Nothing dated of them either: the day a sibling came to live here can be the day
            # they were born, and where they come in a list by age places their birth.
            return RelatedPerson(person, label, parental_responsibility, None, withheld=True)
        return RelatedPerson(person, label, parental_responsibility, since)

    def named_first(people: list[RelatedPerson]) -> list[RelatedPerson]:
        return sorted(people, key=lambda related_person: related_person.withheld)

    households: list[CurrentHousehold] = []
    living_with: set[int] = set()
    for membership in memberships:
        household = membership.household
        addresses = list(household.addresses.all())
        current = next((a for a in addresses if _is_current(a.start_date, a.end_date, today)), None)
        members = named_first([related(m.person, m.start_date) for m in household.members.all()])
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

    elsewhere = named_first(
        [related(person) for pk, person in related_people.items() if pk not in living_with]
    )
    _named_children_audit(record, households, elsewhere, request)
    return ChildHousehold(households=households, relatives_elsewhere=elsewhere)
