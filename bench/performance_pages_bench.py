"""Benchmark: performance pages' server time once figures are computed, beside computing them
per request (the naive page that evaluates every indicator whenever it is opened).

Seeds a synthetic council into a scratch SQLite database, then times, through Django's test
client (server time: URL resolution, middleware, selectors, templates), the scorecard, the
council breakdown of an indicator, a team's breakdown and the child list of a worker: median
of ``--runs`` requests each, with the figures kept (the product) and with them forgotten
before every request (naive).

Run: ``.venv/bin/python bench/performance_pages_bench.py [--population 10000] [--years 2]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_AT = date(2026, 3, 31)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--population", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--naive-runs", type=int, default=3)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="sightline-bench-")) / "bench.sqlite3"
    os.environ["SIGHTLINE_DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ["SIGHTLINE_CHILD_POPULATION"] = str(args.population)
    # The demo setting: sign-in without a second factor (the bench signs in with force_login).
    os.environ["SIGHTLINE_DEMO"] = "true"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from sightline.demo.council import seed_council
    from sightline.performance.figures import figures_for, figures_forget
    from sightline.workforce.models import Team, User

    started = time.perf_counter()
    seed_council(population=args.population, years=args.years, seed=1, as_at=AS_AT, la_code="999")
    took = time.perf_counter() - started
    print(f"seeded {args.population:,} population, {args.years} years in {took:.0f} s")
    started = time.perf_counter()
    figures = figures_for(AS_AT)
    print(f"figures computed (cold) in {time.perf_counter() - started:.2f} s "
          f"({figures.result.items.height:,} items)")  # fmt: skip
    team = Team.objects.get(name__endswith="Riverside")
    values = figures.level("worker")
    members = list(User.objects.filter(team=team).values_list("pk", flat=True))
    worker = values.filter(
        (values["indicator_id"] == "K-CP-VISITS")
        & values["unit_id"].is_in(members)
        & (values["numerator"] > 0)
    ).sort("numerator", descending=True)["unit_id"][0]
    client = Client()
    client.force_login(User.objects.get(username="demo.director"))
    base = "/performance/indicators/K-CP-VISITS/"
    pages = {
        "scorecard": f"/performance/?as_at={AS_AT}",
        "indicator, council breakdown": f"{base}?as_at={AS_AT}",
        "indicator, team breakdown": f"{base}?as_at={AS_AT}&level=team&unit={team.pk}",
        "child list (worker)": f"{base}children/?as_at={AS_AT}&level=worker&unit={worker}",
        "child list (council, page 1)": f"{base}children/?as_at={AS_AT}",
    }
    print(
        f"| Page | Kept figures (median of {args.runs}) "
        f"| Naive: computed per request (median of {args.naive_runs}) |"
    )
    print("|---|---:|---:|")
    for name, url in pages.items():
        kept, naive = [], []
        client.get(url)
        for _ in range(args.runs):
            started = time.perf_counter()
            response = client.get(url)
            kept.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        for _ in range(args.naive_runs):
            figures_forget()
            started = time.perf_counter()
            client.get(url)
            naive.append(time.perf_counter() - started)
        kept_ms, naive_ms = statistics.median(kept) * 1000, statistics.median(naive) * 1000
        print(f"| {name} | {kept_ms:.0f} ms | {naive_ms:,.0f} ms |")


if __name__ == "__main__":
    main()
