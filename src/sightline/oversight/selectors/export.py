"""Every deadline instance as at a date, for the `sightline deadlines` command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl
from django.core.exceptions import PermissionDenied

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.policies import Capability, actor_can, children_visible_to
from sightline.access.services import audit_event_record, audit_export_record
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.services import deadlines_evaluate


@dataclass(frozen=True)
class DeadlineExtract:
    """The extract's rows, and how many restricted children were left out of it."""

    frame: pl.DataFrame
    restricted_left_out: int


# An extract names children and who works with them: for those who may open children's
# records and see performance across them (managers, heads of service, the director, QA).
# An analyst has the pseudonymised export instead; an administrator runs the system, not cases.
EXTRACT_CAPABILITIES = (Capability.VIEW_CHILD, Capability.VIEW_PERFORMANCE)


def deadline_instances_as_at(*, actor, as_at: date) -> DeadlineExtract:
    """Return the deadline instances as at `as_at` of the children `actor` may see.

    For the `sightline deadlines` command, run by an operator with access to the server on
    behalf of a named user (``--actor``); not for pages (which read the stored deadlines).
    Columns: child_id (the LA child ID), rule_id, record_type, record_id, clock_start, due,
    met_on, status, worker and team (names). Worked out afresh from the live record.

    The extract holds the children the actor may find (``children_visible_to``: a head of
    service their service, the director everyone) and never a restricted child, as no list or
    extract does. It is audited as an export by the actor, naming every child in it
    (``audit_export_record``); a user whose role may not take it is refused, and the refusal
    audited, before anything is read. With no actor (``actor=None``: the operator at the
    server, as the nightly jobs run) it holds every child but the restricted ones and is audited
    as an export by the system, naming every child in it all the same.
    """
    if actor is not None and not all(
        actor_can(actor, capability) for capability in EXTRACT_CAPABILITIES
    ):
        audit_event_record(
            actor=actor,
            action=AuditAction.REFUSED,
            detail={"allowed": False, "refused": "deadlines extract"},
        )
        raise PermissionDenied(
            "Only a user who may open children's records and see performance across them "
            "(a team manager, head of service, director or QA auditor) may take the extract"
        )
    dataset = load_dataset()
    restricted = list(RestrictedRecord.objects.values_list("child_id", flat=True))
    frame = deadlines_evaluate(dataset, as_at=as_at)
    visible = (
        frame.get_column("child_id").unique().to_list()
        if actor is None
        else list(children_visible_to(actor).values_list("pk", flat=True))
    )
    # Counted over everyone, as before scope: the command says how many were left out.
    left_out = frame.filter(pl.col("child_id").is_in(restricted))
    frame = frame.filter(pl.col("child_id").is_in(visible) & ~pl.col("child_id").is_in(restricted))
    children = dataset["children"].select("child_id", "la_child_id")
    workers = dataset["workers"].select("worker_id", pl.col("name").alias("worker"))
    teams = dataset["teams"].select("team_id", pl.col("name").alias("team"))
    extract = (
        frame.join(children, on="child_id", how="left")
        .join(workers, on="worker_id", how="left")
        .join(teams, on="team_id", how="left")
        .sort(["la_child_id", "rule_id", "clock_start", "due", "record_id"], nulls_last=True)
    )
    audit_export_record(
        actor=actor,
        child_ids=extract.get_column("child_id").unique(maintain_order=True).to_list(),
        detail={
            "export": "deadlines",
            "taken_by": "operator at the server (no --actor)" if actor is None else "actor",
            "as_at": as_at.isoformat(),
            "row_count": extract.height,
            "restricted_children_left_out": left_out.get_column("child_id").n_unique(),
        },
    )
    return DeadlineExtract(
        frame=extract.select(
            pl.col("la_child_id").alias("child_id"),
            "rule_id",
            "record_type",
            "record_id",
            "clock_start",
            "due",
            "met_on",
            "status",
            "worker",
            "team",
        ),
        restricted_left_out=left_out.get_column("child_id").n_unique(),
    )
