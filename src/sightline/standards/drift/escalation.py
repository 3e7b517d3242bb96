"""How long an unacknowledged finding waits at each rung of the management chain.

A finding goes first to the child's team manager. Not acknowledged within the working days set
for its severity, it goes to the head of service; not acknowledged there within as many
working days again, to the director. The defaults are local practice, not statute (no
national standard sets them): a critical finding (a child not seen, no named worker) is a
matter for today, so it climbs after one working day; a serious one after a working week; a
warning after two. A council sets its own in ``SIGHTLINE_ESCALATION_DAYS``, e.g.
``"critical=1,serious=3,warning=10"``; severities left out keep the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sightline.standards.drift.rules import Severity

__all__ = ["DEFAULT_ESCALATION_DAYS", "escalation_days"]

DEFAULT_ESCALATION_DAYS: Mapping[Severity, int] = MappingProxyType(
    {Severity.CRITICAL: 1, Severity.SERIOUS: 5, Severity.WARNING: 10}
)

# Longer than this, a finding would sit unseen above the team for a quarter of a year.
_MOST_DAYS = 60


def escalation_days(overrides: str | None = None) -> dict[Severity, int]:
    """The working days a finding of each severity waits at a level before it goes up.

    ``overrides`` is comma-separated ``severity=days``; raises ``ValueError`` naming the entry
    that cannot apply (an unknown severity, a repeated one, days not a whole number from 1 to
    60).
    """
    days = dict(DEFAULT_ESCALATION_DAYS)
    seen: set[Severity] = set()
    for entry in (overrides or "").split(","):
        entry = entry.strip()
        if not entry:
            continue
        name, equals, value = entry.partition("=")
        if not equals:
            raise ValueError(f"{entry!r}: write severity=working days, like serious=5")
        try:
            severity = Severity(name.strip().lower())
        except ValueError:
            known = ", ".join(s.value for s in Severity)
            raise ValueError(f"{entry!r}: unknown severity {name.strip()!r} ({known})") from None
        if severity in seen:
            raise ValueError(f"{entry!r}: {severity.value} is set twice")
        value = value.strip().upper().removesuffix("WD")
        if not value.isdigit() or not 1 <= int(value) <= _MOST_DAYS:
            raise ValueError(
                f"{entry!r}: the working days must be a whole number from 1 to {_MOST_DAYS}"
            )
        seen.add(severity)
        days[severity] = int(value)
    return days
