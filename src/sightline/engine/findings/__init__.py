"""Drift findings: the drift rulebook evaluated over a `Dataset` as at a date, vectorised.

``evaluate_findings(dataset, as_at, rules, timescales, calendar)`` returns one row per (child,
rule) in ``FINDING_SCHEMA``: the rule's severity, since when it has held, the evidence (the
records it names, in words) and the worker and team responsible. Rules that read overdue
clocks take them from ``evaluate_deadlines``, never working a clock out twice.
"""

from sightline.engine.findings.evaluate import FINDING_SCHEMA, evaluate_findings, timescales_read

__all__ = ["FINDING_SCHEMA", "evaluate_findings", "timescales_read"]
