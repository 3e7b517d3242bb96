"""Reads of the performance area: figures for a reader's scope, and the children behind them.

Figures are aggregates and need the performance capability (and, below the council, a unit in
the reader's scope: `scopes`). A list of the children behind a figure is personal data: it also
needs the capability to view child records, names only the children the reader may open
(`children_visible_to`, so a restricted child is never named to anyone off its allow-list), and
every page of it is written to the access audit with the children it showed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied

from sightline.access.models import AuditAction
from sightline.access.policies import Capability, actor_can, children_visible_to
from sightline.access.services import AUDITED_LIST_IDS, audit_event_record
from sightline.engine.indicators import LEVELS
from sightline.people.models import Person
from sightline.performance.figures import Figures, figures_for
from sightline.performance.scopes import COUNCIL, Scope, Unit, home_scope, unit_allowed
from sightline.workforce.models import Service, Team, User

__all__ = [
    "CHILD_PAGE_SIZE",
    "ChildRow",
    "IndicatorChildren",
    "indicator_children",
    "performance_figures",
    "unit_named",
]

# A page of names; also keeps each audit event's list of children whole (AUDITED_LIST_IDS).
CHILD_PAGE_SIZE = 100
assert CHILD_PAGE_SIZE <= AUDITED_LIST_IDS


def performance_figures(*, actor, as_at: date) -> tuple[Scope, Figures]:
    """The reader's scope and the figures as at ``as_at``; refused without the capability."""
    scope = home_scope(actor)
    return scope, figures_for(as_at)


def unit_named(*, scope: Scope, figures: Figures, level: str, unit_id: int | None) -> Unit:
    """The unit asked for, named; ``PermissionDenied`` when outside the reader's scope.

    The refusal is the same whether the unit exists or not, so a URL tells nobody who exists.
    """
    if level not in LEVELS:
        raise PermissionDenied("No such unit.")
    if level == "council":
        return COUNCIL
    if not unit_allowed(scope, level, unit_id):
        raise PermissionDenied("That part of the council is outside your scope.")
    if unit_id is None:
        return Unit(level, None, "Unattributed (no allocation on the day)")
    if level == "service":
        name = (
            figures.service_names.get(unit_id)
            or Service.objects.filter(pk=unit_id).values_list("name", flat=True).first()
        )
    elif level == "team":
        name = Team.objects.filter(pk=unit_id).values_list("name", flat=True).first()
    else:
        user = User.objects.filter(pk=unit_id).first()
        name = (user.get_full_name() or user.username) if user else None
    if name is None:
        raise PermissionDenied("That part of the council is outside your scope.")
    return Unit(level, unit_id, name)


@dataclass(frozen=True)
class ChildRow:
    child_id: int
    name: str
    la_child_id: str


@dataclass(frozen=True)
class IndicatorChildren:
    """One page of the children behind a figure that the reader may open, and how many more."""

    which: str  # "numerator" or "denominator"
    total: int  # every child behind the figure
    shown_total: int  # those the reader may open
    rows: list[ChildRow]
    page: int
    page_count: int

    @property
    def not_shown(self) -> int:
        return self.total - self.shown_total


def _visible(actor, ids: list[int]) -> list[int]:
    visible: list[int] = []
    # In chunks: a council-wide list can hold more children than a query may name.
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        visible.extend(children_visible_to(actor).filter(pk__in=chunk).values_list("pk", flat=True))
    return visible


def indicator_children(
    *,
    actor,
    indicator_id: str,
    level: str,
    unit_id: int | None,
    which: str,
    as_at: date,
    page: int = 1,
    request=None,
) -> tuple[Figures, Unit, IndicatorChildren]:
    """The children behind ``indicator_id``'s numerator (or denominator) for one unit.

    Refused (and the refusal audited) without both the performance and the child-record
    capabilities, or for a unit outside the reader's scope. Shows only children the reader may
    open, by name then LA child ID, a page at a time; audited with the children shown.
    """
    detail = {"list": "indicator children", "indicator_id": indicator_id, "level": level,
              "unit_id": unit_id, "which": which, "as_at": as_at.isoformat()}  # fmt: skip
    try:
        if not actor_can(actor, Capability.VIEW_CHILD):
            raise PermissionDenied("Your role cannot see lists of children.")
        scope, figures = performance_figures(actor=actor, as_at=as_at)
        unit = unit_named(scope=scope, figures=figures, level=level, unit_id=unit_id)
        indicator = figures.indicator(indicator_id)
        if not indicator.available or not indicator.counts_children:
            raise PermissionDenied("This figure has no list of children.")
    except (PermissionDenied, KeyError):
        audit_event_record(
            actor=actor, action=AuditAction.SEARCH, detail={"allowed": False, **detail},
            request=request,
        )  # fmt: skip
        raise PermissionDenied("You cannot see the children behind this figure.") from None
    behind = figures.result.children(indicator_id, level=level, unit_id=unit_id)
    ids = behind.numerator if which == "numerator" or behind.denominator is None else (
        behind.denominator
    )  # fmt: skip
    which = "numerator" if ids is behind.numerator else "denominator"
    visible = _visible(actor, ids)
    people = (
        Person.objects.filter(pk__in=visible)
        .order_by("last_name", "first_name", "la_child_id")
        .values_list("pk", "first_name", "last_name", "la_child_id")
    )
    page_count = max(1, -(-len(visible) // CHILD_PAGE_SIZE))
    page = min(max(1, page), page_count)
    offset = (page - 1) * CHILD_PAGE_SIZE
    rows = [
        ChildRow(pk, f"{first} {last}".strip(), la_id or "")
        for pk, first, last, la_id in people[offset : offset + CHILD_PAGE_SIZE]
    ]
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        detail={
            "allowed": True,
            **detail,
            "which": which,
            "page": page,
            "result_count": len(rows),
            "result_ids": [r.child_id for r in rows],
        },
        request=request,
    )
    return figures, unit, IndicatorChildren(which, len(ids), len(visible), rows, page, page_count)
