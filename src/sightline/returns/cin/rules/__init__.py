"""The DfE CIN census validation rules for 2025-26, one vectorised Polars check each.

Importing this package registers every rule into `RULES` (a `RuleSet("cin", "2025-26")`); the
rules live in modules by the part of the census they judge.
"""

from sightline.returns.cin.rules import (  # noqa: F401  (imported to register their rules)
    assessments,
    cin_plans,
    closure,
    cp_plans,
    disabilities,
    episodes,
    identifiers,
    section47,
)
from sightline.returns.cin.rules._common import RULES

RULESETS = {"2025-26": RULES}

__all__ = ["RULES", "RULESETS"]
