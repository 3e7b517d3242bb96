"""The drift-and-delay rules: signs that a child's plan is not moving, as data, with the
council's local thresholds.

``drift_rulebook()`` is the way in: ``drift_rulebook("D-CP-PLAN-LONG=18M")`` gives the rules in
force with a child protection plan flagged after 18 months rather than 15.
"""

from sightline.standards.drift.catalogue import RULES
from sightline.standards.drift.rulebook import (
    DriftRulebook,
    Threshold,
    drift_rulebook,
    parse_drift_overrides,
)
from sightline.standards.drift.rules import DriftRule, Severity

__all__ = [
    "RULES",
    "DriftRule",
    "DriftRulebook",
    "Severity",
    "Threshold",
    "drift_rulebook",
    "parse_drift_overrides",
]
