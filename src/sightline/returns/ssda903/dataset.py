"""The SSDA903 tables, as read, as the engine's `Dataset`, so looked-after clocks run on a file.

Identifiers are the reader's stable per-file numbers: ``child_id`` is the child's order in the
Header table (by CHILD, so the numbers do not depend on the order a council's export wrote the
rows in), and every other record is numbered in its table's order.

What the return carries, and where it goes:

- children: CHILD (the LA child ID) and date of birth;
- looked-after episodes: DECOM, DEC, RNE, LS, PLACE and REC, as they are;
- looked-after reviews: each REVIEW date;
- missing episodes: MISSING (M missing, A away without authorisation), MIS_START, MIS_END;
- adoptions: the decision that the child should be placed for adoption (PlacedAdoption
  DATE_PLACED, else AD1 DATE_INT), the placement order (the start of the first episode with
  legal status E1 after it), the match (AD1 DATE_MATCH), the date placed (the start of
  the first A3-A6 placement on or after the decision) and the adoption order (the end of an
  episode that ceased E11 or E12);
- workers and allocations: each SWEpisodes row as the child's allocation to the worker it
  names (SW_ID), from SW_DECOM to SW_DEC; no worker's team is known.

What it cannot carry: everything before care (contacts, referrals, assessments, enquiries,
conferences, plans), the date a child was placed in a fostering-for-adoption or concurrent
placement (AD1 says only whether the adopters were the child's foster carers), visits, care and
placement plans, IRO appointments, the dates of health
assessments, dental checks and SDQs (OC2 says only whether one happened in the year), the
dates of care leavers' contacts (OC3 describes the young person around a birthday), pathway
plans, permanence plans, care proceedings, supervisions and management oversight.
"""

from __future__ import annotations

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.returns.ssda903.spec import date_column

__all__ = ["NOTES", "ssda903_dataset"]

_ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
_ADOPTED = ("E11", "E12")

NOTES = [
    "SSDA903: health assessments, dental checks and SDQs are reported as done or not in the "
    "year (OC2), without dates, so their clocks cannot be judged from the return.",
    "SSDA903: the social workers named in SWEpisodes have no team, so figures are attributed "
    "to workers but not to teams or services.",
]


def _day(column: str) -> pl.Expr:
    return pl.col(date_column(column))


