"""A social worker signs in, finds a child by surname and reads their record, in Chromium."""

import datetime as dt
import os
import re

import pytest
from django.utils import timezone

from sightline.casework.models import Contact, Visit
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def alex(settings):
    """A signed-up social worker and Alex Smith, allocated to them, with two events."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Assessment Team North", kind="ASSESSMENT", service=service)
    worker = User.objects.create_user(
        username="jbloggs",
        password=PASSWORD,
        first_name="Jo",
        last_name="Bloggs",
        role="SOCIAL_WORKER",
        team=team,
    )
    child = Person.objects.create(
        la_child_id="C1001",
        first_name="Alex",
        last_name="Smith",
        date_of_birth=dt.date(2015, 3, 3),
        sex="M",
        ethnicity="WBRI",
        nhs_number="9991234578",
    )
    Person.objects.create(
        la_child_id="C2002",
        first_name="Bella",
        last_name="Jones",
        sex="F",
        date_of_birth=dt.date(2012, 7, 19),
    )
    Allocation.objects.create(child=child, team=team, worker=worker, start_date=dt.date(2024, 1, 8))
    Contact.objects.create(
        child=child,
        received_at=timezone.make_aware(dt.datetime(2025, 3, 3, 16, 55)),
        source="2A",
        concerns="Bruise on arm.",
    )
    Visit.objects.create(
        child=child, date=dt.date(2025, 3, 5), kind="ASSESSMENT", seen_alone=True, worker=worker
    )
    return child


def test_social_worker_finds_a_child_by_surname_and_reads_their_record(live_server, page, alex):
    page.goto(live_server.url + "/")

    # Signing in: every page sends an anonymous visitor to the sign-in page first.
    assert re.search(r"/login/\?next=/$", page.url)
    page.get_by_label("Username").fill("jbloggs")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Home"

    # The search box in the header posts, so the surname never reaches the address bar.
    page.get_by_role("searchbox", name="Find a child").fill("smith")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url(live_server.url + "/children/search/")
    assert "smith" not in page.url.lower()
    assert page.get_by_role("heading", name="Children found (1)").is_visible()

    page.get_by_role("link", name="Alex Smith").click()
    page.wait_for_url(re.compile(rf"{live_server.url}/children/{alex.pk}/$"))

    identity = page.locator(".moj-identity-bar")
    assert "Alex Smith" in identity.inner_text()
    assert "LA child ID: C1001" in identity.inner_text()
    assert identity.locator(".moj-badge").text_content().strip() == "Closed"
    assert "Allocated to Jo Bloggs, Assessment Team North" in identity.inner_text()
    assert page.get_by_text("999 123 4578").is_visible()

    timeline = page.locator(".moj-timeline")
    assert timeline.get_by_role("heading", name="Contact received").is_visible()
    assert "3 March 2025 at 16:55" in timeline.inner_text()

    if directory := os.environ.get("SIGHTLINE_SCREENSHOT_DIR"):
        page.screenshot(path=f"{directory}/child-summary.png", full_page=True)

    page.locator(".moj-sub-navigation").get_by_role("link", name="Chronology").click()
    page.wait_for_url(re.compile(rf"/children/{alex.pk}/chronology/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Chronology"
    current = page.locator('.moj-sub-navigation__link[aria-current="page"]')
    assert current.inner_text() == "Chronology"
    assert page.get_by_role("heading", name="Assessment visit: child seen alone").is_visible()

    if directory := os.environ.get("SIGHTLINE_SCREENSHOT_DIR"):
        page.screenshot(path=f"{directory}/child-chronology.png", full_page=True)

    page.locator(".moj-sub-navigation").get_by_role("link", name="Clocks").click()
    page.wait_for_url(re.compile(rf"/children/{alex.pk}/clocks/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Clocks"
    assert page.get_by_role("heading", name=re.compile(r"^Open clocks \(\d+\)$")).is_visible()

    # GOV.UK Frontend and MoJ Frontend started: the module script ran without a CSP violation.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert font.lower().startswith("arial")

    assert page.problems.console_errors == []
    assert page.problems.failed_requests == []
    stylesheets_and_scripts = [
        url for url in page.problems.loaded if url.endswith((".css", ".js")) and "/static/" in url
    ]
    assert any(url.endswith("govuk-frontend.min.css") for url in stylesheets_and_scripts)
    assert any(url.endswith("moj-frontend.min.css") for url in stylesheets_and_scripts)
    assert any(url.endswith("govuk-frontend.min.js") for url in stylesheets_and_scripts)
    assert any(url.endswith("moj-frontend.min.js") for url in stylesheets_and_scripts)
    # GDS Transport is for GOV.UK only, so no font file is ever fetched.
    assert not [url for url in page.problems.loaded if url.endswith((".woff", ".woff2"))]
