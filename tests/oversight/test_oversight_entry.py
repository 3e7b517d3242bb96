"""Issue 12 row 4: a manager's oversight entry on a child's record (case direction, decision
sign-off, plan oversight), through the recording screen and the action layer; it meets the
child's T-OVERSIGHT-CP clock."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from sightline.casework.models import ManagementOversight
from sightline.drafts.models import Draft
from sightline.oversight.models import Deadline

pytestmark = pytest.mark.django_db


def _urls(child):
    return (
        reverse("oversight-entry-new", args=[child.pk]),
        reverse("oversight-entry-check", args=[child.pk]),
    )


ANSWERS = {
    "kind": "PLAN_OVERSIGHT",
    "note": "Read the plan and core group notes; progress on home conditions.",
    "direction": "Ed to visit weekly until the review.",
}


def test_a_manager_records_plan_oversight_after_checking_the_answers(
    client, council, cp_case, django_capture_on_commit_callbacks
):
    new, check = _urls(cp_case.child)
    client.force_login(council.east_manager)
    assert client.get(new).status_code == 200
    to_check = client.post(new, ANSWERS)
    assert to_check["Location"] == check
    assert Draft.objects.filter(user=council.east_manager, form="oversight-entry").exists()
    page = client.get(check)
    assert b"Plan oversight" in page.content
    assert not ManagementOversight.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(check)
    assert saved.status_code == 302
    entry = ManagementOversight.objects.get()
    assert (entry.kind, entry.manager, entry.direction) == (
        "PLAN_OVERSIGHT",
        council.east_manager,
        ANSWERS["direction"],
    )
    assert not Draft.objects.filter(user=council.east_manager, form="oversight-entry").exists()
    # The child's open oversight clock (from the referral on 6 January 2025, long overdue) is
    # met late today, and the next, on the CP plan, runs from today.
    today = timezone.localdate()
    clocks = Deadline.objects.filter(child=cp_case.child, rule_id__startswith="T-OVERSIGHT")
    assert set(clocks.values_list("rule_id", "met_on", "status")) == {
        ("T-OVERSIGHT", today, "met_late"),
        ("T-OVERSIGHT-CP", None, "pending"),
    }
    assert clocks.get(rule_id="T-OVERSIGHT-CP").clock_start == today


def test_the_entry_is_on_the_childs_chronology_with_its_kind(client, council, cp_case):
    new, check = _urls(cp_case.child)
    client.force_login(council.east_manager)
    client.post(new, {**ANSWERS, "kind": "DECISION_SIGN_OFF"})
    client.post(check)
    chronology = client.get(reverse("child-chronology", args=[cp_case.child.pk]))
    assert b"Decision sign-off" in chronology.content


def test_oversight_without_a_note_or_kind_is_shown_back_with_errors(client, council, cp_case):
    new, _ = _urls(cp_case.child)
    client.force_login(council.east_manager)
    page = client.post(new, {"direction": "Something"})
    assert page.status_code == 200
    assert page.context["form"].errors == {
        "kind": ["Select what kind of oversight this is"],
        "note": ["Enter your oversight"],
    }
    assert not ManagementOversight.objects.exists()


def test_a_social_worker_cannot_record_management_oversight(client, council, cp_case):
    new, check = _urls(cp_case.child)
    client.force_login(council.east_worker)
    assert client.get(new).status_code == 403
    assert client.post(check).status_code == 403
    assert not ManagementOversight.objects.exists()


def test_the_record_offers_managers_the_oversight_screen(client, council, cp_case):
    new, _ = _urls(cp_case.child)
    client.force_login(council.east_manager)
    assert new.encode() in client.get(reverse("child-work", args=[cp_case.child.pk])).content
    client.force_login(council.east_worker)
    assert new.encode() not in client.get(reverse("child-work", args=[cp_case.child.pk])).content
