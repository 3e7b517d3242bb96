"""Field-level change history of case records (django-simple-history): who changed what, from
what, to what."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone
from simple_history.middleware import HistoryRequestMiddleware

from sightline.care.models import LookedAfterEpisode
from sightline.casework.models import Assessment, Referral, Visit
from sightline.casework.services import assessment_authorise
from sightline.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(allocated_child):
    referral = Referral.objects.create(
        child=allocated_child,
        referral_date=timezone.localdate() - dt.timedelta(days=20),
        source="1A",
    )
    return Assessment.objects.create(
        referral=referral,
        child=allocated_child,
        start_date=timezone.localdate() - dt.timedelta(days=19),
    )


def in_request(user, action):
    """Run `action` as the view of a request signed in as `user`, through the middleware."""
    request = RequestFactory().post("/")
    request.user = user
    return HistoryRequestMiddleware(lambda request: action())(request)


def test_authorising_an_assessment_records_old_and_new_values_and_the_user(council, assessment):
    manager = council.users["manager"]
    authorised_on = timezone.localdate() - dt.timedelta(days=2)
    in_request(
        manager,
        lambda: assessment_authorise(
            actor=manager, assessment=assessment, authorised_on=authorised_on, outcome="CIN_PLAN"
        ),
    )
    latest, previous = assessment.history.order_by("-history_id")[:2]
    assert latest.history_user == manager
    assert latest.history_type == "~"
    delta = latest.diff_against(previous)
    changes = {change.field: (change.old, change.new) for change in delta.changes}
    assert changes["authorised_on"] == (None, authorised_on)
    assert changes["outcome"] == ("", "CIN_PLAN")


def test_correcting_authorised_on_keeps_the_earlier_value(council, assessment):
    first = timezone.localdate() - dt.timedelta(days=3)
    corrected = timezone.localdate() - dt.timedelta(days=1)
    assessment.authorised_on = first
    assessment.save()
    assessment.authorised_on = corrected
    assessment._history_user = council.users["head"]
    assessment.save()
    latest = assessment.history.latest("history_id")
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("authorised_on", first, corrected)]
    assert latest.history_user == council.users["head"]
    assert assessment.history.as_of(timezone.now()).authorised_on == corrected


def test_creating_a_record_is_its_first_history_entry(council, allocated_child):
    visit = Visit.objects.create(child=allocated_child, date=timezone.localdate(), kind="CIN")
    [entry] = visit.history.all()
    assert entry.history_type == "+"
    assert entry.child_id == allocated_child.pk


def test_a_persons_identity_changes_are_kept(council, allocated_child):
    original = allocated_child.last_name
    allocated_child.last_name = "Renamed"
    allocated_child.save()
    names = [entry.last_name for entry in allocated_child.history.order_by("history_id")]
    assert names == [original, "Renamed"]


def test_care_records_are_tracked_too(council, allocated_child):
    episode = LookedAfterEpisode.objects.create(
        child=allocated_child,
        start_date=timezone.localdate(),
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U1",
    )
    episode.placement_type = "K2"
    episode.save()
    assert list(
        episode.history.order_by("history_id").values_list("placement_type", flat=True)
    ) == [
        "U1",
        "K2",
    ]


def test_bulk_create_still_works_and_writes_no_history(council, allocated_child):
    """The synthetic council writes in bulk; bulk paths must keep working (without history)."""
    visits = Visit.objects.bulk_create(
        Visit(child=allocated_child, date=timezone.localdate() - dt.timedelta(days=n), kind="CIN")
        for n in range(3)
    )
    assert len(visits) == 3
    assert Visit.history.filter(child=allocated_child).count() == 0
    people = Person.objects.bulk_create(
        [Person(first_name="Bulk", last_name=f"Adult{n}", sex="F") for n in range(2)]
    )
    assert len(people) == 2
