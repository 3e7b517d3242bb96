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
started, cpu = time.perf_counter(), time.process_time()
result = council.seed_council(
    population=population, years=years, seed=1, as_at=as_at, la_code="999"
)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print("ROWS", sum(result.counts.values()), "SECONDS", seconds, "CPU", cpu)
"""


def run(command: list[str], env: dict) -> tuple[float, float, float, str]:
    """Run ``command``; return (wall seconds, CPU seconds, peak RSS in MB, stdout).

    CPU time (user + system, including the seed's own child processes) is reported beside wall
    time because wall time on a shared machine says as much about the neighbours as the seed.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}:\n{output}")
    # ru_maxrss is in kilobytes on Linux.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


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
        naive = None
        if args.naive_population:
            env = fresh_database(directory, "naive")
            script = [PYTHON, "-c", NAIVE_SCRIPT, str(args.naive_population), str(args.naive_years)]
            _, _, peak, output = run([*script, AS_AT], env)
            found = re.search(r"ROWS (\S+) SECONDS (\S+) CPU (\S+)", output)
            rows, seconds, cpu = (float(found[i]) for i in (1, 2, 3))
            naive = (rows / seconds, rows / cpu)
            print(
                f"naive ORM create(): {args.naive_population:,} children, {args.naive_years} "
                f"years: {rows:,.0f} rows in {seconds:.1f} s wall, {cpu:.1f} s CPU "
                f"({naive[0]:,.0f} rows/s wall, {naive[1]:,.0f} rows/s CPU), peak {peak:.0f} MB"
            )
        for population in args.populations:
            walls, cpus, peaks, rows = [], [], [], 0
            for index in range(args.runs):
                env = fresh_database(directory, f"p{population}-{index}")
                command = [
                    PYTHON, "-m", "sightline", "seed", "--population", str(population),
                    "--years", str(args.years), "--seed", "1", "--as-at", AS_AT,
                ]  # fmt: skip
                load = os.getloadavg()[0]
                wall, cpu, peak, output = run(command, env)
                rows = seeded_rows(output)
                walls.append(wall)
                cpus.append(cpu)
                peaks.append(peak)
                print(
                    f"  {population:>9,} run {index + 1}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
                    f"{peak:5.0f} MB, {rows:,} rows (load average before: {load:.1f})"
                )
                Path(directory, f"p{population}-{index}.sqlite3").unlink()
            results.append(
                (population, statistics.median(walls), statistics.median(cpus), max(peaks), rows)
            )
        print()
        header = ("children", "years", "rows", "wall (median)", "CPU (median)", "peak RSS")
        print("{:>9} {:>5} {:>10} {:>14} {:>13} {:>9}  naive ORM estimate".format(*header))
        for population, wall, cpu, peak, rows in results:
            estimate = (
                f"{rows / naive[0]:,.0f} s wall, {rows / naive[1]:,.0f} s CPU" if naive else "-"
            )
            print(
                f"{population:>9,} {args.years:>5} {rows:>10,} {wall:>12.1f} s {cpu:>11.1f} s "
                f"{peak:>6.0f} MB  {estimate}"
            )


if __name__ == "__main__":
    main()
