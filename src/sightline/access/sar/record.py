"""The whole of one child's record as a JSON-ready structure, for a subject access request.

Keys are stable and documented in docs/data-protection.md. Each record is an *item*:
``{"record_type", "id", "fields", "third_party", "third_party_reason", "review"}``; `fields`
holds the record's own fields under their model names (dates as ISO 8601, instants in UTC,
coded values with a ``<name>_label`` beside them, staff by name); `review` lists what
information governance must look at before release (see `third_party`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from simple_history.models import HistoricalChanges

from sightline.access.retention.selectors import child_retention
from sightline.access.sar.third_party import (
    EXEMPTION,
    THIRD_PARTY_FIELDS,
    MentionFinder,
    review,
)
from sightline.people.models import HouseholdMember, Person, Relationship
from sightline.standards import codes
from sightline.workforce.models import Allocation, Team

FORMAT = "sightline.subject-access/1"

# The apps whose child-keyed models make up the case record itself. Access control (holds,
# restrictions, grants) and derived data (deadlines) are about handling the record, not in it.
_RECORD_APPS = ("casework", "care")
# People's own records that are about the child rather than who they are (the identity,
# relationships and households have sections of their own).
_PEOPLE_RECORDS = (
    "people.ProfessionalContact",
    # Drift findings about the child and each step of them: who saw them, what they decided.
    "oversight.Finding",
    "oversight.FindingStep",
)

# Fields of a child's Person row left out of the identity: bookkeeping, not information.
_IDENTITY_EXCLUDE = {"id", "created_at"}

ADOPTION_EXEMPTION = (
    "adoption information: exempt from subject access (Data Protection Act 2018, Sch. 4, "
    "para. 3); disclosed under the Adoption and Children Act 2002, ss. 56-65"
)

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def record_type(model) -> str:
    """The stable key of a record type: the model's name in snake case, e.g. "case_note"."""
    return _CAMEL.sub("_", model.__name__).lower()


def record_models() -> list[type[models.Model]]:
    """Every model of the case record that belongs to a child, in a fixed order."""
    found = []
    for label in _RECORD_APPS:
        for model in apps.get_app_config(label).get_models():
            if issubclass(model, HistoricalChanges):
                continue
            field = next((f for f in model._meta.fields if f.name == "child"), None)
            if field is not None and field.related_model is Person:
                found.append(model)
    return found + [apps.get_model(label) for label in _PEOPLE_RECORDS]


