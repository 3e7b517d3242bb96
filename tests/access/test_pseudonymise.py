"""Pseudonymised analytic export: nothing that names anyone in any cell, dates of birth to the
month, postcodes to the sector, stable keyed hashes, restricted children absent."""

import csv
import datetime as dt
import io
import json

import polars as pl
import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.management import call_command

from sightline.access.models import AuditAction, AuditEvent
from sightline.access.pseudonymise import (
    key_check,
    month_start,
    postcode_sector,
    pseudonym,
    pseudonymised_export,
)
from sightline.access.services import restricted_record_create
from sightline.people.models import Person

from .full_record import full_record_make

KEY = "a-test-pseudonymisation-key-of-forty-characters!!"
OTHER_KEY = "another-test-key-entirely-different-and-long-enough"


@pytest.fixture(autouse=True)
def pseudonymisation_key(settings):
    settings.SIGHTLINE_PSEUDONYMISATION_KEY = KEY


@pytest.fixture
def full(council):
    return full_record_make(council)


@pytest.fixture
def restricted(council):
    """A second family, restricted (adoption): must not appear at all."""
    record = full_record_make(council, la_child_id="HIDDEN1", surname="Quillfeather")
    restricted_record_create(actor=council.users["ig"], child=record.child, reason="adoption")
    return record


def export_cells(directory):
    """Every cell of every CSV file the export wrote, as text, with its file and column."""
    for path in sorted(directory.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column, value in row.items():
                    yield path.name, column, value


def export_text(directory) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(directory.iterdir()))


@pytest.fixture
def exported(council, full, restricted, tmp_path):
    # k=1: the test council's two children could never make a class of five, and these tests
    # are about the degrading of each cell; k-anonymity has its own (test_k_anonymity).
    pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path, k=1)
    return tmp_path


# --- The degrading rules (pure) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("postcode", "sector"),
    [
        ("LS12 3AB", "LS12 3"),
        ("ls12 3ab", "LS12 3"),
        ("LS123AB", "LS12 3"),
        ("M1 1AE", "M1 1"),
        ("EC1A 1BB", "EC1A 1"),
        ("W1A 0AX", "W1A 0"),
        ("LS12", None),
        ("not a postcode", None),
        ("", None),
        (None, None),
    ],
)
def test_postcode_becomes_its_sector(postcode, sector):
    assert postcode_sector(postcode) == sector


def test_date_becomes_the_first_of_its_month():
    assert month_start(dt.date(2012, 3, 17)) == dt.date(2012, 3, 1)
    assert month_start(dt.date(2008, 2, 29)) == dt.date(2008, 2, 1)


def test_pseudonym_is_stable_for_the_same_key_and_differs_by_key_and_kind():
    first = pseudonym(KEY.encode(), "child", "SAR001")
    assert first == pseudonym(KEY.encode(), "child", "SAR001")
    assert first != pseudonym(OTHER_KEY.encode(), "child", "SAR001")
    assert first != pseudonym(KEY.encode(), "worker", "SAR001")
    assert len(first) == 16 and int(first, 16) >= 0


# --- The export -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_writes_a_file_per_frame_and_a_manifest(exported):
    names = {path.name for path in exported.iterdir()}
    assert {"children.csv", "visits.csv", "lac_episodes.csv", "manifest.json"} <= names
    manifest = json.loads((exported / "manifest.json").read_text())
    assert manifest["key_check"] == key_check(KEY.encode())
    # The child and sibling, and the restricted child's sibling (not restricted themselves).
    assert manifest["frames"]["children"]["rows"] == 3


@pytest.mark.django_db
def test_no_name_nhs_number_upn_or_la_child_id_in_any_cell(full, exported):
    forbidden = {
        full.child.first_name,
        full.child.last_name,
        full.sibling.first_name,
        full.mother.first_name,
        full.referrer_name,
        full.child.nhs_number,
        full.sibling.nhs_number,
        full.child.upn,
        full.child.la_child_id,
        full.sibling.la_child_id,
        "Worker",  # a member of staff's name
    }
    for name, column, value in export_cells(exported):
        for secret in forbidden:
            assert secret not in value, (name, column, value)
    text = export_text(exported)
    for secret in forbidden:
        assert secret not in text


@pytest.mark.django_db
def test_no_full_postcode_in_any_cell(full, exported):
    for postcode in (full.old_postcode, full.postcode, full.placement_postcode):
        assert postcode not in export_text(exported)
        assert postcode.replace(" ", "") not in export_text(exported)


