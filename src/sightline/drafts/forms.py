"""Which recording forms keep drafts, and which of their fields a draft may hold.

Each recording form registers here by name; a draft save for any other name, or of fields the
form does not have, keeps nothing of them (so a draft cannot be used to store arbitrary data).
"""

from __future__ import annotations

from django import forms

DRAFT_FORMS: dict[str, frozenset[str]] = {}
# Fields holding several values (checkboxes), kept as lists so every ticked box comes back.
DRAFT_LIST_FIELDS: dict[str, frozenset[str]] = {}


def drafts_kept_for(name: str, fields) -> None:
    """Register a recording form as keeping drafts of these fields (names, or a form's
    ``base_fields``, whose multiple-choice fields are then kept as lists)."""
    DRAFT_FORMS[name] = frozenset(fields)
    DRAFT_LIST_FIELDS[name] = frozenset(
        field_name
        for field_name, field in (fields.items() if isinstance(fields, dict) else ())
        if isinstance(field, forms.MultipleChoiceField)
    )
