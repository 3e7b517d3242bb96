"""A child's chronology: every dated event in their record, newest first, in plain English.

The chronology is the practitioner's single view of what has happened to a child and when
(Working Together 2023 asks that history is gathered and read as a whole). Each record type
contributes its events through one function below, each one query, so building a chronology
costs the same number of queries whether the child has five events or five thousand. It is read
from a record opened with ``people.selectors.child_record_open``, which has already checked the
reader's access and audited it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sightline.people.chronology.care import (
    _adoptions,
    _care_leaver,
    _care_leaver_contacts,
    _care_plans,
    _care_proceedings,
    _dental_checks,
    _development_checks,
    _education_plans,
    _health_assessments,
    _immunisations,
    _iro_appointments,
    _looked_after_episodes,
    _looked_after_reviews,
    _missing_episodes,
    _pathway_plans,
    _permanence_plans,
    _placement_plans,
    _pre_proceedings,
    _sdq_scores,
)
from sightline.people.chronology.casework import (
    _agency_checks,
    _allocations,
    _assessments,
    _case_notes,
    _cin_plan_reviews,
    _cin_plans,
    _conferences,
    _contacts,
    _core_groups,
    _cp_plans,
    _management_oversight,
    _referrals,
    _section47_enquiries,
    _strategy_discussions,
    _visits,
)
from sightline.people.chronology.events import AREAS, ChronologyEvent, EventKind
from sightline.people.chronology.oversight import _finding_steps
from sightline.people.chronology.warnings import _warnings
from sightline.people.models import Person
from sightline.people.selectors import ChildRecord, _opened

__all__ = [
    "AREAS",
    "ChronologyEvent",
    "ChronologyPage",
    "EventKind",
    "QUERY_COUNT",
    "child_chronology",
    "chronology_page",
]

DEFAULT_LIMIT = 100

_SOURCES: tuple[Callable[[Person], Iterable[ChronologyEvent]], ...] = (
    _contacts,
    _referrals,
    _allocations,
    _assessments,
    _strategy_discussions,
    _section47_enquiries,
    _conferences,
    _cp_plans,
    _core_groups,
    _cin_plans,
    _cin_plan_reviews,
    _visits,
    _case_notes,
    _management_oversight,
    _finding_steps,
    _warnings,
    _pre_proceedings,
    _care_proceedings,
    _looked_after_episodes,
    _care_plans,
    _placement_plans,
    _iro_appointments,
    _looked_after_reviews,
    _health_assessments,
    _dental_checks,
    _development_checks,
    _immunisations,
    _sdq_scores,
    _education_plans,
    _missing_episodes,
    _permanence_plans,
    _adoptions,
    _care_leaver,
    _care_leaver_contacts,
    _pathway_plans,
)

# Sources that may name someone other than the child, and so read the opened record (its reader)
# to withhold the name of another child whose own record is restricted from them.
_READER_SOURCES: tuple[Callable[[ChildRecord], Iterable[ChronologyEvent]], ...] = (_agency_checks,)

# One query per source; tests hold the chronology to this whatever the number of events.
QUERY_COUNT = len(_SOURCES) + len(_READER_SOURCES)


def child_chronology(*, record: ChildRecord) -> list[ChronologyEvent]:
    """Every event in the opened child's record, newest first, in ``QUERY_COUNT`` queries."""
    child = _opened(record)
    events = [event for source in _SOURCES for event in source(child)]
    events += [event for source in _READER_SOURCES for event in source(record)]
    events.sort(key=ChronologyEvent.sort_key, reverse=True)
    return events


@dataclass(frozen=True)
class ChronologyPage:
    """The part of a chronology to show, and what the reader needs to see the rest."""

    events: list[ChronologyEvent]
    total: int  # events matching the filters, in the chosen year or in all years
    years: list[int]  # years with events, newest first
    year: int | None
    truncated: bool  # more events than shown; offer "show all"
    areas: list[str]  # areas of practice with events, in the order of a child's journey
    area: str | None = None
    significant_only: bool = False

    @property
    def filtered(self) -> bool:
        return bool(self.year or self.area or self.significant_only)


def chronology_page(
    events: list[ChronologyEvent],
    *,
    year: int | None = None,
    area: str | None = None,
    significant_only: bool = False,
    show_all: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> ChronologyPage:
    """Choose what to show of a chronology: one year, one area of practice, the significant
    events only, the latest ``limit`` events, or all. An unknown area is ignored, not an error:
    the filter is a bookmarkable GET form and a stale link should still show the chronology."""
    years = sorted({event.date.year for event in events}, reverse=True)
    present = {event.tag for event in events}
    areas = [name for name in AREAS if name in present]
    if area not in areas:
        area = None
    if year is not None:
        events = [event for event in events if event.date.year == year]
    if area is not None:
        events = [event for event in events if event.tag == area]
    if significant_only:
        events = [event for event in events if event.significant]
    truncated = not show_all and len(events) > limit
    return ChronologyPage(
        events=events[:limit] if truncated else events,
        total=len(events),
        years=years,
        year=year,
        truncated=truncated,
        areas=areas,
        area=area,
        significant_only=significant_only,
    )
