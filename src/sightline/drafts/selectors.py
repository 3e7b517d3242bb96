"""Reading drafts back: only the author's own, and only about children they may still see."""

from __future__ import annotations

from sightline.access.policies import children_visible_to
from sightline.access.services import audit_listing_record
from sightline.drafts.models import Draft

__all__ = ["draft_for", "drafts_for"]


def draft_for(*, user, form: str, child_id: int) -> Draft | None:
    """The user's draft of `form` about the child, if any (the caller has opened the record)."""
    return Draft.objects.filter(user=user, form=form, child_id=child_id).first()


def drafts_for(*, user, request=None) -> list[Draft]:
    """The user's drafts about children they may see, newest first (for My work).

    The list names children, so showing it is audited as a listing of them.
    """
    visible = children_visible_to(user).values("pk")
    drafts = list(Draft.objects.filter(user=user, child__in=visible).select_related("child"))
    if drafts:
        audit_listing_record(
            actor=user,
            child_ids=[draft.child_id for draft in drafts],
            detail={"list": "my drafts"},
            request=request,
        )
    return drafts
