"""Load under the nightly tick: N clients browse a running server while `sightline tick` runs.

Issue 11 row 6: on SQLite, page views failed ("database is locked", lost sessions) while the
nightly rebuild held the write lock for the whole rebuild. This drives a real server on
loopback with a realistic page mix and counts every failed request.

What it does, bounded in time and size:

1. migrates the database and seeds a council (`sightline seed`, at most 50,000 children) if it
   has none;
2. starts `sightline runserver --noreload` (threaded) on 127.0.0.1 with 2FA off, as in the demo;
3. signs each client in as one of the demo users who hold a caseload or oversee one (social
   worker, senior practitioner, personal adviser, front door, IRO, team manager, head of
   service) and collects that user's pages: home, the child search form, "My work", the team
   and service pages, and the summary, chronology, household and clocks of children on their
   home page;
4. runs `sightline tick` over and over for the whole measured window (a new run starts as soon
   as one ends), while every client requests pages from its mix in random order for
   `--seconds`;
5. prints requests, failures (HTTP 5xx, connection errors, and a redirect to the sign-in page,
   which means a lost session), p50 and p95 latency, and how many ticks ran and finished.

Usage (SQLite):

    .venv/bin/python bench/load_tick_bench.py --db /tmp/load-20k.sqlite3 --population 20000

PostgreSQL: pass --database-url postgres://... instead of --db. Nothing here asserts a time; the
figure that matters is the number of failed requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MAX_POPULATION = 50_000
DEMO_PASSWORD = "demo-sightline-2026"
# Demo roles whose users have pages with children on them.
ROLES = (
    "SOCIAL_WORKER",
    "SENIOR_PRACTITIONER",
    "PERSONAL_ADVISER",
    "FRONT_DOOR",
    "IRO",
    "TEAM_MANAGER",
    "HEAD_OF_SERVICE",
)
_CHILD_LINK = re.compile(r'href="/children/(\d+)/"')
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", type=Path, help="SQLite file (seeded if empty)")
    where.add_argument("--database-url", help="e.g. postgres://user@127.0.0.1:5432/name")
    parser.add_argument("--population", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-tick", action="store_true", help="measure without the tick")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-log", type=Path, help="write the server's stderr here")
    parser.add_argument("--json", type=Path, help="also write the figures here, as JSON")
    args = parser.parse_args()
    if not 100 <= args.population <= MAX_POPULATION:
        parser.error(f"--population must be between 100 and {MAX_POPULATION}")
    return args


def _environment(args: argparse.Namespace) -> dict[str, str]:
    url = args.database_url or f"sqlite:///{args.db.resolve()}"
    env = {
        **os.environ,
        "SIGHTLINE_DATABASE_URL": url,
        "SIGHTLINE_REQUIRE_2FA": "false",
        "SIGHTLINE_DEBUG": "false",
        "SIGHTLINE_DEMO": "true",
        "SIGHTLINE_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SIGHTLINE_VAR_DIR": str(Path("/tmp") / f"load-bench-var-{args.port}"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _sightline(env, *arguments, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "sightline", *arguments], env=env, cwd=ROOT, check=True, **kwargs
    )


def _prepare(args, env) -> None:
    _sightline(env, "migrate", "--no-input", stdout=subprocess.DEVNULL)
    print(f"seeding up to {args.population} children (if empty)...", flush=True)
    _sightline(
        env,
        "seed",
        "--population",
        str(args.population),
        "--years",
        str(args.years),
        "--seed",
        str(args.seed),
        "--if-empty",
    )


def _demo_users(env) -> list[str]:
    code = (
        "import django; django.setup();"
        "from sightline.workforce.models import User;"
        f"print('\\n'.join(User.objects.filter(username__startswith='demo.', role__in={ROLES!r})"
        ".values_list('username', flat=True)))"
    )
    env = {**env, "DJANGO_SETTINGS_MODULE": "sightline.settings"}
    out = subprocess.run(
        [PYTHON, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return sorted(line for line in out.stdout.split() if line)


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def failed(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.failures[kind] = self.failures.get(kind, 0) + 1
            self.latencies.append(seconds)


class Client:
    """One browser: its own connection and cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), content

    def sign_in(self, username: str) -> None:
        _, _, page = self.request("GET", "/login/")
        token = _CSRF.search(page)[1]
        status, location, _ = self.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD},
        )
        if status != 302:
            raise RuntimeError(f"{username} could not sign in ({status})")

    def pages(self) -> list[str]:
        _, _, home = self.request("GET", "/")
        children = list(dict.fromkeys(_CHILD_LINK.findall(home)))[:8]
        paths = ["/", "/children/search/", "/my-work/", "/timescales/"]
        for child in children:
            paths += [
                f"/children/{child}/",
                f"/children/{child}/chronology/",
                f"/children/{child}/household/",
                f"/children/{child}/clocks/",
            ]
        for extra in ("/team/", "/team/?page=2", "/service/"):
            status, _, _ = self.request("GET", extra)
            if status == 200:
                paths.append(extra)
        return paths


