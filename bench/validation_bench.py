"""Benchmark validating a CIN census and an SSDA903 return with every DfE rule (issue 15).

Inputs (written once into ``--dir``, deterministic):

- CIN: a clean synthetic census (`returns.cin.synthetic.write_census`) of each size.
- SSDA903: the eight-child clean return of the rule tests (tests/returns/ssda903/clean_return.py:
  a child in care for years, an adoption, a care leaver, an asylum seeker, a baby under an EPO,
  short breaks, a young mother, an SGO) copied with new child IDs until it has the size asked
  for, so every one of the eleven tables is filled, with last year's return beside it and the
  Ofsted provider list, so that all 311 rules run.

Each measurement runs in its own process (``--one``), ``--runs`` times (default 3), and the
median is reported: wall time and CPU time (user + system of every thread, `resource`) for
reading and for the rules, the rules run and issues found, and the peak resident memory of the
process (``ru_maxrss``). CPU time is given beside wall time because the machine is shared: a
loaded machine stretches wall time, not the work done.

The naive comparison (``--naive``) runs a sample of rules as per-row Python loops over the same
rows (``csv.DictReader`` and ``datetime.strptime``, the shape of a hand-written validator), and
the same rules as the ruleset's Polars checks, and checks that both find the same rows.

Usage:

    .venv/bin/python bench/validation_bench.py --cin 10000 200000 --ssda903 10000 200000 \\
        --dir /tmp/validation-bench

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3


def _clean_return_module():
    path = ROOT / "tests" / "returns" / "ssda903" / "clean_return.py"
    spec = importlib.util.spec_from_file_location("clean_return", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- inputs -------------------------------------------------------------------------------------


def _unique_upn() -> pl.Expr:
    """A UPN (letter and 12 digits) of its own per copy (rule 444 refuses a UPN twice)."""
    upn = pl.col("UPN")
    return (
        pl.when(upn.str.contains(r"^[A-Z][0-9]{12}$"))
        .then(upn.str.slice(0, 1) + pl.col("k").cast(pl.String).str.zfill(12))
        .otherwise(upn)
        .alias("UPN")
    )


def _copies(rows: dict[str, list[dict]], copies: int) -> dict[str, pl.DataFrame]:
    """Each table's rows repeated `copies` times, child IDs made unique per copy."""
    out = {}
    for name, records in rows.items():
        if not records:
            continue
        frame = pl.DataFrame(records, infer_schema_length=None).cast(pl.String)
        k = pl.DataFrame({"k": range(copies)}, schema={"k": pl.Int64})
        out[name] = (
            frame.join(k, how="cross")
            .with_columns((pl.col("CHILD") + "_" + pl.col("k").cast(pl.String)).alias("CHILD"))
            .with_columns(_unique_upn() if "UPN" in frame.columns else [])
            .sort("k", maintain_order=True)
            .drop("k")
        )
    return out


def write_903(directory: Path, children: int) -> Path:
    clean = _clean_return_module()
    copies = max(1, children // 8)
    for sub, rows in (("current", clean.clean_rows()), ("previous", clean.previous_rows())):
        folder = directory / sub
        folder.mkdir(parents=True, exist_ok=True)
        for name, frame in _copies(rows, copies).items():
            frame.write_csv(folder / f"{name}.csv")
    clean.providers().write_csv(directory / "providers.csv")
    return directory


def write_cin(path: Path, children: int) -> Path:
    from sightline.returns.cin.synthetic import write_census

    return write_census(path, children)


def prepare(directory: Path, kind: str, children: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    if kind == "cin":
        path = directory / f"cin-{children}.xml"
        if not path.exists():
            write_cin(path, children)
    else:
        path = directory / f"903-{children}"
        if not (path / "current" / "Header.csv").exists():
            write_903(path, children)
    return path


# --- one measurement, in its own process -------------------------------------------------------


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _clock():
    return time.perf_counter(), _cpu()


def _since(start) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def one(kind: str, path: Path) -> dict:
    if kind == "cin":
        from sightline.returns.cin import read_census, ruleset

        rules = ruleset("2025-26")
        start = _clock()
        tables = read_census(path)
        read = _since(start)
        start = _clock()
        validation = rules.run(tables)
        checked = _since(start)
        children = tables.tables["children"].height
    else:
        from sightline.returns.ssda903 import return_tables, ruleset
        from sightline.returns.ssda903.reader import read_directory

        rules = ruleset("2025-26")
        start = _clock()
        current = read_directory(path / "current")
        previous = read_directory(path / "previous")
        providers = pl.read_csv(path / "providers.csv", infer_schema=False)
        tables = return_tables(current, previous=previous, lookups={"providers": providers})
        read = _since(start)
        start = _clock()
        validation = rules.run(tables)
        checked = _since(start)
        children = tables.tables["Header"].height
    return {
        "children": children,
        "read_s": read[0],
        "read_cpu_s": read[1],
        "rules_s": checked[0],
        "rules_cpu_s": checked[1],
        "rules_run": validation.rules_run,
        "skipped": len(validation.skipped),
        "issues": validation.issues.height,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# --- naive comparison: a sample of rules as per-row loops -------------------------------------

_SAMPLE_903 = ("103", "146", "SW10STG2", "574")


def _day(text: str | None):
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or None) for k, v in row.items()} for row in csv.DictReader(handle)]


