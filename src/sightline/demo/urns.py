"""Ofsted unique reference numbers (URNs) for the demo council's placements.

The SSDA903 asks for the URN of every placement in a setting Ofsted registers (rule 218): the
children's home, supported accommodation or residential school itself, and for a foster or
adoptive placement the fostering service or adoption agency that approved the carers. The
council's own fostering service and adoption agency each have one URN; other councils and the
independent agencies it uses are a handful each.

Drawn from a stream of its own (``<seed>:placement-urns``), so that giving placements their URNs
left every other record of the council as it was.
"""

from __future__ import annotations

from sightline.demo.context import SeedRandom

_FOSTERING = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
# Not an Ofsted-registered setting: with parents, residential employment, NHS, young offender
# institutions, temporary and "other" placements (SSDA903 guidance; rules 218, 222).
NO_URN = frozenset(
    {"P1", "P3", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"}
)
# Agencies per kind and provider: one of the council's own, a few of anyone else's.
_AGENCIES = {"PR1": 1, "PR2": 4, "PR3": 2, "PR4": 8, "PR5": 4}


class PlacementUrns:
    def __init__(self, seed: object):
        self.rng = SeedRandom(f"{seed}:placement-urns")
        self._agencies: dict[tuple[str, str], list[str]] = {}

    def _new(self) -> str:
        return f"SC{self.rng.randint(100000, 999999)}"

    def urn(self, placement: str, provider: str) -> str:
        """The URN to record for a new placement of this type with this provider."""
        if placement in NO_URN:
            return ""
        if placement in _FOSTERING or placement in _ADOPTION:
            kind = "FOSTERING" if placement in _FOSTERING else "ADOPTION"
            agencies = self._agencies.setdefault((kind, provider), [])
            if len(agencies) < _AGENCIES.get(provider, 1):
                agencies.append(self._new())
                return agencies[-1]
            return self.rng.choice(agencies)
        return self._new()
