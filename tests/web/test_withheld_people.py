"""Issue 11 rows 9, 10 and 14 (household): a child's record names no other child whose own
record is restricted from the reader, and audits the other children it does name.

- Row 9: a relative's chronology named a restricted child in full when that child was the
  subject of an agency check on the relative's record.
- Row 10: the household page showed a withheld sibling's date of birth as "Living here since".
- Row 14: the household page audited only the opened child, though it names siblings.
"""

import datetime as dt

import pytest
from django.urls import reverse

from sightline.access.models import AuditAction, AuditEvent
from sightline.access.selectors import audit_for_child
from sightline.access.services import restricted_record_create
from sightline.casework.models import AgencyCheck
from sightline.people import chronology
from sightline.people.models import HouseholdMember, Person, Relationship
from sightline.people.selectors import child_household, child_record_open

from .conftest import at


def _page(client, url_name, child) -> str:
    response = client.get(reverse(url_name, args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _check_about(child: Person, subject: Person) -> AgencyCheck:
    return AgencyCheck.objects.create(
        child=child,
        subject=subject,
        agency="POLICE",
        requested_at=at(2024, 2, 1, 10),
        due_on=dt.date(2024, 2, 2),
        responded_at=at(2024, 2, 1, 15),
        response="Known to police as a witness.",
    )


def _events_after(sequence: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence"))


def _last_sequence() -> int:
    last = AuditEvent.objects.order_by("-sequence").first()
    return last.sequence if last else 0


# --- Row 9: the chronology ------------------------------------------------------------------


def test_row_9_chronology_withholds_a_restricted_child_who_is_the_subject_of_a_check(
    worker_client, social_worker, child, other_children, ig_officer
):
    """Row 9: the check is shown, but not who the restricted child it was about is."""
    bella = other_children[0]
    _check_about(child, bella)
    restricted_record_create(actor=ig_officer, child=bella, reason="adoption")

    events = chronology.child_chronology(
        record=child_record_open(actor=social_worker, child_id=child.pk)
    )
    content = _page(worker_client, "child-chronology", child)

    titles = [event.title for event in events if "check" in event.title]
    assert titles == [
        f"Police check answered about {chronology.casework.WITHHELD_SUBJECT}",
        f"Police check requested about {chronology.casework.WITHHELD_SUBJECT}",
    ]
    assert "Bella" not in content and "Jones" not in content
    assert "someone whose name is withheld (restricted record)" in content


def test_row_9_a_reader_on_the_allow_list_sees_the_subject_named(
    social_worker, child, other_children, ig_officer
):
    bella = other_children[0]
    _check_about(child, bella)
    restricted_record_create(
        actor=ig_officer, child=bella, reason="adoption", allow_list=[social_worker]
    )

    events = chronology.child_chronology(
        record=child_record_open(actor=social_worker, child_id=child.pk)
    )

    assert "Police check requested about Bella Jones" in [event.title for event in events]


def test_row_9_an_unrestricted_subject_and_the_child_themselves_are_named_as_before(
    social_worker, child, adult
):
    _check_about(child, adult)
    _check_about(child, child)

    events = chronology.child_chronology(
        record=child_record_open(actor=social_worker, child_id=child.pk)
    )

    titles = {event.title for event in events}
    assert "Police check requested about Carol Smith" in titles
    assert "Police check requested about the child" in titles


def test_row_9_the_chronology_stays_within_its_query_count_with_a_restricted_subject(
    social_worker, child, other_children, ig_officer, django_assert_max_num_queries
):
    _check_about(child, other_children[0])
    restricted_record_create(actor=ig_officer, child=other_children[0], reason="adoption")
    record = child_record_open(actor=social_worker, child_id=child.pk)

    # One more query than the sources' own, plus those of the reader's scope (teams).
    with django_assert_max_num_queries(chronology.QUERY_COUNT + 4):
        chronology.child_chronology(record=record)


# --- Row 10: the household page ------------------------------------------------------------


@pytest.fixture
def withheld_sibling(child, household, other_children, ig_officer):
    """Bella lives with Alex from the day she was born there, and her record is restricted."""
    bella = other_children[0]
    HouseholdMember.objects.create(
        household=household, person=bella, start_date=dt.date(2016, 8, 30)
    )
    Relationship.objects.create(person=child, related_person=bella, kind="SIBLING")
    restricted_record_create(actor=ig_officer, child=bella, reason="adoption")
    return bella


def test_row_10_household_shows_no_living_here_since_for_a_withheld_sibling(
    worker_client, social_worker, child, withheld_sibling
):
    """Row 10: the date a withheld sibling came to live here (often their birth) is withheld."""
    home = child_household(
        record=child_record_open(actor=social_worker, child_id=child.pk)
    ).households[0]
    content = _page(worker_client, "child-household", child)

    [sibling] = [m for m in home.members if m.person == withheld_sibling]
    assert sibling.withheld and sibling.living_since is None
    assert "30 August 2016" not in content
    assert "Bella" not in content and "19 July 2012" not in content
    # The mother's row still says since when she has lived here.
    assert "1 January 2010" in content


def test_row_10_a_withheld_sibling_comes_after_everyone_named_whatever_their_age(
    social_worker, child, household, withheld_sibling
):
    cousin = Person.objects.create(
        first_name="Dana", last_name="Smith", date_of_birth=dt.date(2020, 6, 1), sex="F"
    )
    HouseholdMember.objects.create(
        household=household, person=cousin, start_date=dt.date(2021, 1, 1)
    )

    home = child_household(
        record=child_record_open(actor=social_worker, child_id=child.pk)
    ).households[0]

    # By date of birth Bella (2012) would come between the mother (1988) and Dana (2020).
    assert [(m.person.first_name, m.withheld) for m in home.members] == [
        ("Carol", False),
        ("Dana", False),
        ("Bella", True),
    ]


# --- Row 14: the household page audits the other children it names -----------------------


def test_row_14_household_page_audits_the_siblings_it_names(
    worker_client, social_worker, child, household, other_children, ig_officer
):
    """Row 14: a sibling named on the page finds the page in their own access history."""
    bella = other_children[0]
    HouseholdMember.objects.create(
        household=household, person=bella, start_date=dt.date(2016, 1, 1)
    )
    before = _last_sequence()

    _page(worker_client, "child-household", child)

    [view, listing] = _events_after(before)
    assert (view.action, view.child_id) == (AuditAction.VIEW, child.pk)
    assert listing.action == AuditAction.SEARCH
    assert listing.actor == social_worker
    assert listing.detail["list"] == "household"
    assert listing.detail["record_of"] == child.pk
    assert listing.detail["result_ids"] == [bella.pk]
    assert listing.page == "child-household"
    assert listing in audit_for_child(actor=ig_officer, child=bella)


def test_row_14_the_summary_page_audits_the_siblings_it_names_too(
    worker_client, child, household, other_children
):
    bella = other_children[0]
    HouseholdMember.objects.create(
        household=household, person=bella, start_date=dt.date(2016, 1, 1)
    )
    before = _last_sequence()

    _page(worker_client, "child-summary", child)

    listings = [e for e in _events_after(before) if e.detail.get("list") == "household"]
    assert [e.detail["result_ids"] for e in listings] == [[bella.pk]]


def test_row_14_a_withheld_sibling_is_not_listed_and_adults_write_no_listing(
    worker_client, child, withheld_sibling
):
    before = _last_sequence()

    _page(worker_client, "child-household", child)

    # The mother is not a child's record and Bella is not shown: only the view of Alex.
    assert [(e.action, e.child_id) for e in _events_after(before)] == [(AuditAction.VIEW, child.pk)]
