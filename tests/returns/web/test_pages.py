"""The Returns pages: produce a return as an audited download; check a file, its faults located.

Signed in as an analyst (the role with "produce and check statutory returns"); two-factor
sign-in is off here, as the URL matrix covers it.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from sightline.access.models import AuditAction, AuditEvent
from sightline.care.models import LookedAfterEpisode
from sightline.casework.models import Referral
from sightline.people.models import Person
from sightline.returns.cin.synthetic import census_xml, example_children
from sightline.web.navigation import navigation_for
from sightline.workforce.models import User

from ..ssda903.clean_return import clean_rows
from ..ssda903.xml_form import xml_from_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.SIGHTLINE_REQUIRE_2FA = False
    settings.SIGHTLINE_RETURNS_UPLOAD_DIR = tmp_path / "uploads"
    return tmp_path / "uploads"


@pytest.fixture
def analyst(client):
    user = User.objects.create(username="ana.lyst", role="ANALYST")
    client.force_login(user)
    return user


def _child(la_child_id: str) -> Person:
    return Person.objects.create(
        la_child_id=la_child_id,
        first_name="Sam",
        last_name="Taylor",
        date_of_birth=date(2015, 4, 1),
        sex="F",
        ethnicity="WBRI",
    )


def _leftovers(uploads) -> list:
    return [p for p in uploads.rglob("*")] if uploads.exists() else []


# --- Who ---------------------------------------------------------------------------------------


def test_returns_is_in_the_analysts_navigation_and_no_one_elses(analyst):
    director = User.objects.create(username="dee.rector", role="DIRECTOR")
    assert "Returns" in [link.label for link in navigation_for(analyst, "home")]
    assert "Returns" not in [link.label for link in navigation_for(director, "home")]
    current = {link.label: link.current for link in navigation_for(analyst, "returns:check")}
    assert current["Returns"] == "true"


def test_another_role_is_refused_and_the_refusal_audited(client):
    director = User.objects.create(username="dee.rector", role="DIRECTOR")
    client.force_login(director)
    for name in ("returns:home", "returns:produce", "returns:check"):
        assert client.get(reverse(name)).status_code == 403
    refused = AuditEvent.objects.filter(action=AuditAction.REFUSED, actor=director)
    assert refused.count() == 3
    assert refused.first().detail["refused"] == "produce and check statutory returns"


# --- Produce -----------------------------------------------------------------------------------


def test_the_cin_census_downloads_and_is_audited_naming_every_child(client, analyst, uploads):
    children = [_child("LA1"), _child("LA2")]
    for child in children:
        Referral.objects.create(child=child, referral_date=date(2025, 5, 1), source="6")
    response = client.post(reverse("returns:produce"), {"kind": "cin", "year": "2025-26"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cin-census-2025-26.xml"'
    document = etree.fromstring(b"".join(response.streaming_content))
    ids = [e.text for e in document.iter("LAchildID")]
    assert sorted(ids) == ["LA1", "LA2"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == analyst
    assert event.page == "returns:produce"
    assert event.detail["export"] == "cin_census"
    assert sorted(event.detail["result_ids"]) == sorted(c.pk for c in children)
    assert _leftovers(uploads) == []  # no copy stays on the server


def test_the_ssda903_downloads_as_a_zip_of_its_tables(client, analyst, uploads):
    child = _child("LAC1")
    LookedAfterEpisode.objects.create(
        child=child,
        start_date=date(2025, 6, 1),
        reason_new_episode="S",
        legal_status="V2",
        category_of_need="N4",
        placement_type="U4",
        home_postcode="DB1 1AA",
    )
    response = client.post(reverse("returns:produce"), {"kind": "ssda903", "year": "2025-26"})
    assert response["Content-Disposition"] == 'attachment; filename="ssda903-2025-26.zip"'
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as zipped:
        names = zipped.namelist()
        episodes = zipped.read("Episodes.csv").decode("utf-8")
    assert {"Header.csv", "Episodes.csv", "SWEpisodes.csv"} <= set(names)
    assert "LAC1,01/06/2025" in episodes
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.detail["export"], event.detail["result_ids"]) == ("ssda903", [child.pk])
    assert _leftovers(uploads) == []


def test_annex_a_downloads_as_at_the_day_given(client, analyst):
    child = _child("AA1")
    Referral.objects.create(child=child, referral_date=date(2026, 1, 12), source="6")
    response = client.post(
        reverse("returns:produce"),
        {"kind": "annex-a", "year": "2025-26", "as_at_day": "31", "as_at_month": "3",
         "as_at_year": "2026"},
    )  # fmt: skip
    assert response["Content-Disposition"] == 'attachment; filename="annex-a-2026-03-31.xlsx"'
    assert b"".join(response.streaming_content).startswith(b"PK")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.detail["export"], event.detail["as_at"]) == ("annex_a", "2026-03-31")
    assert child.pk in event.detail["result_ids"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2025-26"}, "Select which return to produce"),
        ({"kind": "cin", "year": "1999-00"}, "Select a collection year from the list"),
        (
            {"kind": "cin", "year": "2025-26", "as_at_day": "31", "as_at_month": "2",
             "as_at_year": "2026"},
            "The as-at date must be a real date",
        ),
        (
            {"kind": "cin", "year": "2025-26", "as_at_day": "1", "as_at_month": "1",
             "as_at_year": "2025"},
            "is before the 2025-26 collection year began",
        ),
        (
            {"kind": "cin", "year": "2025-26"},
            "No child had a CIN episode open between 1 April 2025 and 31 March 2026",
        ),
    ],
)  # fmt: skip
def test_a_return_that_cannot_be_produced_says_why_and_exports_nothing(
    client, analyst, data, message
):
    response = client.post(reverse("returns:produce"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert message in page
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


# --- Check a file ------------------------------------------------------------------------------


def _check(client, kind, name, content, **extra):
    upload = SimpleUploadedFile(name, content)
    data = {"kind": kind, "year": "2025-26", "file": upload, **extra}
    return client.post(reverse("returns:check"), data)


def test_a_malformed_census_gives_its_located_faults_and_keeps_nothing(client, analyst, uploads):
    broken = census_xml(example_children()).replace("</Children>", "", 1).encode("utf-8")
    response = _check(client, "cin", "our census.xml", broken)
    page = response.content.decode()
    assert response.status_code == 200
    assert "our census.xml could not be read" in page
    assert 'data-testid="located-errors"' in page
    assert "our census.xml, line " in page  # located, and named as the user knows it
    assert str(uploads) not in page
    assert _leftovers(uploads) == [] or all(p.is_dir() for p in _leftovers(uploads))


def test_a_903_zip_is_validated_and_analysed(client, analyst, uploads):
    rows = clean_rows()
    rows["Episodes"][0]["DECOM"] = "31/02/2025"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        from ..ssda903.clean_return import write_csvs

        directory = write_csvs(rows, uploads.parent / "csv")
        for csv in directory.iterdir():
            zipped.write(csv, arcname=f"export/{csv.name}")
        zipped.writestr("export/readme.txt", "not a table")
    response = _check(client, "ssda903", "903.zip", buffer.getvalue())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="validation-counts"' in page
    assert "Episodes.csv, line 2" in page  # the first data row of the table
    assert "31/02/2025" in page
    assert f"{len(rows['Header'])}</dd>" in page  # children in the file
    assert 'data-testid="analysis-summary"' in page
    assert not any(p.is_file() for p in _leftovers(uploads))


def test_the_903_xml_form_is_checked_and_its_issues_located_by_line(client, analyst):
    rows = clean_rows()
    rows["Episodes"][0]["DECOM"] = "31/02/2025"
    content = xml_from_rows(rows)
    response = _check(client, "ssda903", "ssda903.xml", content)
    page = response.content.decode()
    assert 'data-testid="validation-counts"' in page
    assert 'data-testid="located-errors"' not in page
    line = next(
        n for n, text in enumerate(content.decode().splitlines(), 1) if "31/02/2025" in text
    )
    assert f"Episodes row 1, line {line}" in page
    assert ".csv, line" not in page


def test_a_broken_903_xml_file_is_located(client, analyst):
    response = _check(client, "ssda903", "ssda903.xml", b"<EXPSSDA903>\n<CHILD>\n</EXPSSDA903>")
    page = response.content.decode()
    assert "ssda903.xml, line 3" in page
    assert "well-formed XML" in page


def test_an_annex_a_workbook_is_checked(client, analyst, tmp_path):
    from ..annex_a.test_dataset import PERSON, write

    path = write(
        tmp_path / "annex.xlsx",
        {1: [{"Child Unique ID": "B2", **PERSON, "Date of Contact": date(2026, 1, 5),
              "Contact Source": "q) 6: Police"}]},
    )  # fmt: skip
    with open(path, "rb") as handle:
        response = _check(client, "annex-a", "annex.xlsx", handle.read())
    page = response.content.decode()
    assert "Ofsted publishes no validation rules for Annex A" in page
    assert 'data-testid="analysis-summary"' in page


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("cin", "census.txt", b"<Message/>", "The selected file must be an XML file"),
        ("cin", "census.xml", b"%PDF-1.7", "The selected file is not an XML file inside"),
        ("annex-a", "annex.xlsx", b"<x/>", "The selected file is not a zip or Excel file inside"),
        ("ssda903", "903.csv", b"CHILD", "The selected file must be a ZIP or XML file"),
        ("cin", "census.xml", b"", "The selected file is empty"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_before_it_is_read(
    client, analyst, uploads, kind, name, content, message
):
    response = _check(client, kind, name, content)
    page = response.content.decode()
    assert message in page
    assert 'class="govuk-error-summary"' in page
    assert not uploads.exists() or _leftovers(uploads) == []


def test_a_file_over_the_limit_is_refused(client, analyst, settings):
    settings.SIGHTLINE_RETURNS_UPLOAD_MAX_BYTES = 1024 * 1024
    response = _check(client, "cin", "census.xml", b"<" + b" " * (1024 * 1024 + 1))
    assert "The selected file must be smaller than 1 MB" in response.content.decode()


def test_a_zip_member_cannot_write_outside_its_directory(client, analyst, uploads):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("../../Header.csv", "CHILD,SEX\n1,M\n")
    response = _check(client, "ssda903", "903.zip", buffer.getvalue())
    page = response.content.decode()
    # Read from inside the upload's own directory, so its missing columns are reported.
    assert "Header.csv, line 1, column DOB" in page
    assert not (uploads.parent / "Header.csv").exists()
    assert not (uploads / "Header.csv").exists()


def test_an_empty_check_says_what_is_missing(client, analyst):
    response = client.post(reverse("returns:check"), {})
    page = response.content.decode()
    assert "Select which return the file is" in page
    assert "Select the return file to check" in page


def test_an_empty_produce_says_what_is_missing(client, analyst):
    page = client.post(reverse("returns:produce"), {}).content.decode()
    assert "Select which return to produce" in page
    assert "Select the collection year" in page


def test_a_good_census_is_validated_with_the_years_rules_and_analysed(client, analyst):
    children = example_children()
    response = _check(client, "cin", "census.xml", census_xml(children).encode("utf-8"))
    page = response.content.decode()
    assert 'data-testid="located-errors"' not in page
    assert 'data-testid="validation-counts"' in page
    assert "from 0 DfE rules" not in page
    assert f"{len(children)}</dd>" in page
    assert 'data-testid="clocks"' in page


def test_a_year_without_rules_is_read_and_analysed_but_says_it_was_not_validated(client, analyst):
    content = census_xml(example_children()).encode("utf-8")
    upload = SimpleUploadedFile("census.xml", content)
    response = client.post(
        reverse("returns:check"), {"kind": "cin", "year": "2023-24", "file": upload}
    )
    page = response.content.decode()
    assert 'data-testid="validation-note"' in page
    assert "No CIN census rules for 2023-24; rules exist for 2025-26" in page
    assert "the file was read, not validated" in page
    assert 'data-testid="validation-counts"' not in page
