"""Strategy discussion → section 47 enquiry → initial conference → child protection plan, in
Chromium: each step recorded from the child's Casework page, each clock starting and met, with
axe-core on every page."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from sightline.casework.models import ChildProtectionPlan, Contact, Referral
from sightline.oversight.services import deadlines_refresh_for_child
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Child Protection North", kind="CP_CIN", service=service)
    worker = User.objects.create_user(
        username="jbloggs",
        password=PASSWORD,
        first_name="Jo",
        last_name="Tester",
        role="SOCIAL_WORKER",
        team=team,
    )
    User.objects.create_user(
        username="ichair", first_name="Indira", last_name="Chair", role="IRO", password=PASSWORD
    )
    child = Person.objects.create(
        la_child_id="C5005",
        first_name="Kai",
        last_name="Adeyemi",
        date_of_birth=dt.date(2016, 6, 1),
        sex="M",
    )
    today = timezone.localdate()
    Allocation.objects.create(
        child=child, team=team, worker=worker, start_date=today - dt.timedelta(days=30)
    )
    contact = Contact.objects.create(
        child=child,
        received_at=timezone.now() - dt.timedelta(hours=1),
        source="2A",
        concerns="Bruising to the face seen by the class teacher.",
        significant_harm_suspected=True,
    )
    Referral.objects.create(child=child, contact=contact, referral_date=today, source="2A")
    deadlines_refresh_for_child(child.pk)
    return {"child": child}


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


def fill_date(page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def row(page, title: str):
    first_cell = page.locator("td:first-child", has_text=re.compile(rf"^{re.escape(title)}$"))
    return page.locator("#work-protection + table tbody tr").filter(has=first_cell).first


def test_strategy_to_s47_to_conference_to_plan_each_clock_started_and_met(
    browser, live_server, world
):
    child = world["child"]
    today = timezone.localdate()
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    sign_in(page, live_server, "jbloggs")
    work = f"{live_server.url}/children/{child.pk}/work/"
    page.goto(work)
    needed = row(page, "Strategy discussion")
    assert "Needed" in needed.inner_text()
    assert needed.locator(".govuk-tag").inner_text() != "Met"  # T-STRATEGY has started
    no_serious_axe_violations(page)
    needed.get_by_role("link", name="Record strategy discussion").click()
    page.wait_for_url(re.compile(r"/strategy-discussions/new/$"))

    # Continue with nothing filled in: every error is listed and located.
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    assert "Select the agencies that took part" in summary.inner_text()
    summary.get_by_role("link", name="Select the agencies that took part").click()
    assert page.evaluate("document.activeElement.id") == "id_agencies_attending"
    no_serious_axe_violations(page)

    fill_date(page, "When was the strategy discussion?", today)
    page.get_by_label("Police").check()
    page.get_by_label("School or education").check()
    page.get_by_label("Who took part?").fill("DC Hill, police; Ms Shah, head teacher")
    page.get_by_label("Section 47 enquiry").check()
    page.get_by_label("Why was this decided?").fill("Injury unexplained; joint visit today.")
    page.locator("[data-draft-status]").filter(has_text="Draft saved at").wait_for()
    no_serious_axe_violations(page)
    screenshot(page, "protection-strategy-discussion")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/strategy-discussions/new/check/$"))
    assert "Police; School or education" in page.locator(".govuk-summary-list").inner_text()
    no_serious_axe_violations(page)
    page.get_by_role("button", name="Save the strategy discussion").click()
    page.wait_for_url(work)
    assert "initial conference is due within 15 working days" in page.content()
    assert row(page, "Strategy discussion").locator(".govuk-tag").inner_text() == "Met"
    enquiry = row(page, "Section 47 enquiry")
    assert "In progress" in enquiry.inner_text()
    assert enquiry.locator(".govuk-tag").inner_text() != "Met"  # T-ICPC has started
    no_serious_axe_violations(page)
    screenshot(page, "protection-casework")

    enquiry.get_by_role("link", name="Record the outcome").click()
    fill_date(page, "When was the enquiry completed?", today)
    page.get_by_label("Concerns substantiated: initial child protection conference").check()
    page.get_by_label("Why?").fill("Account of the injury inconsistent; threshold met.")
    no_serious_axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save the outcome").click()
    page.wait_for_url(work)
    enquiry = row(page, "Section 47 enquiry")
    assert enquiry.locator(".govuk-tag").inner_text() != "Met"  # still due: no conference yet

    enquiry.get_by_role("link", name="Record the initial conference").click()
    fill_date(page, "When was the conference?", today)
    page.get_by_label("Who chaired the conference?").select_option(label="Indira Chair")
    page.get_by_label("Yes: a child protection plan").check()
    page.get_by_role("button", name="Continue").click()
    assert "Select the category of abuse" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Physical abuse").check()
    no_serious_axe_violations(page)
    screenshot(page, "protection-initial-conference")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save the conference").click()
    page.wait_for_url(work)
    assert "child protection plan started" in page.content()
    assert row(page, "Section 47 enquiry").locator(".govuk-tag").inner_text() == "Met"
    plan = ChildProtectionPlan.objects.get(child=child)
    assert (plan.start_date, plan.initial_category) == (today, "PHY")
    core = row(page, "Core group meetings")
    assert core.locator(".govuk-tag").inner_text() != "Met"  # T-CORE-GROUP-1 started
    assert row(page, "Review conferences").locator(".govuk-tag").inner_text() != "Met"
    no_serious_axe_violations(page)

    core.get_by_role("link", name="Record a core group meeting").click()
    fill_date(page, "When was it held?", today)
    page.get_by_label("What did the core group review and agree?").fill(
        "Safety plan agreed: grandmother to collect Kai from school."
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save the core group meeting").click()
    page.wait_for_url(work)
    # The first core group met T-CORE-GROUP-1; the next (T-CORE-GROUP) now runs from it.
    assert "1 held" in row(page, "Core group meetings").inner_text()
    page.goto(f"{live_server.url}/children/{child.pk}/clocks/")
    history = page.locator("body").inner_text()
    for title in ("strategy", "conference", "core group"):
        assert re.search(title, history, re.IGNORECASE), title
    page.goto(f"{live_server.url}/children/{child.pk}/chronology/")
    text = page.locator("main").inner_text()
    for entry in (
        "Strategy discussion",
        "Section 47 enquiry started",
        "Section 47 enquiry completed",
        "Initial child protection conference",
        "Child protection plan started",
        "Core group meeting",
    ):
        assert entry in text, entry
    context.close()
