"""Deleting children's records at the end of retention, and nothing else.

A child's record is every row that belongs to the child (a `child` foreign key to them), their
own relationships, their change history and their `Person` row. People are shared between
records, though: a sibling's record names this child, a parent is in both children's
households. So, after the child's own rows are gone:

- the child's `Person` row is deleted, unless a record that is kept still refers to them (as a
  relation, a person named in a contact, the subject of an agency check, a member of a
  household with a child whose record is kept). Then it stays, as any other person named in
  that record, stripped of the LA child ID and the identifiers that made it a child's record;
- adults that only this child's record referred to are deleted; those another kept record
  refers to stay, untouched;
- households left with no members are deleted with their addresses.

The access audit and the disposal register are not touched: they refer to children by id
without foreign keys, precisely so that they outlive the records.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import DO_NOTHING, ForeignKey, OneToOneField, Q
from simple_history.models import HistoricalChanges

from sightline.access.models import IGAlert
from sightline.casework.models import AgencyCheck, Contact
from sightline.people.models import Household, HouseholdMember, Person, Relationship

# Cleared from a child's Person row that other records still name: what made it a child's
# record, not what the other records say about the person.
_CHILD_ONLY_FIELDS = {
    "la_child_id": None,
    "expected_date_of_birth": None,
    "nhs_number": "",
    "upn": "",
    "former_upn": "",
    "upn_unknown_reason": "",
    "gender_identity": "",
    "ethnicity": "NOBT",
    "is_uasc": False,
    "uasc_ceased_on": None,
}


def _records_of_child():
    """(model, field) for every row that belongs to a child through a `child` foreign key.

    Found from the models rather than listed, so that a record type added later is disposed of
    too. Foreign keys that do nothing on delete are the audit's and the disposal register's,
    kept on purpose; historical (change-history) rows are purged separately.
    """
    pairs = []
    for relation in Person._meta.get_fields(include_hidden=True):
        field = getattr(relation, "field", None)
        if not relation.auto_created or relation.concrete or field is None:
            continue
        if not isinstance(field, ForeignKey | OneToOneField) or field.name != "child":
            continue
        model = relation.related_model
        if issubclass(model, HistoricalChanges) or relation.on_delete is DO_NOTHING:
            continue
        pairs.append((model, field.name))
    return pairs


def _history_models():
    """Every change-history model whose rows are copies of a child's record or a person."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def _linked_adults(child_ids: list[int]) -> set[int]:
    """People without an LA child ID whom these children's records refer to."""
    linked: set[int] = set()
    linked.update(
        Relationship.objects.filter(person_id__in=child_ids).values_list(
            "related_person_id", flat=True
        )
    )
    linked.update(
        Relationship.objects.filter(related_person_id__in=child_ids).values_list(
            "person_id", flat=True
        )
    )
    linked.update(
        AgencyCheck.objects.filter(child_id__in=child_ids).values_list("subject_id", flat=True)
    )
    linked.update(
        Contact.people_named.through.objects.filter(contact__child_id__in=child_ids).values_list(
            "person_id", flat=True
        )
    )
    households = HouseholdMember.objects.filter(person_id__in=child_ids).values("household_id")
    linked.update(
        HouseholdMember.objects.filter(household_id__in=households).values_list(
            "person_id", flat=True
        )
    )
    return set(
        Person.objects.filter(pk__in=linked, la_child_id__isnull=True).values_list("pk", flat=True)
    )


def _is_referred_to(person_id: int, kept_children: Q) -> bool:
    """Whether a record that is kept still refers to this person (after the batch's are gone)."""
    kept = Person.objects.filter(kept_children)
    return (
        Relationship.objects.filter(person_id=person_id, related_person__in=kept).exists()
        or Relationship.objects.filter(related_person_id=person_id, person__in=kept).exists()
        # Every agency check and contact left belongs to a kept record.
        or AgencyCheck.objects.filter(subject_id=person_id).exists()
        or Contact.people_named.through.objects.filter(person_id=person_id).exists()
        or HouseholdMember.objects.filter(
            person_id=person_id, household__members__person__in=kept
        ).exists()
        or any(
            model._base_manager.filter(**{field: person_id}).exists()
            for model, field in _records_of_child()
        )
    )


def records_delete(child_ids: Iterable[int]) -> dict[int, bool]:
    """Delete these children's records; return, per child, whether their Person row was kept.

    Runs in the caller's transaction: any error (a record type that protects itself, say)
    rolls the whole disposal back rather than leaving records half deleted.
    """
    ids = sorted(set(child_ids))
    adults = _linked_adults(ids)
    households = set(
        HouseholdMember.objects.filter(person_id__in=ids).values_list("household_id", flat=True)
    )
    # Acknowledged alerts protect the break-glass grants that are part of the record; an open
    # alert has already stopped the disposal (see selectors.disposal_blocks).
    IGAlert.objects.filter(grant__child_id__in=ids).delete()
    for model, field in _records_of_child():
        model._base_manager.filter(**{f"{field}__in": ids}).delete()
    Relationship.objects.filter(person_id__in=ids).delete()

    kept_children = Q(la_child_id__isnull=False) & ~Q(pk__in=ids)
    kept_person: dict[int, bool] = {}
    for child_id in ids:
        kept_person[child_id] = _is_referred_to(child_id, kept_children)
        if kept_person[child_id]:
            # Memberships of households with no kept child were this child's record alone.
            HouseholdMember.objects.filter(person_id=child_id).exclude(
                household__members__person__in=Person.objects.filter(kept_children)
            ).delete()
            Person.objects.filter(pk=child_id).update(**_CHILD_ONLY_FIELDS)
        else:
            Person.objects.filter(pk=child_id).delete()
    deleted_adults = [
        adult_id for adult_id in sorted(adults) if not _is_referred_to(adult_id, kept_children)
    ]
    Person.objects.filter(pk__in=deleted_adults).delete()
    Household.objects.filter(pk__in=households, members__isnull=True).delete()

    # Last, because deleting records above writes "deleted" history rows of its own.
    people = [*ids, *deleted_adults]
    for history in _history_models():
        names = {field.name for field in history._meta.fields}
        if "child" in names:
            history.objects.filter(child_id__in=ids).delete()
        if history.instance_type is Person:
            history.objects.filter(id__in=people).delete()
    return kept_person
