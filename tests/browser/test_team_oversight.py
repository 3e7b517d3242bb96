"""A team manager acknowledges drift findings with actions and reallocates a leaving worker's
caseload, in Chromium; axe-core finds no serious or critical problem on the pages."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from sightline.casework.models import ChildProtectionPlan, Referral
from sightline.oversight.findings.sync import findings_sync
from sightline.oversight.models import Finding
from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _user(username, first, last, role, team):
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first,
        last_name=last,
        role=role,
        team=team,
    )


@pytest.fixture
def team(settings):
    """Two children on plans with no visit since they began, both with Lee Leaving."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Child Protection East", kind="CP_CIN", service=service)
    team.manager = _user("mmanager", "Mo", "Manager", "TEAM_MANAGER", team)
    team.save()
    leaving = _user("lleaving", "Lee", "Leaving", "SOCIAL_WORKER", team)
    _user("rreceiver", "Ray", "Receiver", "SOCIAL_WORKER", team)
    today = timezone.localdate()
    for number, (first, last) in enumerate((("Sam", "Okafor"), ("Ada", "Price"))):
        child = Person.objects.create(
            la_child_id=f"C400{number}",
            first_name=first,
            last_name=last,
            date_of_birth=dt.date(2015, 5, 9),
            sex="F",
        )
        Allocation.objects.create(
            child=child, team=team, worker=leaving, start_date=today - dt.timedelta(days=90)
        )
        referral = Referral.objects.create(
            child=child, referral_date=today - dt.timedelta(days=80), source="2A"
        )
        ChildProtectionPlan.objects.create(
            child=child,
            referral=referral,
            start_date=today - dt.timedelta(days=60),
            initial_category="NEG",
            latest_category="NEG",
        )
    findings_sync(as_at=today)
    return team


@pytest.fixture
def page(browser):
    """As the suite's page, with the CSP bypassed so axe-core can be injected (the pages
    themselves run under it: no inline script of theirs is needed)."""
    from tests.browser.conftest import PageProblems

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.problems = PageProblems()
    page.problems.watch(page)
    try:
        yield page
    finally:
        context.close()


def screenshot(page, name: str) -> None:
    if directory := os.environ.get("SIGHTLINE_SCREENSHOT_DIR"):
        page.screenshot(path=f"{directory}/{name}.png", full_page=True)
        width = page.viewport_size["width"]
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=f"{directory}/{name}-phone.png", full_page=True)
        page.set_viewport_size({"width": width, "height": 900})


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']}: {v['help']} {[n['html'][:120] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_team_manager_acknowledges_findings_and_reallocates_a_leaving_workers_caseload(
    live_server, page, team
):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("mmanager")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Oversight", exact=True
    ).click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/$"))
    assert page.get_by_role("heading", name="Sam Okafor").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "oversight-team")

    finding = Finding.objects.get(child__la_child_id="C4000", rule_id="D-VISIT")
    page.get_by_role("link", name="Acknowledge no visit within standard for Sam Okafor").click()
    page.wait_for_url(re.compile(rf"/oversight/findings/{finding.pk}/acknowledge/$"))
    page.get_by_role("button", name="Acknowledge").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_role("link", name="Select whether an action is needed").is_visible()
    assert serious_violations(page) == []
    page.get_by_label("An action is needed").check()
    page.get_by_label("Action", exact=True).fill("Ray to visit Sam at school and see her alone.")
    page.get_by_label("Who will do it?").select_option(label="Ray Receiver")
    due = timezone.localdate() + dt.timedelta(days=2)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    screenshot(page, "oversight-acknowledge")
    page.get_by_role("button", name="Acknowledge").click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/$"))
    assert page.get_by_text("acknowledged. It is on the child's chronology").is_visible()
    finding.refresh_from_db()
    assert (finding.status, finding.action_owner.username, finding.action_due) == (
        "acknowledged",
        "rreceiver",
        due,
    )

    page.get_by_role("link", name="Reallocate a worker's caseload").click()
    page.get_by_label("Lee Leaving (2 children)").check()
    page.get_by_role("button", name="Continue").click()
    for child in ("Sam Okafor", "Ada Price"):
        page.get_by_label(f"Who will receive {child}?").select_option(
            label="Ray Receiver – 0 children, weighted 0"
        )
    page.get_by_label("The worker is leaving").check()
    assert serious_violations(page) == []
    screenshot(page, "oversight-reallocate")
    page.get_by_role("button", name="Check the new caseloads").click()
    assert page.get_by_role(
        "heading", name=re.compile(r"Ray Receiver: 0 → 2 children")
    ).is_visible()
    assert serious_violations(page) == []
    screenshot(page, "oversight-reallocate-check")
    page.get_by_role("button", name="Confirm reallocation").click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/$"))
    assert page.get_by_text("2 children moved from Lee Leaving").is_visible()
    open_now = Allocation.objects.filter(end_date__isnull=True).values_list(
        "worker__username", flat=True
    )
    assert list(open_now) == ["rreceiver", "rreceiver"]
    assert Allocation.objects.filter(worker__username="lleaving").count() == 2  # history kept
    screenshot(page, "oversight-team-after")
    assert page.problems.console_errors == []


