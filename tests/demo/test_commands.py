"""The `seed` and `demo_logins` commands."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from sightline.demo.logins import DEMO_PASSWORD
from sightline.standards import codes
from sightline.workforce.models import User

pytestmark = pytest.mark.django_db


def test_demo_logins_says_so_when_nothing_is_seeded():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "run `sightline seed` first" in out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The summary the seed command printed; the council stays for the module's tests."""
    with django_db_blocker.unblock():
        out = StringIO()
        arguments = ("--population", "1500", "--years", "2", "--seed", "5", "--as-at", "2026-03-31")
        call_command("seed", *arguments, stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


def test_seed_prints_counts_per_record_type_and_the_time_taken(seeded):
    first_line, *counts = seeded.splitlines()
    assert first_line.endswith(" s.")
    assert any("people.Person" in line for line in counts)
    assert any("casework.Referral" in line for line in counts)


def test_demo_logins_prints_one_login_per_role(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    lines = out.getvalue().splitlines()
    for role in codes.ROLE:
        assert sum(line.startswith(f"demo.{role.value.lower()} ") for line in lines) == 1, role
    assert all(line.endswith(DEMO_PASSWORD) for line in lines[2:])


def test_demo_logins_lists_only_demo_users(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    listed = [line.split()[0] for line in out.getvalue().splitlines()[2:]]
    assert listed and all(name.startswith("demo.") for name in listed)
    assert User.objects.exclude(username__startswith="demo.").exists()


def test_demo_users_share_one_password_hash_that_signs_in(seeded):
    hashes = set(
        User.objects.filter(username__startswith="demo.").values_list("password", flat=True)
    )
    assert len(hashes) == 1
    assert hashes.pop().startswith("argon2")
    assert authenticate(username="demo.social_worker", password=DEMO_PASSWORD) is not None


def test_staff_who_are_not_demo_users_cannot_sign_in(seeded):
    staff = User.objects.exclude(username__startswith="demo.")
    assert not any(user.has_usable_password() for user in staff)


def test_the_demo_administrator_is_a_superuser(seeded):
    admin = User.objects.get(username="demo.admin")
    assert admin.is_superuser and admin.is_staff
