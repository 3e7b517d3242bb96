"""What a drift rule is: a sign that a child's plan is not moving, with its source and threshold.

A deadline says when one task is due; a drift rule says that, taken together, a child's record
shows delay a manager must look at (a plan open too long, a child not seen alone, a worker
changed again). Some rules read the deadline engine's overdue clocks (``timescales``) and so
have no threshold of their own; the rest carry a ``period`` and sometimes a ``count``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sightline.standards.timescales import Duration, Kind

__all__ = ["DriftRule", "Severity"]


class Severity(enum.StrEnum):
    """How urgently a manager must act on a finding, mildest first."""

    WARNING = "warning"
    SERIOUS = "serious"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for a warning, 2 for critical: for sorting a manager's findings."""
        return list(Severity).index(self)


@dataclass(frozen=True, slots=True)
class DriftRule:
    """One drift-and-delay rule, in plain English for managers, auditors and inspectors.

    ``evidence`` says which records a finding names; ``since`` what its "since" date means (the
    first day the rule held, so a rule fires as at D exactly when its since date is on or
    before D). ``period`` and ``count`` are the rule's own threshold, e.g. a plan open longer
    than 15 months, or 3 workers in 12 months (``counts`` names what is counted); rules that
    read overdue clocks name the ``timescales`` whose deadlines they take instead. ``kind``
    decides whether a council may change the threshold, exactly as for timescales. A rule
    whose records the dataset does not hold is ``evaluable=False`` and never produces a
    finding; ``not_evaluable_because`` says why. A finding for a rule with ``superseded_by`` is
    dropped when that graver rule also fires for the child (a plan over two years is not also
    reported as over 15 months).
    """

    id: str
    title: str
    source: str
    kind: Kind
    severity: Severity
    applies_to: str
    evidence: str
    since: str
    period: Duration | None = None
    count: int | None = None
    counts: str = ""
    timescales: tuple[str, ...] = ()
    superseded_by: str | None = None
    evaluable: bool = True
    not_evaluable_because: str = ""
    overridden_from: tuple[Duration | None, int | None] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))
        if self.timescales and (self.period is not None or self.count is not None):
            raise ValueError(f"{self.id}: a rule reads timescales or has a threshold, not both")
        if self.count is not None and not self.counts:
            raise ValueError(f"{self.id}: say what the count counts (visits, contacts, ...)")
        if self.evaluable == bool(self.not_evaluable_because):
            raise ValueError(f"{self.id}: say why a rule cannot be evaluated, and only then")

    @property
    def has_threshold(self) -> bool:
        """Whether the rule has a threshold of its own (a period, a count, or both)."""
        return self.period is not None or self.count is not None

    @property
    def overridable(self) -> bool:
        """Whether a council may set its own threshold, in either direction."""
        return self.has_threshold and self.kind.overridable

    @property
    def tightenable(self) -> bool:
        """Whether a council may only tighten the threshold (fire sooner), never loosen it."""
        return self.has_threshold and self.kind.fixed_by_law

    @property
    def is_overridden(self) -> bool:
        """Whether a council's settings changed the threshold."""
        return self.overridden_from is not None

    @property
    def override_policy(self) -> str:
        """What a council may do with this rule's threshold, in words for the docs and pages."""
        if not self.evaluable:
            return "Not evaluated on this dataset"
        if self.timescales:
            return "Follows the timescales " + ", ".join(self.timescales) + "; override those"
        if not self.has_threshold:
            return "No threshold: a council has nothing to set"
        if self.overridable:
            return "A council may set its own threshold"
        if self.tightenable:
            return "Fixed by law: a council may tighten it, never loosen it"
        return "Fixed for national comparison: a council cannot change it"

    def describe_threshold(self) -> str:
        """The threshold in words: "15 months", "3 in 12 months", or the timescales it reads."""
        if self.timescales:
            return "overdue under " + ", ".join(self.timescales)
        if self.count is None:
            return self.period.describe() if self.period is not None else "none"
        if self.period is None:
            return f"the last {self.count} {self.counts}"
        return f"{self.count} {self.counts} in {self.period.describe()}"

    def short_threshold(self) -> str:
        """The threshold as settings write it: "15M", "3 in 12M", "3" ("" when it has none)."""
        if self.count is None:
            return self.period.short() if self.period is not None else ""
        if self.period is None:
            return str(self.count)
        return f"{self.count} in {self.period.short()}"
