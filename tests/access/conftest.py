"""A small council for the access tests: two services, three teams, one user of every role, and
children allocated, on plans, in care, named in contacts, or restricted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from sightline.care.models import CareLeaver, LookedAfterEpisode
from sightline.casework.models import ChildProtectionPlan, Contact, Referral
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "a long enough passphrase for tests"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; these tests sign in often and test no hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_child_numbers = iter(range(1, 10_000))


def child_make(first_name: str = "Child", **fields) -> Person:
    number = next(_child_numbers)
    return Person.objects.create(
        la_child_id=f"T{number:05d}",
        first_name=first_name,
        last_name=f"Test{number}",
        sex="F",
        date_of_birth=dt.date(2016, 5, 1),
        **fields,
    )


def user_make(username: str, role: str, team: Team | None = None) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, role=role, team=team, first_name=username.title()
    )


def allocate(child: Person, team: Team, worker: User | None = None, **dates) -> Allocation:
    dates.setdefault("start_date", timezone.localdate() - dt.timedelta(days=30))
    return Allocation.objects.create(child=child, team=team, worker=worker, **dates)


@dataclass
class Council:
    safeguarding: Service
    children_in_care: Service
    assessment_north: Team
    assessment_south: Team
    looked_after_team: Team
    front_door_team: Team
    users: dict[str, User]


@pytest.fixture
def council(db) -> Council:
    safeguarding = Service.objects.create(name="Safeguarding")
    children_in_care = Service.objects.create(name="Children in care")
    north = Team.objects.create(name="Assessment North", kind="ASSESSMENT", service=safeguarding)
    south = Team.objects.create(name="Assessment South", kind="ASSESSMENT", service=safeguarding)
    looked_after = Team.objects.create(
        name="Children in Care 1", kind="LOOKED_AFTER", service=children_in_care
    )
    front_door = Team.objects.create(name="MASH", kind="FRONT_DOOR", service=safeguarding)
    users = {
        "worker": user_make("worker", "SOCIAL_WORKER", north),
        "colleague": user_make("colleague", "SOCIAL_WORKER", north),
        "senior": user_make("senior", "SENIOR_PRACTITIONER", north),
        "south_worker": user_make("south_worker", "SOCIAL_WORKER", south),
        "manager": user_make("manager", "TEAM_MANAGER", north),
        "head": user_make("head", "HEAD_OF_SERVICE"),
        "care_head": user_make("care_head", "HEAD_OF_SERVICE"),
        "director": user_make("director", "DIRECTOR"),
        "front_door": user_make("front_door", "FRONT_DOOR", front_door),
        "iro": user_make("iro", "IRO"),
        "qa": user_make("qa", "QA_AUDITOR"),
        "analyst": user_make("analyst", "ANALYST"),
        "partner": user_make("partner", "PARTNER"),
        "ig": user_make("ig", "IG_OFFICER"),
        "admin": user_make("admin", "ADMIN"),
        "adviser": user_make("adviser", "PERSONAL_ADVISER", looked_after),
    }
    north.manager = users["manager"]
    north.save()
    safeguarding.head = users["head"]
    safeguarding.save()
    children_in_care.head = users["care_head"]
    children_in_care.save()
    return Council(safeguarding, children_in_care, north, south, looked_after, front_door, users)


@pytest.fixture
def allocated_child(council) -> Person:
    """Allocated to `worker` in Assessment North."""
    child = child_make("Allocated")
    allocate(child, council.assessment_north, council.users["worker"])
    return child


@pytest.fixture
def south_child(council) -> Person:
    """Allocated to `south_worker` in Assessment South (same service as North)."""
    child = child_make("Southern")
    allocate(child, council.assessment_south, council.users["south_worker"])
    return child


@pytest.fixture
def unallocated_child(council) -> Person:
    return child_make("Unallocated")


def cp_plan_open(child: Person) -> ChildProtectionPlan:
    referral = Referral.objects.create(
        child=child, referral_date=timezone.localdate() - dt.timedelta(days=90), source="1A"
    )
    return ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=timezone.localdate() - dt.timedelta(days=30),
        initial_category="NEG",
        latest_category="NEG",
    )


def looked_after_open(child: Person) -> LookedAfterEpisode:
    return LookedAfterEpisode.objects.create(
        child=child,
        start_date=timezone.localdate() - dt.timedelta(days=60),
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U1",
    )


def contact_received(child: Person, days_ago: int, named: list[Person] = ()) -> Contact:
    contact = Contact.objects.create(
        child=child,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        source="1A",
        concerns="Synthetic concern for a test",
    )
    contact.people_named.set(named)
    return contact


def care_leaver_make(child: Person, adviser: User) -> CareLeaver:
    return CareLeaver.objects.create(
        child=child,
        eligibility="FORMER_RELEVANT",
        eligible_from=timezone.localdate() - dt.timedelta(days=400),
        personal_adviser=adviser,
    )
