"""Finding children: the search box and the home page's caseload, scoped and audited as lists.

Both start from ``children_visible_to`` (deny by default, restricted records hidden) and write
one audit event naming the criteria used (never what was typed) and the children shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.access.policies import Capability, actor_can, children_visible_to
from sightline.access.services import audit_event_record, audit_listing_record
from sightline.people.models import Person
from sightline.people.selectors.record import _open_allocations, _with_status
from sightline.periods import open_on
from sightline.workforce.models import Allocation

MAX_SEARCH_RESULTS = 50

_NON_DIGITS = re.compile(r"[\s-]")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")


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
    audit_listing_record(
        actor=actor, child_ids=[child.pk for child in children], detail=detail, request=request
    )


def actor_may_search_children(actor) -> bool:
    """Whether to offer ``actor`` the child search (the selectors enforce it regardless)."""
    return actor_can(actor, Capability.SEARCH_CHILDREN)


def actor_may_list_children(actor) -> bool:
    """Whether ``actor``'s role reads children's records at all (a home-page caseload)."""
    return actor_can(actor, Capability.VIEW_CHILD)


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
    used and the children found (``result_ids``, which the child's access history reads); a
    refused search (a role that may not search) is audited as refused, then raises
    ``PermissionDenied``.
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


# --- Lists -------------------------------------------------------------------------------------


def child_list_allocated(*, actor, request=None) -> list[Person]:
    """Children currently allocated to ``actor`` as their worker, by surname; audited as a list.

    Each child carries ``open_allocations`` and the status flags. A restricted child appears
    only if the actor is on its allow-list, as everywhere else.
    """
    today = timezone.localdate()
    mine = Allocation.objects.filter(
        open_on(today),
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
