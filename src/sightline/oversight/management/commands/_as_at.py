"""The `--as-at YYYY-MM-DD` option shared by the deadline commands."""

from datetime import date

from django.core.management.base import CommandError


def parse_as_at(text: str) -> date:
    """Return `text` as a date, or raise a `CommandError` that says how to write one."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--as-at must be a date written YYYY-MM-DD, e.g. 2026-03-31; got {text!r}"
        ) from None
