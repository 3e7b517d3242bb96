"""The gate to one child's record: ``child_record_open`` and the sealed ``ChildRecord`` it returns.

Every page of a child's record opens it here, once: the policy decision and the audit event are
written by ``child_read_authorise``, and the parts of the record (``child_household``, the
chronology, the clocks) take the ``ChildRecord`` rather than an actor and a child.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from sightline.access.models import RestrictedRecord
from sightline.access.policies import AccessDecision, children_visible_to
from sightline.access.services import child_read_authorise
from sightline.care.models import CareLeaver, LookedAfterEpisode
from sightline.casework.models import ChildInNeedPlan, ChildProtectionPlan, Referral
from sightline.people.models import Person
from sightline.periods import open_on
from sightline.workforce.models import Allocation

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


def withheld_from(record: ChildRecord, people: set[int]) -> set[int]:
    """Those of ``people`` the opened record's reader must not see named: other children whose
    own records are restricted from the reader.

    A part of a record that shows someone else (a sibling in the household, the subject of an
    agency check in the chronology) says how they stand to the child but not who they are.
    One query when anyone in ``people`` has a restricted record (plus any the access policy
    needs to know the reader's teams); none when ``people`` is empty.
    """
    _opened(record)
    people = set(people) - {record.child.pk}
    if not people:
        return set()
    return set(
        RestrictedRecord.objects.filter(child_id__in=people)
        .exclude(child__in=children_visible_to(record.actor))
        .values_list("child_id", flat=True)
    )


# --- Query parts shared with search and lists ------------------------------------------------


def _open_allocations() -> Prefetch:
    """The child's allocations open today (``sightline.periods``), newest first, as a list.

    On a handover day the allocation ending and the one starting both hold the child.
    """
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.filter(open_on(timezone.localdate()))
        .select_related("worker", "team")
        .order_by("-start_date", "-pk"),
        to_attr="open_allocations",
    )


def _with_status(children: QuerySet[Person]) -> QuerySet[Person]:
    """``children`` annotated with what their status badge needs, in the same single query."""
    child = OuterRef("pk")
    today = open_on(timezone.localdate())
    return children.annotate(
        is_looked_after=Exists(LookedAfterEpisode.objects.filter(today, child=child)),
        has_open_cp_plan=Exists(ChildProtectionPlan.objects.filter(today, child=child)),
        has_open_cin_plan=Exists(ChildInNeedPlan.objects.filter(today, child=child)),
        has_open_referral=Exists(Referral.objects.filter(child=child, closure_date__isnull=True)),
        is_care_leaver=Exists(CareLeaver.objects.filter(child=child)),
    )


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
