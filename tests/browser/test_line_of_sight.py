"""A director drills from a red indicator to a child, in Chromium; axe-core checks every
performance page. Set SIGHTLINE_SCREENSHOTS=DIR to keep a screenshot of each page at desktop
and phone widths."""

import os
import re
from datetime import date
from pathlib import Path

import pytest

from sightline.demo.council import seed_council
from sightline.demo.decline import DECLINING_SERVICE_AREA
from sightline.demo.logins import DEMO_PASSWORD
from sightline.performance.figures import figures_for, figures_forget
from sightline.standards.indicators import indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AS_AT = date(2026, 3, 31)
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def council(settings):
    settings.SIGHTLINE_REQUIRE_2FA = False
    settings.SIGHTLINE_CHILD_POPULATION = 1500
    figures_forget()
    seed_council(population=1500, years=2, seed=11, as_at=AS_AT, la_code="999")
    yield AS_AT
    figures_forget()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def look(page, name: str) -> None:
    """Check the page with axe-core, and keep screenshots when asked to."""
    assert serious_violations(page) == [], name
    folder = os.environ.get("SIGHTLINE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-desktop.png", full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=f"{folder}/{name}-phone.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def page(browser):
    """A page whose context lets axe-core be injected past the CSP (the site's own scripts are
    still served as they are)."""
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


def test_director_drills_from_a_red_indicator_to_a_child(live_server, page, council):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("demo.director")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Performance").click()
    page.goto(live_server.url + f"/performance/?as_at={AS_AT}")
    assert page.get_by_role("heading", level=1).inner_text() == "Scorecard"
    worse = page.get_by_test_id("what-got-worse")
    assert "Off target" in worse.inner_text()
    look(page, "scorecard")

    card = page.locator('li.sl-card[data-indicator="K-SEEN-ALONE"][data-rag="red"]')
    assert "Off target" in card.inner_text()
    card.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == indicator("K-SEEN-ALONE").title
    page.wait_for_function("() => window.Chart && Chart.getChart('trend-chart')")
    look(page, "indicator-council")

    breakdown = page.get_by_test_id("breakdown")
    breakdown.get_by_role("link", name="Safeguarding and Family Support").click()
    assert (
        "Safeguarding and Family Support"
        in page.locator("h1 + *, .govuk-caption-l").first.inner_text()
    )
    look(page, "indicator-service")

    page.get_by_test_id("breakdown").get_by_role(
        "link", name=re.compile(DECLINING_SERVICE_AREA)
    ).click()
    assert DECLINING_SERVICE_AREA in page.locator(".govuk-caption-l").inner_text()
    look(page, "indicator-team")

    # The first worker with any child counted.
    rows = page.get_by_test_id("breakdown").locator("tbody tr")
    worker_link = None
    for n in range(rows.count()):
        cells = rows.nth(n).locator("td")
        if cells.nth(2).inner_text().strip() not in ("", "0", "0 of 0") and not cells.nth(
            2
        ).inner_text().startswith("0 of"):
            worker_link = cells.nth(0).get_by_role("link")
            break
    assert worker_link is not None
    worker_name = worker_link.inner_text()
    worker_link.click()
    assert worker_name in page.locator(".govuk-caption-l").inner_text()
    numerator = int(page.get_by_test_id("numerator").inner_text())
    unit_id = int(re.search(r"unit=(\d+)", page.url)[1])
    look(page, "indicator-worker")

    page.get_by_test_id("numerator-children").click()
    listed = [
        int(i)
        for i in page.locator("tr[data-child-id]").evaluate_all(
            "rows => rows.map(r => r.dataset.childId)"
        )
    ]
    expected = figures_for(AS_AT).result.children("K-SEEN-ALONE", level="worker", unit_id=unit_id)
    assert sorted(listed) == expected.numerator
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == f"Children in the numerator ({len(expected.numerator)})"
    )
    assert len(listed) <= numerator  # children counted once, visits each time
    look(page, "children")

    first = page.locator("tr[data-child-id] a").first
    name = first.inner_text()
    first.click()
    assert name in page.locator("body").inner_text()
    assert re.search(r"/children/\d+/", page.url)

    page.goto(live_server.url + f"/performance/corporate-parenting/?as_at={AS_AT}")
    assert page.get_by_role("heading", level=1).inner_text() == "Corporate parenting"
    look(page, "corporate-parenting")
    assert page.problems.console_errors == [], page.problems.failed_requests
