"""A social worker records a visit in two pages, loses nothing to a reload, and sees the clock
met — in Chromium."""

import datetime as dt
import os
import re

import pytest
from django.utils import timezone

from sightline.casework.models import ChildProtectionPlan, Referral, Visit
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sam(settings):
    """Sam Okafor, on a child protection plan since a week ago, allocated to Jo Bloggs."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Child Protection East", kind="CP_CIN", service=service)
    worker = User.objects.create_user(
        username="jbloggs",
        password=PASSWORD,
        first_name="Jo",
        last_name="Bloggs",
        role="SOCIAL_WORKER",
        team=team,
    )
    child = Person.objects.create(
        la_child_id="C3003",
        first_name="Sam",
        last_name="Okafor",
        date_of_birth=dt.date(2016, 5, 9),
        sex="M",
        ethnicity="BAFR",
    )
    today = timezone.localdate()
    Allocation.objects.create(
        child=child, team=team, worker=worker, start_date=today - dt.timedelta(days=60)
    )
    referral = Referral.objects.create(
        child=child, referral_date=today - dt.timedelta(days=50), source="2A"
    )
    ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=today - dt.timedelta(days=7),
        initial_category="NEG",
        latest_category="NEG",
    )
    return child


def sign_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("jbloggs")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")


def screenshot(page, name: str) -> None:
    if directory := os.environ.get("SIGHTLINE_SCREENSHOT_DIR"):
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)


def test_a_visit_recorded_in_two_pages_meets_the_cp_visit_clock(live_server, page, sam):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/children/{sam.pk}/clocks/")
    page.get_by_role("link", name="Record a visit").click()
    page.wait_for_url(re.compile(rf"/children/{sam.pk}/visits/new/$"))

    form = page.locator("form[data-draft-url]")
    names = form.evaluate(
        "f => [...new Set([...f.elements].map(e => e.name)"
        ".filter(n => n && n !== 'csrfmiddlewaretoken'))]"
    )
    assert len(names) <= 8, names

    # Half-way through, the page is reloaded: what was typed comes back from the server.
    page.get_by_label("What did the child say?").fill("I like my new bedroom.")
    page.get_by_label("Visit notes").fill("Sam showed me his room; mum was at home.")
    page.locator("[data-draft-status]").filter(has_text="Draft saved at").wait_for()
    page.reload()
    assert page.get_by_label("Visit notes").input_value() == (
        "Sam showed me his room; mum was at home."
    )
    assert page.get_by_text("has been put back").is_visible()

    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Child protection statutory visit").check()
    page.locator("#id_child_seen").check()
    page.locator("#id_seen_alone").check()
    screenshot(page, "record-visit")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url(re.compile(rf"/children/{sam.pk}/visits/new/check/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check the visit before saving it"
    assert "I like my new bedroom." in page.locator(".govuk-summary-list").inner_text()
    screenshot(page, "record-visit-check")
    page.get_by_role("button", name="Save the visit").click()

    page.wait_for_url(re.compile(rf"/children/{sam.pk}/clocks/$"))
    assert "recorded" in page.locator(".govuk-notification-banner--success").inner_text()
    visit = Visit.objects.get(child=sam)
    assert (visit.date, visit.child_seen, visit.seen_alone) == (today, True, True)
    # The plan's first 10-working-day visit clock is now met, and shown so at once.
    history = page.locator('section[aria-labelledby="child-clocks-history"] tbody tr')
    met = history.filter(has_text="Visit the child on a child protection plan").filter(
        has_text=f"{today.day} {today:%B %Y}"
    )
    assert met.count() == 1
    assert met.locator(".govuk-tag").inner_text() == "Met"
    screenshot(page, "record-visit-met")
    assert page.problems.console_errors == []
    assert page.problems.failed_requests == []
