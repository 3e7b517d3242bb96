"""The rulebook in force: every timescale with the council's local standards applied."""

from __future__ import annotations

from sightline.oversight.services import council_standards
from sightline.standards.timescales import TimescaleRule

__all__ = ["timescale_rules"]


def timescale_rules() -> list[TimescaleRule]:
    """Every timescale rule in catalogue order, as this council's settings have it.

    No personal data: anyone signed in may read how clocks are counted.
    """
    rules, _ = council_standards()
    return list(rules.values())
