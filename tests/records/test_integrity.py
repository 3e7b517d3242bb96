"""The database itself refuses records that break the journey's integrity rules."""

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction

from sightline.care.models import LookedAfterEpisode, StrengthsAndDifficulties
from sightline.casework.models import Assessment, Contact, ManagementOversight, Referral, Visit
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def child():
    return Person.objects.create(
        la_child_id="C0001",
        first_name="Amara",
        last_name="Okafor",
        sex="F",
        date_of_birth=date(2015, 4, 2),
    )


@pytest.fixture
def referral(child):
    return Referral.objects.create(child=child, referral_date=date(2025, 1, 6), source="2A")


def refused(create):
    """True when the database rejects the write with an integrity error."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_assessment_cannot_be_authorised_before_it_starts(child, referral):
    assert refused(
        lambda: Assessment.objects.create(
            referral=referral,
            child=child,
            start_date=date(2025, 1, 7),
            authorised_on=date(2025, 1, 6),
        )
    )


def test_assessment_authorised_on_its_start_day_is_accepted(child, referral):
    assert not refused(
        lambda: Assessment.objects.create(
            referral=referral,
            child=child,
            start_date=date(2025, 1, 7),
            authorised_on=date(2025, 1, 7),
        )
    )


def test_a_child_has_at_most_one_open_cin_episode(child, referral):
    assert refused(
        lambda: Referral.objects.create(child=child, referral_date=date(2025, 2, 1), source="6")
    )


def test_a_new_cin_episode_may_open_once_the_last_is_closed(child, referral):
    referral.closure_date = date(2025, 1, 31)
    referral.closure_reason = "RC8"
    referral.save()
    assert not refused(
        lambda: Referral.objects.create(child=child, referral_date=date(2025, 2, 1), source="6")
    )


def test_a_closed_cin_episode_must_give_its_reason(child, referral):
    referral.closure_date = date(2025, 1, 31)
    assert refused(referral.save)


def test_a_child_has_at_most_one_open_looked_after_episode(child):
    fields = dict(
        child=child,
        reason_new_episode="S",
        legal_status="V2",
        category_of_need="N1",
        placement_type="U6",
    )
    LookedAfterEpisode.objects.create(start_date=date(2024, 5, 1), **fields)
    assert refused(lambda: LookedAfterEpisode.objects.create(start_date=date(2024, 6, 1), **fields))


def test_a_child_has_at_most_one_open_allocation(child):
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Assessment North", kind="ASSESSMENT", service=service)
    Allocation.objects.create(child=child, team=team, start_date=date(2025, 1, 6))
    assert refused(
        lambda: Allocation.objects.create(child=child, team=team, start_date=date(2025, 2, 1))
    )


def test_a_contact_cannot_be_decided_before_it_arrives(child):
    assert refused(
        lambda: Contact.objects.create(
            child=child,
            received_at=datetime(2025, 1, 6, 10, tzinfo=UTC),
            source="6",
            concerns="Police attended a domestic incident",
            decision="REFERRAL",
            decided_at=datetime(2025, 1, 6, 9, tzinfo=UTC),
        )
    )


def test_a_child_cannot_be_seen_alone_without_being_seen(child):
    assert refused(
        lambda: Visit.objects.create(
            child=child, date=date(2025, 1, 8), kind="CP", child_seen=False, seen_alone=True
        )
    )


def test_an_sdq_has_a_score_within_0_to_40_or_a_reason(child):
    assert refused(
        lambda: StrengthsAndDifficulties.objects.create(
            child=child, date=date(2025, 1, 8), score=41
        )
    )
    assert refused(
        lambda: StrengthsAndDifficulties.objects.create(child=child, date=date(2025, 1, 8))
    )
    assert not refused(
        lambda: StrengthsAndDifficulties.objects.create(
            child=child, date=date(2025, 1, 8), reason_not_completed="SDQ2"
        )
    )


def test_a_child_record_needs_a_birth_or_expected_birth_date():
    assert refused(
        lambda: Person.objects.create(
            la_child_id="C0002", first_name="Baby", last_name="Okafor", sex="U"
        )
    )
    assert not refused(
        lambda: Person.objects.create(
            la_child_id="C0003",
            first_name="Baby",
            last_name="Okafor",
            sex="U",
            expected_date_of_birth=date(2026, 3, 1),
        )
    )


def test_an_adult_needs_no_birth_date():
    assert not refused(
        lambda: Person.objects.create(first_name="Grace", last_name="Okafor", sex="F")
    )


def test_a_strategy_not_held_decision_must_give_its_reason(child, django_user_model):
    manager = django_user_model.objects.create_user(username="manager")
    assert refused(
        lambda: ManagementOversight.objects.create(
            child=child,
            recorded_at=datetime(2025, 1, 6, 10, tzinfo=UTC),
            manager=manager,
            note="",
            strategy_considered_not_held=True,
        )
    )


def test_ordinary_oversight_and_a_reasoned_not_held_decision_are_accepted(child, django_user_model):
    manager = django_user_model.objects.create_user(username="manager")
    for note, not_held in (("", False), ("Accidental injury; no harm suspected", True)):
        ManagementOversight.objects.create(
            child=child,
            recorded_at=datetime(2025, 1, 6, 10, tzinfo=UTC),
            manager=manager,
            note=note,
            strategy_considered_not_held=not_held,
        )
    assert ManagementOversight.objects.count() == 2
