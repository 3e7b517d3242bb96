"""Benchmark the deadline worklists on a large synthetic council, beside naive alternatives.

Measures, each the median of several runs:

- full: the nightly recalculation of every child's deadlines (`deadlines_refresh_all`, as
  `sightline tick`), beside a per-child refresh loop over a sample, extrapolated to every child;
- incremental: the recalculation after one record changes (a visit recorded through
  `casework.services.visit_record`, whose commit refreshes that child), beside recomputing the
  whole council;
- pages: the team worklist page's server time (Django test client, timed around the request),
  beside working the same team's clocks out from the record for each request instead of
  reading the materialised table; also "My work" and the service page.

Usage (SQLite, seeding the database first if it has no children):

    .venv/bin/python bench/worklist_bench.py --db /tmp/bench-300k.sqlite3 \\
        --population 300000 --years 5 --as-at 2026-03-31

With SIGHTLINE_DATABASE_URL set and no --db, the benchmark runs on that database instead
(e.g. PostgreSQL). The database is changed: visits are added and removed again, and the stored
deadlines are rebuilt. Each figure prints as soon as it is measured, then all of them as a
markdown table. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

PARTS = ("full", "incremental", "pages")

# Polars reads its thread count once, when first imported: --polars-threads must act before that.
if "--polars-threads" in sys.argv:
    os.environ["POLARS_MAX_THREADS"] = sys.argv[sys.argv.index("--polars-threads") + 1]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="SQLite file to use (seeded if empty)")
    parser.add_argument("--population", type=int, default=300_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--as-at", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default today)"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median)")
    parser.add_argument("--full-runs", type=int, default=3, help="runs of whole-council measures")
    parser.add_argument("--sample", type=int, default=200, help="children in the naive loop")
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated, from {', '.join(PARTS)}"
    )
    parser.add_argument(
        "--polars-threads",
        help="Polars' thread pool size (default: Polars' own, one per core); the web process "
        "runs with 1 (sightline/wsgi.py), the nightly tick with the default",
    )
    return parser.parse_args()


def _configure(args: argparse.Namespace) -> None:
    if args.db is not None:
        os.environ["SIGHTLINE_DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
        os.environ.setdefault("SIGHTLINE_VAR_DIR", str(args.db.resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    # The pages are timed as the demo serves them: synthetic users sign in without a second factor.
    os.environ.setdefault("SIGHTLINE_DEMO", "true")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()


def _median_seconds(run: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _format(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 120:
        return f"{seconds:.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class Bench:
    """The measures, sharing the database, the as-at date and the rows of the table."""

    def __init__(self, args: argparse.Namespace) -> None:
        from django.utils import timezone

        self.args = args
        self.as_at = args.as_at or timezone.localdate()
        self.rng = random.Random(args.seed)
        self.rows: list[tuple[str, str, str, str]] = []
        self.full_seconds: float | None = None

    def record(self, measure: str, ours: str, naive: str, target: str) -> None:
        self.rows.append((measure, ours, naive, target))
        print(f"- {measure}: {ours}; naive: {naive or 'n/a'}; target: {target}", flush=True)

    def seed_if_empty(self) -> None:
        from django.core.management import call_command

        from sightline.people.models import Person

        call_command("migrate", verbosity=0)
        if Person.objects.children().exists():
            return
        args = self.args
        print(f"Seeding {args.population} children, {args.years} years ...", flush=True)
        options = ["--population", str(args.population), "--years", str(args.years)]
        options += ["--seed", str(args.seed), "--as-at", self.as_at.isoformat()]
        started = time.perf_counter()
        call_command("seed", *options, verbosity=0)
        print(f"Seeded in {_format(time.perf_counter() - started)}", flush=True)

    def full(self) -> None:
        """The nightly recalculation, beside a per-child loop."""
        from sightline.oversight.dataset_loader import load_dataset
        from sightline.oversight.services import (
            deadlines_evaluate,
            deadlines_refresh_all,
            deadlines_refresh_for_child,
        )
        from sightline.people.models import Person

        runs = self.args.full_runs
        load_s, dataset = _median_seconds(load_dataset, runs)
        records = sum(frame.height for frame in dataset.frames.values())
        evaluate_s, frame = _median_seconds(
            lambda: deadlines_evaluate(dataset, as_at=self.as_at), runs
        )
        tick_s, summary = _median_seconds(lambda: deadlines_refresh_all(as_at=self.as_at), runs)
        self.full_seconds = tick_s
        children = Person.objects.children().count()
        child_ids = list(Person.objects.children().values_list("pk", flat=True))
        sample = self.rng.sample(child_ids, min(self.args.sample, len(child_ids)))
        started = time.perf_counter()
        for child_id in sample:
            deadlines_refresh_for_child(child_id, as_at=self.as_at)
        per_child_s = (time.perf_counter() - started) / len(sample)
        self.record(
            f"Recalculate every child's deadlines ({children:,} children, {records:,} records, "
            f"{summary.deadline_count:,} deadlines stored)",
            f"{_format(tick_s)} (load {_format(load_s)}, evaluate {_format(evaluate_s)}, "
            f"store the rest)",
            f"{_format(per_child_s * children)} (per-child loop: {len(sample)} sampled at "
            f"{_format(per_child_s)} each, extrapolated)",
            "nightly",
        )

    def incremental(self) -> None:
        """One visit recorded, and that child's clocks recalculated on commit."""
        from django.db import transaction

        from sightline.casework.models import Visit
        from sightline.casework.services import visit_record
        from sightline.oversight.dataset_loader import load_dataset
        from sightline.oversight.services import deadlines_evaluate, deadlines_refresh_for_child
        from sightline.people.models import Person
        from sightline.workforce.models import Allocation, User

        on_plan = list(
            Allocation.objects.filter(
                end_date__isnull=True,
                worker__isnull=False,
                child__cp_plans__end_date__isnull=True,
            )
            .values_list("child_id", "worker_id")
            .distinct()[:500]
        )
        picks = self.rng.sample(on_plan, min(self.args.runs * 2, len(on_plan)))
        from sightline.engine.deadlines import CHILD_RULE_IDS, rules_reading

        visit_rules = rules_reading(["visits"])
        writes, refreshes, every_rule, loads, evaluations, added = [], [], [], [], [], []
        for child_id, worker_id in picks:
            child, worker = Person.objects.get(pk=child_id), User.objects.get(pk=worker_id)
            started = time.perf_counter()
            with transaction.atomic():
                visit = visit_record(actor=worker, child=child, date=self.as_at, kind="CP")
            writes.append(time.perf_counter() - started)  # includes the on-commit refresh
            added.append(visit.pk)
            # What the write's commit runs: the rules that read visits.
            started = time.perf_counter()
            deadlines_refresh_for_child(child_id, as_at=self.as_at, changed=("visits",))
            refreshes.append(time.perf_counter() - started)
            # The alternative: every one of the child's rules.
            started = time.perf_counter()
            deadlines_refresh_for_child(child_id, as_at=self.as_at)
            every_rule.append(time.perf_counter() - started)
            started = time.perf_counter()
            dataset = load_dataset(child_ids=[child_id])
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            deadlines_evaluate(dataset, as_at=self.as_at, rule_ids=visit_rules)
            evaluations.append(time.perf_counter() - started)
        Visit.objects.filter(pk__in=added).delete()
        for child_id, _ in picks:
            deadlines_refresh_for_child(child_id, as_at=self.as_at)
        naive = (
            f"{_format(self.full_seconds)} (recalculate the whole council)"
            if self.full_seconds
            else "recalculate the whole council (see above)"
        )
        self.record(
            f"Recalculate one child after a visit is recorded ({len(picks)} children on CP plans)",
            f"{_format(statistics.median(refreshes))} for the {len(visit_rules)} rules that read "
            f"visits (load {_format(statistics.median(loads))}, evaluate "
            f"{_format(statistics.median(evaluations))}); all {len(CHILD_RULE_IDS)} of the "
            f"child's rules {_format(statistics.median(every_rule))}; the whole write with its "
            f"refresh {_format(statistics.median(writes))}",
            naive,
            "< 100 ms",
        )

    def pages(self) -> None:
        """The worklist pages' server time, beside working the clocks out per request."""
        from django.db.models import Count, Q
        from django.test import Client

        from sightline.oversight.dataset_loader import load_dataset
        from sightline.oversight.models import OPEN_STATUSES, Deadline
        from sightline.oversight.services import deadlines_evaluate, deadlines_refresh_all
        from sightline.workforce.models import Allocation, Service, Team, User

        if not Deadline.objects.exists():
            deadlines_refresh_all(as_at=self.as_at)
        client = Client(SERVER_NAME="localhost")
        runs = self.args.runs

        def page(user, url: str) -> Callable[[], object]:
            client.force_login(user)

            def get():
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"{url} answered {response.status_code}")
                return response

            get()  # warm: templates compiled, standards built
            return get

        team = (
            Team.objects.filter(manager__isnull=False)
            .annotate(open_clocks=Count("deadlines", filter=Q(deadlines__status__in=OPEN_STATUSES)))
            .order_by("-open_clocks")
            .first()
        )
        team_page_s, _ = _median_seconds(page(team.manager, f"/team/{team.pk}/"), runs)
        team_children = list(
            Allocation.objects.filter(team=team, end_date__isnull=True).values_list(
                "child_id", flat=True
            )
        )

        def team_without_table():
            clocks = deadlines_evaluate(load_dataset(child_ids=team_children), as_at=self.as_at)
            return clocks.filter(clocks["team_id"] == team.pk)

        naive_s, _ = _median_seconds(team_without_table, runs)
        self.record(
            f"Team worklist page, busiest team ({len(team_children)} children, "
            f"{team.open_clocks:,} open clocks)",
            _format(team_page_s),
            f"{_format(naive_s)} (work the team's clocks out from the record per request)",
            "< 200 ms",
        )

        busiest = (
            Deadline.objects.filter(status__in=OPEN_STATUSES, worker__isnull=False)
            .values("worker")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        worker = User.objects.get(pk=busiest["worker"])
        my_work_s, _ = _median_seconds(page(worker, "/my-work/"), runs)
        self.record(
            f"My work page, busiest worker ({busiest['n']} open clocks)",
            _format(my_work_s),
            "",
            "< 200 ms",
        )

        service = (
            Service.objects.filter(head__isnull=False)
            .annotate(teams_count=Count("teams"))
            .order_by("-teams_count")
            .first()
        )
        service_s, _ = _median_seconds(page(service.head, "/service/"), runs)
        self.record(
            f"Service page, largest service ({service.teams_count} teams)",
            _format(service_s),
            "",
            "< 200 ms",
        )

    def print_table(self) -> None:
        import polars
        from django.db import connection

        from sightline.people.models import Person

        print()
        print(
            f"Worklist benchmark: {Person.objects.children().count():,} children, as at "
            f"{self.as_at.isoformat()}, {connection.vendor}, Python "
            f"{platform.python_version()}, {platform.machine()} with {os.cpu_count()} CPUs, "
            f"Polars threads {polars.thread_pool_size()}; "
            f"median of {self.args.runs} runs ({self.args.full_runs} for whole-council measures)"
        )
        print()
        print("| Measure | Sightline | Naive alternative | Target |")
        print("|---|---|---|---|")
        for measure, ours, naive, target in self.rows:
            print(f"| {measure} | {ours} | {naive} | {target} |")


def main() -> None:
    """Seed if needed, run the chosen parts, and print the table."""
    args = _parse_args()
    parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown parts: {', '.join(sorted(unknown))}; choose from {PARTS}")
    _configure(args)
    bench = Bench(args)
    bench.seed_if_empty()
    for part in PARTS:
        if part in parts:
            getattr(bench, part)()
    bench.print_table()


if __name__ == "__main__":
    main()