def test_a_team_manager_allocates_from_the_queue_and_records_supervision(live_server, page, team):
    today = timezone.localdate()
    waiting = Person.objects.create(
        la_child_id="C4009",
        first_name="Kit",
        last_name="Waiting",
        date_of_birth=dt.date(2016, 2, 1),
        sex="M",
    )
    Allocation.objects.create(
        child=waiting, team=team, worker=None, start_date=today - dt.timedelta(days=7)
    )
    User.objects.filter(username="lleaving").update(started_on=today - dt.timedelta(days=60))
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("mmanager")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Oversight", exact=True
    ).click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/$"))

    page.get_by_role("link", name="Allocate Kit Waiting").click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/children/{waiting.pk}/allocate/$"))
    assert page.get_by_text("A child should have a named worker within 1 working day").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "oversight-allocate")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("link", name="Select the worker the child is allocated to").is_visible()
    page.get_by_label("Ray Receiver – 0 children, weighted 0").check()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("0 → 1 children").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "oversight-allocate-check")
    page.get_by_role("button", name="Confirm allocation").click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/$"))
    assert page.get_by_text("Kit Waiting is allocated to Ray Receiver from today").is_visible()
    assert Allocation.objects.get(child=waiting, end_date__isnull=True).worker.username == (
        "rreceiver"
    )

    page.get_by_role("link", name="The team's supervision schedule").click()
    page.wait_for_url(re.compile(rf"/oversight/teams/{team.pk}/supervision/$"))
    assert serious_violations(page) == []
    screenshot(page, "oversight-supervision-schedule")
    page.get_by_role("link", name="Record supervision of Lee Leaving").click()
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("link", name="Enter the date of the supervision").is_visible()
    assert serious_violations(page) == []
    page.locator("#id_date_day").fill(str(today.day))
    page.locator("#id_date_month").fill(str(today.month))
    page.locator("#id_date_year").fill(str(today.year))
    page.get_by_label("Sam Okafor (C4000)").check()
    page.get_by_label("Notes of the supervision").fill("Sam's plan: visits to resume weekly.")
    page.locator("#id_action_1").fill("Visit Sam and see her alone")
    page.locator("#id_action_1_child").select_option(label="Sam Okafor")
    page.locator("#id_action_1_owner").select_option(label="Lee Leaving")
    due = today + dt.timedelta(days=5)
    page.locator("#id_action_1_due_day").fill(str(due.day))
    page.locator("#id_action_1_due_month").fill(str(due.month))
    page.locator("#id_action_1_due_year").fill(str(due.year))
    screenshot(page, "oversight-supervision-form")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Check the supervision before saving it").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "oversight-supervision-check")
    page.get_by_role("button", name="Save the supervision").click()
    page.wait_for_url(re.compile(r"/workers/\d+/supervision/$"))
    assert page.get_by_text("Supervision of Lee Leaving on").is_visible()
    assert page.get_by_text("Visit Sam and see her alone").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "oversight-supervision-history")
    from sightline.workforce.models import Supervision

    supervision = Supervision.objects.get()
    assert supervision.supervisor.username == "mmanager"
    assert [c.la_child_id for c in supervision.children_discussed.all()] == ["C4000"]
    assert supervision.actions.get().owner.username == "lleaving"

    # Management oversight on Sam's record, through the recording screen.
    page.get_by_role("link", name="Sam Okafor").click()
    page.get_by_role("link", name="Record management oversight").click()
    page.get_by_label("Plan oversight").check()
    page.get_by_label("Your oversight").fill("Read the plan: visits lapsed after the move.")
    page.get_by_label("What must happen next").fill("Lee to visit weekly until the review.")
    assert serious_violations(page) == []
    screenshot(page, "oversight-entry-form")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Save the oversight").click()
    assert page.get_by_text("Plan oversight recorded on Sam Okafor's record").is_visible()

    # Lee asked to close Ada's case; the manager approves it from the team's page.
    from sightline.oversight.models import Approval

    ada = Person.objects.get(la_child_id="C4001")
    page.goto(live_server.url + f"/children/{ada.pk}/closure/")
    page.get_by_label("Step down to early help").check()
    page.get_by_label("Why is the case closing?").select_option("RC9")
    page.get_by_label("Why is this the right decision").fill("Needs met.")
    assert serious_violations(page) == []
    screenshot(page, "oversight-closure-request")
    Approval.objects.create(
        child=ada,
        referral=Referral.objects.get(child=ada),
        kind="step_down",
        closure_date=today,
        closure_reason="RC9",
        rationale="Needs met; school-based early help agreed with the family.",
        requested_by=User.objects.get(username="lleaving"),
        requested_at=timezone.now(),
    )
    page.goto(live_server.url + f"/oversight/teams/{team.pk}/")
    page.get_by_role("link", name="Step down to early help: Ada Price").click()
    page.get_by_role("button", name="Record the decision").click()
    assert page.get_by_role("link", name="Select whether you approve the decision").is_visible()
    page.get_by_label("Yes, approve it").check()
    page.get_by_label("Your reason").fill("Agreed: the plan's aims are met.")
    assert serious_violations(page) == []
    screenshot(page, "oversight-approval-decide")
    page.get_by_role("button", name="Record the decision").click()
    assert page.get_by_text("Step down to early help for Ada Price: approved").is_visible()
    assert Referral.objects.get(child=ada).closure_reason == "RC9"
    assert page.problems.console_errors == []
