"""The drift rules a council runs: the catalogue with its local thresholds applied.

Settings give overrides as text, like timescales: ``"D-CP-PLAN-LONG=18M,D-WORKER-CHANGES=4"``.
A value is a length (``18M``, ``16W``, ``10WD``), a count (``4``), or both (``4 in 12M``). Only
a rule's own threshold can change: a rule that reads overdue clocks (D-VISIT) follows the
timescale rules it names, which are overridden as timescales. National measures cannot change.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from sightline.standards.calendar import WorkingCalendar, default_calendar
from sightline.standards.drift.catalogue import RULES
from sightline.standards.drift.rules import DriftRule
from sightline.standards.timescales import Duration, Unit

__all__ = ["DriftRulebook", "Threshold", "drift_rulebook", "parse_drift_overrides"]

_BOTH = re.compile(r"^\s*(\d+)\s+in\s+(.+)$", re.IGNORECASE)
_COUNT = re.compile(r"^\s*(\d+)\s*$")


class Threshold(NamedTuple):
    """A council's new threshold for a rule: a period, a count, or both (None: unchanged)."""

    period: Duration | None
    count: int | None

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """Read ``18M`` (a period), ``4`` (a count) or ``4 in 12M`` (both)."""
        if not isinstance(text, str):
            raise ValueError(f"cannot read {text!r} as a threshold")
        both = _BOTH.match(text)
        if both:
            return cls(Duration.parse(both.group(2)), int(both.group(1)))
        count = _COUNT.match(text)
        if count:
            return cls(None, int(count.group(1)))
        try:
            return cls(Duration.parse(text), None)
        except ValueError:
            raise ValueError(
                f"cannot read {text!r} as a threshold: write a length (18M, 16W, 10WD), "
                "a count (4) or both (4 in 12M)"
            ) from None


class DriftRulebook(Mapping[str, DriftRule]):
    """The drift rules in force, by ID, in catalogue order. Immutable."""

    __slots__ = ("_rules",)

    def __init__(self, rules: tuple[DriftRule, ...]) -> None:
        """Hold ``rules``; their IDs must be unique and every superseding rule known."""
        by_id = {rule.id: rule for rule in rules}
        if len(by_id) != len(rules):
            raise ValueError("drift rule IDs must be unique")
        for rule in rules:
            if rule.superseded_by is not None and rule.superseded_by not in by_id:
                raise ValueError(f"{rule.id} is superseded by unknown rule {rule.superseded_by}")
        self._rules = by_id

    def __getitem__(self, rule_id: str) -> DriftRule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise KeyError(f"no drift rule {rule_id!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        changed = ", ".join(rule.id for rule in self.overridden())
        return f"<DriftRulebook: {len(self)} rules; local overrides: {changed or 'none'}>"

    def rules(self) -> tuple[DriftRule, ...]:
        """Every rule, in catalogue order."""
        return tuple(self._rules.values())

    def overridden(self) -> tuple[DriftRule, ...]:
        """The rules whose threshold a council's settings changed."""
        return tuple(rule for rule in self._rules.values() if rule.is_overridden)

    def not_evaluable(self) -> tuple[DriftRule, ...]:
        """The rules the dataset cannot support, which never produce a finding."""
        return tuple(rule for rule in self._rules.values() if not rule.evaluable)


def parse_drift_overrides(
    overrides: Mapping[str, str | Threshold] | str | None,
) -> dict[str, Threshold]:
    """Read overrides from settings text or a mapping into ``{"D-ID": Threshold}``.

    Text is comma-separated ``ID=VALUE`` pairs; blanks are ignored, so an empty setting means
    no overrides. Raise ``ValueError`` saying which entry cannot be read.
    """
    if overrides is None:
        return {}
    if isinstance(overrides, str):
        pairs: list[tuple[str, str | Threshold]] = []
        for entry in overrides.split(","):
            if not entry.strip():
                continue
            key, sep, value = entry.partition("=")
            if not sep:
                raise ValueError(
                    f"drift override {entry.strip()!r} has no '='; write e.g. D-CP-PLAN-LONG=18M"
                )
            pairs.append((key, value))
    else:
        pairs = list(overrides.items())
    parsed: dict[str, Threshold] = {}
    for key, value in pairs:
        name = key.strip()
        if name in parsed:
            raise ValueError(f"drift override for {name} is given twice")
        try:
            parsed[name] = value if isinstance(value, Threshold) else Threshold.parse(value)
        except (TypeError, ValueError) as error:
            raise ValueError(f"drift override for {name}: {error}") from None
    return parsed


def drift_rulebook(
    overrides: Mapping[str, str | Threshold] | str | None = None,
    calendar: WorkingCalendar | None = None,
) -> DriftRulebook:
    """Return the drift rules with a council's local thresholds applied.

    Raise ``ValueError`` naming the rule when it is unknown, has no threshold of its own (it
    reads timescales, or cannot be evaluated), is a national measure, is given a count or a
    period it does not have, is given an empty threshold (0), or is fixed by law and the new
    threshold is looser. ``calendar`` is the working calendar comparisons count in.
    """
    calendar = calendar if calendar is not None else default_calendar()
    by_id = {rule.id: rule for rule in RULES}
    changed: dict[str, DriftRule] = {}
    for rule_id, threshold in parse_drift_overrides(overrides).items():
        rule = by_id.get(rule_id)
        if rule is None:
            raise ValueError(f"drift override names an unknown rule {rule_id!r}")
        changed[rule_id] = _apply(rule, threshold, calendar)
    return DriftRulebook(tuple(changed.get(rule.id, rule) for rule in RULES))


def _apply(rule: DriftRule, threshold: Threshold, calendar: WorkingCalendar) -> DriftRule:
    name = f"{rule.id} ({rule.title})"
    if not rule.evaluable:
        raise ValueError(f"{name} is not evaluated on this dataset, so it has no threshold")
    if rule.timescales:
        raise ValueError(
            f"{name} has no threshold of its own: it follows {', '.join(rule.timescales)}; "
            "override those in the timescale settings"
        )
    if not rule.has_threshold:
        raise ValueError(f"{name} has no threshold: it holds whenever its condition does")
    if not (rule.overridable or rule.tightenable):
        raise ValueError(
            f"{name} is a {rule.kind.value} and cannot be overridden in local settings: "
            "councils' figures are compared on it"
        )
    period, count = threshold
    if period is not None:
        if rule.period is None:
            raise ValueError(f"{name} counts {rule.counts} and has no period to change")
        if period.unit is Unit.BY_SECOND_REVIEW or period.amount == 0:
            raise ValueError(f"{name}: a threshold must be a length of time longer than 0")
        if rule.tightenable and not period.never_later_than(rule.period, calendar):
            raise ValueError(
                f"{name} is {rule.kind.value}, {rule.period.describe()} as set by "
                f"{rule.source}; a local standard may tighten it but not loosen it"
            )
    if count is not None:
        if rule.count is None:
            raise ValueError(f"{name} has no count to change; give a length, e.g. 18M")
        if count < 1:
            raise ValueError(f"{name}: a count must be at least 1")
        if rule.tightenable and count > rule.count:
            raise ValueError(f"{name}: a local standard may lower the count, not raise it")
    new_period = period if period is not None else rule.period
    new_count = count if count is not None else rule.count
    if (new_period, new_count) == (rule.period, rule.count):
        return rule
    return dataclasses.replace(
        rule, period=new_period, count=new_count, overridden_from=(rule.period, rule.count)
    )
