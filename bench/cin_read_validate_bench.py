"""Benchmark reading and validating a CIN census, beside a whole-tree ElementTree reader.

For each census size it writes a clean synthetic census (`returns.cin.synthetic.write_census`:
assessments, section 47 enquiries, conferences, CP and CIN plans), then runs each measurement
in its own process under ``/usr/bin/time -v`` (peak resident memory), three times, reporting the
median:

- ``read``: `read_census` alone (lxml iterparse, streaming);
- ``validate``: `read_census` then all 109 rules (the rules' own time is printed separately);
- ``etree``: the naive alternative, ``xml.etree.ElementTree.parse`` of the whole document, then
  the same walk into the same Polars tables.

Usage:

    .venv/bin/python bench/cin_read_validate_bench.py --sizes 10000 200000 --dir /tmp/cin-bench

``--runs`` sets the runs per measurement (default 3) and ``--kinds`` which measurements to make.

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import polars as pl

from sightline.returns.cin import read_census, ruleset
from sightline.returns.cin.synthetic import write_census
from sightline.returns.cin.tables import FIELDS, KEYS, table_schema

RUNS = 3


def _etree_read(path: str) -> dict[str, pl.DataFrame]:
    """The naive reader: the whole tree in memory, then the same rows as `read_census`."""
    root = ET.parse(path).getroot()
    rows: dict[str, list[dict]] = {name: [] for name in KEYS}
    for n, child in enumerate(root.iter("Child")):
        ids = child.find("ChildIdentifiers")
        la_id = ids.findtext("LAchildID")
        person = {"child": n, "LAchildID": la_id, "row": 0}
        for part in (ids, child.find("ChildCharacteristics")):
            for leaf in part:
                if leaf.tag in FIELDS["children"]:
                    person[leaf.tag] = leaf.text
        rows["children"].append(person)
        counts = dict.fromkeys(KEYS, 0)

        def add(table, element, extra, n=n, la_id=la_id, counts=counts):
            row = {"child": n, "LAchildID": la_id, "row": counts[table], **extra}
            counts[table] += 1
            for leaf in element:
                if leaf.tag in FIELDS[table]:
                    row[leaf.tag] = leaf.text
            rows[table].append(row)
            return row

        for leaf in child.iterfind("ChildCharacteristics/Disabilities/Disability"):
            rows["disabilities"].append(
                {
                    "child": n,
                    "LAchildID": la_id,
                    "row": counts["disabilities"],
                    "Disability": leaf.text,
                }
            )
            counts["disabilities"] += 1
        for cin, episode in enumerate(child.findall("CINdetails")):
            add("cin_details", episode, {"cin": cin})
            for assessment in episode.findall("Assessments"):
                row = add("assessments", assessment, {"cin": cin})
                for factor in assessment.iterfind(
                    "FactorsIdentifiedAtAssessment/AssessmentFactors"
                ):
                    rows["assessment_factors"].append(
                        {
                            "child": n,
                            "LAchildID": la_id,
                            "cin": cin,
                            "assessment_row": row["row"],
                            "row": counts["assessment_factors"],
                            "AssessmentFactors": factor.text,
                        }
                    )
                    counts["assessment_factors"] += 1
            for name, table in (("CINPlanDates", "cin_plan_dates"), ("Section47", "section47")):
                for module in episode.findall(name):
                    add(table, module, {"cin": cin})
            for plan in episode.findall("ChildProtectionPlans"):
                row = add("cp_plans", plan, {"cin": cin})
                for review in plan.iterfind("Reviews/CPPreviewDate"):
                    rows["cp_reviews"].append(
                        {
                            "child": n,
                            "LAchildID": la_id,
                            "cin": cin,
                            "cpp_row": row["row"],
                            "row": counts["cp_reviews"],
                            "CPPreviewDate": review.text,
                        }
                    )
                    counts["cp_reviews"] += 1
    frames = {}
    for name, table_rows in rows.items():
        schema = {k: (pl.String if v == pl.Date else v) for k, v in table_schema(name).items()}
        for column in ("ReferralNFA", "ICPCnotRequired"):
            if column in schema:
                schema[column] = pl.String
        frame = pl.DataFrame(table_rows, schema=schema, strict=False)
        dates = [c for c, t in table_schema(name).items() if t == pl.Date]
        frames[name] = frame.with_columns(pl.col(dates).str.to_date("%Y-%m-%d"))
    return frames


def _one(kind: str, path: str) -> None:
    """Run one measurement in this process and print its times as JSON."""
    started = time.perf_counter()
    if kind == "etree":
        frames = _etree_read(path)
        children = frames["children"].height
        print(json.dumps({"read": time.perf_counter() - started, "children": children}))
        return
    tables = read_census(path)
    read_done = time.perf_counter()
    result = {"read": read_done - started, "children": tables.tables["children"].height}
    if kind == "validate":
        validation = ruleset().run(tables)
        result["rules"] = time.perf_counter() - read_done
        result["total"] = time.perf_counter() - started
        result["issues"] = validation.issues.height
        result["rules_run"] = validation.rules_run
        # Again, now that the process has built its working-day calendar (the holidays
        # package's first use costs a fixed second or more, whatever the census size).
        again = time.perf_counter()
        ruleset().run(tables)
        result["rules_warm"] = time.perf_counter() - again
    else:
        result["total"] = time.perf_counter() - started
    print(json.dumps(result))


def _measure(kind: str, path: Path, runs_wanted: int = RUNS) -> dict:
    runs = []
    for _ in range(runs_wanted):
        done = subprocess.run(
            ["/usr/bin/time", "-v", sys.executable, __file__, "--one", kind, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])
        figures["peak_mb"] = peak_kb / 1024
        wall = re.search(
            r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)",
            done.stderr,
        )
        figures["process_s"] = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
        runs.append(figures)
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--dir", default="/tmp/cin-bench")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per measurement (median)")
    parser.add_argument(
        "--kinds", nargs="+", default=["read", "validate", "etree"], help="measurements to run"
    )
    options = parser.parse_args()
    if options.one:
        _one(*options.one)
        return
    folder = Path(options.dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{date.today()} · {platform.machine()} · {os.cpu_count()} cores (shared) · "
        f"load average {os.getloadavg()[0]:.1f} · Python {platform.python_version()} · "
        f"Polars {pl.__version__} · median of {options.runs}"
    )
    lines = [
        "| children | file MB | measurement | median s | of which rules s (warm) "
        "| whole process s | peak MB |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    for size in options.sizes:
        path = folder / f"cin-{size}.xml"
        if not path.exists():
            write_census(path, size, seed=size)
        megabytes = path.stat().st_size / 1e6
        for kind in options.kinds:
            figures = _measure(kind, path, options.runs)
            seconds = figures.get("total", figures["read"])
            rules = (
                f"{figures['rules']:.2f} ({figures['rules_warm']:.2f})"
                if "rules" in figures
                else ""
            )
            line = (
                f"| {size:,} | {megabytes:.0f} | {kind} | {seconds:.2f} | {rules} "
                f"| {figures['process_s']:.1f} | {figures['peak_mb']:.0f} |"
            )
            print(line, figures, flush=True)
            lines.append(line)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