def _iso(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def person_summary(person: Person) -> dict:
    """What the record says about another person: enough to recognise them, no more."""
    summary = {
        "name": person.full_name,
        "other_names": person.other_names,
        "date_of_birth": _iso(person.date_of_birth),
        "date_of_death": _iso(person.date_of_death),
    }
    if person.is_child_record:
        summary["la_child_id"] = person.la_child_id
    return summary


def item(record_type_key: str, pk, fields: dict, reviews: list[dict]) -> dict:
    """One record of the export with its review flags (see the module docstring)."""
    third = sorted({entry["reason"] for entry in reviews if entry["kind"] != EXEMPTION})
    return {
        "record_type": record_type_key,
        "id": pk,
        "fields": fields,
        "third_party": bool(third),
        "third_party_reason": "; ".join(third) or None,
        "review": reviews,
    }


class _RecordReader:
    """Reads one child's record; keeps the staff and other people it meets by id."""

    def __init__(self, child: Person):
        self.child = child
        self.staff: dict[int, str] = {}
        self.teams: dict[int, str] = {}
        self.others: dict[int, Person] = {}

    # --- values ---------------------------------------------------------------------------

    def staff_name(self, user_id: int | None) -> str | None:
        """A member of staff by name (their username if no name is recorded)."""
        if user_id is None:
            return None
        if user_id not in self.staff:
            found = get_user_model().objects.filter(pk=user_id).first()
            self.staff[user_id] = (found.get_full_name() or found.username) if found else None
        return self.staff[user_id]

    def team_name(self, team_id: int | None) -> str | None:
        """A team by name."""
        if team_id is None:
            return None
        if team_id not in self.teams:
            self.teams[team_id] = (
                Team.objects.filter(pk=team_id).values_list("name", flat=True).first()
            )
        return self.teams[team_id]

    def fields(self, obj, exclude: frozenset[str] = frozenset()) -> dict:
        """The record's own fields; people other than the child are left to the caller."""
        out: dict = {}
        user_model = get_user_model()
        for field in obj._meta.concrete_fields:
            if field.primary_key or field.name in exclude:
                continue
            value = getattr(obj, field.attname)
            if field.is_relation:
                target = field.related_model
                if target is Person:
                    continue
                if target is user_model:
                    out[field.name] = self.staff_name(value)
                elif target is Team:
                    out[field.name] = self.team_name(value)
                else:
                    out[f"{field.name}_id"] = value
                continue
            out[field.name] = _iso(value)
            if field.choices and value not in (None, ""):
                out[f"{field.name}_label"] = getattr(obj, f"get_{field.name}_display")()
        return out

    # --- the record -----------------------------------------------------------------------

    def identity(self) -> dict:
        """Every field of the child's own Person row, with labels for coded values."""
        child = self.child
        identity = {}
        for field in Person._meta.concrete_fields:
            if field.name in _IDENTITY_EXCLUDE:
                continue
            value = getattr(child, field.attname)
            identity[field.name] = _iso(value)
            if field.choices and value not in (None, ""):
                identity[f"{field.name}_label"] = getattr(child, f"get_{field.name}_display")()
        return identity

    def disabilities(self) -> list[dict]:
        """The child's recorded disabilities, code and label."""
        return [
            {"code": code, "label": codes.DISABILITY.label(code)}
            for code in self.child.disabilities.order_by("code").values_list("code", flat=True)
        ]

    def relationships(self) -> list[dict]:
        """Relationships recorded either way round; the other person is always third party."""
        items = []
        mine = Relationship.objects.filter(person=self.child).select_related("related_person")
        theirs = Relationship.objects.filter(related_person=self.child).select_related("person")
        for relationship, other, reading in [
            *((r, r.related_person, "{other} is the child's {kind}") for r in mine.order_by("pk")),
            *((r, r.person, "the child is {other}'s {kind}") for r in theirs.order_by("pk")),
        ]:
            self.others[other.pk] = other
            kind = codes.RELATIONSHIP.label(relationship.kind)
            fields = {
                "kind": relationship.kind,
                "kind_label": kind,
                "reading": reading.format(other=other.full_name, kind=kind),
                "other_person": person_summary(other),
                "has_parental_responsibility": relationship.has_parental_responsibility,
                "start_date": _iso(relationship.start_date),
                "end_date": _iso(relationship.end_date),
            }
            reason = f"another person's details ({kind.lower()})"
            items.append(
                item(
                    "relationship",
                    relationship.pk,
                    fields,
                    [review("other_person", reason), review("reading", reason)],
                )
            )
        return items

    def households(self) -> list[dict]:
        """One item per household the child lived in, with its addresses and other members."""
        items = []
        memberships = (
            HouseholdMember.objects.filter(person=self.child)
            .select_related("household")
            .order_by("start_date", "pk")
        )
        for membership in memberships:
            household = membership.household
            reviews = []
            addresses = []
            for index, address in enumerate(household.addresses.order_by("start_date", "pk")):
                lived_there = _overlaps(
                    address.start_date, address.end_date, membership.start_date, membership.end_date
                )
                addresses.append(
                    {
                        "line_1": address.line_1,
                        "line_2": address.line_2,
                        "town": address.town,
                        "postcode": address.postcode,
                        "start_date": _iso(address.start_date),
                        "end_date": _iso(address.end_date),
                        "child_lived_there": lived_there,
                    }
                )
                if not lived_there:
                    reviews.append(
                        review(
                            f"addresses[{index}]",
                            "the household's address when the child did not live there",
                        )
                    )
            members = []
            others = (
                household.members.exclude(person=self.child)
                .select_related("person")
                .order_by("start_date", "pk")
            )
            for other in others:
                self.others[other.person_id] = other.person
                members.append(
                    {
                        **person_summary(other.person),
                        "start_date": _iso(other.start_date),
                        "end_date": _iso(other.end_date),
                    }
                )
            if members:
                reviews.append(review("members", "other members of the household"))
            fields = {
                "household": household.name,
                "start_date": _iso(membership.start_date),
                "end_date": _iso(membership.end_date),
                "addresses": addresses,
                "members": members,
            }
            items.append(item("household_membership", membership.pk, fields, reviews))
        return items

    def allocations(self) -> list[dict]:
        """The child's allocations to teams and workers, oldest first."""
        return [
            item("allocation", allocation.pk, self.fields(allocation), [])
            for allocation in Allocation.objects.filter(child=self.child).order_by(
                "start_date", "pk"
            )
        ]

    def records(self) -> dict[str, list]:
        """Every case record of the child, by record type; free text is reviewed afterwards."""
        out: dict[str, list] = {}
        for model in record_models():
            rows = model._base_manager.filter(child=self.child).order_by("pk")
            out[record_type(model)] = [self._record_item(model, row) for row in rows]
        return out

    def _record_item(self, model, row) -> dict:
        fields = self.fields(row)
        reviews: list[dict] = []
        key = record_type(model)
        for name, reason in THIRD_PARTY_FIELDS.get(key, {}).items():
            if getattr(row, name):
                reviews.append(review(name, reason))
        if key == "contact":
            for name in ("referrer_name", "referrer_agency"):
                if getattr(row, name):
                    reviews.append(review(name, "the referrer"))
            named = list(row.people_named.exclude(pk=self.child.pk).order_by("pk"))
            fields["people_named"] = [person_summary(person) for person in named]
            if named:
                reviews.append(review("people_named", "other people named in the contact"))
            for person in named:
                self.others[person.pk] = person
        if key == "agency_check":
            if row.subject_id == self.child.pk:
                fields["subject"] = "the child"
            else:
                fields["subject"] = person_summary(row.subject)
                self.others[row.subject_id] = row.subject
                reviews.append(review("subject", "agency check about another person"))
        if key == "adoption":
            reviews.append(review("*", ADOPTION_EXEMPTION, kind=EXEMPTION))
        return item(key, row.pk, fields, reviews)

    def review_free_text(self, items: list[dict], referrers: list[str]) -> None:
        """Flag free text that mentions anyone else known to this record (or a family word)."""
        finder = MentionFinder(
            [p.full_name + " " + p.other_names for p in self.others.values()] + referrers,
            own_names=[
                self.child.first_name,
                self.child.last_name,
                *self.child.other_names.split(),
            ],
        )
        text_fields = _free_text_fields()
        for entry in items:
            for name in text_fields.get(entry["record_type"], ()):
                extra = finder.review_free_text(name, entry["fields"].get(name) or "")
                if extra:
                    entry["review"].extend(extra)
                    refreshed = item(
                        entry["record_type"], entry["id"], entry["fields"], entry["review"]
                    )
                    entry.update(refreshed)


def _overlaps(start, end, other_start, other_end) -> bool:
    """Whether two date ranges (an open end running on for ever) share a day."""
    return (end is None or end >= other_start) and (other_end is None or other_end >= start)


def _free_text_fields() -> dict[str, tuple[str, ...]]:
    """The narrative fields of each record type: text fields without a code set."""
    return {
        record_type(model): tuple(
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.TextField) and not field.choices
        )
        for model in record_models()
    }


