"""A warning raised about a violent adult with the keyboard only, a document added and
downloaded, and the chronology filtered — in Chromium, with axe-core on every page and no page
wider than a phone's screen at 375 px."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.casework.models import Referral, Visit
from sightline.documents.models import Document
from sightline.people.models import Household, HouseholdMember, Person, PersonWarning
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Child Protection East", kind="CP_CIN", service=service)
    User.objects.create_user(
        username="jbloggs",
        password=PASSWORD,
        first_name="Jo",
        last_name="Bloggs",
        role="SOCIAL_WORKER",
        team=team,
    )
    child = Person.objects.create(
        la_child_id="C5005",
        first_name="Rosa",
        last_name="Quinlan",
        date_of_birth=dt.date(2017, 8, 14),
        sex="F",
    )
    adult = Person.objects.create(
        first_name="Declan", last_name="Quinlan", date_of_birth=dt.date(1985, 1, 2), sex="M"
    )
    today = timezone.localdate()
    home = Household.objects.create(name="Quinlan")
    HouseholdMember.objects.create(household=home, person=child, start_date=child.date_of_birth)
    HouseholdMember.objects.create(household=home, person=adult, start_date=dt.date(2016, 1, 1))
    Allocation.objects.create(
        child=child,
        team=team,
        worker=User.objects.get(username="jbloggs"),
        start_date=today - dt.timedelta(days=40),
    )
    Referral.objects.create(child=child, referral_date=today - dt.timedelta(days=45), source="2A")
    Visit.objects.create(
        child=child, date=today - dt.timedelta(days=5), kind="CIN", notes="Synthetic visit."
    )
    return {"child": child, "adult": adult}


def sign_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("jbloggs")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")


def checked(page) -> None:
    """No serious or critical axe-core violation, and nothing wider than a 375 px screen."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run()).violations")
    serious = [
        (v["id"], [n["html"][:120] for n in v["nodes"]])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 375, f"{page.url} is {width} px wide on a phone"


def screenshot(page, name: str) -> None:
    if directory := os.environ.get("SIGHTLINE_SCREENSHOT_DIR"):
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=f"{directory}/{name}-phone.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def tab_to(page, text: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element's text, label or value contains ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
              const e = document.activeElement;
              const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
              return [e.innerText || "", label, e.value || "", e.id || ""].join(" | ");
            }"""
        )
        if text in focused:
            return
    raise AssertionError(f"Tab never reached {text!r}")


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def test_a_warning_is_raised_with_the_keyboard_only(live_server, browser_page, world):
    page = browser_page
    child, adult = world["child"], world["adult"]
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/children/{child.pk}/household/")
    checked(page)

    tab_to(page, "Raise a warning")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/children/{child.pk}/warnings/new/$"))
    checked(page)
    # Who: the adult is the second choice; arrow keys move between radios and select.
    tab_to(page, f"{child.full_name} (the child)")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Risk of violence to staff")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Synthetic: threatened staff at the door. Visit in pairs.")
    today = timezone.localdate()
    for part in (today.day, today.month, today.year):
        page.keyboard.press("Tab")
        page.keyboard.type(str(part))
    screenshot(page, "warning-raise")
    tab_to(page, "Continue")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(rf"/children/{child.pk}/warnings/new/check/$"))
    summary = page.locator(".govuk-summary-list").inner_text()
    assert f"{adult.full_name} (lives with Rosa)" in summary and "Visit in pairs." in summary
    checked(page)
    tab_to(page, "Raise the warning")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(rf"/children/{child.pk}/household/"))
    warning = PersonWarning.objects.get()
    assert (warning.person_id, warning.kind) == (adult.pk, "VIOLENCE")
    # Shown on every page of the child's record, the summary first.
    page.goto(f"{live_server.url}/children/{child.pk}/")
    banner = page.get_by_role("region", name="Warnings").inner_text()
    assert "Risk of violence to staff" in banner and "Declan Quinlan, lives with Rosa" in banner
    checked(page)
    screenshot(page, "child-summary-with-warning")


def test_a_document_is_added_downloaded_and_the_chronology_filtered(
    live_server, browser_page, world, tmp_path
):
    page = browser_page
    child = world["child"]
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/children/{child.pk}/documents/")
    checked(page)

    page.get_by_label("Report from another agency").check()
    page.get_by_label("Title").fill("School report, autumn term")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"MZ this is a program")
    page.get_by_label("File").set_input_files(str(bad))
    page.get_by_role("button", name="Add document").click()
    # Refused, located, with what was typed kept.
    summary = page.locator(".govuk-error-summary")
    assert "is called .pdf but is not a PDF" in summary.inner_text()
    assert page.get_by_label("Title").input_value() == "School report, autumn term"
    checked(page)

    good = tmp_path / "school-report.pdf"
    good.write_bytes(PDF)
    page.get_by_label("File").set_input_files(str(good))
    page.get_by_role("button", name="Add document").click()
    assert "added to the documents" in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "child-documents")
    with page.expect_download() as download:
        page.get_by_role("link", name="School report, autumn term").click()
    assert Path(download.value.path()).read_bytes() == PDF
    document = Document.objects.get()
    assert AuditEvent.objects.filter(
        object_type="documents.document", object_id=str(document.pk), action="view"
    ).exists()

    page.goto(f"{live_server.url}/children/{child.pk}/chronology/")
    page.get_by_label("Type of event").select_option("Visit")
    page.get_by_role("button", name="Show events").click()
    kinds = page.locator(".moj-timeline__item").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert kinds == ["visit"]
    assert page.get_by_role("button", name="Print this chronology").is_visible()
    checked(page)
    screenshot(page, "child-chronology-filtered")
