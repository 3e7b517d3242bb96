"""An assessment completed by its worker, a conflicting edit refused with both versions shown,
then authorised by a manager and its clock met — in Chromium, with axe-core on every page."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from sightline.casework.models import Assessment, Referral
from sightline.casework.writes.assessment import assessment_submit
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Assessment North", kind="ASSESSMENT", service=service)
    people = {}
    for username, first, role in (
        ("jbloggs", "Jo", "SOCIAL_WORKER"),
        ("mmanager", "Morgan", "TEAM_MANAGER"),
        ("ssenior", "Sam", "SENIOR_PRACTITIONER"),
    ):
        people[username] = User.objects.create_user(
            username=username,
            password=PASSWORD,
            first_name=first,
            last_name="Tester",
            role=role,
            team=team,
        )
    child = Person.objects.create(
        la_child_id="C4004",
        first_name="Ava",
        last_name="Nwosu",
        date_of_birth=dt.date(2015, 2, 3),
        sex="F",
    )
    today = timezone.localdate()
    Allocation.objects.create(
        child=child, team=team, worker=people["jbloggs"], start_date=today - dt.timedelta(days=30)
    )
    referral = Referral.objects.create(
        child=child, referral_date=today - dt.timedelta(days=12), source="2A"
    )
    assessment = Assessment.objects.create(
        referral=referral, child=child, start_date=today - dt.timedelta(days=11)
    )
    return {"child": child, "assessment": assessment, **people}


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")


def screenshot(page, name: str) -> None:
    if directory := os.environ.get("SIGHTLINE_SCREENSHOT_DIR"):
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=f"{directory}/{name}-phone.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def no_serious_axe_violations(page) -> None:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run()).violations")
    serious = [
        (v["id"], [n["html"][:120] for n in v["nodes"]])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


def test_assessment_completed_conflict_refused_then_authorised(browser, live_server, world):
    child, assessment = world["child"], world["assessment"]
    today = timezone.localdate()
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    sign_in(page, live_server, "jbloggs")
    page.goto(f"{live_server.url}/children/{child.pk}/work/")
    no_serious_axe_violations(page)
    page.get_by_role("link", name="Complete the assessment").click()
    page.wait_for_url(re.compile(rf"/assessments/{assessment.pk}/complete/$"))
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Domestic violence: parent or carer").check()
    page.get_by_label("Your analysis").fill("Ava is settled at school; mum is engaging well.")
    page.get_by_label("Child in need: child in need plan").check()
    page.locator("[data-draft-status]").filter(has_text="Draft saved at").wait_for()
    no_serious_axe_violations(page)
    screenshot(page, "assessment-complete")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/complete/check/$"))
    no_serious_axe_violations(page)

    # A colleague completes the same assessment before Jo saves.
    assessment_submit(
        actor=world["ssenior"],
        assessment=assessment,
        child_seen_on=None,
        factors=[],
        analysis="Recorded by Sam in the meantime.",
        outcome="EARLY_HELP",
    )
    page.get_by_role("button", name="Send for authorisation").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Someone else changed this record"
    assert "mum is engaging well" in page.locator("#conflict-mine + dl").inner_text()
    assert "Recorded by Sam" in page.locator("#conflict-theirs + dl").inner_text()
    no_serious_axe_violations(page)
    screenshot(page, "assessment-conflict")
    page.get_by_role("button", name="Keep my answers and review them").click()
    page.wait_for_url(re.compile(r"/complete/$"))
    assert "mum is engaging well" in page.get_by_label("Your analysis").input_value()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send for authorisation").click()
    page.wait_for_url(re.compile(rf"/children/{child.pk}/work/$"))
    assessment.refresh_from_db()
    assert assessment.analysis.startswith("Ava is settled") and assessment.submitted_on == today
    context.close()

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    sign_in(page, live_server, "mmanager")
    page.goto(f"{live_server.url}/children/{child.pk}/work/")
    page.get_by_role("link", name="Authorise the assessment").click()
    assert "mum is engaging well" in page.locator(".govuk-summary-list").first.inner_text()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    no_serious_axe_violations(page)
    screenshot(page, "assessment-authorise")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Authorise the assessment").click()
    page.wait_for_url(re.compile(rf"/children/{child.pk}/work/$"))
    row = page.locator('section[aria-labelledby="work-assessments"] tbody tr').first
    assert f"Authorised on {today.day} {today:%B %Y}" in row.inner_text()
    assert row.locator(".govuk-tag").inner_text() == "Met"
    no_serious_axe_violations(page)
    screenshot(page, "assessment-authorised")
    context.close()
