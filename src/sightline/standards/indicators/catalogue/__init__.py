"""Every indicator of ``shared/domain/indicators.md``, as data, in the catalogue's order."""

from __future__ import annotations

from sightline.standards.indicators.catalogue.children_in_care import CHILDREN_IN_CARE
from sightline.standards.indicators.catalogue.front_door import FRONT_DOOR
from sightline.standards.indicators.catalogue.leavers_adoption_workforce import (
    ADOPTION,
    CARE_LEAVERS,
    WORKFORCE,
)
from sightline.standards.indicators.catalogue.protection import CHILD_PROTECTION
from sightline.standards.indicators.definitions import Indicator

__all__ = ["INDICATORS"]

INDICATORS: tuple[Indicator, ...] = (
    FRONT_DOOR + CHILD_PROTECTION + CHILDREN_IN_CARE + CARE_LEAVERS + ADOPTION + WORKFORCE
)
