"""Issue 11 row 5: a reallocation moves the child's clocks to the new team at once, and a
worklist shows only children its reader may open (the scope of record access)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sightline.oversight.models import Deadline
from sightline.oversight.selectors import team_worklist, worklist_for_worker
from sightline.oversight.services import deadlines_refresh_for_child
from sightline.workforce.models import Allocation

pytestmark = pytest.mark.django_db


def _reallocate(child, *, team, worker):
    today = timezone.localdate()
    Allocation.objects.filter(child=child, end_date__isnull=True).update(end_date=today)
    Allocation.objects.create(child=child, team=team, worker=worker, start_date=today)


def test_a_reallocation_moves_the_childs_clocks_to_the_new_team_when_it_commits(
    council, cp_case, django_capture_on_commit_callbacks
):
    deadlines_refresh_for_child(cp_case.child.pk)
    assert set(Deadline.objects.filter(child=cp_case.child).values_list("team_id", flat=True)) == {
        council.east.pk
    }
    with django_capture_on_commit_callbacks(execute=True):
        _reallocate(cp_case.child, team=council.west, worker=council.west_worker)
    attributed = set(Deadline.objects.values_list("team_id", "worker_id"))
    assert attributed == {(council.west.pk, council.west_worker.pk)}


def test_an_allocation_deleted_as_entered_in_error_refreshes_too(
    council, cp_case, django_capture_on_commit_callbacks
):
    deadlines_refresh_for_child(cp_case.child.pk)
    with django_capture_on_commit_callbacks(execute=True):
        Allocation.objects.get(child=cp_case.child).delete()
    assert set(Deadline.objects.values_list("team_id", flat=True)) == {None}


def test_a_stale_clock_of_a_child_moved_away_is_not_shown_to_the_old_team(
    council, cp_case, make_deadline
):
    """Even before any refresh, the worklist shows only children the reader may open."""
    make_deadline(
        cp_case.child,
        due=date(2025, 2, 17),
        status="overdue",
        worker=council.east_worker,
        team=council.east,
    )
    today = timezone.localdate()
    # Moved away today: the old allocation's last day was yesterday (standards.periods).
    Allocation.objects.filter(child=cp_case.child).update(end_date=today - timedelta(days=1))
    Allocation.objects.bulk_create(  # bulk: no signal, so the stored row stays stale
        [Allocation(child=cp_case.child, team=council.west, start_date=today)]
    )
    as_at = date(2025, 3, 3)
    team = team_worklist(actor=council.east_manager, team=council.east, as_at=as_at)
    assert [c.child_id for c in team.clocks] == []
    mine = worklist_for_worker(actor=council.east_worker, worker=council.east_worker, as_at=as_at)
    assert [c.child_id for c in mine.overdue + mine.due_soon] == []
