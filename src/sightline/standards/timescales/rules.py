"""What a timescale rule is: one statutory or local clock, with its source and its deadline."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sightline.standards.timescales.durations import Duration

__all__ = ["Kind", "TimescaleRule"]


class Kind(enum.StrEnum):
    """Where a rule's deadline comes from, which decides whether a council may change it."""

    STATUTE = "statutory"
    STATUTORY_GUIDANCE = "statutory guidance"
    # Measured nationally in a return or indicator; a local change would break comparison.
    NATIONAL_STANDARD = "national return standard"
    LOCAL = "local"

    @property
    def overridable(self) -> bool:
        """Whether a council may set its own deadline for rules of this kind, in either
        direction."""
        return self is Kind.LOCAL

    @property
    def fixed_by_law(self) -> bool:
        """Whether statute or statutory guidance fixes the timescale.

        A council may hold itself to a shorter deadline than the law's, never a longer one.
        """
        return self in (Kind.STATUTE, Kind.STATUTORY_GUIDANCE)


@dataclass(frozen=True, slots=True)
class TimescaleRule:
    """One clock in the rulebook, described in plain English for practitioners and auditors.

    ``deadline`` is the usual deadline; ``variants`` are the named alternatives some rules
    have (an urgent agency check, a child under five). ``record_type`` names the `Dataset`
    frame whose row the deadline belongs to. ``overridden_from`` holds the default deadline
    when a council's settings changed it, so screens can show that a local standard is in force.
    """

    id: str
    title: str
    source: str
    kind: Kind
    applies_to: str
    clock_start: str
    deadline: Duration
    met_by: str
    recurs: bool
    record_type: str
    variants: tuple[tuple[str, Duration], ...] = ()
    overridden_from: Duration | None = None
    variants_overridden_from: tuple[tuple[str, Duration], ...] = ()

    @property
    def overridable(self) -> bool:
        """Whether a council may change this rule's deadline in settings, in either direction."""
        return self.kind.overridable

    @property
    def tightenable(self) -> bool:
        """Whether a council may shorten (only shorten) this rule's deadline in settings."""
        return self.kind.fixed_by_law

    @property
    def override_policy(self) -> str:
        """What a council may do with this rule's deadline, in words for the Timescales page."""
        if self.overridable:
            return "A council may set its own timescale"
        if self.tightenable:
            return "Fixed by law: a council may tighten it, never loosen it"
        return "Fixed for national comparison: a council cannot change it"

    @property
    def is_overridden(self) -> bool:
        """Whether a local setting changed the deadline or any variant of it."""
        return self.overridden_from is not None or bool(self.variants_overridden_from)

    @property
    def variant_names(self) -> tuple[str, ...]:
        """The names of this rule's alternative deadlines, e.g. ``("urgent",)``."""
        return tuple(name for name, _ in self.variants)

    def deadline_for(self, variant: str | None = None) -> Duration:
        """Return the deadline, or the named variant's deadline."""
        if variant is None:
            return self.deadline
        for name, duration in self.variants:
            if name == variant:
                return duration
        raise KeyError(f"{self.id} has no variant {variant!r}; it has {self.variant_names}")

    def describe_local_standard(self) -> str:
        """What a council's setting changed, in words, or "" when the rule is as published:
        "Local standard: 15 working days (published: 10 working days)"."""
        if not self.is_overridden:
            return ""
        changes = []
        if self.overridden_from is not None:
            changes.append(
                f"{self.deadline.describe()} (published: {self.overridden_from.describe()})"
            )
        published = dict(self.variants_overridden_from)
        changes.extend(
            f"{name.replace('_', ' ')}: {duration.describe()} "
            f"(published: {published[name].describe()})"
            for name, duration in self.variants
            if name in published
        )
        return "Local standard: " + "; ".join(changes)

    def describe_deadline(self) -> str:
        """The deadline in words, with any variants: "3 working days (urgent: 1 working day)"."""
        text = self.deadline.describe()
        if self.variants:
            others = "; ".join(
                f"{name.replace('_', ' ')}: {d.describe()}" for name, d in self.variants
            )
            text = f"{text} ({others})"
        return text
