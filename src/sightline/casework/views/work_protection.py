"""The child protection and child in need rows of the child's Casework page.

Each row is a step of the journey with its clock, and links to what is due next: a strategy
discussion while a strategy clock runs, the enquiry's outcome, the initial conference, core
groups and review conferences through the plan, a manager's approval of its end, and the child
in need plan's reviews.
"""

from __future__ import annotations

from django.urls import reverse

from sightline.actions import MANAGER_ROLES
from sightline.casework.models import (
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.casework.writes.protection import open_referral
from sightline.standards import codes

_STRATEGY_RULES = ("T-STRATEGY", "T-STRATEGY-ESCALATION")
_KIND = codes.CONFERENCE_KIND.enum
_END = codes.CONFERENCE_OUTCOME.enum.END


def _on(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _clock(clocks, rule_ids, record_id=None):
    """The step's running clock under these rules, else the latest of them met or missed."""
    for clock in clocks.open:
        if clock.rule_id in rule_ids and (record_id is None or clock.record_id == record_id):
            return clock
    for clock in clocks.history:  # latest due first
        if clock.rule_id in rule_ids and (record_id is None or clock.record_id == record_id):
            return clock
    return None


def protection_steps(child, clocks, user, may_record: bool, step) -> dict:
    """The page's protection and child in need rows (``step`` builds one) and the links to
    start a strategy discussion or a child in need plan, where they apply."""
    manager = user.role in MANAGER_ROLES
    referral = open_referral(child)
    rows, cin_rows, starts = [], [], []
    strategy_clock = next((c for c in clocks.open if c.rule_id in _STRATEGY_RULES), None)
    if strategy_clock is not None:
        rows.append(
            step(
                title="Strategy discussion",
                started=strategy_clock.clock_start,
                state="Needed: reasonable cause to suspect significant harm",
                clock=strategy_clock,
                actions=[
                    (
                        "Record strategy discussion",
                        reverse("strategy-discussion-new", args=[child.pk]),
                    )
                ]
                if may_record and referral is not None
                else [],
            )
        )
    elif may_record and referral is not None:
        starts.append(
            ("Record a strategy discussion", reverse("strategy-discussion-new", args=[child.pk]))
        )
    for discussion in StrategyDiscussion.objects.filter(child=child).order_by("-held_on", "-pk"):
        rows.append(
            step(
                title="Strategy discussion",
                started=discussion.held_on,
                state=f"Decided: {codes.STRATEGY_DECISION.label(discussion.decision)}",
                clock=next(
                    (
                        c
                        for c in clocks.history
                        if c.rule_id in _STRATEGY_RULES and c.met_on == discussion.held_on
                    ),
                    None,
                ),
                actions=[],
            )
        )
    initial_for = set(
        ChildProtectionConference.objects.filter(
            child=child, kind=_KIND.INITIAL, section47__isnull=False
        ).values_list("section47_id", flat=True)
    )
    for enquiry in Section47Enquiry.objects.filter(child=child).order_by("-start_date", "-pk"):
        ids = [child.pk, enquiry.pk]
        actions = []
        if enquiry.end_date is None:
            state = "In progress"
            if may_record:
                actions.append(("Record the outcome", reverse("s47-outcome-new", args=ids)))
        else:
            state = f"{codes.S47_OUTCOME.label(enquiry.outcome)} ({_on(enquiry.end_date)})"
            if enquiry.icpc_required and enquiry.pk not in initial_for and may_record:
                actions.append(
                    ("Record the initial conference", reverse("initial-conference-new", args=ids))
                )
        rows.append(
            step(
                title="Section 47 enquiry",
                started=enquiry.start_date,
                state=state,
                clock=_clock(clocks, ("T-ICPC",), enquiry.pk),
                actions=actions,
            )
        )
    for plan in ChildProtectionPlan.objects.filter(child=child).order_by("-start_date", "-pk"):
        rows.extend(_plan_rows(child, plan, clocks, may_record, manager, user, step))
    if (
        may_record
        and referral is not None
        and not any(p.end_date is None for p in ChildInNeedPlan.objects.filter(child=child))
    ):
        starts.append(
            ("Start a child in need plan", reverse("cin-plan-start-new", args=[child.pk]))
        )
    for plan in ChildInNeedPlan.objects.filter(child=child).order_by("-start_date", "-pk"):
        running = plan.end_date is None
        cin_rows.append(
            step(
                title="Child in need plan reviews",
                started=plan.start_date,
                state="Running" if running else f"Ended on {_on(plan.end_date)}",
                clock=_clock(clocks, ("T-CIN-PLAN-REVIEW",), plan.pk),
                actions=[
                    (
                        "Record a plan review",
                        reverse("cin-plan-review-new", args=[child.pk, plan.pk]),
                    )
                ]
                if running and may_record
                else [],
            )
        )
    return {"protection": rows, "cin_plans": cin_rows, "starts": starts}


def _plan_rows(child, plan, clocks, may_record, manager, user, step) -> list:
    ids = [child.pk, plan.pk]
    running = plan.end_date is None
    category = codes.ABUSE_CATEGORY.label(plan.latest_category)
    pending = (
        ChildProtectionConference.objects.filter(
            plan=plan, kind=_KIND.REVIEW, outcome=_END, end_approved_by__isnull=True
        )
        .order_by("-date")
        .first()
    )
    plan_actions = []
    if not running:
        state = f"Ended on {_on(plan.end_date)}"
    elif pending is not None:
        state = f"Review conference on {_on(pending.date)} decided to end it: awaiting approval"
        if may_record and manager and pending.recorded_by_id != user.pk:
            plan_actions.append(
                (
                    "Approve ending the plan",
                    reverse("plan-end-approve-new", args=[child.pk, pending.pk]),
                )
            )
    else:
        state = f"Running: {category}"
    held = {
        "core": plan.core_groups.count(),
        "reviews": plan.conferences.filter(kind=_KIND.REVIEW).count(),
    }
    open_for_more = running and pending is None and may_record
    return [
        step(
            title="Child protection plan",
            started=plan.start_date,
            state=state,
            clock=_clock(clocks, ("T-CP-VISIT",), plan.pk) if running else None,
            actions=plan_actions,
        ),
        step(
            title="Core group meetings",
            started=plan.start_date,
            state=f"{held['core']} held",
            clock=_clock(clocks, ("T-CORE-GROUP-1", "T-CORE-GROUP"), plan.pk),
            actions=[("Record a core group meeting", reverse("core-group-new", args=ids))]
            if running and may_record
            else [],
        ),
        step(
            title="Review conferences",
            started=plan.start_date,
            state=f"{held['reviews']} held",
            clock=_clock(clocks, ("T-RCPC-1", "T-RCPC"), plan.pk),
            actions=[("Record a review conference", reverse("review-conference-new", args=ids))]
            if open_for_more
            else [],
        ),
    ]
