"""A change of allocation moves the child's clocks to their new worker and team at once.

Deadlines carry the worker and team they are listed under (`oversight.models.Deadline`), worked
out from the allocation when they were calculated. Allocations are written from several places
(the admin, imports, the shell), so the refresh hangs on the model's own signals rather than on
one service: whichever path saves or deletes an allocation, the child's clocks are recalculated
when the write commits, instead of at the nightly tick. Bulk writes send no signal; those paths
(the demo seed) recalculate everyone themselves.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from sightline.workforce.models import Allocation


def _refresh_after_commit(child_id: int) -> None:
    # Imported here: oversight imports workforce models, not the other way round.
    from sightline.oversight.services import deadlines_refresh_for_child

    # robust: the allocation has committed; a failed refresh is logged, not an error page, and
    # the nightly tick recalculates every child anyway.
    transaction.on_commit(lambda: deadlines_refresh_for_child(child_id), robust=True)


@receiver(post_save, sender=Allocation, dispatch_uid="sightline.workforce.allocation_saved")
def _allocation_saved(sender, instance: Allocation, raw=False, **kwargs):
    if not raw:  # not while loading fixtures
        _refresh_after_commit(instance.child_id)


@receiver(post_delete, sender=Allocation, dispatch_uid="sightline.workforce.allocation_deleted")
def _allocation_deleted(sender, instance: Allocation, **kwargs):
    _refresh_after_commit(instance.child_id)