def _browse(client: Client, paths: list[str], until: float, results: Results, rng) -> None:
    while time.monotonic() < until:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            status, location, _ = client.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            results.failed(f"connection: {type(error).__name__}", time.perf_counter() - started)
            continue
        seconds = time.perf_counter() - started
        if status >= 500:
            results.failed(f"HTTP {status}", seconds)
        elif status == 302 and location.startswith("/login/"):
            results.failed("lost session (sent to sign in)", seconds)
        else:
            results.ok(seconds)


def _ticks(env, stop: threading.Event, done: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        process = subprocess.Popen(
            [PYTHON, "-m", "sightline", "tick"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        _, err = process.communicate()
        if process.returncode != 0:
            print(f"tick failed: {err[-500:]}", flush=True)
            done.append(-1.0)
        else:
            done.append(time.perf_counter() - started)


def _wait_for_server(port: int, server: subprocess.Popen) -> None:
    for _ in range(120):
        if server.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/login/")
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def main() -> None:
    args = _parse_args()
    env = _environment(args)
    _prepare(args, env)
    users = _demo_users(env)
    if not users:
        raise SystemExit("no demo users in this database: seed it with `sightline seed`")
    server = subprocess.Popen(
        [PYTHON, "-m", "sightline", "runserver", "--noreload", f"127.0.0.1:{args.port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(args.server_log, "w") if args.server_log else subprocess.DEVNULL,  # noqa: SIM115
    )
    try:
        _wait_for_server(args.port, server)
        clients, mixes = [], []
        for number in range(args.clients):
            client = Client(args.port)
            client.sign_in(users[number % len(users)])
            clients.append(client)
            mixes.append(client.pages())
        results = Results()
        stop = threading.Event()
        ticks: list[float] = []
        ticker = None
        if not args.no_tick:
            ticker = threading.Thread(target=_ticks, args=(env, stop, ticks))
            ticker.start()
            time.sleep(3)  # the tick is reading the record and evaluating: then browse
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=_browse,
                args=(client, paths, until, results, random.Random(number)),
            )
            for number, (client, paths) in enumerate(zip(clients, mixes, strict=True))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stop.set()
        if ticker is not None:
            ticker.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies = sorted(results.latencies)
    failed = sum(results.failures.values())
    database = "PostgreSQL" if args.database_url else "SQLite"
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(
        f"{database}, {args.clients} clients, {args.seconds:.0f} s, "
        f"{'tick running' if not args.no_tick else 'no tick'} "
        f"({platform.machine()}, {os.cpu_count()} cores)"
    )
    print(f"requests: {len(latencies)}; failed: {failed} {results.failures or ''}".rstrip())
    if latencies:
        print(
            f"p50 {statistics.median(latencies) * 1000:.0f} ms; p95 {p95 * 1000:.0f} ms; "
            f"max {latencies[-1] * 1000:.0f} ms"
        )
    finished = [t for t in ticks if t >= 0]
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "database": database,
                    "clients": args.clients,
                    "seconds": args.seconds,
                    "requests": len(latencies),
                    "failed": failed,
                    "failures": results.failures,
                    "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
                    "p95_ms": round(p95 * 1000),
                    "ticks_started": len(ticks),
                    "ticks_finished": len(finished),
                }
            )
        )
    print(
        f"ticks: {len(ticks)} started, {len(finished)} finished"
        + (f" (median {statistics.median(finished):.1f} s)" if finished else "")
        + (f", {len(ticks) - len(finished)} failed" if len(finished) < len(ticks) else "")
    )


if __name__ == "__main__":
    main()
