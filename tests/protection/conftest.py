"""A child with a concern of significant harm, their worker and managers, a conference chair,
and a worker from another service who must not reach the child's record.

Dates are relative to today, chosen on working days far enough back that every step of the
journey can be recorded in the past and its clock still be met.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from sightline.casework.models import Contact, Referral
from sightline.people.models import Person
from sightline.standards.calendar import default_calendar
from sightline.workforce.models import Allocation, Service, Team, User


def _user(username, role, team, first_name):
    user = User(username=username, role=role, team=team, first_name=first_name, last_name="Tester")
    user.set_unusable_password()
    user.save()
    return user


def working_day_on_or_before(day: dt.date) -> dt.date:
    calendar = default_calendar()
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


@pytest.fixture
def calendar():
    return default_calendar()


@pytest.fixture
def case(db):
    """The child, a flagged contact and the open referral it led to, about 4 weeks ago."""
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Child Protection North", kind="CP_CIN", service=service)
    other = Team.objects.create(
        name="Disabled Children",
        kind="DISABILITY",
        service=Service.objects.create(name="Disabled children"),
    )
    worker = _user("jbloggs", "SOCIAL_WORKER", team, "Jo")
    manager = _user("mmanager", "TEAM_MANAGER", team, "Morgan")
    second_manager = _user("hservice", "HEAD_OF_SERVICE", team, "Hari")
    chair = _user("ichair", "IRO", None, "Indira")
    stranger = _user("elsewhere", "SOCIAL_WORKER", other, "Eli")
    analyst = _user("analyst", "ANALYST", None, "Ana")
    child = Person.objects.create(
        la_child_id="CP0001",
        first_name="Kai",
        last_name="Adeyemi",
        date_of_birth=dt.date(2016, 6, 1),
        sex="M",
    )
    today = timezone.localdate()
    Allocation.objects.create(
        child=child, team=team, worker=worker, start_date=today - dt.timedelta(days=90)
    )
    concern_day = working_day_on_or_before(today - dt.timedelta(days=28))
    received = timezone.make_aware(dt.datetime.combine(concern_day, dt.time(10, 0)))
    contact = Contact.objects.create(
        child=child,
        received_at=received,
        source="2A",
        concerns="Bruising to the face seen by the class teacher.",
        significant_harm_suspected=True,
    )
    referral = Referral.objects.create(
        child=child, contact=contact, referral_date=concern_day, source="2A"
    )
    return SimpleNamespace(
        child=child,
        contact=contact,
        referral=referral,
        concern_day=concern_day,
        worker=worker,
        manager=manager,
        second_manager=second_manager,
        chair=chair,
        stranger=stranger,
        analyst=analyst,
        team=team,
    )


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _clocks(case):
    """The child's clocks as the engine has them before anything is recorded."""
    from sightline.oversight.services import deadlines_refresh_for_child

    deadlines_refresh_for_child(case.child.pk)
