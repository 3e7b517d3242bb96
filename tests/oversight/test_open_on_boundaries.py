"""An allocation's first and last day give the same answer everywhere (standards.periods).

On each day around an allocation the database filter agrees with the plain definition, and the
worker's worklist, their list of children and the child's record all agree with it: no child on
a worklist whose record then refuses to open.
"""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from sightline.oversight.selectors import worklist_for_worker
from sightline.oversight.services import deadlines_refresh_for_child
from sightline.people.selectors import child_list_allocated, child_record_open
from sightline.periods import open_on
from sightline.standards.periods import covers
from sightline.workforce.models import Allocation


def _answers(worker, child):
    """(on the worklist, in my children, record opens) for `worker` today."""
    deadlines_refresh_for_child(child.pk)
    work = worklist_for_worker(actor=worker, worker=worker)
    on_worklist = child.pk in {c.child_id for c in work.overdue + work.due_soon}
    listed = child.pk in {c.pk for c in child_list_allocated(actor=worker)}
    try:
        child_record_open(actor=worker, child_id=child.pk)
        opens = True
    except Http404:
        opens = False
    return on_worklist, listed, opens


@pytest.mark.parametrize(
    ("start_offset", "end_offset"),
    [
        (0, None),  # first day of an open allocation
        (-30, 0),  # last day
        (0, 0),  # a one-day allocation
        (-30, -1),  # ended yesterday
        (1, None),  # starts tomorrow
    ],
)
def test_worklist_list_record_and_definition_agree(council, cp_case, start_offset, end_offset):
    today = timezone.localdate()
    start = today + timedelta(days=start_offset)
    end = None if end_offset is None else today + timedelta(days=end_offset)
    Allocation.objects.filter(child=cp_case.child).update(start_date=start, end_date=end)

    expected = covers(start, end, today)
    in_database = Allocation.objects.filter(open_on(today), child=cp_case.child).exists()
    assert in_database is expected
    # The CP case has overdue clocks today, so an allocated worker always has it on the list.
    assert _answers(council.east_worker, cp_case.child) == (expected, expected, expected)
