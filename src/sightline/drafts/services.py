"""Saving and discarding drafts. A draft is the author's own, so saving one needs no more than
being signed in: its text is never shown to anyone else, and the child it is about is shown back
only where the author may still see that child (`selectors.drafts_for`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.drafts.forms import DRAFT_FORMS, DRAFT_LIST_FIELDS
from sightline.drafts.models import Draft
from sightline.people.models import Person

__all__ = ["draft_discard", "draft_save"]

# Enough for a long assessment analysis; a draft of more is refused rather than truncated.
DRAFT_MAX_CHARS = 200_000


def _values(data, name: str) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name, [])
    return list(value) if isinstance(value, list | tuple) else [value]


def draft_save(*, user, form: str, child_id: int, data) -> Draft:
    """Save (or replace) the user's draft of `form` about the child; return it.

    `data` is a dict or a ``QueryDict`` (a POST); a field holding several values (ticked
    checkboxes) is kept as a list of them, any other as its text.
    """
    if form not in DRAFT_FORMS:
        raise ValidationError(f"There is no form {form!r} to keep a draft of.")
    fields, lists = DRAFT_FORMS[form], DRAFT_LIST_FIELDS.get(form, frozenset())
    kept: dict[str, str | list[str]] = {}
    for name in data:
        if name in lists:
            kept[name] = [str(value) for value in _values(data, name)]
        elif name in fields:
            values = _values(data, name)
            kept[name] = str(values[-1]) if values else ""
    if sum(len("".join(value)) for value in kept.values()) > DRAFT_MAX_CHARS:
        raise ValidationError("This draft is too long to save; submit or shorten it.")
    if not Person.objects.filter(pk=child_id, la_child_id__isnull=False).exists():
        raise ValidationError("There is no child record to keep a draft about.")
    draft, _ = Draft.objects.update_or_create(
        user=user,
        form=form,
        child_id=child_id,
        defaults={"data": kept, "saved_at": timezone.now()},
    )
    return draft


def draft_discard(*, user, form: str, child_id: int) -> None:
    """Remove the user's draft of `form` about the child (once submitted, or thrown away)."""
    Draft.objects.filter(user=user, form=form, child_id=child_id).delete()