def _numbered(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    return frame.with_row_index(name, offset=1).with_columns(pl.col(name).cast(pl.Int64))


def ssda903_dataset(tables: dict[str, pl.DataFrame]) -> Dataset:
    """Map read SSDA903 tables (``read_directory``) onto the engine's frames (see above)."""
    header = (
        tables["Header"]
        .filter(pl.col("CHILD").is_not_null())
        .unique("CHILD", keep="first")
        .sort("CHILD")
    )
    children = _numbered(header, "child_id")
    keys = children.select("CHILD", "child_id")

    def of_child(name: str) -> pl.DataFrame:
        return tables[name].join(keys, on="CHILD", how="inner").sort("child_id", "row")

    episodes = _numbered(of_child("Episodes"), "episode_id")
    lac_episodes = episodes.select(
        "episode_id",
        "child_id",
        _day("DECOM").alias("start_date"),
        _day("DEC").alias("end_date"),
        pl.col("RNE").alias("reason_new_episode"),
        pl.col("LS").alias("legal_status"),
        pl.col("PLACE").alias("placement_type"),
        pl.col("REC").alias("reason_ceased"),
    ).filter(pl.col("start_date").is_not_null())
    reviews = (
        of_child("Reviews")
        .select("child_id", _day("REVIEW").alias("date"))
        .filter(pl.col("date").is_not_null())
        .pipe(_numbered, "review_id")
    )
    missing = (
        of_child("Missing")
        .select(
            "child_id",
            pl.col("MISSING").str.to_uppercase().alias("kind"),
            _day("MIS_START").alias("start_date"),
            _day("MIS_END").alias("end_date"),
        )
        .filter(pl.col("start_date").is_not_null())
        .pipe(_numbered, "missing_id")
    )
    workers, allocations = _social_workers(of_child("SWEpisodes"))
    return Dataset.from_frames(
        source="SSDA903",
        children=children.select(
            "child_id", pl.col("CHILD").alias("la_child_id"), _day("DOB").alias("date_of_birth")
        ),
        lac_episodes=lac_episodes,
        lac_reviews=reviews,
        missing_episodes=missing,
        adoptions=_adoptions(of_child, lac_episodes),
        workers=workers,
        allocations=allocations,
    )


def _adoptions(of_child, lac_episodes: pl.DataFrame) -> pl.DataFrame:
    decisions = of_child("PlacedAdoption").select(
        "child_id", _day("DATE_PLACED").alias("decision_date")
    )
    ad1 = (
        of_child("AD1")
        .select(
            "child_id",
            _day("DATE_INT").alias("ad1_decision"),
            _day("DATE_MATCH").alias("matched_date"),
        )
        .unique("child_id", keep="last")
    )
    # A child adopted in the year may have no PlacedAdoption row (the decision fell in an
    # earlier year's return): AD1's decision date stands for it.
    decisions = pl.concat(
        [
            decisions,
            ad1.join(decisions, on="child_id", how="anti").select(
                "child_id", pl.col("ad1_decision").alias("decision_date")
            ),
        ]
    ).filter(pl.col("decision_date").is_not_null())
    placed = lac_episodes.filter(pl.col("placement_type").is_in(_ADOPTION_PLACEMENTS)).select(
        "child_id", pl.col("start_date").alias("placed_on")
    )
    orders = lac_episodes.filter(pl.col("reason_ceased").is_in(_ADOPTED)).select(
        "child_id", pl.col("end_date").alias("adoption_order_date")
    )
    placement_orders = lac_episodes.filter(pl.col("legal_status") == "E1").select(
        "child_id", pl.col("start_date").alias("placement_order_date")
    )
    # Each decision takes the first placement and order on or after it (and before the next
    # decision, so a second decision after a first that was reversed keeps its own dates).
    ordered = decisions.sort("child_id", "decision_date").with_columns(
        next_decision=pl.col("decision_date").shift(-1).over("child_id")
    )

    def first_after(events: pl.DataFrame, column: str) -> pl.DataFrame:
        return (
            ordered.join(events, on="child_id", how="inner")
            .filter(
                (pl.col(column) >= pl.col("decision_date"))
                & (pl.col("next_decision").is_null() | (pl.col(column) < pl.col("next_decision")))
            )
            .group_by("child_id", "decision_date")
            .agg(pl.col(column).min())
        )

    latest = pl.col("decision_date") == pl.col("decision_date").max().over("child_id")
    return (
        ordered.join(first_after(placed, "placed_on"), on=["child_id", "decision_date"], how="left")
        .join(
            first_after(orders, "adoption_order_date"),
            on=["child_id", "decision_date"],
            how="left",
        )
        .join(
            first_after(placement_orders, "placement_order_date"),
            on=["child_id", "decision_date"],
            how="left",
        )
        .join(ad1.select("child_id", "matched_date"), on="child_id", how="left")
        .with_columns(
            pl.when(latest).then(pl.col("matched_date")).alias("matched_date"),
        )
        .select(
            "child_id",
            "decision_date",
            "placement_order_date",
            "matched_date",
            pl.col("placed_on").alias("placed_date"),
            "adoption_order_date",
        )
        .sort("child_id", "decision_date")
        .pipe(_numbered, "adoption_id")
    )


def _social_workers(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    named = rows.filter(pl.col("SW_ID").is_not_null())
    workers = (
        named.select(pl.col("SW_ID").unique().sort())
        .pipe(_numbered, "worker_id")
        .select("worker_id", pl.col("SW_ID").alias("name"), pl.lit("SOCIAL_WORKER").alias("role"))
    )
    allocations = (
        named.join(workers.select("worker_id", pl.col("name").alias("SW_ID")), on="SW_ID")
        .select(
            "child_id",
            "worker_id",
            _day("SW_DECOM").alias("start_date"),
            _day("SW_DEC").alias("end_date"),
        )
        .filter(pl.col("start_date").is_not_null())
        .pipe(_numbered, "allocation_id")
    )
    return workers, allocations
