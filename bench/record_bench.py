"""Benchmark the child's record and recording a visit on a large synthetic council (issue 10).

Measures, each the median of several runs, with the Django test client (server time: the whole
request through the middleware, the audit write included):

- the child record's first screen (the summary) for the child with the longest history, beside
  the naive alternative of working the child's clocks out from the record on each request and
  building the whole chronology rather than reading the stored clocks and the latest events;
- recording a visit through its two pages (form, then check your answers and save), the save
  including the refresh of the child's clocks after commit, beside refreshing the whole
  council's clocks after the write (what a "recalculate everything" design would do).

Usage (SQLite, seeding the database first if it has no children):

    .venv/bin/python bench/record_bench.py --db /tmp/bench-300k-10y.sqlite3 \\
        --population 300000 --years 10 --as-at 2026-03-31

The database is changed: the visits recorded are deleted again afterwards. Nothing here asserts
a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from worklist_bench import _configure, _format, _median_seconds  # noqa: E402


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="SQLite file to use (seeded if empty)")
    parser.add_argument("--population", type=int, default=300_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-at", type=date.fromisoformat, default=None)
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (median)")
    parser.add_argument("--naive-runs", type=int, default=3)
    return parser.parse_args()


def _seed_if_empty(args) -> date:
    from django.core.management import call_command
    from django.utils import timezone

    from sightline.people.models import Person

    as_at = args.as_at or timezone.localdate()
    call_command("migrate", verbosity=0)
    if not Person.objects.children().exists():
        print(f"Seeding {args.population} children, {args.years} years ...", flush=True)
        started = time.perf_counter()
        call_command(
            "seed",
            "--population", str(args.population),
            "--years", str(args.years),
            "--seed", str(args.seed),
            "--as-at", as_at.isoformat(),
            verbosity=0,
        )  # fmt: skip
        print(f"Seeded in {_format(time.perf_counter() - started)}", flush=True)
        call_command("tick", verbosity=0)
    return as_at


def _longest_history():
    """The child with the most chronology events among those referred earliest, and the
    worker allocated to them now (who may open and record on the record)."""
    from django.db.models import Count, Min

    from sightline.casework.models import Referral
    from sightline.people import chronology
    from sightline.people.selectors import child_record_open
    from sightline.workforce.models import Allocation, User

    open_now = Allocation.objects.filter(end_date__isnull=True, worker__isnull=False)
    allocated = dict(open_now.values_list("child_id", "worker_id"))
    earliest = (
        Referral.objects.filter(child_id__in=list(allocated))
        .values("child_id")
        .annotate(first=Min("referral_date"), n=Count("pk"))
        .order_by("first", "-n")
        .values_list("child_id", flat=True)[:50]
    )
    allocated = {child_id: allocated[child_id] for child_id in earliest}
    best = None
    for child_id, worker_id in allocated.items():
        worker = User.objects.get(pk=worker_id)
        record = child_record_open(actor=worker, child_id=child_id)
        events = chronology.child_chronology(record=record)
        span = (events[0].date - events[-1].date).days / 365.25 if events else 0
        if best is None or (span, len(events)) > (best[2], best[3]):
            best = (record.child, worker, span, len(events))
    return best


def main() -> None:
    args = _parse_args()
    _configure(args)
    os.environ.setdefault("SIGHTLINE_REQUIRE_2FA", "false")
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from sightline.casework.models import Visit
    from sightline.oversight.dataset_loader import load_dataset
    from sightline.oversight.services import deadlines_evaluate, deadlines_refresh_all
    from sightline.people import chronology
    from sightline.people.selectors import child_record_open

    as_at = _seed_if_empty(args)
    child, worker, span, events = _longest_history()
    print(f"Child {child.pk}: {span:.1f} years of history, {events} chronology events", flush=True)
    client = Client(SERVER_NAME="localhost")
    client.force_login(worker)
    summary_url = reverse("child-summary", args=[child.pk])

    def summary():
        response = client.get(summary_url)
        assert response.status_code == 200, response.status_code
        return response

    summary()  # warm: templates compiled, standards built
    summary_s, _ = _median_seconds(summary, args.runs)

    def naive_summary():
        record = child_record_open(actor=worker, child_id=child.pk)
        chronology.child_chronology(record=record)
        return deadlines_evaluate(load_dataset(child_ids=[child.pk]), as_at=as_at)

    naive_s, _ = _median_seconds(naive_summary, args.naive_runs)

    today = date.today()
    answers = {
        "date_day": str(today.day),
        "date_month": str(today.month),
        "date_year": str(today.year),
        "kind": "CIN",
        "child_seen": "yes",
        "seen_alone": "yes",
        "childs_voice": "Synthetic: I like my school.",
        "notes": "Synthetic benchmark visit.",
    }
    before = set(Visit.objects.filter(child=child).values_list("pk", flat=True))
    form_times, save_times = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        first = client.post(reverse("visit-new", args=[child.pk]), answers)
        form_times.append(time.perf_counter() - started)
        assert first.status_code == 302, first.status_code
        started = time.perf_counter()
        saved = client.post(first["Location"])
        save_times.append(time.perf_counter() - started)
        assert saved.status_code == 302, saved.status_code
    added = Visit.objects.filter(child=child).exclude(pk__in=before)
    assert added.count() == args.runs

    started = time.perf_counter()
    deadlines_refresh_all(as_at=as_at)
    whole_council_s = time.perf_counter() - started
    added.delete()
    deadlines_refresh_all(as_at=as_at)

    rows = [
        (
            f"Child record, first screen ({span:.1f} years, {events} events)",
            _format(summary_s),
            f"{_format(naive_s)} (clocks worked out per request, whole chronology built)",
            "< 200 ms",
        ),
        (
            "Record a visit: the save (check page POST) with its clock refresh",
            _format(statistics.median(save_times)),
            f"{_format(statistics.median(save_times) + whole_council_s)} "
            "(refresh every child's clocks after the write)",
            "< 150 ms",
        ),
        ("Record a visit: the form page POST (validate, keep the draft)",
         _format(statistics.median(form_times)), "", ""),
    ]  # fmt: skip
    print(
        f"\n{platform.node()} · {os.cpu_count()} cores · {connection.vendor} · "
        f"median of {args.runs} (naive: {args.naive_runs}) · {date.today()}\n"
    )
    print("| Measure | Sightline | Naive | Target |\n|---|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
