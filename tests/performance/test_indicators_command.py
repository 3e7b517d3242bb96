"""Tests for `sightline indicators --as-at DATE`: the CSV contract on a seeded council."""

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sightline.access.models import AuditEvent
from sightline.standards.indicators import INDICATORS

pytestmark = pytest.mark.django_db

HEADER = [
    "indicator_id",
    "level",
    "unit",
    "period_start",
    "period_end",
    "numerator",
    "denominator",
    "value",
    "england",
    "target",
    "rag",
]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("indicators", *args, stdout=out, stderr=err)
    return list(csv.reader(StringIO(out.getvalue()))), err.getvalue()


def test_council_level_one_row_per_indicator_and_month_with_iso_dates(seeded):
    table, err = run("--as-at", "2026-03-31", "--months", "2")
    assert table[0] == HEADER
    rows = table[1:]
    assert len(rows) == len(INDICATORS) * 2
    assert {r[4] for r in rows} == {"2026-02-28", "2026-03-31"}
    assessed = [r for r in rows if r[0] == "K-ASSESS-45" and r[4] == "2026-03-31"][0]
    assert assessed[1:4] == ["council", "council", "2025-04-01"]
    num, den, value = int(assessed[5]), int(assessed[6]), float(assessed[7])
    assert value == pytest.approx(round(100 * num / den, 2))
    assert assessed[8] == "85.7" and assessed[9] == "85.7"
    assert assessed[10] == ("green" if value >= 85.7 else "amber" if value >= 80.7 else "red")
    assert "K-DISTANCE" in err and "not available from this dataset" in err


def test_not_available_indicators_have_empty_figures(seeded):
    table, _ = run("--as-at", "2026-03-31")
    distance = [r for r in table[1:] if r[0] == "K-DISTANCE"][0]
    assert distance[5:8] == ["", "", ""] and distance[10] == ""


def test_team_level_units_add_up_to_the_council(seeded):
    teams, _ = run("--as-at", "2026-03-31", "--level", "team")
    council, _ = run("--as-at", "2026-03-31")
    total = sum(int(r[5]) for r in teams[1:] if r[0] == "K-CONTACTS")
    assert total == int([r for r in council[1:] if r[0] == "K-CONTACTS"][0][5])
    assert {r[1] for r in teams[1:]} == {"team"}


def test_counts_only_so_no_access_audit_is_written(seeded):
    before = AuditEvent.objects.count()
    run("--as-at", "2026-03-31")
    assert AuditEvent.objects.count() == before


def test_council_targets_file_changes_target_and_rag(seeded, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("indicator_id,target,tolerance\nK-ASSESS-45,0,0\n")
    table, _ = run("--as-at", "2026-03-31", "--targets", str(targets))
    assessed = [r for r in table[1:] if r[0] == "K-ASSESS-45"][0]
    assert (assessed[9], assessed[10]) == ("0", "green")


def test_bad_targets_file_is_refused_with_its_line(seeded, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("indicator_id,target,tolerance\nK-NOPE,1,1\n")
    with pytest.raises(CommandError, match="line 2, column 'indicator_id'"):
        run("--as-at", "2026-03-31", "--targets", str(targets))


def test_writes_to_out_file(seeded, tmp_path):
    out = tmp_path / "indicators.csv"
    table, err = run("--as-at", "2026-03-31", "--out", str(out))
    assert table == [] and "Wrote 44 rows" in err
    assert out.read_text().splitlines()[0] == ",".join(HEADER)


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--as-at", "31/03/2026")
