"""Issue 12 row 6: approvals at decision points. A case closure or step-down is asked for,
then approved or declined by a manager who did not ask; the approver, date and reason are
kept, and approval closes the child's CIN episode."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.casework.models import Referral
from sightline.oversight.approvals.actions import approval_decide, approval_request
from sightline.oversight.models import Approval, Deadline

pytestmark = pytest.mark.django_db


def _ask(council, cp_case, *, actor=None, kind="case_closure", reason="RC8", on=None):
    return approval_request(
        actor=actor or council.east_worker,
        child=cp_case.child,
        kind=kind,
        closure_date=on or timezone.localdate(),
        closure_reason=reason,
        rationale="Needs met; family supported by school.",
    )


def test_asking_changes_nothing_on_the_episode(council, cp_case):
    approval = _ask(council, cp_case)
    assert (approval.status, approval.requested_by) == ("pending", council.east_worker)
    cp_case.referral.refresh_from_db()
    assert cp_case.referral.closure_date is None


def test_approval_closes_the_episode_and_records_who_when_and_why(
    council, cp_case, django_capture_on_commit_callbacks
):
    approval = _ask(council, cp_case)
    with django_capture_on_commit_callbacks(execute=True):
        approval_decide(
            actor=council.east_manager, approval=approval, approve=True, reason="Agreed."
        )
    approval.refresh_from_db()
    assert (approval.status, approval.decided_by, approval.decision_reason) == (
        "approved",
        council.east_manager,
        "Agreed.",
    )
    assert approval.decided_at.date() == timezone.now().date()
    referral = Referral.objects.get(pk=cp_case.referral.pk)
    assert (referral.closure_date, referral.closure_reason) == (timezone.localdate(), "RC8")
    # The episode's clocks were recalculated: the oversight clock ends with the episode.
    oversight = Deadline.objects.filter(child=cp_case.child, rule_id__startswith="T-OVERSIGHT")
    assert set(oversight.values_list("context_end", flat=True)) == {timezone.localdate()}


def test_a_step_down_closes_as_referred_to_early_help(council, cp_case):
    approval = _ask(council, cp_case, kind="step_down", reason="")
    assert approval.closure_reason == "RC9"
    approval_decide(actor=council.head, approval=approval, approve=True, reason="Early help.")
    assert Referral.objects.get(pk=cp_case.referral.pk).closure_reason == "RC9"


def test_declining_keeps_the_episode_open_with_the_reason(council, cp_case):
    approval = _ask(council, cp_case)
    approval_decide(
        actor=council.east_manager, approval=approval, approve=False, reason="Visit first."
    )
    approval.refresh_from_db()
    assert (approval.status, approval.decision_reason) == ("declined", "Visit first.")
    assert Referral.objects.get(pk=cp_case.referral.pk).closure_date is None


def test_a_manager_cannot_approve_their_own_request(council, cp_case):
    approval = _ask(council, cp_case, actor=council.east_manager)
    with pytest.raises(PermissionDenied, match="cannot approve your own request"):
        approval_decide(actor=council.east_manager, approval=approval, approve=True, reason="Mine.")
    refusal = AuditEvent.objects.filter(actor=council.east_manager, detail__allowed=False)
    assert refusal.exists()
    assert Approval.objects.get().status == "pending"


def test_a_social_worker_cannot_approve(council, cp_case):
    approval = _ask(council, cp_case)
    with pytest.raises(PermissionDenied, match="Only a team manager or head of service"):
        approval_decide(
            actor=council.east_worker_2, approval=approval, approve=True, reason="Fine."
        )


def test_a_decision_needs_a_reason_and_is_made_once(council, cp_case):
    approval = _ask(council, cp_case)
    with pytest.raises(ValidationError):
        approval_decide(actor=council.east_manager, approval=approval, approve=True, reason=" ")
    approval_decide(actor=council.east_manager, approval=approval, approve=False, reason="No.")
    with pytest.raises(ValidationError, match="already not approved"):
        approval_decide(actor=council.head, approval=approval, approve=True, reason="Yes.")


def test_a_second_request_while_one_waits_and_a_date_before_the_referral_are_refused(
    council, cp_case
):
    with pytest.raises(ValidationError) as early:
        _ask(council, cp_case, on=dt.date(2025, 1, 5))
    assert "6 January 2025" in early.value.message_dict["closure_date_day"][0]
    _ask(council, cp_case)
    with pytest.raises(ValidationError, match="already awaiting approval"):
        _ask(council, cp_case)


# --- The pages -------------------------------------------------------------------------------


def test_the_worker_asks_and_the_manager_decides_through_the_pages(client, council, cp_case):
    today = timezone.localdate()
    client.force_login(council.east_worker)
    new = reverse("closure-new", args=[cp_case.child.pk])
    answers = {
        "kind": "case_closure",
        "closure_date_day": str(today.day),
        "closure_date_month": str(today.month),
        "closure_date_year": str(today.year),
        "closure_reason": "RC7",
        "rationale": "Child no longer in need.",
    }
    check = reverse("closure-check", args=[cp_case.child.pk])
    assert client.post(new, answers)["Location"] == check
    sent = client.post(check)
    assert sent.status_code == 302
    assert Approval.objects.get().closure_reason == "RC7"
    assert b"awaiting a manager" in client.get(new).content

    client.force_login(council.east_manager)
    team = client.get(reverse("oversight-team", args=[council.east.pk]))
    decide = reverse("closure-decide", args=[cp_case.child.pk])
    assert decide.encode() in team.content
    empty = client.post(decide, {})
    assert empty.context["form"].errors["decision"] == ["Select whether you approve the decision"]
    done = client.post(decide, {"decision": "approve", "reason": "Agreed at supervision."})
    assert done.status_code == 302
    assert Referral.objects.get(pk=cp_case.referral.pk).closure_reason == "RC7"


def test_the_requester_sees_no_decision_form_on_their_own_request(client, council, cp_case):
    _ask(council, cp_case, actor=council.east_manager)
    client.force_login(council.east_manager)
    decide = reverse("closure-decide", args=[cp_case.child.pk])
    page = client.get(decide)
    assert b"another manager must approve it" in page.content
    client.post(decide, {"decision": "approve", "reason": "Mine."})
    assert Approval.objects.get().status == "pending"


def test_closing_needs_a_reason_unless_stepping_down(client, council, cp_case):
    today = timezone.localdate()
    client.force_login(council.east_worker)
    page = client.post(
        reverse("closure-new", args=[cp_case.child.pk]),
        {
            "kind": "case_closure",
            "closure_date_day": str(today.day),
            "closure_date_month": str(today.month),
            "closure_date_year": str(today.year),
            "rationale": "Done.",
        },
    )
    assert page.context["form"].errors == {"closure_reason": ["Select why the case is closing"]}


def test_a_role_that_does_not_record_work_cannot_open_the_request_page(
    client, council, cp_case, make_user
):
    _ask(council, cp_case)  # so the page would otherwise say a request is waiting
    client.force_login(make_user("qa", role="QA_AUDITOR"))
    page = client.get(reverse("closure-new", args=[cp_case.child.pk]))
    assert page.status_code == 403
    assert b"Amy" not in page.content
