"""Planning one referral: the front-door decision, assessment, section 47, conference and plans.

A sibling group referred together shares one path: the same strategy discussion, conference and
plan dates, as in practice. `childcases` then turns the path into one case per child.
"""

from __future__ import annotations

from datetime import date, timedelta

from sightline.demo import rates
from sightline.demo.careplans import CarePlanner
from sightline.demo.childcases import ChildCases
from sightline.demo.contacttimes import ContactPlanner
from sightline.demo.context import SeedContext, age_on, collection_year
from sightline.demo.plans import ChildPlan, ContactPlan, CpPlanPlan
from sightline.standards.calendar import add_months

_NOT_IN_NEED = ("NFA", "EARLY_HELP")


class _Path:
    """The shared timeline of one referral while the children's stories are the same."""

    __slots__ = (
        "assessments", "strategy", "s47", "icpc", "cp", "cin_plans", "closure", "reason",
        "outcome", "stages", "care_start", "care_route", "pre_proceedings", "diverted_plo",
        "accommodated", "court_weeks", "area",
    )  # fmt: skip

    def __init__(self, decided_on: date, area: float = 0.0):
        self.assessments: list[tuple] = []
        self.strategy = self.s47 = self.icpc = self.cp = None
        self.cin_plans: list[tuple] = []
        self.closure = decided_on
        self.reason = "RC7"
        self.outcome = "NFA"
        self.stages = [(decided_on, "ASSESSMENT")]
        self.care_start = self.care_route = self.pre_proceedings = self.diverted_plo = None
        self.accommodated = self.court_weeks = None
        self.area = area

    def close(self, day: date, reason: str, outcome: str) -> None:
        self.closure, self.reason, self.outcome = day, reason, outcome

    def move_to(self, day: date, kind: str) -> None:
        if self.stages[-1][1] != kind:
            self.stages.append((day, kind))


