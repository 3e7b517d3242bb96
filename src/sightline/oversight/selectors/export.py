"""Every deadline instance as at a date, for the `sightline deadlines` command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.services import audit_listing_record
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.services import deadlines_evaluate


@dataclass(frozen=True)
class DeadlineExtract:
    """The extract's rows, and how many restricted children were left out of it."""

    frame: pl.DataFrame
    restricted_left_out: int


def deadline_instances_as_at(*, as_at: date) -> DeadlineExtract:
    """Return every deadline instance as at `as_at`, worked out afresh from the live record.

    For the `sightline deadlines` command, run by an operator with access to the server; not
    for pages (which read the stored deadlines). Columns: child_id (the LA child ID), rule_id,
    record_type, record_id, clock_start, due, met_on, status, worker and team (names).

    An extract names children, so it is audited as an export (by the system: a command has no
    signed-in user) with the children in it, and restricted children are left out of it, as
    they are of every list and extract.
    """
    dataset = load_dataset()
    restricted = RestrictedRecord.objects.values_list("child_id", flat=True)
    frame = deadlines_evaluate(dataset, as_at=as_at)
    left_out = frame.filter(pl.col("child_id").is_in(list(restricted)))
    frame = frame.filter(~pl.col("child_id").is_in(list(restricted)))
    children = dataset["children"].select("child_id", "la_child_id")
    workers = dataset["workers"].select("worker_id", pl.col("name").alias("worker"))
    teams = dataset["teams"].select("team_id", pl.col("name").alias("team"))
    extract = (
        frame.join(children, on="child_id", how="left")
        .join(workers, on="worker_id", how="left")
        .join(teams, on="team_id", how="left")
        .sort(["la_child_id", "rule_id", "clock_start", "due", "record_id"], nulls_last=True)
    )
    audit_listing_record(
        actor=None,
        action=AuditAction.EXPORT,
        child_ids=extract.get_column("child_id").unique(maintain_order=True).to_list(),
        detail={
            "export": "deadlines",
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
