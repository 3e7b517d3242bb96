"""Writing help and protection: assessments, section 47, conferences, CP and CIN plans, visits.

Timeliness is where the deliberate variation shows: children served by a slow CP/CIN team are
visited late more often, visits lapse more and more in the declining service area (`decline`),
and children on drifting plans stop being visited and overseen in the last months before the
as-at date (the pattern drift rules must find). New information on an open plan now and then
gives cause to suspect significant harm, and a strategy discussion follows.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from sightline.care.models import PreProceedings
from sightline.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedPlanReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    Section47Enquiry,
    SignificantHarmConcern,
    StrategyDiscussion,
    Visit,
)
from sightline.demo import rates
from sightline.demo.context import age_on
from sightline.demo.plans import ChildCasePlan
from sightline.demo.records import ChildRecord
from sightline.standards.calendar import add_months

_DELAY_REASONS = (
    "Delay in receiving health information from the GP.",
    "Family did not engage with the first two visits.",
    "Worker on sick leave; case reallocated part-way through.",
    "Further information from the police awaited before the outcome could be agreed.",
)


class ProtectionRecords:
    """Mixin of `CouncilRecords`: assessment to plan, with visits, notes and reviews."""

    def allocated_worker(self, child: ChildRecord, day: date):
        """The worker allocated to ``child`` on ``day``, or None."""
        index = bisect_right(child.starts, day) - 1
        if index < 0:
            return None
        start, end, _team, member = child.allocations[index]
        return member if end is None or day < end else None

    def _factors(self) -> list[str]:
        rng = self.rng
        chosen = [code for code, share in rates.ASSESSMENT_FACTORS if rng.random() < share]
        return chosen or ["21"]

    def write_protection(self, child: ChildRecord, case: ChildCasePlan, referral: int) -> None:
        """Write everything within one CIN episode except care (see `care`)."""
        as_at, workforce = self.as_at, self.workforce
        area = child.family.area
        assessment_team = workforce.team_for("ASSESSMENT", area)
        for start, seen, authorised, outcome, factors in case.assessments:
            if start > as_at:
                continue
            done = authorised <= as_at
            seen = seen if seen <= as_at else None
            by = (
                workforce.manager_on(assessment_team, authorised).id
                if done and authorised >= workforce.begin
                else None
            )
            late = done and self.wd.between(start, authorised) > 45
            self.add(Assessment, (
                self.next_id(Assessment), referral, child.id, start, seen,
                authorised if done else None, by, factors or self._factors(),
                outcome if done else "", self.rng.choice(_DELAY_REASONS) if late else "",
                # analysis, sent for authorisation on, by: the demo's history records only the
                # authorisation, so a completed assessment was sent the day it was authorised.
                "", authorised if done else None, None,
            ))  # fmt: skip
            if seen is not None:
                self._visit(child, seen, "ASSESSMENT")
        strategy = section47 = plan = None
        if case.strategy is not None and case.strategy[0] <= as_at:
            held, decision = case.strategy
            strategy = self.next_id(StrategyDiscussion)
            agencies = ["POLICE", "HEALTH"] + (
                ["EDUCATION"] if age_on(child.plan.dob, held) >= 4 else []
            )
            chair = (
                workforce.manager_on(assessment_team, held).id if held >= workforce.begin else None
            )
            self.add(
                StrategyDiscussion, (strategy, referral, child.id, held, agencies, decision, chair)
            )
        if case.s47 is not None and case.s47[0] <= as_at:
            start, end, outcome, icpc_required = case.s47
            done = end <= as_at
            section47 = self.next_id(Section47Enquiry)
            self.add(Section47Enquiry, (
                section47, referral, child.id, strategy, start, end if done else None,
                outcome if done else "", icpc_required if done else None,
            ))  # fmt: skip
        cp = case.cp_plan
        if cp is not None and cp.start <= as_at:
            plan = self.next_id(ChildProtectionPlan)
            ended = cp.end <= as_at
            # The category can change at a review conference, so only after the first one.
            reviewed = ended or cp.reviews and cp.reviews[0] <= as_at
            latest = cp.latest_category if reviewed else cp.category
            row = (
                plan,
                child.id,
                referral,
                cp.start,
                cp.end if ended else None,
                cp.category,
                latest,
            )
            self.add(ChildProtectionPlan, row)
        if case.icpc is not None and case.icpc[0] <= as_at:
            day, outcome = case.icpc
            self._conference(
                child,
                referral,
                section47,
                plan if outcome == "PLAN" else None,
                "INITIAL",
                day,
                outcome,
            )
        if plan is not None:
            self._cp_plan_activity(child, referral, plan, cp)
        for start, end, drifting in case.cin_plans:
            if start <= as_at:
                self._cin_plan(child, referral, start, end, drifting)
                self._harm_concerns(child, referral, start, end)
        if cp is not None and cp.start <= as_at:
            self._harm_concerns(child, referral, cp.start, cp.end)
        if case.pre_proceedings is not None and case.pre_proceedings[0] <= as_at:
            self.write_pre_proceedings(child, case.pre_proceedings)

    def _conference(self, child, referral, section47, plan, kind, day, outcome) -> None:
        self.add(ChildProtectionConference, (
            self.next_id(ChildProtectionConference), child.id, referral, section47, plan, kind, day,
            outcome, self.iro_for(child, day),
        ))  # fmt: skip

    def iro_for(self, child: ChildRecord, day: date) -> int | None:
        """The child's independent reviewing officer (conference chair) on ``day``."""
        if day < self.workforce.begin:
            return None
        team = self.workforce.team_for("IRO", child.family.area)
        posts = team.case_posts
        for offset in range(len(posts)):
            member, _ = posts[(child.id + offset) % len(posts)].holder(day)
            if member is not None:
                return member.id
        return self.workforce.manager_on(team, day).id

    def _drift_quiet_from(self, child: ChildRecord, end: date) -> date | None:
        """For a drifting plan still open: when visits and oversight fell away."""
        if end <= self.as_at:
            return None
        quiet = self.as_at - timedelta(days=self.rng.randint(80, 150))
        if child.quiet_from is None:
            child.quiet_from = quiet
            self.ctx.drifting_children.append(child.la_child_id)
        return child.quiet_from

    def _cp_plan_activity(self, child, referral, plan, cp) -> None:
        rng, wd, as_at = self.rng, self.wd, self.as_at
        for review in cp.reviews:
            if review <= as_at:
                self._conference(child, referral, None, plan, "REVIEW", review, "CONTINUE")
        if cp.ends_at_conference and cp.end <= as_at:
            self._conference(child, referral, None, plan, "REVIEW", cp.end, "END")
        end = min(cp.end, as_at + timedelta(days=1))
        day = wd.add(cp.start, rng.randint(5, 10) if rng.random() < 0.9 else rng.randint(11, 20))
        while day < end:
            if day >= self.detail_start:
                self.add(CoreGroupMeeting, (self.next_id(CoreGroupMeeting), plan, child.id, day))
            day = wd.add(day, rng.randint(25, 30) if rng.random() < 0.88 else rng.randint(31, 45))
        quiet = self._drift_quiet_from(child, cp.end) if cp.drifting else None
        slow = self.ctx.layout.is_slow("CP_CIN", child.family.area)
        self._visits(child, "CP", cp.start, cp.end, rates.CP_VISIT_WD, slow, quiet)

    def _cin_plan(self, child, referral, start, end, drifting) -> None:
        rng, as_at = self.rng, self.as_at
        plan = self.next_id(ChildInNeedPlan)
        self.add(ChildInNeedPlan, (plan, child.id, referral, start, end if end <= as_at else None))
        slow = self.ctx.layout.is_slow("CP_CIN", child.family.area)
        quiet = self._drift_quiet_from(child, end) if drifting else None
        late_share = 0.35 if slow else 0.12
        day = start
        while True:
            due = add_months(day, 3)
            if rng.random() < late_share:
                day = self.wd.add(due, rng.randint(3, 25))
            else:
                day = self.wd.add(due, -rng.randint(1, 8))
            if day >= end or day > as_at or quiet is not None and day >= quiet:
                break
            self.add(
                ChildInNeedPlanReview, (self.next_id(ChildInNeedPlanReview), plan, child.id, day)
            )
        self._visits(child, "CIN", start, end, rates.CIN_VISIT_WD, slow, quiet)

    def _visits(self, child, kind, start, end, every, slow, quiet) -> None:
        """Statutory visits every ``every`` working days from ``start`` until ``end``."""
        rng, wd, decline = self.rng, self.wd, self.ctx.decline
        usual = rates.SLOW_TEAM_VISIT_LATE if slow else rates.VISIT_LATE
        area = child.family.area
        declining = decline.covers(area)
        last = min(end, self.as_at + timedelta(days=1))
        day = wd.add(start, rng.randint(1, min(5, every)))
        while day < last:
            if day >= self.detail_start:
                self._visit(child, day, kind)
            late_share = (
                decline.share(area, day, usual, rates.DECLINING_CP_VISIT_LATE)
                if declining
                else usual
            )
            if quiet is not None and day >= quiet:
                gap = rng.randint(every * 2, every * 4)
            elif rng.random() < late_share:
                gap = rng.randint(every + 1, every + every // 2 + 3)
            else:
                gap = rng.randint(max(2, every - 4), every)
            day = wd.add(day, gap)

    def _visit(self, child: ChildRecord, day: date, kind: str) -> None:
        rng = self.rng
        worker = self.allocated_worker(child, day)
        dob = child.plan.dob
        age = age_on(dob, day) if dob <= day else 0
        seen = rng.random() < 0.96
        alone = seen and age >= 5 and rng.random() < 0.65
        note = self.text.visit_note(child.first_name, seen)
        self.add(
            Visit,
            (
                self.next_id(Visit),
                child.id,
                day,
                kind,
                seen,
                alone,
                worker.id if worker else None,
                note,
                "",
            ),
        )
        if worker is not None and rng.random() < 0.45:
            written = self.moment(day, 12, 19)
            self.add(CaseNote, (
                self.next_id(CaseNote), child.id, self.utc(written), worker.id,
                self.text.case_note(child.first_name), self.text.voice(age) if seen else "",
            ))  # fmt: skip

    def _harm_concerns(self, child: ChildRecord, referral: int, start: date, end: date) -> None:
        """New information on an open plan that gives cause to suspect significant harm, and
        the strategy discussion that follows (usually the same or the next working day)."""
        rng, wd, as_at = self.rng, self.wd, self.as_at
        days = (min(end, as_at) - start).days
        if days < 30 or rng.random() >= rates.HARM_CONCERN_PER_PLAN_YEAR * days / 365:
            return
        day = wd.on_or_after(start + timedelta(days=rng.randint(14, days - 1)))
        if day >= min(end, as_at):
            return
        raised = self.moment(day, 9, 17)
        worker = self.allocated_worker(child, day)
        self.add(SignificantHarmConcern, (
            self.next_id(SignificantHarmConcern), child.id, referral, self.utc(raised),
            worker.id if worker else None, self.text.harm_concern(child.first_name),
        ))  # fmt: skip
        late = self.ctx.decline.share(child.family.area, day, 0.04, rates.DECLINING_STRATEGY_LATE)
        if rng.random() < late:
            held = wd.add(day, rng.randint(2, 5))
        else:
            held = day if rng.random() < 0.8 else wd.add(day, 1)
        if held > as_at:
            return
        agencies = ["POLICE", "HEALTH"] + (
            ["EDUCATION"] if age_on(child.plan.dob, held) >= 4 else []
        )
        team = self.workforce.team_for("CP_CIN", child.family.area)
        self.add(StrategyDiscussion, (
            self.next_id(StrategyDiscussion), referral, child.id, held, agencies,
            "SINGLE_AGENCY" if rng.random() < 0.7 else "NFA",
            self.workforce.manager_on(team, held).id,
        ))  # fmt: skip

    def write_pre_proceedings(self, child: ChildRecord, pre: tuple) -> None:
        """The PLO stage: letter, initial meeting, a review meeting about six weeks later and a
        decision to issue or step down (usually within 16 weeks; some overrun)."""
        start, letter, end, outcome = pre
        rng, wd, as_at = self.rng, self.wd, self.as_at
        done = end <= as_at
        initial = wd.add(letter, rng.randint(3, 10))
        if initial >= end:
            initial = letter
        weeks = rng.randint(4, 6) if rng.random() < 0.8 else rng.randint(7, 10)
        review = wd.on_or_after(initial + timedelta(weeks=weeks))
        decision = max(initial, end - timedelta(days=rng.randint(0, 10)))
        self.add(PreProceedings, (
            self.next_id(PreProceedings), child.id, start, letter if letter <= as_at else None,
            initial if initial <= as_at else None,
            review if review < end and review <= as_at else None,
            decision if decision <= as_at else None, end if done else None,
            outcome if done else "",
        ))  # fmt: skip
