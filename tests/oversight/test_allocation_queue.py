"""Issue 12 row 5: a child waiting in the team's queue is allocated to a named worker through
the action layer, after the manager has seen the receiving worker's load."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.oversight.findings.actions import child_allocate
from sightline.workforce.models import Allocation

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(council, make_child):
    """A child with the East team since 10 working days ago, with no named worker."""
    from sightline.oversight.services import council_standards

    _, calendar = council_standards()
    today = timezone.localdate()
    start = calendar.add_working_days(today, -10)
    child = make_child("LA0777", first_name="Nia", last_name="Queue")
    Allocation.objects.create(child=child, team=council.east, worker=None, start_date=start)
    return child


def _url(council, child):
    return reverse("oversight-allocate", args=[council.east.pk, child.pk])


def test_the_queue_shows_working_days_waiting_and_links_to_allocate(client, council, waiting):
    client.force_login(council.east_manager)
    page = client.get(reverse("oversight-team", args=[council.east.pk]))
    [item] = page.context["oversight"].unallocated
    assert item.allocation.child == waiting
    assert item.working_days_waiting == 10
    assert _url(council, waiting).encode() in page.content


def test_allocating_shows_the_load_then_moves_the_child_on_confirmation(client, council, waiting):
    client.force_login(council.east_manager)
    page = client.get(_url(council, waiting))
    assert page.status_code == 200
    assert page.context["waiting"] == 10
    names = [load.worker.first_name for load in page.context["loads"]]
    assert {"Ed", "Eve"} <= set(names)
    check = client.post(_url(council, waiting), {"worker": str(council.east_worker_2.pk)})
    assert check.status_code == 200
    assert check.context["new_count"] == 1
    assert Allocation.objects.get(child=waiting).worker is None  # nothing moved yet
    done = client.post(
        _url(council, waiting), {"worker": str(council.east_worker_2.pk), "confirm": "yes"}
    )
    assert done.status_code == 302
    today = timezone.localdate()
    now = Allocation.objects.get(child=waiting, end_date__isnull=True)
    assert (now.worker, now.team, now.start_date) == (council.east_worker_2, council.east, today)
    queued = Allocation.objects.get(child=waiting, worker__isnull=True)
    assert queued.end_date == today - dt.timedelta(days=1)
    assert queued.end_reason.startswith("Allocated to Eve Second by")
    assert AuditEvent.objects.filter(
        actor=council.east_manager, child=waiting, action="update", detail__allowed=True
    ).exists()


def test_the_check_page_warns_when_the_worker_goes_over_the_cap(
    client, council, waiting, cp_case, settings
):
    settings.SIGHTLINE_CASELOAD_CAP = 1  # Ed already holds Amy
    client.force_login(council.east_manager)
    check = client.post(_url(council, waiting), {"worker": str(council.east_worker.pk)})
    assert check.context["over_cap"] is True
    assert b"will have 2 children, over the cap of 1" in check.content
    calm = client.post(_url(council, waiting), {"worker": str(council.east_worker_2.pk)})
    assert calm.context["over_cap"] is False


def test_no_worker_chosen_is_shown_back_with_its_error(client, council, waiting):
    client.force_login(council.east_manager)
    page = client.post(_url(council, waiting), {"confirm": "yes"})
    assert page.status_code == 200
    assert page.context["form"].errors["worker"] == ["Select the worker the child is allocated to"]
    assert Allocation.objects.get(child=waiting).worker is None


def test_a_worker_of_another_team_cannot_receive_the_child(council, waiting):
    allocation = Allocation.objects.get(child=waiting)
    with pytest.raises(ValidationError, match="not an active worker of this team"):
        child_allocate(
            actor=council.east_manager, allocation=allocation, worker=council.west_worker
        )
    assert Allocation.objects.filter(child=waiting).count() == 1


def test_a_social_worker_and_another_teams_manager_are_refused(client, council, waiting):
    for user in (council.east_worker, council.west_manager):
        client.force_login(user)
        assert client.get(_url(council, waiting)).status_code == 403
    allocation = Allocation.objects.get(child=waiting)
    with pytest.raises(PermissionDenied):
        child_allocate(actor=council.east_worker, allocation=allocation, worker=council.east_worker)


def test_a_child_not_with_the_team_is_not_found(client, council, cp_case):
    """The head of service oversees both teams and may open Amy, who is East's, not West's."""
    client.force_login(council.head)
    url = reverse("oversight-allocate", args=[council.west.pk, cp_case.child.pk])
    assert client.get(url).status_code == 404
