"""The shared shape of the care actions: build a record, validate it, save it.

A looked-after child's records are mostly new rows (a review held, a plan agreed); each action
below checks what the record means for the child's care (a review needs a period of care on its
date) and leaves field and constraint checks to ``full_clean()``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from sightline.actions import ChildRecordAction
from sightline.care.models import LookedAfterEpisode
from sightline.periods import open_on


class CareRecordCreate(ChildRecordAction):
    """Create one care record from ``fields``; subclasses add ``model``, ``doing``, ``validate``."""

    model: type[models.Model]

    def __init__(self, *, fields: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields = fields

    def validate(self) -> None:
        """Refuse, as a located ``ValidationError``, what the child's record does not allow."""

    def build(self) -> models.Model:
        return self.model(child=self.child, **self.fields)

    def perform(self) -> models.Model:
        self.validate()
        record = self.build()
        record.full_clean()
        record.save()
        return record


def episode_on(child, day: dt.date) -> LookedAfterEpisode | None:
    """The child's looked-after episode open on ``day`` (both ends inclusive), if any."""
    return (
        LookedAfterEpisode.objects.filter(open_on(day), child=child)
        .order_by("-start_date", "-pk")
        .first()
    )


def open_episode(child, *, lock: bool = False) -> LookedAfterEpisode | None:
    """The child's open episode (the database allows at most one), locked if asked."""
    episodes = LookedAfterEpisode.objects.filter(child=child, end_date__isnull=True)
    if lock:
        episodes = episodes.select_for_update()
    return episodes.first()


def require_looked_after_on(child, day: dt.date, field: str, what: str) -> LookedAfterEpisode:
    """The episode open on ``day``, or a refusal located on ``field``."""
    episode = episode_on(child, day)
    if episode is None:
        raise ValidationError(
            {field: f"The child was not looked after on {day.day} {day:%B %Y}, so {what}"}
        )
    return episode
