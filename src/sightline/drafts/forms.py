"""Which recording forms keep drafts, and which of their fields a draft may hold.

Each recording form registers here by name; a draft save for any other name, or of fields the
form does not have, keeps nothing of them (so a draft cannot be used to store arbitrary data).
"""

from __future__ import annotations

DRAFT_FORMS: dict[str, frozenset[str]] = {}


def drafts_kept_for(name: str, field_names) -> None:
    """Register a recording form as keeping drafts of these fields."""
    DRAFT_FORMS[name] = frozenset(field_names)
