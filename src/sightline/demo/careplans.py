"""Planning a period of care: the SSDA903 episode chain, court orders, adoption and leaving care.

The way out of care is chosen first (by age at entry, from England's mix of reasons for ceasing),
and the legal and placement history is then laid out to lead there: an interim care order until
the final hearing, a placement order before an adoptive placement, long-term fostering after a
full care order. Each change of legal status or placement starts a new episode the same day.
"""

from __future__ import annotations

from datetime import date, timedelta

from sightline.demo import rates
from sightline.demo.context import SeedContext, age_on, birthday, collection_year
from sightline.demo.plans import CarePeriodPlan, ChildPlan

_AGE_BANDS = (16, 10, 5, 1, 0)
_REASONS_CEASED = {
    "HOME": (("E4A", 75), ("E4B", 12), ("E13", 13)),
    "SGO": (("E45", 40), ("E46", 15), ("E47", 35), ("E48", 10)),
    "ADOPTION": (("E11", 60), ("E12", 40)),
    "LONG_TERM": (("E5", 35), ("E17", 25), ("E6", 12), ("E8", 28)),
    "OTHER": (("E8", 40), ("E3", 17), ("E41", 15), ("E13", 15), ("E9", 8), ("E16", 5)),
    "UASC_OTHER": (("E15", 30), ("E8", 70)),
}
_MOVE_REASONS = (
    ("CARPL", 35), ("CREQB", 15), ("CREQO", 10), ("CHILD", 8), ("STAND", 4), ("ALLEG", 2),
    ("CLOSE", 5), ("LAREQ", 8), ("OTHER", 13),
)  # fmt: skip
# Placement kinds by age at placement: (kind, weight). Kinds resolve to a code valid that year.
_PLACEMENTS = {
    0: (("FOSTER", 66), ("KIN", 24), ("MOTHER_BABY", 10)),
    1: (("FOSTER", 70), ("KIN", 27), ("HOME", 3)),
    11: (("FOSTER", 50), ("KIN", 15), ("HOME_K2", 26), ("OTHER", 8), ("SECURE", 1)),
    16: (("FOSTER", 42), ("KIN", 8), ("HOME_K2", 14), ("SUPPORTED", 30), ("OTHER", 6)),
    "UASC": (("SUPPORTED", 45), ("FOSTER", 45), ("HOME_K2", 10)),
}
_PROVIDERS = {
    "U6": (("PR1", 60), ("PR4", 40)),
    "K2": (("PR4", 75), ("PR1", 15), ("PR5", 10)),
    "SUPPORTED": (("PR4", 70), ("PR5", 20), ("PR1", 10)),
    "ADOPTION": (("PR1", 60), ("PR2", 20), ("PR5", 20)),
}
_IN_AREA = {"U3": 0.8, "U6": 0.78, "K2": 0.45, "K1": 0.2, "SUPPORTED": 0.7}


def care_leaver_status(dob: date, periods) -> tuple[str, date] | None:
    """("ELIGIBLE", from) or ("QUALIFYING", from) under the Care Leavers Regulations, else None.

    Eligible: looked after for 13 weeks since the age of 14 and still looked after at 16 or
    later. Qualifying: looked after at 16 or later without the 13 weeks.
    """
    fourteen, sixteen = birthday(dob, 14), birthday(dob, 16)
    weeks_from: date | None = None
    counted = 0
    for period in periods:
        begin = max(period.start, fourteen)
        if period.end > begin:
            if counted + (period.end - begin).days >= 91 and weeks_from is None:
                weeks_from = begin + timedelta(days=91 - counted)
            counted += (period.end - begin).days
    after_sixteen = [p for p in periods if p.end > sixteen and p.exit != "ADOPTION"]
    if not after_sixteen:
        return None
    first_after_sixteen = max(after_sixteen[0].start, sixteen)
    if weeks_from is not None and weeks_from <= after_sixteen[-1].end:
        return "ELIGIBLE", max(weeks_from, sixteen)
    return "QUALIFYING", first_after_sixteen


def care_leaver_until(child: ChildPlan, current: CarePeriodPlan | None) -> date:
    """The date a care leaver stops being followed up (21), or ``date.min`` if not one."""
    periods = [case.care for case in child.cases if case.care is not None]
    if current is not None:
        periods.append(current)
    if periods and care_leaver_status(child.dob, periods) is not None:
        return birthday(child.dob, 21)
    return date.min


