"""The decisions awaiting approval for a team's children, for its oversight page."""

from __future__ import annotations

from sightline.access.policies import children_visible_to
from sightline.oversight.models import Approval, ApprovalStatus
from sightline.oversight.selectors.worklists import _audit_list
from sightline.periods import open_on
from sightline.workforce.models import Allocation, Team

__all__ = ["pending_approvals"]


def pending_approvals(*, actor, team: Team, as_at, request=None) -> list[Approval]:
    """Requests awaiting approval about children allocated to `team`, oldest first.

    The caller has already authorised the reader for the team's page; only children the
    reader may open are listed, and the list is audited.
    """
    children = Allocation.objects.filter(open_on(as_at), team=team).values("child_id")
    approvals = list(
        Approval.objects.filter(status=ApprovalStatus.PENDING, child_id__in=children)
        .filter(child__in=children_visible_to(actor))
        .select_related("child", "requested_by")
        .order_by("requested_at", "pk")
    )
    _audit_list(
        actor,
        what="approvals awaiting",
        scope={"team_id": team.pk},
        child_ids=[a.child_id for a in approvals],
        request=request,
    )
    return approvals
