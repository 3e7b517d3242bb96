"""An analyst checks a broken return file and sees its faults located, checks a good one, and
downloads a CIN census, in Chromium; axe-core checks every page. Set SIGHTLINE_SCREENSHOTS=DIR
to keep a screenshot of each page at desktop and phone (375 px) widths (docs/screenshots)."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
from lxml import etree

from sightline.access.models import AuditAction, AuditEvent
from sightline.casework.models import Referral
from sightline.people.models import Person
from sightline.returns.cin.synthetic import census_xml, example_children
from sightline.workforce.models import User

from ..returns.ssda903.clean_return import clean_rows, write_csvs
from .test_line_of_sight import look, page  # noqa: F401  (the axe-ready page fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long synthetic password 14"


@pytest.fixture
def analyst(settings, tmp_path):
    settings.SIGHTLINE_REQUIRE_2FA = False
    settings.SIGHTLINE_RETURNS_UPLOAD_DIR = tmp_path / "uploads"
    user = User.objects.create_user(
        username="ana.lyst", password=PASSWORD, role="ANALYST", first_name="Ana", last_name="Lyst"
    )
    for number in (1, 2, 3):
        child = Person.objects.create(
            la_child_id=f"LA{number}",
            first_name="Sam",
            last_name="Taylor",
            date_of_birth=date(2015, 4, number),
            sex="F",
            ethnicity="WBRI",
        )
        Referral.objects.create(child=child, referral_date=date(2025, 5, number), source="6")
    return user


def sign_in(tab, live_server):
    tab.goto(live_server.url + "/login/")
    tab.get_by_label("Username").fill("ana.lyst")
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(live_server.url + "/")


def test_an_analyst_sees_a_located_error_then_checks_a_good_file(
    live_server,
    page,  # noqa: F811
    analyst,
    tmp_path,
):
    sign_in(page, live_server)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Returns").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Returns"
    look(page, "returns-home")

    page.get_by_role("link", name="Check a return file").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check a return file"
    look(page, "returns-check")

    broken = tmp_path / "census 2025-26.xml"
    text = census_xml(example_children())
    broken.write_text(text.replace("</Children>", "", 1), encoding="utf-8")
    page.get_by_label("CIN census (an XML file)").check()
    page.get_by_label("Collection year").select_option("2025-26")
    page.get_by_label("Upload the file").set_input_files(str(broken))
    page.get_by_role("button", name="Check the file").click()

    summary = page.get_by_test_id("located-errors")
    summary.wait_for()
    assert "census 2025-26.xml could not be read" in summary.inner_text()
    fault = summary.get_by_role("listitem").first.inner_text()
    assert fault.startswith("census 2025-26.xml, line ")  # located, named as the user knows it
    assert str(tmp_path) not in page.content()
    # The GOV.UK error summary takes focus, and its link leads to the file field.
    page.wait_for_function("() => document.activeElement.classList.contains('govuk-error-summary')")
    assert page.title().startswith("Error: ")
    look(page, "returns-check-error")
    summary.get_by_role("link").first.click()
    page.wait_for_function("() => document.activeElement.id === 'id_file'")

    # The same page again: a good SSDA903 zip, with one impossible date.
    rows = clean_rows()
    rows["Episodes"][0]["DECOM"] = "31/02/2025"
    directory = write_csvs(rows, tmp_path / "csv")
    archive = tmp_path / "ssda903.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for csv in directory.iterdir():
            zipped.write(csv, arcname=csv.name)
    page.get_by_label("SSDA903 (a zip of the CSV tables, or the XML form)").check()
    page.get_by_label("Upload the file").set_input_files(str(archive))
    page.get_by_role("button", name="Check the file").click()
    counts = page.get_by_test_id("validation-counts")
    counts.wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "ssda903.zip"
    issues = page.get_by_test_id("issues").inner_text()
    assert "Episodes.csv, line 2" in issues and "31/02/2025" in issues
    assert "children" in page.get_by_test_id("analysis-summary").inner_text()
    look(page, "returns-check-result")
    assert page.problems.console_errors == []


def test_an_analyst_downloads_the_cin_census_and_it_is_audited(
    live_server,
    page,  # noqa: F811
    analyst,
):
    sign_in(page, live_server)
    page.goto(live_server.url + "/returns/produce/")
    look(page, "returns-produce")
    page.get_by_label("CIN census (XML)").check()
    page.get_by_label("Collection year").select_option("2025-26")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download the return").click()
    download = caught.value
    assert download.suggested_filename == "cin-census-2025-26.xml"
    document = etree.parse(str(download.path()))
    assert sorted(e.text for e in document.iter("LAchildID")) == ["LA1", "LA2", "LA3"]
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor_username, event.page) == ("ana.lyst", "returns:produce")
    assert event.detail["result_count"] == 3

    # Asking for a year with no children says so, on the page, with nothing exported.
    page.get_by_label("CIN census (XML)").check()
    page.get_by_label("Collection year").select_option("2023-24")
    page.get_by_role("button", name="Download the return").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "No child had a CIN episode open" in summary.inner_text()
    look(page, "returns-produce-error")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1
    assert page.problems.console_errors == []
