"""The timescale rules: every statutory and local clock, as data, with the council's overrides.

``rulebook()`` is the way in: ``rulebook("T-CP-VISIT=15WD")`` gives the rules in force with
visits to children on child protection plans every 15 working days.
"""

from sightline.standards.timescales.catalogue import RULES
from sightline.standards.timescales.durations import Duration, Unit
from sightline.standards.timescales.rulebook import Rulebook, parse_overrides, rulebook
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = [
    "RULES",
    "Duration",
    "Kind",
    "Rulebook",
    "TimescaleRule",
    "Unit",
    "parse_overrides",
    "rulebook",
]
