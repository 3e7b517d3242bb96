"""Issue 11 row 1: a restricted child outside the user's scope answers exactly as an unrestricted
child outside it does ("not found"), so probing ids finds no restricted record."""

import pytest
from django.http import Http404
from django.urls import reverse
from tests.access.conftest import PASSWORD

from sightline.access.policies import child_access
from sightline.access.services import (
    RestrictedRecordRefused,
    child_read_authorise,
    restricted_record_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted_south_child(council, south_child):
    """Restricted, and allocated to a team the north worker has no part in."""
    restricted_record_create(actor=council.users["ig"], child=south_child, reason="adoption")
    return south_child


@pytest.mark.parametrize("username", ["worker", "manager", "iro", "ig"])
def test_restricted_child_out_of_scope_is_404_like_any_other(
    council, restricted_south_child, username
):
    with pytest.raises(Http404):
        child_read_authorise(actor=council.users[username], child=restricted_south_child)
    assert not child_access(council.users[username], restricted_south_child).break_glass_available


def test_restricted_child_in_scope_still_offers_break_glass(council, allocated_child):
    """The worker knows this child (it is their team's); restriction then offers break-glass."""
    restricted_record_create(actor=council.users["ig"], child=allocated_child, reason="adoption")
    with pytest.raises(RestrictedRecordRefused):
        child_read_authorise(actor=council.users["worker"], child=allocated_child)


def test_ig_officer_gets_404_for_restricted_and_unrestricted_children_alike(
    council, restricted_south_child, unallocated_child
):
    for child in (restricted_south_child, unallocated_child):
        with pytest.raises(Http404):
            child_read_authorise(actor=council.users["ig"], child=child)


def test_the_record_page_answers_the_same_for_restricted_and_unrestricted_strangers(
    client, council, restricted_south_child, unallocated_child
):
    client.login(username="worker", password=PASSWORD)
    statuses = {
        name: client.get(reverse("child-summary", args=[child.pk])).status_code
        for name, child in (("restricted", restricted_south_child), ("plain", unallocated_child))
    }
    assert statuses == {"restricted": 404, "plain": 404}
