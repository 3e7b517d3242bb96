"""A child becomes looked after, then their care plan, placement plan, IRO and first review are
recorded; then a missing episode and its return interview — each clock met, in Chromium, with
axe-core on every page. Screenshots go to ``SIGHTLINE_SCREENSHOT_DIR`` when it is set."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from sightline.care.models import LookedAfterEpisode, MissingEpisode
from sightline.care.writes import looked_after_start
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ruby(settings):
    """Ruby Okafor, 12, allocated to Jo Bloggs in a children in care team; an IRO, Indira."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Children in care")
    team = Team.objects.create(name="Children in Care 1", kind="LOOKED_AFTER", service=service)
    worker = User.objects.create_user(
        username="jbloggs",
        password=PASSWORD,
        first_name="Jo",
        last_name="Bloggs",
        role="SOCIAL_WORKER",
        team=team,
    )
    User.objects.create_user(
        username="iiro", password=PASSWORD, first_name="Indira", last_name="Reviewer", role="IRO"
    )
    child = Person.objects.create(
        la_child_id="C5005",
        first_name="Ruby",
        last_name="Okafor",
        date_of_birth=dt.date(2014, 5, 6),
        sex="F",
    )
    Allocation.objects.create(
        child=child,
        team=team,
        worker=worker,
        start_date=timezone.localdate() - dt.timedelta(days=60),
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
        page.screenshot(path=f"{directory}/care-{name}.png", full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=f"{directory}/care-{name}-phone.png", full_page=True)
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


def fill_date(page, prefix: str, day: dt.date) -> None:
    page.locator(f"#id_{prefix}_day").fill(str(day.day))
    page.locator(f"#id_{prefix}_month").fill(str(day.month))
    page.locator(f"#id_{prefix}_year").fill(str(day.year))


def continue_and_save(page, save: str = "Save", name: str | None = None) -> None:
    """Continue to check your answers, check the page, then save and return to the Care page."""
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/check/$"))
    no_serious_axe_violations(page)
    if name:
        screenshot(page, f"{name}-check")
    page.get_by_role("button", name=save).click()
    page.wait_for_url(re.compile(r"/care/$"))


def met(page, rule_id: str) -> str:
    return page.locator(
        f"#care-clocks-met + div table tr[data-rule='{rule_id}'] .govuk-tag"
    ).inner_text()


def test_looked_after_with_plans_and_first_review_then_a_missing_episode(
    browser, live_server, ruby
):
    today = timezone.localdate()
    began = today - dt.timedelta(days=10)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/children/{ruby.pk}/")
    page.get_by_role("link", name="Care", exact=True).click()
    page.wait_for_url(re.compile(rf"/children/{ruby.pk}/care/$"))
    no_serious_axe_violations(page)

    # 1. Ruby becomes looked after, placed with her aunt, approved as a connected person.
    page.get_by_role("link", name="Record that Ruby became looked after").click()
    page.get_by_role("button", name="Continue").click()
    assert (
        page.locator(".govuk-error-summary")
        .get_by_role("link", name="Select the legal status")
        .is_visible()
    )
    no_serious_axe_violations(page)
    fill_date(page, "start", began)
    page.get_by_label("Legal status").select_option("C1")
    page.get_by_label("N1: Abuse or neglect").check()
    page.get_by_label("Placement type").select_option("U3")
    page.get_by_label("PR1: Own provision (by the local authority)").check()
    page.get_by_label("Postcode of the placement").fill("dm4 4dd")
    fill_date(page, "approved", began)
    page.locator("[data-draft-status]").filter(has_text="Draft saved at").wait_for()
    no_serious_axe_violations(page)
    screenshot(page, "looked-after-start")
    continue_and_save(page, "Record that the child is looked after", name="looked-after-start")
    episode = LookedAfterEpisode.objects.get(child=ruby)
    assert (episode.reason_new_episode, episode.placement_postcode) == ("S", "DM4 4DD")
    running = page.locator("#care-clocks + div table")
    assert running.locator("tr[data-rule='T-CARE-PLAN']").is_visible()
    assert running.locator("tr[data-rule='T-LAC-REVIEW-1']").is_visible()

    # 2. The care plan and the placement plan, both agreed the day she was placed.
    page.get_by_role("link", name="Record the care plan").click()
    fill_date(page, "agreed", began)
    page.get_by_label("What does the care plan say?").fill(
        "Ruby stays with her aunt while her mum completes the parenting programme."
    )
    continue_and_save(page)
    assert met(page, "T-CARE-PLAN") == "Met"
    page.get_by_role("link", name="Record the placement plan").click()
    fill_date(page, "agreed", began)
    continue_and_save(page)
    assert met(page, "T-PLACEMENT-PLAN") == "Met"

    # 3. An IRO appointed, then the first review, held today with Ruby speaking for herself.
    page.get_by_role("link", name="Appoint an IRO").click()
    page.get_by_label("Who is the child's IRO?").select_option(label="Indira Reviewer")
    fill_date(page, "appointed", began)
    continue_and_save(page)
    assert met(page, "T-IRO-ALLOCATE") == "Met"
    page.get_by_role("link", name="Record a looked-after review").click()
    fill_date(page, "date", today)
    page.get_by_label("Who chaired the review?").select_option(label="Indira Reviewer")
    page.get_by_label("PN1: Child physically attends and speaks for themselves").check()
    no_serious_axe_violations(page)
    screenshot(page, "review")
    continue_and_save(page)
    assert met(page, "T-LAC-REVIEW-1") == "Met"
    assert "Indira Reviewer" in page.locator("#care-reviews + div table").inner_text()
    no_serious_axe_violations(page)
    screenshot(page, "page")

    # 4. Ruby goes missing, comes back, and is offered a return home interview in 72 hours.
    page.get_by_role("link", name="Record a missing episode").click()
    page.get_by_label("Missing", exact=True).check()
    fill_date(page, "start", today - dt.timedelta(days=3))
    fill_date(page, "end", today - dt.timedelta(days=2))
    continue_and_save(page)
    row = page.locator("#care-missing + div table tbody tr").first
    assert "Not offered" in row.inner_text()
    row.get_by_role("link", name=re.compile("Record the return interview")).click()
    page.locator("#id_offered_day").fill(str(today.day))
    page.locator("#id_offered_month").fill(str(today.month))
    page.locator("#id_offered_year").fill(str(today.year))
    page.get_by_label("Yes").check()
    no_serious_axe_violations(page)
    screenshot(page, "return-interview")
    continue_and_save(page)
    assert met(page, "T-RHI") == "Met"
    episode = MissingEpisode.objects.get(child=ruby)
    assert (episode.return_interview_offered_on, episode.return_interview_accepted) == (
        today,
        True,
    )

    # The chronology shows every step at once.
    page.get_by_role("link", name="Chronology").click()
    timeline = page.locator("main").inner_text()
    for title in (
        "Started to be looked after",
        "Care plan agreed",
        "Placement plan agreed",
        "Independent reviewing officer appointed",
        "Looked-after review",
        "Return home interview offered",
    ):
        assert title in timeline, title
    context.close()


def test_a_change_of_placement_ends_the_episode_and_starts_the_next_in_the_browser(
    browser, live_server, ruby
):
    today = timezone.localdate()
    looked_after_start(
        actor=User.objects.get(username="jbloggs"),
        child=ruby,
        start_date=today - dt.timedelta(days=40),
        legal_status="C1",
        category_of_need="N1",
        placement_type="U6",
        placement_provider="PR1",
        placement_postcode="DM1 1AA",
    )
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/children/{ruby.pk}/care/")
    page.get_by_role("link", name="Record a change of placement").click()
    fill_date(page, "moved", today - dt.timedelta(days=1))
    page.get_by_label("Why did the placement change?").select_option("CREQB")
    page.get_by_label("No").check()
    page.get_by_label("Placement type").select_option("K2")
    page.get_by_label("PR4: Private provision").check()
    page.get_by_label("Ofsted URN of the placement (if it has one)").fill("SC123456")
    page.get_by_label("Postcode of the placement").fill("DM7 7GG")
    no_serious_axe_violations(page)
    screenshot(page, "placement-change")
    continue_and_save(page, "Save the change of placement")
    rows = page.locator("#care-episodes + div table tbody tr")
    assert rows.count() == 2
    assert "Change of placement and carer(s) only" in rows.first.inner_text()
    # The new placement needs its own plan within 5 working days.
    assert page.locator("#care-clocks + div table tr[data-rule='T-PLACEMENT-PLAN']").count() >= 1
    assert page.get_by_role("link", name="Record the placement plan").is_visible()
    no_serious_axe_violations(page)
    episodes = LookedAfterEpisode.objects.filter(child=ruby).order_by("start_date")
    assert [(e.reason_new_episode, e.reason_ceased) for e in episodes] == [("S", "X1"), ("P", "")]
    context.close()
