"""Benchmark: every timescale rule over a seeded council's database, as the tick runs it.

`bench/engine_bench.py` times the engine on a council built from numpy arrays, which holds only
the frames its generator knows. This one loads the `Dataset` from a database seeded with
`sightline seed` (every record type the demo council writes, issue 8's care plans, placement
plans, IRO appointments, short breaks, private fostering, leaving-care accommodation and
pre-proceedings included) and times, median of several runs:

* loading the dataset from the database (`oversight.dataset_loader.load_dataset`);
* evaluating every rule of the rulebook as at the date (`engine.deadlines.evaluate_deadlines`);

and prints the deadline rows per rule, so that a rule with no rows shows up.

Run: seed a database first, e.g.
``SIGHTLINE_DATABASE_URL=sqlite:///var/bench-300k.sqlite3 .venv/bin/sightline migrate`` and
``... sightline seed --population 300000 --years 5 --as-at 2026-03-31``, then
``SIGHTLINE_DATABASE_URL=sqlite:///var/bench-300k.sqlite3 .venv/bin/python
bench/engine_seeded_bench.py --as-at 2026-03-31 --runs 5``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
from datetime import date

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--as-at", type=date.fromisoformat, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    django.setup()
    import polars as pl

    from sightline.engine.deadlines import evaluate_deadlines
    from sightline.oversight.dataset_loader import load_dataset
    from sightline.standards.calendar import default_calendar
    from sightline.standards.timescales import rulebook

    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"polars {pl.__version__}; load average at start {os.getloadavg()[0]:.1f}")  # fmt: skip
    loads, evaluations = [], []
    rules, calendar = rulebook(), default_calendar()
    for _ in range(args.runs):
        started = time.perf_counter()
        dataset = load_dataset()
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        frame = evaluate_deadlines(dataset, args.as_at, rules, calendar)
        evaluations.append(time.perf_counter() - started)
    children = dataset["children"].height
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_rule = dict(frame.group_by("rule_id").len().iter_rows())
    print(f"{children:,} children, {sum(f.height for f in dataset.frames.values()):,} rows read; "
          f"{frame.height:,} deadlines from {len(per_rule)} of {len(rules)} rules")  # fmt: skip
    print(f"load: median {statistics.median(loads):.2f} s ({', '.join(f'{t:.2f}' for t in loads)})")
    print(f"evaluate every rule: median {statistics.median(evaluations):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in evaluations)})")  # fmt: skip
    print(f"peak RSS {peak:,.0f} MB; load average at end {os.getloadavg()[0]:.1f}")
    missing = [rule for rule in rules if rule not in per_rule]
    print("rules without rows:", ", ".join(missing) or "none")
    for rule in rules:
        print(f"  {rule:28} {per_rule.get(rule, 0):>10,}")


if __name__ == "__main__":
    main()
