"""Database constraints shared by the record models."""

from django.db import models
from django.db.models import F, Q


def ends_after_starts(start: str, end: str, name: str) -> models.CheckConstraint:
    """A check that `end` is empty or not before `start` (enforced by the database itself)."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}), name=name
    )