class CasePlanner(ChildCases):
    """Plan referrals for a family's children, one at a time, in date order."""

    def __init__(self, ctx: SeedContext):
        self.ctx = ctx
        self.rng = ctx.rng
        self.chance = ctx.chance
        self.wd = ctx.workdays
        self.care = CarePlanner(ctx)
        self.contacts = ContactPlanner(ctx)
        self.decline = ctx.decline

    # --- A referral ---------------------------------------------------------------------------

    def plan_referral(
        self, family, involved: list[ChildPlan], day: date, *, newborn: bool = False
    ) -> tuple[str, date]:
        """Plan a referral about ``involved`` arriving on ``day``.

        Return the outcome class (for the chance of another referral) and the date the family's
        involvement ended for the children who were not looked after long-term.
        """
        chance = self.chance
        received = self.contacts.contact_time(day)
        prior_plan = any(child.cp_plans for child in involved)
        nfa = not newborn and chance.yes(rates.REFERRAL_NFA)
        harm_share = rates.HARM_AT_CONTACT_AFTER_CP_PLAN if prior_plan else rates.HARM_AT_CONTACT
        harm = not nfa and (newborn or chance.yes(harm_share))
        decided = self.contacts.decision_time(received, urgent=harm, area=family.area)
        contact = ContactPlan(
            received=received,
            decision="STRATEGY" if harm else "REFERRAL",
            decided=decided,
            harm=harm,
            checks=True,
            names_adults=True,
        )
        decided_on = decided.date()
        path = _Path(decided_on, family.area)
        layout = self.ctx.layout
        slow_assessment = layout.is_slow("ASSESSMENT", family.area)
        slow_cp = layout.is_slow("CP_CIN", family.area)
        drifting = chance.yes(rates.DRIFT_SHARE)
        if nfa:
            path.close(decided_on, "RC7", "NFA")
        elif harm:
            late = self.decline.share(family.area, decided_on, 0.0, rates.DECLINING_STRATEGY_LATE)
            if late and chance.yes(late):
                held = self.wd.add(decided_on, self.rng.randint(2, 6))
            else:
                held = decided_on if chance.yes(0.85) else self.wd.add(decided_on, 1)
            decision = "S47" if newborn else chance.pick(rates.STRATEGY_DECISIONS)
            path.strategy = (held, decision)
            if decision == "S47":
                emergency = (
                    not newborn
                    and chance.yes(rates.EMERGENCY_PROTECTION)
                    and any(age_on(c.dob, held) < 16 for c in involved)
                )
                self._section47(
                    path, held, involved, slow_assessment, slow_cp, drifting,
                    emergency=emergency, newborn=newborn, assessed=False,
                )  # fmt: skip
            else:
                self._assessment(path, held, involved, slow_assessment, slow_cp, drifting, False)
        else:
            self._assessment(path, decided_on, involved, slow_assessment, slow_cp, drifting, True)
        need = self._need(involved, nfa)
        for child in involved:
            self._child_case(child, path, contact, decided_on, need, nfa)
        end = (
            path.care_start if path.care_start and path.closure < path.care_start else path.closure
        )
        return path.outcome, max(end, path.closure)

    def _need(self, involved, nfa: bool) -> str:
        if nfa:
            return "N0"
        if any(child.disabled for child in involved) and self.chance.yes(0.45):
            return "N2"
        return self.chance.pick(rates.PRIMARY_NEED)

    def _assessment_days(self, slow: bool) -> int:
        factor = rates.SLOW_TEAM_FACTOR if slow else 1.0
        return self.chance.lognormal_days(
            rates.ASSESSMENT_MEDIAN_WD, rates.ASSESSMENT_SPREAD, factor
        )

    def _add_assessment(self, path, start, authorised, outcome) -> None:
        rng = self.rng
        seen = self.wd.add(start, rng.randint(1, 5) if rng.random() < 0.88 else rng.randint(6, 12))
        seen = min(seen, authorised)
        path.assessments.append((start, seen, authorised, outcome, None))

    def _assessment(self, path, start, involved, slow_a, slow_cp, drifting, allow_strategy):
        chance = self.chance
        authorised = self.wd.add(start, self._assessment_days(slow_a))
        outcome = chance.pick(rates.ASSESSMENT_OUTCOMES)
        if outcome == "STRATEGY" and not allow_strategy:
            outcome = "CIN_PLAN"
        if outcome == "LOOKED_AFTER" and not any(age_on(c.dob, authorised) >= 11 for c in involved):
            outcome = "CIN_PLAN"
        if outcome == "STRATEGY":
            # Significant harm suspected part-way through: the assessment ends at the discussion.
            authorised = self.wd.add(start, self.rng.randint(3, 25))
        self._add_assessment(path, start, authorised, outcome)
        if outcome in _NOT_IN_NEED:
            self._close_not_in_need(path, authorised, outcome)
        elif outcome == "CIN_PLAN":
            self._cin_plan(path, authorised, slow_cp, drifting)
        elif outcome == "STRATEGY":
            path.strategy = (authorised, "S47")
            self._section47(
                path, authorised, involved, slow_a, slow_cp, drifting,
                emergency=False, newborn=False, assessed=True,
            )  # fmt: skip
        else:
            # Only the adolescent whose relationship with the family has broken down is
            # accommodated; brothers and sisters stay at home and their cases close.
            teenagers = [c for c in involved if age_on(c.dob, authorised) >= 11]
            path.accommodated = max(teenagers, key=lambda c: (age_on(c.dob, authorised), c.dob))
            path.care_start, path.care_route = authorised, "S20"
            path.close(authorised, "RC8", "LOOKED_AFTER")

    def _close_not_in_need(self, path, day, outcome) -> None:
        closed = day + timedelta(days=self.rng.randint(0, 4))
        early_help = outcome == "EARLY_HELP" and collection_year(closed) >= 2024
        path.close(closed, "RC9" if early_help else "RC8", "NOT_IN_NEED")

    def _section47(
        self, path, start, involved, slow_a, slow_cp, drifting, *, emergency, newborn, assessed
    ):
        chance, rng, wd = self.chance, self.rng, self.wd
        if emergency:
            path.care_start, path.care_route = start, "EMERGENCY"
            outcome = "CIN"
        elif newborn and chance.yes(rates.NEWBORN_STRAIGHT_INTO_CARE):
            # An interim care order at birth, applied for before the baby was born.
            path.care_start, path.care_route = start, "ICO"
            emergency, outcome = True, "CIN"
        elif newborn:
            outcome = "ICPC" if chance.yes(0.8) else "CIN"
        else:
            if any(child.cp_plans for child in involved):
                share = rates.ICPC_AFTER_PREVIOUS_PLAN
            elif assessed:
                share = rates.ICPC_AFTER_ASSESSMENT_STRATEGY
            else:
                share = rates.S47_ICPC
            outcome = "ICPC" if chance.yes(share) else chance.pick(rates.S47_OTHER_OUTCOMES)
        authorised = wd.add(start, self._assessment_days(slow_a))
        if outcome == "ICPC":
            factor = rates.SLOW_TEAM_FACTOR if slow_a else 1.0
            late = self.decline.share(path.area, start, 0.0, rates.DECLINING_ICPC_LATE)
            if late and chance.yes(late):
                factor = 1.8
            icpc = wd.add(
                start, chance.lognormal_days(rates.ICPC_MEDIAN_WD, rates.ICPC_SPREAD, factor)
            )
            s47_end = max(start, wd.add(icpc, -rng.randint(1, 4)))
            path.s47 = (start, s47_end, "ICPC", True)
            plan = chance.yes(rates.ICPC_PLAN)
            if not assessed:
                # An assessment that ends with the child on a plan records the harm it found,
                # not a child in need plan.
                result = "STRATEGY" if plan and authorised > icpc else "CIN_PLAN"
                self._add_assessment(path, start, max(authorised, s47_end), result)
            if plan:
                young = any(age_on(c.dob, icpc) < 5 for c in involved)
                self._cp_plan(path, icpc, slow_cp, drifting, newborn or young)
            else:
                path.icpc = (icpc, "NO_PLAN")
                self._cin_plan(path, icpc, slow_cp, drifting)
            return
        s47_end = wd.add(start, rng.randint(5, 15) if outcome == "CIN" else rng.randint(3, 12))
        path.s47 = (start, s47_end, outcome, False)
        authorised = max(authorised, s47_end)
        if emergency:
            if not assessed:
                self._add_assessment(path, start, authorised, "LOOKED_AFTER")
            path.close(authorised, "RC7", "LOOKED_AFTER")
            return
        not_in_need = outcome == "NOT_SUBSTANTIATED" and chance.yes(
            rates.NOT_SUBSTANTIATED_NOT_IN_NEED
        )
        if not_in_need:
            result = "EARLY_HELP" if chance.yes(0.35) else "NFA"
            if not assessed:
                self._add_assessment(path, start, authorised, result)
            # RC8 and RC9 mean closed after the assessment alone (CIN rule 2990): a case that
            # went on to a section 47 enquiry closes as no longer in need (RC7).
            path.close(authorised + timedelta(days=rng.randint(0, 4)), "RC7", "NOT_IN_NEED")
        else:
            if not assessed:
                self._add_assessment(path, start, authorised, "CIN_PLAN")
            self._cin_plan(path, authorised, slow_cp, drifting)

    def _conference_day(self, due: date, late_share: float) -> date:
        rng = self.rng
        if rng.random() < late_share:
            return self.wd.add(due, rng.randint(2, 25))
        return self.wd.add(due, -rng.randint(1, 8))

    def _cp_plan(self, path, start, slow_cp, drifting, young) -> None:
        chance, rng = self.chance, self.rng
        path.icpc = (start, "PLAN")
        path.move_to(start, "CP_CIN")
        if chance.yes(rates.CP_PLAN_TO_CARE[0 if young else 1]):
            ending = "LOOKED_AFTER"
        else:
            ending = chance.pick(rates.CP_PLAN_ENDS)
        if ending == "LOOKED_AFTER":
            low, high, _ = chance.row(rates.CP_PLAN_DURATION)
            end = start + timedelta(days=min(rng.randint(low, high), rng.randint(400, 540)))
            drifting = False
        elif drifting:
            end = start + timedelta(days=rng.randint(460, 900))
        else:
            low, high, _ = chance.row(rates.CP_PLAN_DURATION)
            end = start + timedelta(days=rng.randint(low, high))
        end = self.wd.on_or_after(end)
        late = 0.25 if slow_cp else 0.07
        reviews, due = [], add_months(start, 3)
        while True:
            held = self._conference_day(due, 0.55 if drifting and reviews else late)
            if held >= end - timedelta(days=10):
                break
            reviews.append(held)
            due = add_months(held, 6)
        category = chance.pick(rates.CP_CATEGORIES)
        latest = chance.pick(rates.CP_CATEGORIES) if chance.yes(0.1) else category
        at_conference = ending != "LOOKED_AFTER"
        path.cp = CpPlanPlan(start, end, category, latest, reviews, at_conference, drifting)
        if ending == "LOOKED_AFTER":
            path.care_start, path.care_route = end, "ICO"
            if (end - start).days > 70:
                plo = end - timedelta(days=rng.randint(49, min(112, (end - start).days - 14)))
                path.pre_proceedings = (plo, plo, end, "PROCEEDINGS")
            path.close(end, "RC7", "CP")
            return
        if chance.yes(rates.CP_PLAN_DIVERTED_PLO) and (end - start).days > 200:
            plo = start + timedelta(days=rng.randint(60, (end - start).days - 120))
            path.diverted_plo = (plo, plo, plo + timedelta(days=rng.randint(84, 112)), "DIVERTED")
        if ending == "CIN_PLAN":
            self._cin_plan(path, end, slow_cp, False)
            path.outcome = "CP"
        else:
            path.close(end, "RC5" if chance.yes(0.08) else "RC7", "CP")

    def _cin_plan(self, path, start, slow_cp, drifting) -> None:
        rng = self.rng
        path.move_to(start, "CP_CIN")
        days = rng.randint(420, 900) if drifting else rng.randint(*rates.CIN_PLAN_DAYS)
        end = self.wd.on_or_after(start + timedelta(days=days))
        path.cin_plans.append((start, end, drifting))
        if days > 200 and self.chance.yes(rates.REASSESSMENT_IN_LONG_CIN_PLAN):
            again = self.wd.on_or_after(start + timedelta(days=rng.randint(100, days - 70)))
            self._add_assessment(
                path, again, self.wd.add(again, self._assessment_days(slow_cp)), "CIN_PLAN"
            )
        path.close(end, "RC5" if self.chance.yes(0.05) else "RC7", "CIN")

    def plan_uasc(self, family, child: ChildPlan, day: date) -> None:
        """An unaccompanied child seeking asylum: referred and looked after the same day."""
        rng = self.rng
        received = self.contacts.contact_time(day)
        source = self.chance.pick((("5C", 40), ("6", 30), ("8", 30)))
        decided = self.contacts.decision_time(received, urgent=True, area=family.area)
        contact = ContactPlan(received, "REFERRAL", decided, source=source, checks=True)
        start = decided.date()
        path = _Path(start, family.area)
        authorised = self.wd.add(start, rng.randint(10, 40))
        seen = start
        path.assessments.append((start, seen, authorised, "LOOKED_AFTER", ["9A"]))
        path.care_start, path.care_route = start, "UASC"
        path.close(start, "RC7", "LOOKED_AFTER")
        self._child_case(child, path, contact, start, "N8", False)
