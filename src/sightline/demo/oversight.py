"""Writing allocations, management oversight and supervision.

A child's allocations follow the stages of their case (assessment team, then CP/CIN, children in
care, leaving care) and change worker whenever one leaves; they never overlap, because each
starts on the day the previous one ends. Managers record oversight on every open case roughly
monthly, except on drifting cases, where it stops (deliberately) months before the as-at date,
and in the declining service area (`decline`), where it thins over the last two years.
"""

from __future__ import annotations

from datetime import timedelta

from sightline.casework.models import ManagementOversight
from sightline.demo import rates
from sightline.demo.leavers import CareLeaverSpan
from sightline.demo.records import ChildRecord
from sightline.workforce.models import Allocation, Supervision

_FACTOR_WORDS = {
    "3B": "domestic abuse", "4B": "parental mental health", "17A": "emotional harm",
    "16A": "neglect", "2B": "parental drug use", "1B": "parental alcohol use",
}  # fmt: skip


class OversightRecords:
    """Mixin of `CouncilRecords`: allocations, oversight and supervision."""

    def write_allocations(self, child: ChildRecord, leaver: CareLeaverSpan | None) -> None:
        """Allocate the child through the stages of each case, then as a care leaver."""
        as_at, detail_start, workforce = self.as_at, self.detail_start, self.workforce
        periods = []
        for case in child.plan.cases:
            if case.nfa or case.contact.decided > self.as_at_end:
                continue
            stages = case.stages
            for index, (start, kind) in enumerate(stages):
                end = stages[index + 1][0] if index + 1 < len(stages) else case.closure
                if end > start:
                    if periods and periods[-1][2] == kind and periods[-1][1] == start:
                        periods[-1] = (periods[-1][0], end, kind)
                    else:
                        periods.append((start, end, kind))
        if leaver is not None and leaver.left_care is not None and leaver.until > leaver.left_care:
            periods.append((leaver.left_care, leaver.until, "CARE_LEAVERS"))
        if child.plan.private_fostering is not None:
            notified, _, ended = child.plan.private_fostering
            periods.append((notified, ended, "CP_CIN"))
        area = child.family.area
        for index, (start, end, kind) in enumerate(periods):
            if end <= detail_start or start > as_at:
                continue
            start = max(start, detail_start)
            open_end = None if end > as_at else end
            team = workforce.team_for(kind, area)
            following = periods[index + 1] if index + 1 < len(periods) else None
            if following is not None and following[0] == end:
                closing = f"Transferred to {workforce.team_for(following[2], area).name}"
            else:
                closing = (
                    ("Support to 25 ended" if leaver.support_to_25 else "Turned 21")
                    if kind == "CARE_LEAVERS"
                    else "Case closed"
                )
            for member, seg_start, seg_end, reason in workforce.allocations(team, start, open_end):
                if seg_end is not None and seg_end <= seg_start:
                    continue
                if seg_end == open_end:
                    reason = closing if open_end is not None else ""
                self.add(Allocation, (
                    self.next_id(Allocation), child.id, team.id, member.id if member else None,
                    seg_start, seg_end, reason,
                ))  # fmt: skip
                child.allocations.append((seg_start, seg_end, team, member))
                child.starts.append(seg_start)

    def write_oversight(self, child: ChildRecord) -> None:
        """Management oversight on the open case: about every 20 working days (local standard)."""
        rng, wd, workforce = self.rng, self.wd, self.workforce
        decline, area = self.ctx.decline, child.family.area
        quiet = child.quiet_from
        cases = child.plan.cases
        factor = (
            _FACTOR_WORDS.get(cases[-1].contact.concern, "the concerns")
            if cases
            else "the concerns"
        )
        for start, end, team, _member in _merged(child.allocations):
            if team.kind in ("CARE_LEAVERS",):
                continue
            stop = min(end or self.as_at + timedelta(days=1), self.as_at + timedelta(days=1))
            day = wd.add(start, rng.randint(3, 15))
            while day < stop:
                if quiet is not None and day >= quiet:
                    break
                manager = workforce.manager_on(team, day)
                note, direction = self.text.oversight(child.first_name, factor)
                recorded = self.utc(self.moment(day, 9, 18))
                self.add(
                    ManagementOversight,
                    (
                        self.next_id(ManagementOversight),
                        child.id,
                        recorded,
                        manager.id,
                        note,
                        direction,
                        False,
                        # Plans are overseen; other open cases are given direction.
                        "PLAN_OVERSIGHT"
                        if team.kind in ("CP_CIN", "LOOKED_AFTER")
                        else "CASE_DIRECTION",
                    ),
                )
                every = rates.OVERSIGHT_WD if team.kind == "CP_CIN" else 30
                late_share = decline.share(
                    area, day, rates.OVERSIGHT_LATE, rates.DECLINING_OVERSIGHT_LATE
                )
                late = rng.random() < late_share
                day = wd.add(
                    day, every + rng.randint(3, 25) if late else rng.randint(every - 6, every)
                )

    def write_supervision(self) -> None:
        """Supervision of every worker in post: four-weekly, more often when newly qualified."""
        rng, wd, workforce = self.rng, self.wd, self.workforce
        last = self.as_at
        for member in workforce.staff:
            team = member.team
            if team is None:
                continue
            day = max(member.started_on, self.detail_start)
            leaves = member.left_on or last + timedelta(days=1)
            newly_qualified = (
                member.qualified_on is not None
                and (member.started_on - member.qualified_on).days < 365
            )
            while True:
                served = (day - member.started_on).days
                if newly_qualified and served < 42:
                    every = 7
                elif newly_qualified and served < 183:
                    every = 14
                else:
                    every = 28
                if rng.random() < rates.SUPERVISION_LATE:
                    day = day + timedelta(days=every + rng.randint(4, 25))
                else:
                    day = day + timedelta(days=every - rng.randint(0, min(5, every // 3)))
                day = wd.on_or_after(day)
                if day >= leaves or day > last:
                    break
                supervisor = workforce.heads[team.service]
                if member.role != "TEAM_MANAGER":
                    supervisor = workforce.manager_on(team, day)
                if supervisor.id == member.id:
                    continue
                self.add(
                    Supervision,
                    (
                        self.next_id(Supervision),
                        member.id,
                        supervisor.id,
                        day,
                        self.text.supervision(),
                        None,  # when it was typed in is not known for the synthetic history
                    ),
                )


def _merged(allocations):
    """Allocation segments joined per team (oversight follows the team, not the worker)."""
    merged = []
    for start, end, team, member in allocations:
        if merged and merged[-1][2] is team and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end, team, member)
        else:
            merged.append((start, end, team, member))
    return merged
