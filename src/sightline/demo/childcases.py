"""Turning a referral's shared path into one case per child.

Brothers and sisters referred together share the path (dates of discussions, conferences and
plans) until they part: only some may become looked after, and each child's case stops on their
18th birthday, when children's services end.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sightline.demo.careplans import care_leaver_until
from sightline.demo.context import age_on
from sightline.demo.plans import ChildCasePlan, ChildPlan


class ChildCases:
    """Mixin of `CasePlanner`: each involved child's own case."""

    def _child_case(self, child: ChildPlan, path, contact, decided_on, need, nfa) -> None:
        chance, rng = self.chance, self.rng
        clock = self.wd.clock_start(contact.received)
        case = ChildCasePlan(
            contact=contact,
            referral_date=clock,
            decided_on=decided_on,
            need=need,
            nfa=nfa,
            closure=path.closure,
            closure_reason=path.reason,
            assessments=list(path.assessments),
            strategy=path.strategy,
            s47=path.s47,
            icpc=path.icpc,
            cp_plan=path.cp,
            cin_plans=list(path.cin_plans),
            pre_proceedings=path.diverted_plo,
            stages=list(path.stages),
        )
        if path.cp is not None:
            child.cp_plans += 1
        if path.care_route == "S20" and child is not path.accommodated and case.assessments:
            *earlier, last = case.assessments
            case.assessments = [*earlier, (*last[:3], "NFA", last[4])]
        adult = child.adult
        start = path.care_start
        if start is not None and self._goes_into_care(child, path, start):
            if path.court_weeks is None:
                path.court_weeks = self.care.court_weeks()
            care = self.care.plan_period(
                child, start, path.care_route, path.pre_proceedings, path.court_weeks
            )
            case.care = care
            child.looked_after = True
            case.closure, case.closure_reason = care.end, _closure_for(care, child)
            transfer = start + timedelta(days=rng.randint(0, 40))
            if transfer < care.end:
                case.stages.append((transfer, "LOOKED_AFTER"))
            if care.exit == "HOME" and care.end < adult - timedelta(days=200) and chance.yes(0.4):
                cin_start = care.end
                cin_end = self.wd.on_or_after(cin_start + timedelta(days=rng.randint(90, 200)))
                case.cin_plans.append((cin_start, cin_end, False))
                case.stages.append((cin_start, "CP_CIN"))
                case.closure, case.closure_reason = cin_end, "RC7"
        if case.closure >= adult:
            _stop_at_adulthood(case, adult, child.disabled)
        child.free_from = max(case.closure + timedelta(days=1), care_leaver_until(child, case.care))
        child.cases.append(case)

    def _goes_into_care(self, child: ChildPlan, path, start: date) -> bool:
        if path.care_route == "S20":
            return child is path.accommodated
        if path.care_route == "UASC":
            return True
        age = age_on(child.dob, start)
        if path.care_route == "EMERGENCY":
            return age < 16
        return age < 17


def _closure_for(care, child) -> str:
    if care.exit == "ADOPTION":
        return "RC1"
    if care.exit == "SGO":
        return "RC4"
    if care.reason_ceased == "E41":
        return "RC3"
    if care.reason_ceased == "E3":
        return "RC5"
    if care.exit == "LONG_TERM" and child.disabled:
        return "RC6"
    return "RC7"


def _stop_at_adulthood(case: ChildCasePlan, adult: date, disabled: bool) -> None:
    """Close a case that would outlive childhood on the 18th birthday."""
    case.closure = adult
    case.closure_reason = "RC6" if disabled else "RC7"
    case.assessments = [a for a in case.assessments if a[0] < adult]
    case.assessments = [
        a if a[2] < adult else (a[0], min(a[1], adult), adult, a[3], a[4]) for a in case.assessments
    ]
    if case.cp_plan is not None and case.cp_plan.end > adult:
        if case.cp_plan.start >= adult:
            case.cp_plan, case.icpc = None, None
        else:
            reviews = [r for r in case.cp_plan.reviews if r < adult]
            case.cp_plan = replace(
                case.cp_plan, end=adult, reviews=reviews, ends_at_conference=False
            )
    case.cin_plans = [(s, min(e, adult), d) for s, e, d in case.cin_plans if s < adult]
    if case.strategy is not None and case.strategy[0] >= adult:
        case.strategy = case.s47 = case.icpc = None
    if case.s47 is not None and case.s47[1] > adult:
        case.s47 = (case.s47[0], adult, case.s47[2], case.s47[3])
    if case.icpc is not None and case.icpc[0] >= adult:
        case.icpc = None
    case.stages = [stage for stage in case.stages if stage[0] < adult] or case.stages[:1]
