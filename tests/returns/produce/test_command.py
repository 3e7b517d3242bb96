"""`sightline returns cin|ssda903|annex-a`: the command-line contract."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sightline.access.models import AuditAction, AuditEvent
from sightline.care.models import LookedAfterEpisode
from sightline.casework.models import Referral


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("returns", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def record(staff, make_child):
    child = make_child("LA1")
    Referral.objects.create(child=child, referral_date=date(2025, 6, 2), source="2A")
    LookedAfterEpisode.objects.create(
        child=child, start_date=date(2025, 7, 1), reason_new_episode="S", legal_status="C1",
        category_of_need="N1", placement_type="U4",
    )  # fmt: skip
    return child


def test_cin_writes_the_census_and_says_what_it_holds(record, tmp_path):
    out = tmp_path / "cin.xml"
    printed, _ = run("cin", "--year", "2025-26", "--out", str(out))
    assert out.read_bytes().startswith(b"<?xml")
    assert printed == (
        f"Wrote the 2025-26 CIN census as at 31 March 2026 to {out}: 1 child, 1 CIN episode.\n"
    )


def test_ssda903_writes_one_csv_per_table_into_the_directory(record, tmp_path):
    printed, _ = run("ssda903", "--year", "2025-26", "--out", str(tmp_path))
    assert len(list(tmp_path.glob("*.csv"))) == 11
    assert "1 child (Header 1, Episodes 1," in printed


def test_annex_a_names_the_actor_in_the_audit(record, staff, tmp_path):
    out = tmp_path / "a.xlsx"
    run("annex-a", "--as-at", "2026-03-31", "--out", str(out), "--actor", "ana.lyst")
    assert out.exists()
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor_username, event.detail["export"]) == ("ana.lyst", "annex_a")
    assert event.detail["window_start"] == "2025-10-01"


@pytest.mark.parametrize(
    "args, message",
    [
        (("cin", "--year", "2025/26"), "is not of the form 2025-26"),
        (("cin", "--year", "2025-26", "--as-at", "31/03/2026"), "is not a date"),
        (("cin", "--year", "2025-26", "--as-at", "2025-01-01"), "before the 2025-26"),
        (("cin", "--year", "2025-26", "--actor", "nobody"), "No active user"),
        (("annex-a", "--as-at", "2026-02-30"), "is not a date"),
    ],
)
def test_bad_arguments_are_refused_with_a_reason_and_nothing_is_written(
    record, tmp_path, args, message
):
    with pytest.raises(CommandError, match=message):
        run(*args, "--out", str(tmp_path / "out.xml"))
    assert list(tmp_path.iterdir()) == []
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_ssda903_into_a_missing_directory_is_refused(record, tmp_path):
    with pytest.raises(CommandError, match="is not a directory that exists"):
        run("ssda903", "--year", "2025-26", "--out", str(tmp_path / "missing"))