def subject_access_record(child: Person, *, actor, generated_at: datetime) -> dict:
    """The child's whole record as a JSON-ready dict (see the module docstring)."""
    reader = _RecordReader(child)
    relationships = reader.relationships()
    households = reader.households()
    records = reader.records()
    allocations = reader.allocations()
    referrers = [entry["fields"].get("referrer_name") or "" for entry in records.get("contact", [])]
    reader.review_free_text([entry for rows in records.values() for entry in rows], referrers)
    retention = child_retention(child)
    every_item = [
        *relationships,
        *households,
        *allocations,
        *(entry for rows in records.values() for entry in rows),
    ]
    return {
        "format": FORMAT,
        "generated_at": _iso(generated_at),
        "generated_by": actor.get_username(),
        "council": settings.SIGHTLINE_COUNCIL_NAME,
        "subject": reader.identity(),
        "disabilities": reader.disabilities(),
        "retention": {
            "until": _iso(retention.until),
            "rule": retention.rule.value,
            "source": retention.source,
        },
        "relationships": relationships,
        "households": households,
        "allocations": allocations,
        "records": records,
        "summary": {
            "items": len(every_item),
            "third_party_items": sum(1 for entry in every_item if entry["third_party"]),
            "exempt_items": sum(
                1 for entry in every_item if any(r["kind"] == EXEMPTION for r in entry["review"])
            ),
        },
        "notes": [
            "Nothing has been redacted. Items with third_party true hold information about "
            "other people: information governance decides what to withhold before release.",
            "Names of staff acting in their job are not treated as third-party information.",
            "The access audit (who opened this record) and earlier versions of each record are "
            "not included; information governance can add them if the request asks.",
        ],
    }
