"""Several returns of one council as one `Dataset`: children matched by their LA child ID.

The CIN census and the SSDA903 both name a child by the council's own child ID (LAchildID,
CHILD), and Annex A by its Child Unique ID, which councils fill with the same ID. Each frame is
taken from the first return, in the order CIN census, SSDA903, Annex A, that carries it: the
census and the 903 hold a year's full history, Annex A only the latest of many records. The
workers, teams and allocations travel together from one return (Annex A, which names every
open child's team and worker, else the SSDA903), so a worker's ID means one person; a worker
named on a record from another return is then unknown.
"""

from __future__ import annotations

import polars as pl

from sightline.engine.dataset import SCHEMAS, Dataset
from sightline.returns.analyse.coverage import COVERAGE

__all__ = ["ORDER", "combine"]

ORDER = ("cin", "ssda903", "annex-a")
_WORKFORCE = ("workers", "teams", "allocations")


def _source_of_frames(kinds: list[str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for kind in sorted(kinds, key=ORDER.index):
        frames = COVERAGE[kind].frames
        for name in frames:
            if name in _WORKFORCE or name == "children":
                continue
            chosen.setdefault(name, kind)
    # Annex A names the allocated team and worker of every open child; the SSDA903 only the
    # social workers of looked-after children.
    for kind in ("annex-a", "ssda903"):
        if kind in kinds:
            for name in _WORKFORCE:
                if name in COVERAGE[kind].frames:
                    chosen[name] = kind
            break
    return chosen


def combine(datasets: dict[str, Dataset]) -> Dataset:
    """One dataset from the datasets of several returns (keyed by kind, see ``ORDER``)."""
    if len(datasets) == 1:
        return next(iter(datasets.values()))
    kinds = sorted(datasets, key=ORDER.index)
    children = pl.concat(
        [
            datasets[k]["children"].with_columns(order=pl.lit(n, pl.Int8))
            for n, k in enumerate(kinds)
        ]
    ).filter(pl.col("la_child_id").is_not_null())
    merged = (
        children.sort("order")
        .group_by("la_child_id", maintain_order=True)
        .agg(pl.all().exclude("child_id", "order").drop_nulls().first())
        .sort("la_child_id")
        .with_row_index("child_id", offset=1)
        .with_columns(pl.col("child_id").cast(pl.Int64))
    )
    new_ids = merged.select("la_child_id", pl.col("child_id").alias("new_id"))
    frames: dict[str, pl.DataFrame] = {"children": merged.select(list(SCHEMAS["children"]))}
    sources = _source_of_frames(kinds)
    for name, schema in SCHEMAS.items():
        if name == "children":
            continue
        kind = sources.get(name)
        if kind is None:
            frames[name] = pl.DataFrame(schema=schema)
            continue
        frame = datasets[kind][name]
        if "child_id" in schema:
            ids = (
                datasets[kind]["children"]
                .select("child_id", "la_child_id")
                .join(new_ids, on="la_child_id", how="inner")
            )
            frame = (
                frame.join(ids.select("child_id", "new_id"), on="child_id", how="inner")
                .drop("child_id")
                .rename({"new_id": "child_id"})
            )
        if "worker_id" in schema and name not in _WORKFORCE and sources.get("workers") != kind:
            frame = frame.with_columns(pl.lit(None, pl.Int64).alias("worker_id"))
        frames[name] = frame.select(list(schema))
    notes = [note for k in kinds for note in datasets[k].notes]
    return Dataset(
        frames=frames,
        source=" + ".join(datasets[k].source for k in kinds),
        notes=notes,
    )
