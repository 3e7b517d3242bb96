"""Drift rules for allocation, workers and management oversight of a child's case."""

from __future__ import annotations

from sightline.standards.drift.catalogue.sources import LOCAL, OFSTED, months
from sightline.standards.drift.rules import DriftRule, Severity
from sightline.standards.timescales import Kind

__all__ = ["MANAGEMENT"]

MANAGEMENT: tuple[DriftRule, ...] = (
    DriftRule(
        id="D-UNALLOCATED",
        title="Unallocated for more than 1 working day",
        source=f"{LOCAL} (T-ALLOCATION): every open case has a named worker",
        kind=Kind.LOCAL,
        severity=Severity.CRITICAL,
        applies_to="Open cases past their T-ALLOCATION due date with no named worker",
        evidence="Since when the child has had no named worker and the working days overdue",
        since="The day after a named worker was due",
        timescales=("T-ALLOCATION",),
    ),
    DriftRule(
        id="D-WORKER-CHANGES",
        title="3 or more allocated workers in 12 months",
        source=(
            f"{LOCAL} (K-WORKER-CHANGES): children tell inspectors that each change of worker "
            "means telling their story again"
        ),
        kind=Kind.LOCAL,
        severity=Severity.WARNING,
        applies_to=(
            "Children with an allocation open on the as-at date and at least the count of "
            "named workers allocated at some time in the period to it"
        ),
        evidence="The workers, in the order they were allocated, and the latest's start",
        since="The day the worker who made the count was allocated",
        period=months(12),
        count=3,
        counts="workers",
    ),
    DriftRule(
        id="D-OVERSIGHT",
        title="No management oversight within standard",
        source=f"{OFSTED}; the council's standards T-OVERSIGHT-CP and T-OVERSIGHT",
        kind=Kind.LOCAL,
        severity=Severity.SERIOUS,
        applies_to="Open cases whose management oversight is overdue",
        evidence="When oversight was due, the working days overdue and when last recorded",
        since="The day after oversight was due",
        timescales=("T-OVERSIGHT-CP", "T-OVERSIGHT"),
    ),
    DriftRule(
        id="D-ACTIONS",
        title="Actions from conferences, reviews, supervision or audits overdue",
        source=f"{OFSTED}; an action agreed with an owner and a date is done by that date",
        kind=Kind.LOCAL,
        severity=Severity.SERIOUS,
        applies_to="Actions with an owner and a due date, not done by it",
        evidence="The action, where it was agreed, its owner and due date",
        since="The day after the action was due",
        evaluable=False,
        not_evaluable_because=(
            "the Dataset holds no actions: conferences, reviews, supervisions and audits are "
            "recorded without the actions agreed at them, so no finding can be made until an "
            "actions frame exists"
        ),
    ),
)
