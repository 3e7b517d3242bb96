"""The DfE SSDA903 validation rules for 2025-26, registered in `RULESET` as their modules load."""

from sightline.returns.ssda903.rules import (  # noqa: F401 - importing registers the rules
    adoption,
    episodes_codes,
    episodes_dates,
    header,
    integrity,
    missing,
    modules,
    oc2,
    oc3,
    previous,
    providers,
    social_workers,
)
from sightline.returns.ssda903.rules._base import CATALOGUE, RULESET

__all__ = ["CATALOGUE", "RULESET"]
