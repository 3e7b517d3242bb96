"""Benchmark the team manager's oversight page and the tick's findings step (issue 12).

Measures, each the median of several runs, on a seeded database:

- sync: `findings_sync` (the tick's step: evaluate every drift rule, raise, escalate,
  resolve), on a database whose findings are already stored (a night like any other);
- page: the team oversight page's server time (Django test client, timed around the request)
  for the team with the most stored findings, beside the alternative of working the team's
  findings out from the record on each request (`load_dataset` + `evaluate_findings`) instead
  of reading the stored ones.

Usage: ``.venv/bin/python bench/oversight_bench.py --db /tmp/bench.sqlite3 [--population 12000
--years 3 --as-at 2026-03-31]`` (seeded first if the database has no children; the findings are
then synced). All drift rules over the large council beside a naive loop:
``bench/findings_bench.py``. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--population", type=int, default=12_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--as-at", type=date.fromisoformat, default=date(2026, 3, 31))
    parser.add_argument("--runs", type=int, default=7)
    return parser.parse_args()


def _median(run, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    args = _args()
    os.environ["SIGHTLINE_DATABASE_URL"] = f"sqlite:///{args.db.resolve()}"
    os.environ.setdefault("SIGHTLINE_VAR_DIR", str(args.db.resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    os.environ.setdefault("SIGHTLINE_DEMO", "true")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sightline.engine.findings import evaluate_findings
    from sightline.oversight.dataset_loader import load_dataset
    from sightline.oversight.findings.sync import findings_sync
    from sightline.oversight.models import Finding
    from sightline.oversight.selectors.findings import drift_standards
    from sightline.oversight.services import council_standards
    from sightline.people.models import Person
    from sightline.workforce.models import Team

    call_command("migrate", verbosity=0)
    if not Person.objects.children().exists():
        call_command(
            "seed",
            "--population",
            str(args.population),
            "--years",
            str(args.years),
            "--as-at",
            args.as_at.isoformat(),
            verbosity=0,
        )
    findings_sync(as_at=args.as_at)
    children = Person.objects.children().count()
    sync = _median(lambda: findings_sync(as_at=args.as_at), max(3, args.runs // 2))
    busiest = Finding.objects.values("team").annotate(n=Count("pk")).order_by("-n").first()["team"]
    team = Team.objects.get(pk=busiest)
    setup_test_environment()
    client = Client()
    client.force_login(team.manager)
    url = f"/oversight/teams/{team.pk}/"
    assert client.get(url).status_code == 200
    page = _median(lambda: client.get(url), args.runs)

    def live():
        timescales, calendar = council_standards()
        frame = evaluate_findings(
            load_dataset(), args.as_at, drift_standards(), timescales, calendar
        )
        return frame.filter(team_id=team.pk)

    alternative = _median(live, max(3, args.runs // 2))
    findings = Finding.objects.filter(team=team).count()
    print(f"{children} children; {Finding.objects.count()} findings stored")
    print("| Measure | Sightline | Alternative | Target |")
    print("|---|---|---|---|")
    print(f"| tick's findings step (`findings_sync`) | {sync:.2f} s | – | – |")
    print(
        f"| team oversight page, {team.name} ({findings} findings) | {page * 1000:.0f} ms | "
        f"{alternative * 1000:.0f} ms (findings worked out per request) | < 300 ms |"
    )


if __name__ == "__main__":
    main()