@pytest.mark.django_db
def test_postcodes_are_exported_as_sectors(exported):
    children = pl.read_csv(exported / "children.csv")
    assert set(children["postcode_sector"]) == {"LS6 2"}
    episodes = pl.read_csv(exported / "lac_episodes.csv")
    assert episodes["placement_postcode_sector"].to_list() == ["LS7 4"]
    assert episodes["home_postcode_sector"].to_list() == ["LS6 2"]


@pytest.mark.django_db
def test_no_exact_date_of_birth_in_any_cell(full, exported):
    for person in (full.child, full.sibling, full.mother):
        exact = person.date_of_birth.isoformat()
        for name, column, value in export_cells(exported):
            assert exact not in value, (name, column)


@pytest.mark.django_db
def test_date_of_birth_is_the_first_of_the_month(exported):
    children = pl.read_csv(exported / "children.csv", try_parse_dates=True)
    assert set(children["date_of_birth"].to_list()) == {dt.date(2012, 3, 1), dt.date(2014, 8, 1)}


@pytest.mark.django_db
def test_no_free_text_in_any_cell(full, exported):
    text = export_text(exported)
    for narrative in (
        "Mum was upset",
        "Saw Alexa alone",
        "Two call-outs",
        "left the children alone",
        "Plan reviewed",
    ):
        assert narrative not in text


@pytest.mark.django_db
def test_children_are_keyed_hashes_that_join_across_files(full, exported):
    children = pl.read_csv(exported / "children.csv")
    visits = pl.read_csv(exported / "visits.csv")
    expected = pseudonym(KEY.encode(), "child", full.child.la_child_id)
    assert expected in children["child_id"].to_list()
    assert set(visits["child_id"]) <= set(children["child_id"])
    assert "la_child_id" not in children.columns


@pytest.mark.django_db
def test_workers_are_keyed_hashes_and_unnamed(council, exported):
    workers = pl.read_csv(exported / "workers.csv")
    assert "name" not in workers.columns
    worker_hash = pseudonym(KEY.encode(), "worker", str(council.users["worker"].pk))
    assert worker_hash in workers["worker_id"].to_list()
    assert worker_hash in pl.read_csv(exported / "visits.csv")["worker_id"].to_list()


@pytest.mark.django_db
def test_hashes_are_stable_across_exports_with_the_same_key(council, full, tmp_path):
    pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path / "a", k=1)
    pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path / "b", k=1)
    first = pl.read_csv(tmp_path / "a" / "children.csv")["child_id"].sort()
    second = pl.read_csv(tmp_path / "b" / "children.csv")["child_id"].sort()
    assert first.to_list() == second.to_list()


@pytest.mark.django_db
def test_hashes_differ_with_another_key(council, full, tmp_path, settings):
    pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path / "a", k=1)
    settings.SIGHTLINE_PSEUDONYMISATION_KEY = OTHER_KEY
    pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path / "b", k=1)
    first = set(pl.read_csv(tmp_path / "a" / "children.csv")["child_id"])
    second = set(pl.read_csv(tmp_path / "b" / "children.csv")["child_id"])
    assert first.isdisjoint(second)


@pytest.mark.django_db
def test_restricted_children_are_absent(restricted, exported):
    hidden = pseudonym(KEY.encode(), "child", restricted.child.la_child_id)
    text = export_text(exported)
    assert hidden not in text
    assert "HIDDEN1" not in text and "Quillfeather" not in text
    # None of their records either; their sibling, who is not restricted, is exported.
    visits = pl.read_csv(exported / "visits.csv")
    assert hidden not in set(visits["child_id"])
    assert pseudonym(KEY.encode(), "child", "HIDDEN1S") in set(visits["child_id"])
    assert visits.height == 4


@pytest.mark.django_db
def test_export_refuses_without_a_key(council, full, tmp_path, settings):
    settings.SIGHTLINE_PSEUDONYMISATION_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize("role_user", ["worker", "director", "ig", "qa", "admin"])
def test_only_analysts_may_export(council, full, tmp_path, role_user):
    with pytest.raises(PermissionDenied):
        pseudonymised_export(actor=council.users[role_user], out_dir=tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.django_db
def test_export_is_audited(council, exported):
    event = AuditEvent.objects.latest("sequence")
    assert event.action == AuditAction.EXPORT
    assert event.actor == council.users["analyst"]
    assert event.child_id is None
    assert event.detail["kind"] == "pseudonymised"
    assert event.detail["children"] == 3


@pytest.mark.django_db
def test_command_writes_parquet(council, full, tmp_path):
    out = io.StringIO()
    call_command(
        "pseudonymised_export",
        out=tmp_path,
        actor="analyst",
        file_format="parquet",
        k=1,
        stdout=out,
    )
    children = pl.read_parquet(tmp_path / "children.parquet")
    assert children.height == 2
    assert Person.objects.children().count() == 2
