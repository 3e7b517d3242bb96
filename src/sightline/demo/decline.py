"""The declining service area: the one part of the council whose practice falls away.

The inspection found a service in decline: over its last year, contacts waited longer for a
decision, strategy discussions and conferences ran late, visits to children on plans lapsed,
managers' oversight thinned, caseloads rose and workers came and went. The synthetic council has
one such area, so that every dashboard and finding built on it has a true decline to show.

The area is the patch of the last child protection and CIN team (`TeamLayout.declining`): the
families whose ``area`` falls in it, and the teams that serve them there. Its decline begins two
years before the as-at date and deepens steadily, so it shows as a trend over 24 months; the rest
of the council keeps its usual rates, and the council as a whole stays near England's.
"""

from __future__ import annotations

from datetime import date

from sightline.standards.calendar import add_months

# The locality's name, used for its teams ("Child Protection and CIN Team Riverside") and by
# later features that refer to the declining service.
DECLINING_SERVICE_AREA = "Riverside"
# How long before the as-at date the decline begins; it is at its worst on the as-at date.
DECLINE_MONTHS = 24


class Decline:
    """How far the declining area has fallen on a day: 0 before the decline, 1 at the as-at date."""

    __slots__ = ("begins", "length", "low")

    def __init__(self, as_at: date, low: float):
        self.begins = add_months(as_at, -DECLINE_MONTHS).toordinal()
        self.length = as_at.toordinal() - self.begins
        self.low = low

    def covers(self, area: float) -> bool:
        """Whether a family at ``area`` lives in the declining service area."""
        return area >= self.low

    def level(self, area: float, day: date) -> float:
        """0 outside the area or before the decline began; rising to 1 on the as-at date."""
        if area < self.low:
            return 0.0
        elapsed = day.toordinal() - self.begins
        if elapsed <= 0:
            return 0.0
        return min(1.0, elapsed / self.length)

    def share(self, area: float, day: date, usual: float, worst: float) -> float:
        """A rate that moves from ``usual`` to ``worst`` as the area declines."""
        level = self.level(area, day)
        return usual + (worst - usual) * level if level else usual
