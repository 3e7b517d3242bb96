"""Fixtures for the return writers: a hand-built council, and a small seeded one.

Hand-built children have fixed dates, so every expected element, row and cell can be worked out
by hand. The seeded council (1,500 children, two years to 31 March 2026) is seeded once for a
module, committed, and flushed afterwards.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User


@pytest.fixture
def staff(db):
    """One team, its social worker and an analyst."""
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="East CP team", kind="CP_CIN", service=service)
    worker = User.objects.create(
        username="ed.worker",
        role="SOCIAL_WORKER",
        team=team,
        first_name="Ed",
        last_name="Worker",
        social_work_england_number="SW123456",
    )
    analyst = User.objects.create(username="ana.lyst", role="ANALYST")
    return SimpleNamespace(service=service, team=team, worker=worker, analyst=analyst)


@pytest.fixture
def make_child(db):
    """Return a function that creates a child known to children's services."""

    def make(la_child_id, *, born=date(2015, 4, 1), sex="F", **fields):
        return Person.objects.create(
            la_child_id=la_child_id,
            first_name="Sam",
            last_name="Taylor",
            date_of_birth=born,
            sex=sex,
            ethnicity=fields.pop("ethnicity", "WBRI"),
            **fields,
        )

    return make


@pytest.fixture
def allocate(staff):
    def allocate(child, *, start=date(2025, 1, 2), end=None):
        return Allocation.objects.create(
            child=child, team=staff.team, worker=staff.worker, start_date=start, end_date=end
        )

    return allocate


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """A small seeded council as at 31 March 2026."""
    from sightline.demo.council import seed_council

    with django_db_blocker.unblock():
        seed_council(population=1500, years=2, seed=3, as_at=date(2026, 3, 31), la_code="873")
        yield
        call_command("flush", interactive=False, verbosity=0)