def naive_903(folder: Path) -> dict[str, set]:
    """Rules 103, 146, SW10STG2 and 574, a row at a time, as a hand-written validator does."""
    from sightline.returns.ssda903.rules import codes

    found: dict[str, set] = {code: set() for code in _SAMPLE_903}
    for i, row in enumerate(_rows(folder / "Header.csv")):
        if row["ETHNIC"] is not None and row["ETHNIC"] not in codes.ETHNIC:
            found["103"].add(i)
    for i, row in enumerate(_rows(folder / "Episodes.csv")):
        if row["PLACE"] not in codes.PLACE:
            found["146"].add(i)
    for code, name, begin, end in (
        ("SW10STG2", "SWEpisodes.csv", "SW_DECOM", "SW_DEC"),
        ("574", "Missing.csv", "MIS_START", "MIS_END"),
    ):
        by_child: dict[str, list] = {}
        for i, row in enumerate(_rows(folder / name)):
            started = _day(row[begin])
            if started is not None:
                by_child.setdefault(row["CHILD"], []).append((started, i, _day(row[end])))
        for periods in by_child.values():
            periods.sort()
            for (_, _, previous_end), (started, i, _) in zip(periods, periods[1:], strict=False):
                if code == "SW10STG2":
                    bad = previous_end is not None and started < previous_end
                else:
                    bad = previous_end is None or started < previous_end
                if bad:
                    found[code].add(i)
    return found


def naive(kind: str, path: Path) -> dict:
    from sightline.returns.ssda903 import return_tables, ruleset
    from sightline.returns.ssda903.reader import read_directory

    start = _clock()
    loops = naive_903(path / "current")
    naive_time = _since(start)
    start = _clock()
    tables = return_tables(read_directory(path / "current"))
    validation = ruleset("2025-26").run(tables, codes=_SAMPLE_903)
    polars_time = _since(start)
    issues = validation.issues
    same = all(
        set(issues.filter(pl.col("rule") == code)["row"].to_list()) == loops[code]
        for code in _SAMPLE_903
    )
    return {
        "rules": list(_SAMPLE_903),
        "naive_s": naive_time[0],
        "naive_cpu_s": naive_time[1],
        "polars_s": polars_time[0],
        "polars_cpu_s": polars_time[1],
        "same_rows": same,
        "issues": issues.height,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# --- driver -----------------------------------------------------------------------------------


def _spawn(mode: str, kind: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, mode, kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sightline.settings"},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(results: list[dict]) -> dict:
    out = dict(results[0])
    for key, value in results[0].items():
        if isinstance(value, float):
            out[key] = statistics.median(r[key] for r in results)
    out["peak_mb"] = max(r["peak_mb"] for r in results)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cin", type=int, nargs="*", default=[])
    parser.add_argument("--ssda903", type=int, nargs="*", default=[])
    parser.add_argument("--naive", type=int, nargs="*", default=[], help="903 sizes to compare")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/validation-bench"))
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, Polars {pl.__version__},"
        f" {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start"
    )
    for kind, sizes in (("cin", args.cin), ("ssda903", args.ssda903)):
        for size in sizes:
            path = prepare(args.dir, kind, size)
            result = _median([_spawn("--one", kind, path) for _ in range(args.runs)])
            total = result["read_s"] + result["rules_s"]
            print(
                json.dumps(
                    {
                        "kind": kind,
                        **result,
                        "total_s": total,
                        "total_cpu_s": result["read_cpu_s"] + result["rules_cpu_s"],
                        "rules_per_s": result["rules_run"] / result["rules_s"],
                        "load": round(os.getloadavg()[0], 1),
                    }
                ),
                flush=True,
            )
    for size in args.naive:
        path = prepare(args.dir, "ssda903", size)
        result = _median([_spawn("--naive", "ssda903", path) for _ in range(args.runs)])
        print(json.dumps({"kind": "naive-ssda903", "children": size, **result}), flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] in ("--one", "--naive"):
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
        django.setup()
        run = one if sys.argv[1] == "--one" else naive
        print(json.dumps(run(sys.argv[2], Path(sys.argv[3]))))
    else:
        main()
