"""Chronology events from drift findings: raised, escalated, acknowledged, resolved."""

from __future__ import annotations

from collections.abc import Iterator

from sightline.oversight.models import FindingLevel, FindingStep, FindingStepKind
from sightline.people.chronology.events import ChronologyEvent, EventKind, _event, _line, _long_date
from sightline.people.models import Person
from sightline.standards.drift import RULES

_TITLES = {rule.id: rule.title for rule in RULES}


def _finding_steps(child: Person) -> Iterator[ChronologyEvent]:
    steps = FindingStep.objects.filter(child=child).select_related(
        "finding", "finding__action_owner", "by", "sent_to"
    )
    for step in steps:
        finding = step.finding
        title = _TITLES.get(finding.rule_id, finding.rule_id)
        level = FindingLevel(step.level).label.lower()
        if step.kind == FindingStepKind.RAISED:
            heading = f"Drift finding raised: {title}"
            lines = [
                f"{finding.rule_id}, {finding.severity}, since {_long_date(finding.since)}",
                finding.evidence,
                _line(f"Sent to the {level}", step.sent_to),
            ]
        elif step.kind == FindingStepKind.ESCALATED:
            heading = f"Drift finding escalated to the {level}: {title}"
            lines = [
                "Not acknowledged in time at the level below",
                _line("Sent to", step.sent_to),
            ]
        elif step.kind == FindingStepKind.ACKNOWLEDGED:
            heading = f"Drift finding acknowledged: {title}"
            if finding.action:
                lines = [
                    _line("Action", finding.action),
                    _line("By", finding.action_owner),
                    _line("Due", _long_date(finding.action_due) if finding.action_due else ""),
                ]
            else:
                lines = [_line("No action needed", finding.no_action_reason)]
        else:
            heading = f"Drift finding resolved: {title}"
            lines = ["The rule no longer applies to the child's record"]
        yield _event(EventKind.FINDING, step.on, heading, *lines, by=step.by)
