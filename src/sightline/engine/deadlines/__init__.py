"""Deadlines: the timescale rulebook evaluated over a `Dataset` as at a date, vectorised.

``evaluate_deadlines(dataset, as_at, rulebook, calendar)`` returns one row per deadline
instance (``DEADLINE_SCHEMA``). Each rule module turns frames into clock candidates with Polars
joins and window expressions; ``clocks`` holds what they share (recurring chains, due dates).
"""

from sightline.engine.deadlines.dependencies import EVERY_RULE_FRAMES, rules_reading
from sightline.engine.deadlines.evaluate import (
    CHILD_RULE_IDS,
    DEADLINE_SCHEMA,
    DUE_SOON_WORKING_DAYS,
    STATUSES,
    evaluate_deadlines,
    status_on,
)

__all__ = [
    "CHILD_RULE_IDS",
    "DEADLINE_SCHEMA",
    "DUE_SOON_WORKING_DAYS",
    "EVERY_RULE_FRAMES",
    "STATUSES",
    "evaluate_deadlines",
    "status_on",
    "rules_reading",
]
