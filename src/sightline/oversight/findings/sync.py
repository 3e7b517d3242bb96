"""The tick's step for findings: raise new ones, escalate the unacknowledged, resolve the rest.

`findings_sync(as_at=D)` compares the engine's findings as at D with the stored ones:

* a finding the engine reports and no stored row has is **raised** to the child's team manager
  (its level's clock starts on D);
* a stored finding the engine no longer reports is **resolved** on D, whatever its status: the
  rule stopped firing, so the drift it named is over (or was recorded away);
* an unacknowledged finding (open or escalated) that has waited at its level for the working
  days its severity allows (`standards.escalation_standards`) goes up one level on the working
  day the wait ran out: team manager → head of service → director. A tick that has not run for
  a while climbs as many levels as the waits allow, each step dated when its wait ran out;
* an acknowledged finding stays with whoever acknowledged it: it no longer climbs.

Every step is a `FindingStep` (on the child's chronology) and an audit event by the system.
Run twice for the same date, the second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.db import transaction
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.access.services import audit_event_record
from sightline.engine.findings import evaluate_findings
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.findings.standards import escalation_standards
from sightline.oversight.models import (
    UNACKNOWLEDGED,
    Finding,
    FindingLevel,
    FindingStatus,
    FindingStep,
    FindingStepKind,
)
from sightline.oversight.selectors.findings import drift_standards
from sightline.oversight.services import council_standards
from sightline.standards import codes
from sightline.standards.drift import Severity
from sightline.workforce.models import Team, User

__all__ = ["FindingSyncSummary", "chain_for", "findings_sync"]

_LEVELS = list(FindingLevel)
_BASIS = "sightline tick: drift findings"


@dataclass(frozen=True)
class FindingSyncSummary:
    as_at: date
    raised: int
    escalated: int
    resolved: int
    open_total: int


@dataclass(frozen=True)
class Chain:
    """Who a finding goes to at each level, by team (the director is the same for every team)."""

    managers: dict[int, int | None]
    heads: dict[int, int | None]
    director: int | None

    def sent_to(self, level: str, team_id: int | None) -> int | None:
        if level == FindingLevel.TEAM_MANAGER:
            return self.managers.get(team_id)
        if level == FindingLevel.HEAD_OF_SERVICE:
            return self.heads.get(team_id)
        return self.director


def chain_for(as_at: date) -> Chain:
    """The management chain as it stands: each team's manager and head of service, the director."""
    teams = Team.objects.values_list("pk", "manager_id", "service__head_id")
    director = (
        User.objects.filter(role=codes.ROLE.enum.DIRECTOR, is_active=True)
        .exclude(left_on__lte=as_at)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return Chain(
        managers={pk: manager for pk, manager, _ in teams},
        heads={pk: head for pk, _, head in teams},
        director=director,
    )


def findings_sync(*, as_at: date, frame: pl.DataFrame | None = None) -> FindingSyncSummary:
    """Bring the stored findings to what the engine finds as at `as_at` (see the module).

    `frame` is `evaluate_findings` output for the live record as at `as_at`, when the caller
    has it; otherwise it is worked out here under the council's standards.
    """
    if frame is None:
        timescales, calendar = council_standards()
        frame = evaluate_findings(load_dataset(), as_at, drift_standards(), timescales, calendar)
    _, calendar = council_standards()
    days = escalation_standards()
    chain = chain_for(as_at)
    now = timezone.now()
    current = {
        (row["child_id"], row["rule_id"], row["since"]): row for row in frame.iter_rows(named=True)
    }
    raised = escalated = resolved = 0
    with transaction.atomic():
        stored = {
            (f.child_id, f.rule_id, f.since): f
            for f in Finding.objects.select_for_update().exclude(
                status=FindingStatus.RESOLVED, resolved_on__lt=as_at
            )
        }
        reopenable = {
            (f.child_id, f.rule_id, f.since): f
            for f in Finding.objects.select_for_update().filter(
                status=FindingStatus.RESOLVED, resolved_on__lt=as_at
            )
            if (f.child_id, f.rule_id, f.since) in current
        }
        steps: list[FindingStep] = []
        for key, row in current.items():
            finding = stored.get(key)
            if finding is None:
                finding = reopenable.get(key)
                if finding is None:
                    finding = Finding(child_id=row["child_id"], rule_id=row["rule_id"])
                    finding.since = row["since"]
                _raise(finding, row, as_at)
                finding.save()
                steps.append(_step(finding, FindingStepKind.RAISED, as_at, now, chain))
                raised += 1
                continue
            if finding.status == FindingStatus.RESOLVED:
                continue  # resolved today by an earlier run and found again: leave for tomorrow
            changed = _update(finding, row, as_at)
            if finding.status in UNACKNOWLEDGED:
                for on in _escalations(finding, days, calendar, as_at):
                    finding.level = _LEVELS[_LEVELS.index(finding.level) + 1]
                    finding.level_since = on
                    finding.status = FindingStatus.ESCALATED
                    steps.append(_step(finding, FindingStepKind.ESCALATED, on, now, chain))
                    escalated += 1
                    changed = True
            if changed:
                finding.save()
        for key, finding in stored.items():
            if key in current or finding.status == FindingStatus.RESOLVED:
                continue
            finding.status = FindingStatus.RESOLVED
            finding.resolved_on = as_at
            finding.save(update_fields=["status", "resolved_on"])
            steps.append(_step(finding, FindingStepKind.RESOLVED, as_at, now, chain))
            resolved += 1
        FindingStep.objects.bulk_create(steps)
        for step in steps:
            audit_event_record(
                actor=None,
                action=(
                    AuditAction.CREATE
                    if step.kind == FindingStepKind.RAISED
                    else AuditAction.UPDATE
                ),
                child=_ChildRef(step.child_id),
                obj=step,
                detail={
                    "allowed": True,
                    "basis": _BASIS,
                    "finding_id": step.finding_id,
                    "rule_id": step.finding.rule_id,
                    "step": step.kind,
                    "level": step.level,
                    "on": step.on.isoformat(),
                },
            )
    open_total = Finding.objects.filter(status__in=UNACKNOWLEDGED).count()
    return FindingSyncSummary(as_at, raised, escalated, resolved, open_total)


@dataclass(frozen=True)
class _ChildRef:
    """What the audit needs of a child (its key), without loading the person."""

    pk: int


def _raise(finding: Finding, row: dict, as_at: date) -> None:
    _update(finding, row, as_at)
    finding.status = FindingStatus.OPEN
    finding.level = FindingLevel.TEAM_MANAGER
    finding.raised_on = as_at
    finding.level_since = as_at
    finding.resolved_on = None
    finding.acknowledged_by = None
    finding.acknowledged_at = None
    finding.action = ""
    finding.action_owner = None
    finding.action_due = None
    finding.no_action_reason = ""


def _update(finding: Finding, row: dict, as_at: date) -> bool:
    """Take the engine's latest evidence and attribution; say whether any of it moved."""
    fresh = {
        "severity": row["severity"],
        "evidence": row["evidence"] or "",
        "record_type": row["record_type"] or "",
        "record_id": row["record_id"],
        "team_id": row["team_id"],
        "worker_id": row["worker_id"],
    }
    changed = any(getattr(finding, name) != value for name, value in fresh.items())
    for name, value in fresh.items():
        setattr(finding, name, value)
    if finding.last_seen_on != as_at:
        finding.last_seen_on = as_at
        changed = True
    return changed


def _escalations(finding: Finding, days: dict, calendar, as_at: date) -> list[date]:
    """The days the finding goes up a level, on or before `as_at`, from where it stands."""
    wait = days[Severity(finding.severity)]
    ons = []
    level, since = _LEVELS.index(finding.level), finding.level_since
    while level < len(_LEVELS) - 1:
        due = calendar.add_working_days(since, wait)
        if due > as_at:
            break
        ons.append(due)
        level, since = level + 1, due
    return ons


def _step(finding: Finding, kind: str, on: date, now, chain: Chain) -> FindingStep:
    sent_to = (
        chain.sent_to(finding.level, finding.team_id)
        if kind in (FindingStepKind.RAISED, FindingStepKind.ESCALATED)
        else None
    )
    return FindingStep(
        finding=finding,
        child_id=finding.child_id,
        kind=kind,
        on=on,
        recorded_at=now,
        level=finding.level,
        sent_to_id=sent_to,
    )
