"""Writing a return's files so that a failure part-way leaves nothing behind, and auditing them.

Every file is written beside its destination under a temporary name and moved into place only
when the whole return has been written and its export recorded in the access audit: a return
that fails (no children in scope, a full disc, an unwritable directory) writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sightline.access.models import RestrictedRecord
from sightline.access.services import audit_export_record


class ReturnError(ValueError):
    """A return cannot be produced as asked; the message says why. Nothing has been written."""


@contextlib.contextmanager
def staged(paths: Iterable[Path]) -> Iterator[list[Path]]:
    """Yield temporary paths beside each destination; move them into place if the block succeeds.

    The block must do everything that could fail (including the audit) before it ends.
    """
    destinations = [Path(p) for p in paths]
    for destination in destinations:
        if not destination.parent.is_dir():
            raise ReturnError(f"{destination.parent} is not a directory that exists")
    temporaries: list[Path] = []
    try:
        for destination in destinations:
            handle, name = tempfile.mkstemp(
                prefix=f".{destination.name}.", suffix=".part", dir=destination.parent
            )
            os.close(handle)
            temporaries.append(Path(name))
        yield temporaries
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, destination in zip(temporaries, destinations, strict=True):
        os.replace(temporary, destination)


def audit_return_export(
    *, actor, export: str, child_ids: list[int], detail: dict, request=None
) -> None:
    """Record a statutory return in the access audit as an export of the children it names.

    Unlike other extracts, a statutory return leaves no child out: the DfE and Ofsted are owed
    every child, restricted ones included. The audit says how many restricted children the
    return holds, so information governance can see where their records went. Given the
    `request` (a download from the Returns pages), the event records its page and address too.
    """
    restricted = set(RestrictedRecord.objects.values_list("child_id", flat=True))
    # Every child is named (in as many events as the audit's size limit needs), not only the
    # first page of them as on a list shown on screen: the return leaves the building whole.
    audit_export_record(
        actor=actor,
        child_ids=child_ids,
        detail={
            "export": export,
            **detail,
            "restricted_children_included": len(restricted.intersection(child_ids)),
        },
        request=request,
    )
