"""The same arguments give the same council; a seed is all or nothing; `--if-empty` is safe."""

import hashlib
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from sightline.casework.models import Contact
from sightline.demo.council import CouncilRecords, seed_council
from sightline.demo.records import COLUMNS
from sightline.people.models import Person
from sightline.workforce.models import User

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 3, 31)


def digest() -> str:
    """A SHA-256 over every row the generator writes, table by table, in primary-key order."""
    hashed = hashlib.sha256()
    for label, columns in COLUMNS.items():
        model = (
            Contact.people_named.through
            if label == "casework.Contact_people_named"
            else apps.get_model(label)
        )
        hashed.update(label.encode())
        for row in model.objects.order_by("pk").values_list(*columns):
            hashed.update(repr(row).encode())
    return hashed.hexdigest()


def seeded_digest(seed: int) -> str:
    with transaction.atomic():
        seed_council(population=1500, years=2, seed=seed, as_at=AS_AT, la_code="999")
        result = digest()
        transaction.set_rollback(True)
    return result


def test_the_same_arguments_give_identical_data():
    assert seeded_digest(7) == seeded_digest(7)


def test_a_different_seed_gives_a_different_council():
    assert seeded_digest(7) != seeded_digest(8)


def test_if_empty_leaves_a_seeded_database_unchanged():
    seed_council(population=1500, years=2, seed=3, as_at=AS_AT, la_code="999")
    before = digest()
    out = StringIO()
    call_command("seed", "--if-empty", "--population", "2000", "--seed", "4", stdout=out)
    assert digest() == before
    assert "nothing seeded" in out.getvalue()


def test_seeding_a_database_that_has_records_is_refused_without_if_empty():
    seed_council(population=1500, years=2, seed=3, as_at=AS_AT, la_code="999")
    with pytest.raises(Exception, match="already holds records"):
        call_command("seed", "--population", "2000", stdout=StringIO())


def test_planning_in_a_second_process_gives_the_same_council():
    digests = []
    for background in (False, True):
        with transaction.atomic():
            seed_council(
                population=1500, years=2, seed=11, as_at=AS_AT, la_code="999",
                background_planning=background,
            )  # fmt: skip
            digests.append(digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]


def test_a_failure_part_way_leaves_the_database_as_it_was(monkeypatch):
    def fail(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CouncilRecords, "write_supervision", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        seed_council(population=1500, years=2, seed=3, as_at=AS_AT, la_code="999")
    assert not Person.objects.exists()
    assert not User.objects.exists()
