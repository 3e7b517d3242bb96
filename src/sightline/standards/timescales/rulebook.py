"""The rulebook a council runs: the catalogue with its own local standards applied.

Settings give overrides as text, e.g. ``"T-CP-VISIT=15WD,T-CORE-GROUP=4W"``; a variant is named
after a dot, ``"T-AGENCY-CHECK.urgent=0WD"``. Local standards may change either way. A timescale
fixed by statute or statutory guidance may be tightened (a council visiting children in new
placements within 3 working days rather than a week) but never loosened: the law is the floor.
National return standards (dental checks, SDQs) cannot change at all, because the figures
they feed are compared with every other council's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping

from sightline.standards.calendar import WorkingCalendar, default_calendar
from sightline.standards.timescales.catalogue import RULES
from sightline.standards.timescales.durations import Duration, Unit
from sightline.standards.timescales.rules import TimescaleRule

__all__ = ["Rulebook", "parse_overrides", "rulebook"]


class Rulebook(Mapping[str, TimescaleRule]):
    """The timescale rules in force, by ID, in catalogue order. Immutable."""

    __slots__ = ("_rules",)

    def __init__(self, rules: tuple[TimescaleRule, ...]) -> None:
        """Hold ``rules``; their IDs must be unique."""
        by_id = {rule.id: rule for rule in rules}
        if len(by_id) != len(rules):
            raise ValueError("timescale rule IDs must be unique")
        self._rules = by_id

    def __getitem__(self, rule_id: str) -> TimescaleRule:
        try:
            return self._rules[rule_id]
        except KeyError:
            raise KeyError(f"no timescale rule {rule_id!r}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        changed = ", ".join(rule.id for rule in self.overridden())
        return f"<Rulebook: {len(self)} rules; local overrides: {changed or 'none'}>"

    def rules(self) -> tuple[TimescaleRule, ...]:
        """Every rule, in catalogue order."""
        return tuple(self._rules.values())

    def overridden(self) -> tuple[TimescaleRule, ...]:
        """The rules whose deadline a council's settings changed."""
        return tuple(rule for rule in self._rules.values() if rule.is_overridden)

    def deadline(self, rule_id: str, variant: str | None = None) -> Duration:
        """The deadline in force for a rule (or one of its variants)."""
        return self[rule_id].deadline_for(variant)


def parse_overrides(overrides: Mapping[str, str | Duration] | str | None) -> dict[str, Duration]:
    """Read overrides from settings text or a mapping into ``{"T-ID[.variant]": Duration}``.

    Text is comma-separated ``ID=DURATION`` pairs; blanks are ignored so that an empty setting
    means no overrides. Raise ``ValueError`` saying which entry cannot be read.
    """
    if overrides is None:
        return {}
    if isinstance(overrides, str):
        pairs: list[tuple[str, str | Duration]] = []
        for entry in overrides.split(","):
            if not entry.strip():
                continue
            key, sep, value = entry.partition("=")
            if not sep:
                raise ValueError(
                    f"timescale override {entry.strip()!r} has no '='; write e.g. T-CP-VISIT=15WD"
                )
            pairs.append((key, value))
    else:
        pairs = list(overrides.items())
    parsed: dict[str, Duration] = {}
    for key, value in pairs:
        name = key.strip()
        if name in parsed:
            raise ValueError(f"timescale override for {name} is given twice")
        try:
            parsed[name] = value if isinstance(value, Duration) else Duration.parse(value)
        except (TypeError, ValueError) as error:
            raise ValueError(f"timescale override for {name}: {error}") from None
    return parsed


def rulebook(
    overrides: Mapping[str, str | Duration] | str | None = None,
    calendar: WorkingCalendar | None = None,
) -> Rulebook:
    """Return the rulebook with a council's local standards applied.

    ``overrides`` maps a rule ID, or ``ID.variant``, to a new deadline ("15WD", "4W", "3M").
    Raise ``ValueError`` naming the rule when it is unknown or has no such variant, when it is
    a national return standard (never overridable), or when it is fixed by law and the new
    deadline could fall later than the law's (the message names the regulation). ``calendar``
    is the working calendar the comparison counts in (default: England's).
    """
    calendar = calendar if calendar is not None else default_calendar()
    by_id = {rule.id: rule for rule in RULES}
    changes: dict[str, dict[str | None, Duration]] = {}
    for key, duration in parse_overrides(overrides).items():
        rule_id, _, variant = key.partition(".")
        rule = by_id.get(rule_id)
        if rule is None:
            raise ValueError(f"timescale override names an unknown rule {rule_id!r}")
        if not (rule.overridable or rule.tightenable):
            raise ValueError(
                f"{rule.id} ({rule.title}) is a {rule.kind.value} deadline and cannot be "
                "overridden in local settings: councils' figures are compared on it"
            )
        if variant and variant not in rule.variant_names:
            known = ", ".join(rule.variant_names) or "none"
            raise ValueError(f"{rule.id} has no variant {variant!r} (variants: {known})")
        if duration.unit is Unit.BY_SECOND_REVIEW:
            raise ValueError(f"{rule.id}: a local deadline must be a length of time")
        if rule.tightenable:
            published = rule.deadline_for(variant or None)
            if not published.is_fixed_length:
                raise ValueError(
                    f"{rule.id} ({rule.title}) is due {published.describe()}, as {rule.source} "
                    "sets; it has no length a local standard could shorten"
                )
            if not duration.never_later_than(published, calendar):
                name = f"{rule.id}.{variant}" if variant else rule.id
                raise ValueError(
                    f"{name} ({rule.title}) is {rule.kind.value}, {published.describe()} as "
                    f"set by {rule.source}. A local standard may tighten it but not loosen it: "
                    f"{duration.describe()} can fall due later"
                )
        changes.setdefault(rule.id, {})[variant or None] = duration
    return Rulebook(tuple(_apply(rule, changes.get(rule.id, {})) for rule in RULES))


def _apply(rule: TimescaleRule, changes: dict[str | None, Duration]) -> TimescaleRule:
    if not changes:
        return rule
    deadline = changes.get(None, rule.deadline)
    variants = tuple((name, changes.get(name, default)) for name, default in rule.variants)
    return dataclasses.replace(
        rule,
        deadline=deadline,
        variants=variants,
        # An override equal to the default changes nothing, so nothing is flagged.
        overridden_from=rule.deadline if deadline != rule.deadline else None,
        variants_overridden_from=tuple(
            (name, default)
            for (name, default), (_, new) in zip(rule.variants, variants, strict=True)
            if new != default
        ),
    )
