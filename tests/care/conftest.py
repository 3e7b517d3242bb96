"""A looked-after children's team made with the ORM: a social worker and manager, an IRO, a
personal adviser, the child they work with, and a worker from another service who may not see
that child. Dates are fixed, so each clock's due date can be worked out with a calendar."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client

from sightline.access.models import AuditEvent
from sightline.oversight.models import Deadline
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"


def _user(username, role, team=None, first="", last="Tester"):
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first or username.title(),
        last_name=last,
        role=role,
        team=team,
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def council(db):
    care = Service.objects.create(name="Children in care")
    team = Team.objects.create(name="Children in Care 1", kind="LOOKED_AFTER", service=care)
    other = Service.objects.create(name="Disabled children")
    elsewhere = Team.objects.create(name="Disabled Children", kind="DISABILITY", service=other)
    worker = _user("jbloggs", "SOCIAL_WORKER", team, "Jo", "Bloggs")
    council = SimpleNamespace(
        team=team,
        worker=worker,
        manager=_user("mmanager", "TEAM_MANAGER", team, "Morgan", "Manager"),
        iro=_user("iiro", "IRO", None, "Indira", "Reviewer"),
        second_iro=_user("iiro2", "IRO", None, "Ira", "Second"),
        stranger=_user("stranger", "SOCIAL_WORKER", elsewhere, "Sol", "Stranger"),
        analyst=_user("analyst", "ANALYST"),
    )
    council.child = Person.objects.create(
        la_child_id="C5005",
        first_name="Ruby",
        last_name="Okafor",
        date_of_birth=dt.date(2014, 5, 6),
        sex="F",
    )
    Allocation.objects.create(
        child=council.child, team=team, worker=worker, start_date=dt.date(2026, 1, 5)
    )
    return council


@pytest.fixture
def worker_client(council) -> Client:
    client = Client()
    client.force_login(council.worker)
    return client


def clock(child, rule_id: str, **filters) -> Deadline:
    """The one clock of this rule for the child (narrowed by ``filters``)."""
    return Deadline.objects.get(child=child, rule_id=rule_id, **filters)


def changes_audited(child, model_name: str) -> list[AuditEvent]:
    """The audit events of writes (allowed) that name a record of ``model_name``."""
    return list(
        AuditEvent.objects.filter(
            child_id=child.pk, detail__allowed=True, object_type=f"care.{model_name}"
        )
    )


def refusals(child):
    return AuditEvent.objects.filter(child_id=child.pk, detail__allowed=False)
