"""Benchmark: every indicator x 24 month ends x every team and worker, against a naive loop.

Builds the synthetic council of ``engine_bench`` (about 60,000 children: a 300,000-population
council over five years) without the database, then times ``evaluate_indicators`` for 24
months at every level (median of several runs, peak RSS), beside a naive alternative: for a
sample of children, each month end evaluated separately (deadlines as at that date) and each
child's figures worked out in a Python loop; scaled to the whole council.

Run: ``.venv/bin/python bench/indicators_bench.py [--children 60000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).parent))

from engine_bench import AS_AT, Council  # noqa: E402

from sightline.engine.deadlines import evaluate_deadlines  # noqa: E402
from sightline.engine.indicators import evaluate_indicators, trend_points  # noqa: E402
from sightline.standards.calendar import add_months  # noqa: E402


def naive_contact_decisions(dataset, child_ids, days: list[date]) -> dict:
    """K-CONTACT-1WD per child and month end, the slow way: one deadline evaluation per month
    end, then a Python loop over each child's clocks."""
    sample = dataset.for_children(child_ids)
    figures = {}
    for day in days:
        start = add_months(day + timedelta(days=1), -12)
        rows = evaluate_deadlines(sample, day, rule_ids=["T-CONTACT-DECISION"]).to_dicts()
        for child in child_ids:
            num = den = 0
            for row in rows:
                if row["child_id"] != child or row["due"] > day:
                    continue
                if row["due"] < start:
                    continue
                den += 1
                num += row["met_on"] is not None and row["met_on"] <= row["due"]
            figures[(child, day)] = (num, den)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    dataset = Council(args.children).build()
    print(
        f"dataset: {args.children} children; "
        f"{sum(f.height for f in dataset.frames.values()):,} rows"
    )
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = evaluate_indicators(dataset, AS_AT, months=24, child_population=63_000)
        times.append(time.perf_counter() - started)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    levels = result.values.group_by("level").len().sort("level").rows()
    print(
        f"evaluate_indicators, 44 indicators x 24 months x every level: median "
        f"{statistics.median(times):.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)}); "
        f"peak RSS {rss:,.0f} MB; rows per level {levels}; items {result.items.height:,}"
    )
    ids = dataset["children"]["child_id"].head(args.sample).to_list()
    days = trend_points(AS_AT, 24)
    started = time.perf_counter()
    naive_contact_decisions(dataset, ids, days)
    naive = time.perf_counter() - started
    scale = args.children / len(ids)
    print(
        f"naive: one indicator (K-CONTACT-1WD) for {len(ids)} children x 24 month ends: "
        f"{naive:.2f} s; scaled to {args.children} children: {naive * scale:,.0f} s for one "
        f"indicator"
    )
    council = result.values.filter(pl.col("level") == "council", pl.col("point") == 23)
    print(council.select("indicator_id", "numerator", "denominator", "value").head(5))


if __name__ == "__main__":
    main()
