"""The council's escalation days and caseload weights, read from settings on every call."""

from __future__ import annotations

import functools
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sightline.standards.drift import Severity
from sightline.standards.drift.escalation import escalation_days

__all__ = [
    "CASE_TYPES",
    "DEFAULT_CASELOAD_WEIGHTS",
    "caseload_cap",
    "caseload_weights",
    "escalation_standards",
]

# A child's case type for caseload weighting, gravest first: a child on a plan and looked
# after counts once, as looked after.
CASE_TYPES = MappingProxyType(
    {
        "LAC": "Looked after",
        "CP": "Child protection",
        "CIN": "Child in need",
        "CARE_LEAVER": "Care leaver",
        "OTHER": "Assessment or other",
    }
)
# Local practice, not statute: a looked-after child's or a protection plan's statutory visits,
# reviews and court work weigh more than a child in need's. A council sets its own.
DEFAULT_CASELOAD_WEIGHTS = MappingProxyType(
    {"LAC": 1.5, "CP": 1.5, "CIN": 1.0, "CARE_LEAVER": 0.5, "OTHER": 1.0}
)


def escalation_standards() -> dict[Severity, int]:
    """Working days a finding waits at each level, from ``SIGHTLINE_ESCALATION_DAYS``."""
    return dict(_escalation_for(getattr(settings, "SIGHTLINE_ESCALATION_DAYS", "") or ""))


@functools.lru_cache(maxsize=8)
def _escalation_for(overrides: str):
    try:
        return MappingProxyType(escalation_days(overrides))
    except ValueError as error:
        raise ImproperlyConfigured(f"SIGHTLINE_ESCALATION_DAYS: {error}") from None


def caseload_weights() -> dict[str, float]:
    """Weights by case type, from ``SIGHTLINE_CASELOAD_WEIGHTS`` (e.g. ``"CP=2,CIN=1"``)."""
    return dict(_weights_for(getattr(settings, "SIGHTLINE_CASELOAD_WEIGHTS", "") or ""))


@functools.lru_cache(maxsize=8)
def _weights_for(overrides: str):
    weights = dict(DEFAULT_CASELOAD_WEIGHTS)
    for entry in overrides.split(","):
        entry = entry.strip()
        if not entry:
            continue
        name, equals, value = entry.partition("=")
        name = name.strip().upper()
        if not equals or name not in CASE_TYPES:
            raise ImproperlyConfigured(
                f"SIGHTLINE_CASELOAD_WEIGHTS: {entry!r}: write TYPE=weight, TYPE one of "
                + ", ".join(CASE_TYPES)
            )
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if not 0 < weight <= 10:
            raise ImproperlyConfigured(
                f"SIGHTLINE_CASELOAD_WEIGHTS: {entry!r}: the weight must be a number above 0 "
                "and at most 10"
            )
        weights[name] = weight
    return MappingProxyType(weights)


def caseload_cap() -> int:
    """The caseload above which a worker is flagged (``SIGHTLINE_CASELOAD_CAP``, default 22)."""
    return int(getattr(settings, "SIGHTLINE_CASELOAD_CAP", 22))
