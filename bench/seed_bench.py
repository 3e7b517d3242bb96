"""Benchmark `sightline seed`: wall time and peak memory, bulk writer against per-row ORM saves.

Each run seeds a fresh, migrated SQLite database in a child process and reads that process's own
resource usage (``os.wait4``), so one run's peak memory is never mistaken for another's. The
naive comparison seeds a small council with every row saved through ``Model.objects.create`` and
extrapolates its rows-per-second to the row counts of the full-size runs.

    .venv/bin/python bench/seed_bench.py --populations 50000 300000 --runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
AS_AT = "2026-03-31"

NAIVE_SCRIPT = """
import sys, time
from datetime import UTC, date
import django
django.setup()
from sightline.demo import council, writer


class NaiveWriter(writer.RecordWriter):
    # One ORM save per row: what the generator would cost without the bulk path.
    def __enter__(self):
        return self

    def _flush(self, table):
        fields = table.model._meta.concrete_fields
        instants = {f.attname for f in fields if f.get_internal_type() == "DateTimeField"}
        for row in table.rows:
            values = dict(zip(table.columns, row))
            for name in instants:
                if values[name] is not None:
                    values[name] = values[name].replace(tzinfo=UTC)
            table.model.objects.create(**values)
        table.written += len(table.rows)
        table.rows = []


council.RecordWriter = NaiveWriter
population, years, as_at = int(sys.argv[1]), int(sys.argv[2]), date.fromisoformat(sys.argv[3])
started = time.perf_counter()
result = council.seed_council(
    population=population, years=years, seed=1, as_at=as_at, la_code="999"
)
print("ROWS", sum(result.counts.values()), "SECONDS", time.perf_counter() - started)
"""


def run(command: list[str], env: dict) -> tuple[float, float, str]:
    """Run ``command``; return (wall seconds, peak RSS in MB, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}:\n{output}")
    # ru_maxrss is in kilobytes on Linux.
    return wall, usage.ru_maxrss / 1024, output


def fresh_database(directory: str, name: str) -> dict:
    env = dict(os.environ, SIGHTLINE_DATABASE_URL=f"sqlite:///{directory}/{name}.sqlite3")
    env.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    subprocess.run(
        [PYTHON, "-m", "sightline", "migrate", "--no-input", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return env


def seeded_rows(output: str) -> int:
    return sum(
        int(count.replace(",", "")) for count in re.findall(r"^\s+\S+\s+([\d,]+)$", output, re.M)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--populations", type=int, nargs="+", default=[50_000, 300_000])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--naive-population", type=int, default=2_000)
    parser.add_argument("--naive-years", type=int, default=2)
    args = parser.parse_args()

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"SQLite {sqlite3.sqlite_version}; load average at start {os.getloadavg()[0]:.1f}")
    results = []
    with tempfile.TemporaryDirectory(prefix="seed-bench-") as directory:
        naive_rate = None
        if args.naive_population:
            env = fresh_database(directory, "naive")
            naive = [PYTHON, "-c", NAIVE_SCRIPT, str(args.naive_population), str(args.naive_years)]
            wall, peak, output = run([*naive, AS_AT], env)
            found = re.search(r"ROWS (\S+) SECONDS (\S+)", output)
            rows, seconds = float(found[1]), float(found[2])
            naive_rate = rows / seconds
            print(
                f"naive ORM create(): {args.naive_population:,} children, "
                f"{args.naive_years} years: {rows:,.0f} rows in {seconds:.1f} s "
                f"= {naive_rate:,.0f} rows/s, peak {peak:.0f} MB"
            )
        for population in args.populations:
            walls, peaks, rows = [], [], 0
            for index in range(args.runs):
                env = fresh_database(directory, f"p{population}-{index}")
                command = [
                    PYTHON, "-m", "sightline", "seed", "--population", str(population),
                    "--years", str(args.years), "--seed", "1", "--as-at", AS_AT,
                ]  # fmt: skip
                wall, peak, output = run(command, env)
                rows = seeded_rows(output)
                walls.append(wall)
                peaks.append(peak)
                print(
                    f"  {population:>9,} run {index + 1}: "
                    f"{wall:6.1f} s, {peak:5.0f} MB, {rows:,} rows"
                )
                Path(directory, f"p{population}-{index}.sqlite3").unlink()
            results.append((population, statistics.median(walls), max(peaks), rows))
        print()
        header = ("children", "years", "rows", "median wall", "peak RSS", "naive (est.)")
        print("{:>10} {:>5} {:>11} {:>12} {:>9} {:>13}".format(*header))
        for population, wall, peak, rows in results:
            naive = f"{rows / naive_rate:,.0f} s" if naive_rate else "-"
            figures = (
                f"{population:>10,} {args.years:>5} {rows:>11,} {wall:>10.1f} s {peak:>6.0f} MB"
            )
            print(f"{figures} {naive:>13}")


if __name__ == "__main__":
    main()
