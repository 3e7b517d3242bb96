"""Chronology events from warnings about the child: raised and ended.

Warnings about adults the child lives with are shown on the record while they apply, but are
the adult's history, not the child's, and are left out of the child's chronology.
"""

from __future__ import annotations

from collections.abc import Iterator

from sightline.people.chronology.events import ChronologyEvent, EventKind, _event, _line
from sightline.people.models import Person, PersonWarning
from sightline.standards import codes


def _warnings(child: Person) -> Iterator[ChronologyEvent]:
    for warning in PersonWarning.objects.filter(person=child).select_related("raised_by"):
        label = codes.PERSON_WARNING.label(warning.kind)
        yield _event(
            EventKind.WARNING_RAISED,
            warning.raised_on,
            f"Warning raised: {label}",
            warning.detail,
            by=warning.raised_by,
        )
        if warning.ended_on is not None:
            yield _event(
                EventKind.WARNING_ENDED,
                warning.ended_on,
                f"Warning ended: {label}",
                _line("Why", warning.end_reason),
            )
