"""Retention of children's records: the schedule, legal holds, and disposal with IG approval.

`schedule` holds the rules (pure functions), `selectors` the review of records past retention,
`services` the holds, overrides and the propose / approve / dispose steps, and `disposal` the
deletion itself. See docs/data-protection.md.
"""

from sightline.access.retention.schedule import (
    RetentionFacts,
    RetentionPeriod,
    RetentionRule,
    retention_period,
    retention_until,
)

__all__ = [
    "RetentionFacts",
    "RetentionPeriod",
    "RetentionRule",
    "retention_period",
    "retention_until",
]
