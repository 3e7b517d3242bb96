"""Every statutory clock Sightline tracks, as data: the rules of ``shared/domain/timescales.md``.

Each rule names its source. Where the law or statutory guidance sets no timescale, the default is
a common local standard, marked ``Kind.LOCAL``, which a council may change in settings.
"""

from __future__ import annotations

from sightline.standards.timescales.catalogue.adoption_and_private_fostering import (
    ADOPTION_AND_PRIVATE_FOSTERING,
)
from sightline.standards.timescales.catalogue.care_planning import CARE_PLANNING
from sightline.standards.timescales.catalogue.help_and_protection import HELP_AND_PROTECTION
from sightline.standards.timescales.catalogue.leaving_care_and_oversight import (
    CARE_LEAVERS,
    OVERSIGHT,
)
from sightline.standards.timescales.catalogue.looked_after import LOOKED_AFTER
from sightline.standards.timescales.rules import TimescaleRule

__all__ = ["RULES"]

RULES: tuple[TimescaleRule, ...] = (
    HELP_AND_PROTECTION
    + LOOKED_AFTER
    + CARE_PLANNING
    + ADOPTION_AND_PRIVATE_FOSTERING
    + CARE_LEAVERS
    + OVERSIGHT
)
