"""Issue 11 row 6, bounded: page views on a real server never fail while `sightline tick` runs.

The suite's small version of `bench/load_tick_bench.py` (whose 40 clients × 60 s figures are in
bench/results.md): a freshly seeded council of a few hundred children on its own database, a
real threaded server on loopback, a handful of signed-in clients browsing their pages for a few
seconds while the nightly rebuild runs over and over. Every 5xx, dropped connection or lost
session is a failure. It runs on SQLite, or on PostgreSQL when the suite does
(SIGHTLINE_DATABASE_URL=postgres://…, in a database of its own created and dropped here).
Nothing asserts a time.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.parse
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "load_tick_bench.py"
CLIENTS = 4
SECONDS = 6


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database(tmp_path):
    """Where the load test's council lives: a SQLite file, or a PostgreSQL database of its own."""
    url = os.environ.get("SIGHTLINE_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield ["--db", str(tmp_path / "load.sqlite3")]
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"sightline_load_{uuid.uuid4().hex[:8]}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ["--database-url", parts._replace(path=f"/{name}").geturl()]
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_no_page_view_fails_while_the_tick_runs(database, tmp_path):
    figures = tmp_path / "figures.json"
    env = {k: v for k, v in os.environ.items() if k != "SIGHTLINE_DATABASE_URL"}
    subprocess.run(
        [
            sys.executable,
            str(BENCH),
            *database,
            "--population",
            "300",
            "--years",
            "1",
            "--clients",
            str(CLIENTS),
            "--seconds",
            str(SECONDS),
            "--port",
            str(_free_port()),
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    result = json.loads(figures.read_text())

    assert result["requests"] > CLIENTS  # every client browsed
    assert result["ticks_started"] >= 1 and result["ticks_finished"] == result["ticks_started"]
    assert (result["failed"], result["failures"]) == (0, {})
