"""A small council built through the ORM: one service, two teams, their staff and children.

Dates are fixed wherever a status depends on them, and `as_at` is passed explicitly, so every
expectation can be worked out by hand with a calendar.
"""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from sightline.oversight.models import Deadline
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User


def _user(username, *, role, team=None, first_name="", last_name=""):
    # No password: tests sign in with force_login, and hashing with argon2 for every user of
    # every test would dominate the suite's run time.
    user = User(username=username, role=role, team=team, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user


def _child(la_child_id, *, first_name="Sam", last_name="Taylor", born=date(2015, 4, 1)):
    return Person.objects.create(
        la_child_id=la_child_id,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=born,
        sex="F",
    )


def _allocate(child, *, team, worker, start=date(2024, 1, 2)):
    return Allocation.objects.create(child=child, team=team, worker=worker, start_date=start)


def utc(*args):
    """Return an aware UTC datetime."""
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def make_child():
    """Return a function that creates a child known to children's services."""
    return _child


@pytest.fixture
def allocate():
    """Return a function that allocates a child to a team and worker."""
    return _allocate


@pytest.fixture
def make_user():
    """Return a function that creates a member of staff."""
    return _user


@pytest.fixture
def make_deadline():
    """Return a function that stores a deadline row directly (for worklist tests)."""

    def make(
        child,
        *,
        due,
        status="pending",
        worker=None,
        team=None,
        rule_id="T-CP-VISIT",
        met_on=None,
        clock_start=None,
        computed_for=None,
        **flags,
    ):
        return Deadline.objects.create(
            child=child,
            rule_id=rule_id,
            record_type="cp_plans",
            record_id=1,
            clock_start=clock_start or date(2020, 1, 1),
            due=due,
            met_on=met_on,
            status=status,
            computed_for=computed_for or date(2020, 1, 1),
            worker=worker,
            team=team,
            computed_at=utc(2020, 1, 1, 2, 0),
            **flags,
        )

    return make


@pytest.fixture
def cp_case(council):
    """A child on a child protection plan, allocated to Ed Worker in the East CP team.

    As at Monday 3 March 2025 the engine finds 11 clocks: the contact undecided since 6 January
    (overdue), the second CP visit due 17 February (overdue), the assessment due 10 March (due
    soon), the first review conference due 27 April (pending), and others met on time or late.
    """
    from sightline.casework import models as casework

    child = _child("LA0001", first_name="Amy", last_name="Adams")
    _allocate(child, team=council.east, worker=council.east_worker)
    contact = casework.Contact.objects.create(
        child=child,
        received_at=utc(2025, 1, 3, 16, 55),
        source="1A",
        concerns="Bruising seen at school",
        significant_harm_suspected=True,
    )
    referral = casework.Referral.objects.create(
        child=child,
        contact=contact,
        referral_date=date(2025, 1, 6),
        source="1A",
        decided_on=date(2025, 1, 6),
    )
    assessment = casework.Assessment.objects.create(
        referral=referral, child=child, start_date=date(2025, 1, 6)
    )
    casework.StrategyDiscussion.objects.create(
        referral=referral, child=child, held_on=date(2025, 1, 7), decision="S47"
    )
    plan = casework.ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=date(2025, 1, 27),
        initial_category="NEG",
        latest_category="NEG",
    )
    casework.Visit.objects.create(child=child, date=date(2025, 2, 3), kind="CP", child_seen=True)
    return SimpleNamespace(
        child=child, contact=contact, referral=referral, assessment=assessment, plan=plan
    )


@pytest.fixture
def council(db):
    """Return the staff, teams and services of the test council."""
    safeguarding = Service.objects.create(name="Safeguarding")
    children_in_care = Service.objects.create(name="Children in care")
    east = Team.objects.create(name="East CP team", kind="CP_CIN", service=safeguarding)
    west = Team.objects.create(name="West CP team", kind="CP_CIN", service=safeguarding)
    care = Team.objects.create(
        name="Looked after team", kind="LOOKED_AFTER", service=children_in_care
    )
    head = _user("head", role="HEAD_OF_SERVICE", first_name="Hana", last_name="Head")
    safeguarding.head = head
    safeguarding.save()
    east.manager = _user(
        "east.manager", role="TEAM_MANAGER", team=east, first_name="Emma", last_name="Manager"
    )
    east.save()
    west.manager = _user(
        "west.manager", role="TEAM_MANAGER", team=west, first_name="Wes", last_name="Manager"
    )
    west.save()
    return SimpleNamespace(
        safeguarding=safeguarding,
        children_in_care=children_in_care,
        east=east,
        west=west,
        care=care,
        head=head,
        east_manager=east.manager,
        west_manager=west.manager,
        east_worker=_user(
            "east.worker", role="SOCIAL_WORKER", team=east, first_name="Ed", last_name="Worker"
        ),
        east_worker_2=_user(
            "east.worker2", role="SOCIAL_WORKER", team=east, first_name="Eve", last_name="Second"
        ),
        west_worker=_user(
            "west.worker", role="SOCIAL_WORKER", team=west, first_name="Wyn", last_name="Worker"
        ),
        care_head=_user("care.head", role="HEAD_OF_SERVICE", first_name="Cara", last_name="Head"),
        analyst=_user("analyst", role="ANALYST"),
    )
