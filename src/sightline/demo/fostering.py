"""Writing privately fostered children: the arrangement and the visits the council must make.

Children (Private Arrangements for Fostering) Regulations 2005 regs 7-8: a first visit within 7
working days of the council being notified, then visits at most 6 weeks apart in the first year
and 12 weeks apart after it. A few visits slip.
"""

from __future__ import annotations

from datetime import timedelta

from sightline.care.models import PrivateFosteringArrangement
from sightline.demo.records import ChildRecord

_CARERS = ("a family friend", "a great-aunt", "a friend's parents", "a former neighbour")


class PrivateFosteringRecords:
    """Mixin of `CouncilRecords`: private fostering arrangements."""

    def write_private_fostering(self, child: ChildRecord) -> None:
        rng, wd, as_at = self.rng, self.wd, self.as_at
        notified, started, ended = child.plan.private_fostering
        if notified > as_at:
            return
        _, group = self.directory.ethnicity()
        carer = f"{self.directory.first_name(group, 'F')} {self.directory.surname(group)}"
        self.add(PrivateFosteringArrangement, (
            self.next_id(PrivateFosteringArrangement), child.id, notified, started,
            ended if ended <= as_at else None, f"{carer} ({rng.choice(_CARERS)})",
        ))  # fmt: skip
        stop = min(ended, as_at + timedelta(days=1))
        day = wd.add(notified, rng.randint(1, 7) if rng.random() < 0.9 else rng.randint(8, 12))
        first_year = notified + timedelta(days=365)
        while day < stop:
            self._visit(child, day, "PRIVATE_FOSTERING")
            weeks = 6 if day < first_year else 12
            late = rng.random() < 0.1
            gap = weeks * 7 + rng.randint(3, 20) if late else rng.randint(weeks * 7 - 12, weeks * 7)
            day = wd.on_or_after(day + timedelta(days=gap))
