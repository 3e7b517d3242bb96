"""Issue 11 row 6: the nightly rebuild writes a batch of children per short transaction, so page
views are never locked out for the length of the whole rebuild."""

from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.oversight import services
from sightline.oversight.models import Deadline
from sightline.oversight.services import deadlines_refresh_all

pytestmark = pytest.mark.django_db

AS_AT = date(2025, 3, 3)


def test_the_rebuild_commits_one_batch_of_children_at_a_time(
    cp_case, make_child, make_deadline, monkeypatch
):
    # Three children with rows (one with none left after tonight): batches of one child each.
    gone = make_child("LA0009")
    other = make_child("LA0010")
    make_deadline(gone, due=date(2020, 1, 1), rule_id="T-STALE")
    make_deadline(other, due=date(2020, 1, 1), rule_id="T-STALE")
    monkeypatch.setattr(services, "TICK_BATCH_CHILDREN", 1)
    with CaptureQueriesContext(connection) as queries:
        summary = deadlines_refresh_all(as_at=AS_AT)
    deletes = [q["sql"] for q in queries if q["sql"].startswith('DELETE FROM "oversight_deadline"')]
    assert len(deletes) == 3  # one per child, each in its own transaction
    assert not Deadline.objects.filter(rule_id="T-STALE").exists()
    assert Deadline.objects.count() == summary.deadline_count == 11


def test_batches_give_the_same_answer_as_one_transaction(cp_case, make_child, monkeypatch):
    monkeypatch.setattr(services, "TICK_BATCH_CHILDREN", 1)
    batched = deadlines_refresh_all(as_at=AS_AT)
    rows_batched = sorted(Deadline.objects.values_list("rule_id", "due", "status"))
    monkeypatch.setattr(services, "TICK_BATCH_CHILDREN", 10_000)
    whole = deadlines_refresh_all(as_at=AS_AT)
    assert sorted(Deadline.objects.values_list("rule_id", "due", "status")) == rows_batched
    assert batched.status_counts == whole.status_counts


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_waits_for_the_write_lock_rather_than_failing_at_once():
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]
