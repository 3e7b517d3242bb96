"""Every deadline instance as at a date, for the `sightline deadlines` command."""

from __future__ import annotations

from datetime import date

import polars as pl

from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.services import deadlines_evaluate


def deadline_instances_as_at(*, as_at: date) -> pl.DataFrame:
    """Return every deadline instance as at `as_at`, worked out afresh from the live record.

    For the `sightline deadlines` command, run by an operator with access to the server; not
    for pages (which read the stored deadlines). Columns: child_id (the LA child ID), rule_id,
    record_type, record_id, clock_start, due, met_on, status, worker and team (names).
    """
    dataset = load_dataset()
    frame = deadlines_evaluate(dataset, as_at=as_at)
    children = dataset["children"].select("child_id", "la_child_id")
    workers = dataset["workers"].select("worker_id", pl.col("name").alias("worker"))
    teams = dataset["teams"].select("team_id", pl.col("name").alias("team"))
    return (
        frame.join(children, on="child_id", how="left")
        .join(workers, on="worker_id", how="left")
        .join(teams, on="team_id", how="left")
        .sort(["la_child_id", "rule_id", "clock_start", "due", "record_id"], nulls_last=True)
        .select(
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
        )
    )
