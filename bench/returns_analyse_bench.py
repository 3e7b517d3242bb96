"""Benchmark reading returns and `sightline analyse`, beside ElementTree and csv-module readers.

Writes a clean synthetic CIN census (``returns.cin.synthetic.write_census``: assessments, section
47 enquiries, conferences, CP and CIN plans) and SSDA903 tables for the same number of children
(``write_903`` below: episodes with placement moves, reviews, missing episodes, social worker
episodes), then runs each measurement in its own process under ``/usr/bin/time -v`` (peak
resident memory), reporting the median of ``--runs``:

- ``cin-read``: ``read_census`` (lxml iterparse, streaming) into the raw tables;
- ``cin-etree``: ``xml.etree.ElementTree.parse`` of the whole document, then the same tables
  (the naive reader of ``cin_read_validate_bench``);
- ``903-read``: ``read_directory`` (Polars CSV) into the raw tables, dates parsed;
- ``903-xml``: ``read_xml`` of the same tables in the 903 XML form (``write_903_xml``), lxml
  iterparse child by child;
- ``903-csv``: the csv module's ``DictReader`` over every table, dates parsed with strptime;
- ``analyse-cin`` / ``analyse-903``: the whole ``analyse`` (read, dataset, every judgeable
  clock, indicator and finding) and ``write_analysis`` (CSVs, xlsx, HTML).

Usage:

    .venv/bin/python bench/returns_analyse_bench.py --children 200000 --dir /tmp/returns-bench

Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import polars as pl

AS_AT = date(2026, 3, 31)
RUNS = 3


def write_903(directory: Path, children: int, *, seed: int = 7) -> Path:
    """SSDA903 tables for ``children`` looked-after children (vectorised, deterministic)."""
    directory.mkdir(parents=True, exist_ok=True)
    ids = pl.DataFrame({"n": range(children)}).with_columns(
        CHILD=pl.format("C{}", pl.col("n")),
        dob=(pl.lit(date(2008, 1, 1)) + pl.duration(days=(pl.col("n") * 7919 + seed) % 5800)),
        start=(pl.lit(date(2023, 4, 1)) + pl.duration(days=(pl.col("n") * 104729) % 1000)),
        moves=(pl.col("n") % 4).cast(pl.Int32),
    )
    day = lambda c: pl.col(c).dt.to_string("%d/%m/%Y")  # noqa: E731
    header = ids.select(
        "CHILD",
        SEX=pl.when(pl.col("n") % 2 == 0).then(pl.lit("M")).otherwise(pl.lit("F")),
        DOB=day("dob"),
        ETHNIC=pl.lit("WBRI"),
        UPN=pl.lit("UN1"),
        MOTHER=pl.lit(None, pl.String),
        MC_DOB=pl.lit(None, pl.String),
    )
    episodes = (
        ids.with_columns(k=pl.int_ranges(0, pl.col("moves") + 1))
        .explode("k")
        .with_columns(
            decom=pl.col("start") + pl.duration(days=pl.col("k") * 120),
            last=pl.col("k") == pl.col("moves"),
        )
        .with_columns(dec=pl.when(~pl.col("last")).then(pl.col("decom") + pl.duration(days=120)))
        .select(
            "CHILD",
            DECOM=day("decom"),
            RNE=pl.when(pl.col("k") == 0).then(pl.lit("S")).otherwise(pl.lit("P")),
            LS=pl.lit("C2"),
            CIN=pl.lit("N1"),
            PLACE=pl.lit("U4"),
            PLACE_PROVIDER=pl.lit("PR1"),
            DEC=day("dec"),
            REC=pl.when(~pl.col("last")).then(pl.lit("X1")),
            REASON_PLACE_CHANGE=pl.when(pl.col("k") > 0).then(pl.lit("CARPL")),
            HOME_POST=pl.lit("AB1 2CD"),
            PL_POST=pl.lit("AB3 4EF"),
            URN=pl.lit("SC123456"),
        )
    )
    reviews = (
        ids.with_columns(k=pl.int_ranges(0, 3))
        .explode("k")
        .with_columns(review=pl.col("start") + pl.duration(days=20 + pl.col("k") * 150))
        .filter(pl.col("review") <= AS_AT)
        .select("CHILD", DOB=day("dob"), REVIEW=day("review"), REVIEW_CODE=pl.lit("PN1"))
    )
    missing = (
        ids.filter(pl.col("n") % 5 == 0)
        .with_columns(ms=pl.col("start") + pl.duration(days=40))
        .select(
            "CHILD",
            DOB=day("dob"),
            MISSING=pl.lit("M"),
            MIS_START=day("ms"),
            MIS_END=(pl.col("ms") + pl.duration(days=2)).dt.to_string("%d/%m/%Y"),
        )
    )
    workers = ids.select(
        "CHILD",
        DOB=day("dob"),
        SW_ID=pl.format("SW{}", (pl.col("n") % 9000).cast(pl.String).str.zfill(6)),
        SW_DECOM=day("start"),
        SW_DEC=pl.lit(None, pl.String),
        SW_REASON=pl.lit(None, pl.String),
    )
    tables = {
        "Header": header,
        "Episodes": episodes,
        "Reviews": reviews,
        "Missing": missing,
        "SWEpisodes": workers,
    }
    for name, frame in tables.items():
        frame.write_csv(directory / f"{name}.csv")
    return directory


def write_903_xml(directory: Path, out: Path) -> Path:
    """The same 903 tables in the XML form (docs/returns.md, "The 903 XML form")."""
    from lxml import etree

    from sightline.returns.ssda903 import spec

    tables = {
        name: pl.read_csv(directory / f"{name}.csv", infer_schema=False)
        for name in spec.TABLES
        if (directory / f"{name}.csv").exists()
    }
    groups = {"Reviews": "AREVIEW", "Missing": "AMISSING", "PrevPerm": "PERMANENCE",
              "OC2": "OC2", "PlacedAdoption": "AD_PLACED", "SWEpisodes": "SW_EPISODE"}  # fmt: skip
    by_child = {
        name: frame.rows_by_key("CHILD", named=True)
        for name, frame in tables.items()
        if name != "Header"
    }

    def add(parent, tag, value):
        etree.SubElement(parent, tag).text = value

    with etree.xmlfile(str(out), encoding="utf-8") as xml, xml.element("EXPSSDA903"):
        for header in tables["Header"].iter_rows(named=True):
            child = etree.Element("CHILD")
            element = etree.SubElement(child, "HEADER")
            for column, value in header.items():
                add(element, "CHILDID" if column == "CHILD" else column, value)
            for name in ("OC3", "AD1", "UASC"):
                for row in by_child.get(name, {}).get(header["CHILD"], [])[:1]:
                    for column, value in row.items():
                        if column not in ("CHILD", "DOB", "SEX"):
                            add(element, column, value)
            for name, tag in groups.items():
                for row in by_child.get(name, {}).get(header["CHILD"], []):
                    group = etree.SubElement(element, tag)
                    for column, value in row.items():
                        if column not in ("CHILD", "DOB"):
                            add(group, column, value)
            for row in by_child["Episodes"].get(header["CHILD"], []):
                episode = etree.SubElement(child, "EPISODE")
                for column, value in row.items():
                    if column != "CHILD":
                        add(episode, "PL" if column == "PLACE" else column, value)
            xml.write(child)
    return out


def _csv_module_read(directory: str) -> int:
    """The naive reader: csv.DictReader row by row, each date parsed with strptime."""
    from sightline.returns.ssda903 import spec

    rows = 0
    for path in sorted(Path(directory).glob("*.csv")):
        dates = spec.DATE_COLUMNS.get(path.stem, ())
        with open(path, encoding="utf-8-sig", newline="") as handle:
            table = []
            for row in csv.DictReader(handle):
                for column in dates:
                    text = row.get(column)
                    row[column] = datetime.strptime(text, "%d/%m/%Y").date() if text else None
                table.append(row)
            rows += len(table)
    return rows


def _one(kind: str, path: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    django.setup()
    started = time.perf_counter()
    result: dict = {}
    if kind == "cin-read":
        from sightline.returns.cin import read_census

        result["children"] = read_census(path).tables["children"].height
    elif kind == "cin-etree":
        sys.path.insert(0, str(Path(__file__).parent))
        from cin_read_validate_bench import _etree_read

        result["children"] = _etree_read(path)["children"].height
    elif kind == "903-read":
        from sightline.returns.ssda903.reader import read_directory

        result["children"] = read_directory(path)["Header"].height
    elif kind == "903-xml":
        from sightline.returns.ssda903.xml_reader import read_xml

        result["children"] = read_xml(path)["Header"].height
    elif kind == "903-csv":
        result["rows"] = _csv_module_read(path)
    else:
        from sightline.returns.analyse import analyse
        from sightline.returns.analyse.report import write_analysis

        which = "cin" if kind == "analyse-cin" else "ssda903"
        analysis = analyse({which: path}, AS_AT)
        result["analysed"] = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as out:
            write_analysis(analysis, out)
        result["children"] = analysis.counts["children"]
        result["clocks"] = analysis.deadlines.height
        result["findings"] = analysis.findings.height
    result["seconds"] = time.perf_counter() - started
    print(json.dumps(result))


def _measure(kind: str, path: Path, runs: int) -> dict:
    figures_of_runs = []
    for _ in range(runs):
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
        figures_of_runs.append(figures)
    return {k: statistics.median(r[k] for r in figures_of_runs) for k in figures_of_runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=200_000)
    parser.add_argument("--dir", default="/tmp/returns-bench")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--kinds",
        nargs="+",
        default=["cin-read", "cin-etree", "903-read", "903-csv", "analyse-cin", "analyse-903"],
    )
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        _one(*options.one)
        return
    from sightline.returns.cin.synthetic import write_census

    folder = Path(options.dir)
    folder.mkdir(parents=True, exist_ok=True)
    census = folder / f"cin-{options.children}.xml"
    wants_census = any(k.startswith(("cin", "analyse-cin")) for k in options.kinds)
    if wants_census and not census.exists():
        write_census(census, options.children)
    tables = folder / f"903-{options.children}"
    if not tables.exists():
        write_903(tables, options.children)
    xml_903 = folder / f"903-{options.children}.xml"
    if "903-xml" in options.kinds and not xml_903.exists():
        write_903_xml(tables, xml_903)
    size_mb = census.stat().st_size / 1e6 if census.exists() else 0
    tables_mb = sum(p.stat().st_size for p in tables.iterdir()) / 1e6
    print(
        f"{date.today()} · {platform.machine()} · {os.cpu_count()} cores (shared) · "
        f"load average {os.getloadavg()[0]:.1f} · Python {platform.python_version()} · "
        f"Polars {pl.__version__} · median of {options.runs} · census {size_mb:.0f} MB, "
        f"903 tables {tables_mb:.0f} MB"
    )
    print("| measurement | children | median s (in process) | whole process s | peak MB |")
    print("|---|---:|---:|---:|---:|")
    for kind in options.kinds:
        path = census if kind.startswith(("cin", "analyse-cin")) else tables
        path = xml_903 if kind == "903-xml" else path
        figures = _measure(kind, path, options.runs)
        print(
            f"| {kind} | {options.children:,} | {figures['seconds']:.1f} | "
            f"{figures['process_s']:.1f} | {figures['peak_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
