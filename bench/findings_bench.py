"""Benchmark: every drift rule, vectorised, against a naive per-child Python loop.

Builds the synthetic council of ``bench/engine_bench.py`` (its ``Council``: a council of about
300,000 people over five years, about 60,000 children known) and adds what the drift rules read
that it does not make: step-downs to early help (closure reason RC9) and pre-proceedings.
``--population`` scales it: below 300,000 a share of the children is kept (with all their
records); above, several councils are built with different seeds and their IDs offset.

Times (median of several runs, best in brackets):

* the timescale rules the drift rules read, through ``evaluate_deadlines``;
* every drift rule given those deadlines (what a nightly run that has stored them pays);
* every drift rule from the dataset alone (deadlines included);
* a naive per-child loop in plain Python over the same deadlines, timed on a sample of
  children and scaled, checking on the sample that both find the same (child, rule, since).

Run: ``.venv/bin/python bench/findings_bench.py [--population 50000] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_bench import AS_AT, Council, timings  # noqa: E402

from sightline.engine.as_at import as_known_at, uk_date  # noqa: E402
from sightline.engine.dataset import Dataset  # noqa: E402
from sightline.engine.deadlines import evaluate_deadlines  # noqa: E402
from sightline.engine.findings import evaluate_findings, timescales_read  # noqa: E402
from sightline.standards.calendar import add_months, default_calendar  # noqa: E402
from sightline.standards.drift import drift_rulebook  # noqa: E402
from sightline.standards.timescales import rulebook  # noqa: E402

BLOCK_POPULATION = 300_000
BLOCK_CHILDREN = 60_000
# IDs of each further council are offset by this much, beyond any one council's IDs.
ID_OFFSET = 10_000_000


# --- Synthetic council --------------------------------------------------------------------


def drift_records(dataset: Dataset, seed: int) -> Dataset:
    """``dataset`` with a tenth of closed referrals stepped down and some pre-proceedings."""
    rng = np.random.default_rng(seed)
    frames = dict(dataset.frames)
    referrals = frames["referrals"]
    stepped = pl.Series(rng.random(referrals.height) < 0.10)
    frames["referrals"] = referrals.with_columns(
        closure_reason=pl.when(stepped & pl.col("closure_date").is_not_null())
        .then(pl.lit("RC9"))
        .otherwise(pl.col("closure_reason"))
    )
    cp = frames["cp_plans"]
    chosen = cp.sample(fraction=0.3, seed=seed)
    started = chosen["start_date"].to_numpy() + rng.integers(30, 400, chosen.height).astype(
        "timedelta64[D]"
    )
    ended = started + rng.integers(40, 200, chosen.height).astype("timedelta64[D]")
    last = np.datetime64(AS_AT, "D")
    frames["pre_proceedings"] = pl.DataFrame(
        {
            "pre_proceedings_id": np.arange(1, chosen.height + 1, dtype=np.int64),
            "child_id": chosen["child_id"],
            "start_date": started,
            "end_date": np.where(ended > last, np.datetime64("NaT"), ended),
        }
    ).filter(pl.col("start_date") <= AS_AT)
    return Dataset.from_frames(source=dataset.source, **frames)


def _offset(dataset: Dataset, by: int) -> dict[str, pl.DataFrame]:
    return {
        name: frame.with_columns(
            pl.col(column) + by
            for column, dtype in frame.schema.items()
            if (column.endswith("_id") and dtype == pl.Int64) and column != "la_child_id"
        )
        for name, frame in dataset.frames.items()
    }


def build_council(population: int) -> Dataset:
    """The synthetic council for ``population`` people (see the module docstring)."""
    blocks = max(1, math.ceil(population / BLOCK_POPULATION))
    parts = [
        drift_records(Council(BLOCK_CHILDREN, seed=1 + n).build(), seed=1 + n)
        for n in range(blocks)
    ]
    if blocks == 1:
        council = parts[0]
    else:
        shifted = [_offset(part, n * ID_OFFSET) for n, part in enumerate(parts)]
        council = Dataset.from_frames(
            source="synthetic benchmark council",
            **{name: pl.concat([s[name] for s in shifted]) for name in shifted[0]},
        )
    children = round(BLOCK_CHILDREN * population / BLOCK_POPULATION)
    if children < council["children"].height:
        council = council.for_children(council["children"]["child_id"].head(children).to_list())
    return council


# --- Naive per-child loop -----------------------------------------------------------------

_SOCIAL_WORK = {"CP", "CIN", "LAC", "ASSESSMENT"}
_NEW_PLACEMENT = {"S", "P", "T", "B", "U"}


def _rows_by_child(frame: pl.DataFrame, children: set[int]) -> dict[int, list[dict]]:
    grouped = defaultdict(list)
    for row in frame.filter(pl.col("child_id").is_in(list(children))).iter_rows(named=True):
        grouped[row["child_id"]].append(row)
    return grouped


def _open(row, start, end, day):
    return row[start] is not None and row[start] <= day and (row[end] is None or row[end] >= day)


def naive_findings(known: Dataset, as_at: date, deadlines: pl.DataFrame, children: list[int]):
    """(child, rule, since) for every finding, one child at a time in plain Python, from the
    dataset as known at ``as_at`` and the deadlines for the same date."""
    rules, day = drift_rulebook(), as_at
    wanted = set(children)
    frames = {
        name: _rows_by_child(known[name], wanted)
        for name in (
            "children", "contacts", "referrals", "assessments", "cp_plans", "cin_plans",
            "visits", "lac_episodes", "pre_proceedings", "allocations",
        )
    }  # fmt: skip
    contact_days = _rows_by_child(
        known["contacts"].select("child_id", "contact_id", day=uk_date("received_at")), wanted
    )
    clocks = _rows_by_child(deadlines.filter(pl.col("status") == "overdue"), wanted)
    by_timescale = {t: r.id for r in rules.rules() for t in r.timescales}
    one_day = timedelta(days=1)
    year_ago = add_months(day, -12)
    results = []
    for child in children:
        rows = {name: frame.get(child, []) for name, frame in frames.items()}
        found: dict[str, date] = {}

        def fire(rule_id, since, found=found):
            if (
                since is not None
                and since <= day
                and (rule_id not in found or since < found[rule_id])
            ):
                found[rule_id] = since

        for clock in clocks.get(child, []):
            if clock["context_end"] is None and clock["rule_id"] in by_timescale:
                fire(by_timescale[clock["rule_id"]], clock["due"] + one_day)
        plans = sorted(
            (p for p in rows["cp_plans"] if p["start_date"] is not None),
            key=lambda p: (p["start_date"], p["plan_id"]),
        )
        for number, plan in enumerate(plans, start=1):
            if plan["end_date"] is None:
                fire("D-CP-PLAN-LONG", add_months(plan["start_date"], 15) + one_day)
                fire("D-CP-PLAN-2Y", add_months(plan["start_date"], 24) + one_day)
                if number >= 2:
                    fire("D-CP-REPEAT", plan["start_date"])
        looked_after = any(_open(e, "start_date", "end_date", day) for e in rows["lac_episodes"])
        referrals = sorted(
            (r for r in rows["referrals"] if r["referral_date"] is not None),
            key=lambda r: (r["referral_date"], r["referral_id"]),
        )
        early_help = defaultdict(list)
        for a in rows["assessments"]:
            if a["outcome"] == "EARLY_HELP" and a["authorised_on"] is not None:
                early_help[a["referral_id"]].append(a["authorised_on"])
        for i, referral in enumerate(referrals):
            if referral["closure_date"] is not None:
                continue
            if not looked_after:
                fire("D-CIN-LONG", add_months(referral["referral_date"], 24) + one_day)
            if i == 0:
                continue
            previous = referrals[i - 1]
            if referral["referral_date"] <= add_months(previous["referral_date"], 12):
                fire("D-REREFERRAL", referral["referral_date"])
            helped = early_help.get(previous["referral_id"])
            if previous["closure_reason"] == "RC9" or helped:
                on = previous["closure_date"] or (min(helped) if helped else None)
                if on is not None and on <= referral["referral_date"] <= add_months(on, 6):
                    fire("D-STEP-DOWN", referral["referral_date"])
        for pre in rows["pre_proceedings"]:
            if pre["end_date"] is None and pre["start_date"] is not None:
                fire("D-PRE-PROCEEDINGS", pre["start_date"] + timedelta(weeks=16) + one_day)
        recent = sorted(
            (c["day"], c["contact_id"]) for c in contact_days.get(child, []) if c["day"] > year_ago
        )
        if len(recent) >= 3:
            ends = [
                r["closure_date"] or (r["decided_on"] if r["no_further_action"] else None)
                for r in referrals
            ]
            if not any(end is None or end > year_ago for end in ends):
                clear = add_months(max(ends), 12) if ends else None
                fire("D-REPEAT-CONTACTS", max(recent[2][0], clear) if clear else recent[2][0])
        firsts: dict[int, date] = {}
        for a in rows["allocations"]:
            if (
                a["worker_id"] is not None
                and a["start_date"] is not None
                and a["start_date"] <= day
                and (a["end_date"] is None or a["end_date"] > year_ago)
            ):
                firsts[a["worker_id"]] = min(
                    firsts.get(a["worker_id"], a["start_date"]), a["start_date"]
                )
        if len(firsts) >= 3 and any(
            _open(a, "start_date", "end_date", day) for a in rows["allocations"]
        ):
            fire("D-WORKER-CHANGES", sorted(firsts.values())[2])
        placements = _naive_placements(rows["lac_episodes"])
        if any(end is None for _, end in placements):
            inside = sorted(s for s, e in placements if s <= day and (e is None or e > year_ago))
            if len(inside) >= 3:
                fire("D-PLACEMENTS", inside[2])
        born = rows["children"][0]["date_of_birth"] if rows["children"] else None
        on_plan = any(
            _open(p, "start_date", "end_date", day)
            for name in ("cp_plans", "cin_plans", "lac_episodes")
            for p in rows[name]
        )
        if born is not None and born <= add_months(day, -36) and on_plan:
            visits = sorted(
                (v["date"], v["visit_id"], bool(v["seen_alone"]))
                for v in rows["visits"]
                if v["child_seen"] and v["kind"] in _SOCIAL_WORK and v["date"] is not None
            )
            alone = [i for i, v in enumerate(visits) if v[2]]
            start = alone[-1] + 1 if alone else 0
            if len(visits) - start >= 3:
                fire("D-SEEN-ALONE", visits[start + 2][0])
        if "D-CP-PLAN-2Y" in found:
            found.pop("D-CP-PLAN-LONG", None)
        results.extend((child, rule_id, since) for rule_id, since in found.items())
    return results


def _naive_placements(episodes: list[dict]) -> list[tuple[date, date | None]]:
    placements, previous_end = [], None
    ordered = sorted(
        (e for e in episodes if e["legal_status"] not in ("V3", "V4") and e["start_date"]),
        key=lambda e: (e["start_date"], e["episode_id"]),
    )
    for i, episode in enumerate(ordered):
        new_period = (
            i == 0
            or episode["reason_new_episode"] == "S"
            or previous_end is None
            or episode["start_date"] > previous_end
        )
        if new_period or episode["reason_new_episode"] in _NEW_PLACEMENT:
            placements.append([episode["start_date"], episode["end_date"]])
        else:
            placements[-1][1] = episode["end_date"]
        previous_end = episode["end_date"]
    return [tuple(p) for p in placements]


# --- Timing -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive-sample", type=int, default=2_000, help="children in the loop")
    args = parser.parse_args()

    began = time.perf_counter()
    dataset = build_council(args.population)
    built = time.perf_counter() - began
    calendar, timescales, rules = default_calendar(), rulebook(), drift_rulebook()
    read = timescales_read(rules)

    deadlines = evaluate_deadlines(dataset, AS_AT, timescales, calendar, rule_ids=read)
    findings = evaluate_findings(dataset, AS_AT, rules, timescales, calendar, deadlines=deadlines)
    clocks_median, clocks_best = timings(
        lambda: evaluate_deadlines(dataset, AS_AT, timescales, calendar, rule_ids=read), args.runs
    )
    given_median, given_best = timings(
        lambda: evaluate_findings(dataset, AS_AT, rules, timescales, calendar, deadlines=deadlines),
        args.runs,
    )
    alone_median, alone_best = timings(
        lambda: evaluate_findings(dataset, AS_AT, rules, timescales, calendar), args.runs
    )

    children = dataset["children"]["child_id"].to_list()
    sample = children[:: max(1, len(children) // args.naive_sample)][: args.naive_sample]
    known = as_known_at(dataset, AS_AT)
    naive_began = time.perf_counter()
    naive = naive_findings(known, AS_AT, deadlines, sample)
    naive_seconds = time.perf_counter() - naive_began
    naive_full = naive_seconds * len(children) / len(sample)
    vectorised = (
        findings.filter(pl.col("child_id").is_in(sample))
        .select("child_id", "rule_id", "since")
        .rows()
    )
    agree = sorted(vectorised) == sorted(naive)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (load average {load:.1f} at the "
        f"end), Python {platform.python_version()}, Polars {pl.__version__}; {date.today()}"
    )
    records = sum(f.height for n, f in dataset.frames.items() if "child_id" in f.columns)
    print(
        f"Synthetic council, population {args.population:,}: {len(children):,} children, "
        f"{records:,} child records, built in {built:.1f} s; {deadlines.height:,} deadline rows "
        f"from the {len(read)} timescale rules the drift rules read"
    )
    counts = findings.group_by("rule_id").len().sort("rule_id").rows()
    print(f"Findings: {findings.height:,} (" + ", ".join(f"{r} {n:,}" for r, n in counts) + ")")
    print()
    print("| Evaluation | Median of runs (best) |")
    print("|---|---:|")
    for label, median, best in (
        (f"The {len(read)} timescale rules the drift rules read", clocks_median, clocks_best),
        (f"All {len(rules)} drift rules, deadlines given", given_median, given_best),
        (f"All {len(rules)} drift rules from the dataset alone", alone_median, alone_best),
    ):
        print(f"| {label} | {median:.2f} s ({best:.2f} s) |")
    print(
        f"| Naive per-child Python loop, deadlines given | {naive_full:.1f} s (timed on "
        f"{len(sample):,} children: {naive_seconds:.2f} s, scaled) |"
    )
    print()
    print(f"Naive and vectorised findings agree on the sample: {agree} ({len(naive):,} findings).")
    if not agree:
        only_naive = sorted(set(naive) - set(vectorised))[:5]
        only_vector = sorted(set(vectorised) - set(naive))[:5]
        print("Only naive:", only_naive, "\nOnly vectorised:", only_vector)


if __name__ == "__main__":
    main()