def court_extension(weeks: int, rng) -> int:
    """Weeks of extension granted to proceedings lasting ``weeks`` (Children Act 1989 s32(5)).

    Extensions come in steps of up to 8 weeks. Not every overrunning case has one recorded, and
    some have less than the overrun: the 26-week clock shows them late either way.
    """
    if weeks <= 26:
        return 0
    needed = -(-(weeks - 26) // 8) * 8
    roll = rng.random()
    if roll < rates.PROCEEDINGS_OVERRUN_NOT_EXTENDED:
        return 0
    if roll < rates.PROCEEDINGS_OVERRUN_NOT_EXTENDED + 0.2 and needed > 8:
        return needed - 8
    return needed


class CarePlanner:
    """Plan periods of care for children entering care on a given route."""

    def __init__(self, ctx: SeedContext):
        self.rng = ctx.rng
        self.chance = ctx.chance
        self.wd = ctx.workdays

    def court_weeks(self) -> int:
        """Weeks from issue to final order; the 26-week limit is often extended."""
        rng = self.rng
        if rng.random() < rates.PROCEEDINGS_WITHIN_26_WEEKS:
            return rng.randint(18, 26)
        return rng.randint(27, 56)

    def plan_period(
        self, child: ChildPlan, start: date, route: str, pre, weeks: int
    ) -> CarePeriodPlan:
        """Plan one period of care starting on ``start``; siblings share ``pre`` and ``weeks``."""
        chance, rng, wd = self.chance, self.rng, self.wd
        adult = birthday(child.dob, 18)
        age = age_on(child.dob, start)
        if child.uasc:
            route, exit_kind = "UASC", chance.pick(rates.UASC_EXITS)
        else:
            band = next(b for b in _AGE_BANDS if age >= b)
            exit_kind = chance.pick(rates.CARE_EXITS[band])
        legal: list[tuple[date, str]] = []  # changes after the first episode
        moves: list[tuple[date, str]] = []  # (day, "MOVE" / "LONG_TERM" / "ADOPTION" / "HOME")
        first_legal = "V2"
        proceedings = adoption = None
        end = None
        issued = None
        if route == "EMERGENCY":
            first_legal = "L1" if chance.yes(0.6) else "L2"
            order_day = start + timedelta(
                days=rng.randint(1, 3) if first_legal == "L1" else rng.randint(3, 8)
            )
            if chance.yes(0.3):
                exit_kind, end = "HOME", order_day
            else:
                legal.append((order_day, "C1"))
                issued = order_day
        elif route == "ICO":
            first_legal, issued = "C1", start
        elif exit_kind == "LONG_TERM" and route != "UASC" and chance.yes(0.45):
            issued = start + timedelta(days=rng.randint(60, 240))
            legal.append((issued, "C1"))
        if exit_kind == "ADOPTION" and issued is None:
            exit_kind = "SGO"
        if issued is not None and end is None:
            final = wd.on_or_after(issued + timedelta(weeks=weeks))
            order, end, exit_kind = self._final_order(exit_kind, final, legal, moves, adult)
            if exit_kind == "ADOPTION":
                adoption, end, exit_kind = self._adoption(start, final, moves, adult)
            proceedings = (issued, final, order, court_extension(weeks, rng))
        if end is None:
            end = self._exit_day(exit_kind, start, adult)
        unstable = chance.yes(0.22 if age >= 11 else 0.07) and exit_kind != "ADOPTION"
        end = min(end, adult)
        if end <= start:
            end = start + timedelta(days=1)
        self._moves(start, end, unstable, moves)
        episodes = self._episodes(child, start, end, first_legal, legal, moves, route)
        if end >= adult and exit_kind not in ("LONG_TERM",):
            exit_kind = "LONG_TERM"
        reason_ceased = self._reason_ceased(exit_kind, child)
        if proceedings is not None and proceedings[2] == "CAO" and end == proceedings[1]:
            reason_ceased = "E41"
        return CarePeriodPlan(
            start=start,
            end=end,
            reason_ceased=reason_ceased,
            exit=exit_kind,
            route=route,
            episodes=episodes,
            permanence=_permanence(exit_kind, age, episodes),
            unstable=unstable,
            adoption=adoption,
            proceedings=proceedings,
            pre_proceedings=pre if route == "ICO" else None,
        )

    def _final_order(self, exit_kind, final, legal, moves, adult):
        chance, rng = self.chance, self.rng
        if exit_kind == "HOME":
            if chance.yes(0.45):
                # A care order with the child placed at home, discharged later.
                legal.append((final, "C2"))
                moves.append((final, "HOME"))
                return "CARE_ORDER", final + timedelta(days=rng.randint(180, 540)), "HOME"
            return ("SUPERVISION_ORDER" if chance.yes(0.7) else "NO_ORDER"), final, "HOME"
        if exit_kind == "SGO":
            return "SGO", final, "SGO"
        if exit_kind == "OTHER" and chance.yes(0.3):
            return "CAO", final, "OTHER"
        if exit_kind == "ADOPTION":
            legal.append((final, "E1"))
            return "PLACEMENT_ORDER", None, "ADOPTION"
        legal.append((final, "C2"))
        moves.append((final, "LONG_TERM"))
        end = None if exit_kind == "LONG_TERM" else final + timedelta(days=rng.randint(30, 900))
        return "CARE_ORDER", end, exit_kind

    def _adoption(self, start, placement_order, moves, adult):
        chance, rng = self.chance, self.rng
        decision = max(
            start + timedelta(days=20), placement_order - timedelta(days=rng.randint(30, 120))
        )
        # Fostering for adoption: a minority of adoptions (it counts as moving in, K-A1).
        fostering_for_adoption = start if chance.yes(0.1) else None
        if fostering_for_adoption:
            moves.append((start, "FFA"))
        if chance.yes(rates.ADOPTION_STOPPED):
            stopped = placement_order + timedelta(days=rng.randint(200, 500))
            reason = chance.pick((("RD3", 60), ("RD4", 25), ("RD1", 15)))
            adoption = (
                decision,
                placement_order,
                None,
                None,
                fostering_for_adoption,
                None,
                stopped,
                reason,
            )
            if chance.yes(0.5):
                return adoption, stopped + timedelta(days=rng.randint(150, 500)), "SGO"
            return adoption, adult, "LONG_TERM"
        # Placement order to match: England's average was about 200 days (2015-18).
        matched = placement_order + timedelta(days=rng.randint(60, 420))
        placed = matched + timedelta(days=rng.randint(7, 35))
        order = placed + timedelta(days=rng.randint(120, 330))
        moves.append((placed, "ADOPTION"))
        adoption = (
            decision,
            placement_order,
            matched,
            placed,
            fostering_for_adoption,
            order,
            None,
            "",
        )
        return adoption, order, "ADOPTION"

    def _exit_day(self, exit_kind, start, adult) -> date:
        rng = self.rng
        if exit_kind == "LONG_TERM":
            return adult
        if exit_kind == "HOME":
            days = min(1100, max(7, round(rng.lognormvariate(5.1, 0.9))))
        elif exit_kind == "SGO":
            days = rng.randint(300, 700)
        else:
            days = rng.randint(30, 1100)
        return start + timedelta(days=days)

    def _moves(self, start, end, unstable, moves) -> None:
        rng = self.rng
        rate = rates.PLACEMENT_MOVES_PER_YEAR[1 if unstable else 0]
        day = start
        while True:
            day = day + timedelta(days=max(1, round(rng.expovariate(rate) * 365)))
            if day >= end:
                return
            moves.append((day, "MOVE"))

    def _episodes(self, child, start, end, first_legal, legal, moves, route) -> list[tuple]:
        """Lay legal and placement changes out as SSDA903 episodes (each starting a new row)."""
        chance = self.chance
        placement = self._placement(child, start, route)
        current_legal = first_legal
        episodes = [(start, "S", first_legal, *placement, "")]
        legal_on = dict(legal)
        moves_on = {}
        for day, kind in moves:
            moves_on.setdefault(day, kind)
        for day in sorted(set(legal_on) | set(moves_on)):
            if day <= start and moves_on.get(day) != "FFA":
                continue
            if day >= end:
                break
            new_legal = legal_on.get(day, current_legal)
            move = moves_on.get(day)
            same_carer = False
            new_placement = placement
            reason = ""
            if move == "FFA":
                new_placement = ("U5", "PR1", True)
                episodes[0] = (start, "S", first_legal, *new_placement, "")
                placement = new_placement
                continue
            if move == "MOVE":
                new_placement = self._placement(child, day, route)
                reason = chance.pick(_MOVE_REASONS)
            elif move == "LONG_TERM":
                long_term = {"U6": "U4", "U3": "U1"}.get(placement[0])
                if long_term:
                    new_placement, same_carer, reason = (long_term, *placement[1:]), True, "PLACE"
            elif move == "HOME":
                new_placement, reason = ("P1", "PR0", True), "CARPL"
            elif move == "ADOPTION":
                same_carer = placement[0] == "U5"
                new_placement = (
                    "A5" if same_carer else "A6",
                    chance.pick(_PROVIDERS["ADOPTION"]),
                    True,
                )
                reason = "PLACE" if same_carer else "CARPL"
            legal_changed = new_legal != current_legal
            placement_changed = new_placement != placement or same_carer
            if not legal_changed and not placement_changed:
                continue
            if legal_changed and placement_changed:
                rne = "U" if same_carer else "B"
            elif legal_changed:
                rne, reason = "L", ""
            else:
                rne = "T" if same_carer else "P"
            episodes.append((day, rne, new_legal, *new_placement, reason))
            current_legal, placement = new_legal, new_placement
        return episodes

    def _placement(self, child, day, route) -> tuple[str, str, bool]:
        """(placement type, provider, placed in the council's area) for a placement from ``day``."""
        chance = self.chance
        age = age_on(child.dob, day)
        if child.uasc:
            kind = chance.pick(_PLACEMENTS["UASC"])
        else:
            kind = chance.pick(
                _PLACEMENTS[16 if age >= 16 else 11 if age >= 11 else 1 if age >= 1 else 0]
            )
        year = collection_year(day)
        if kind == "FOSTER":
            code, provider = "U6", chance.pick(_PROVIDERS["U6"])
        elif kind == "KIN":
            code, provider = "U3", "PR1"
        elif kind == "MOTHER_BABY":
            code, provider = "R3", "PR4"
        elif kind == "HOME":
            code, provider = "P1", "PR0"
        elif kind == "HOME_K2":
            code, provider = "K2", chance.pick(_PROVIDERS["K2"])
        elif kind == "SECURE":
            code, provider = "K1", "PR2"
        elif kind == "SUPPORTED":
            # Supported accommodation (K3) replaced H5 and P2 from the 2023-24 collection.
            independent = age >= 17 and chance.yes(0.15) and year <= 2025
            code = "P2" if independent else ("K3" if year >= 2024 else "H5")
            provider = chance.pick(_PROVIDERS["SUPPORTED"])
            if age < 16:
                # Supported accommodation is for 16- and 17-year-olds (903 rule 371; the 2023
                # regulations): a younger unaccompanied child is fostered instead.
                code = "U6"
        else:
            code = chance.pick(
                (("R1", 30), ("S1", 30), ("R5", 10), ("Z1" if year <= 2025 else "Z11", 30))
            )
            provider = "PR3" if code == "R5" else "PR4"
        in_area = chance.yes(_IN_AREA.get("SUPPORTED" if kind == "SUPPORTED" else code, 0.6))
        return code, provider, in_area

    def _reason_ceased(self, exit_kind, child) -> str:
        chance = self.chance
        if exit_kind == "LONG_TERM" and child.disabled and chance.yes(0.3):
            return "E7"
        if exit_kind == "OTHER" and child.uasc:
            return chance.pick(_REASONS_CEASED["UASC_OTHER"])
        return chance.pick(_REASONS_CEASED[exit_kind])


def _permanence(exit_kind: str, age: int, episodes) -> str:
    if exit_kind == "HOME":
        return "RETURN_HOME"
    if exit_kind == "SGO":
        return "SGO_CAO"
    if exit_kind == "ADOPTION":
        return "ADOPTION"
    if exit_kind == "LONG_TERM":
        if age >= 15:
            return "SUPPORTED_LIVING"
        return "LONG_TERM_RESIDENTIAL" if episodes[-1][3] == "K2" else "LONG_TERM_FOSTERING"
    return "OTHER"
