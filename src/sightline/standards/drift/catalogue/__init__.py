"""Every drift-and-delay rule Sightline evaluates, as data (see ``docs/findings.md``).

Each rule names its source. Thresholds that are a local standard (``Kind.LOCAL``) may be changed
in settings; national measures may not, and rules that read overdue clocks follow the timescale
rules they name.
"""

from __future__ import annotations

from sightline.standards.drift.catalogue.care import CARE
from sightline.standards.drift.catalogue.management import MANAGEMENT
from sightline.standards.drift.catalogue.protection import PROTECTION
from sightline.standards.drift.rules import DriftRule

__all__ = ["RULES"]

RULES: tuple[DriftRule, ...] = PROTECTION + CARE + MANAGEMENT
