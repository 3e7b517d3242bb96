"""Every page a user can reach, checked in Chromium: axe-core finds no serious or critical
violation, and no page is wider than a 375 px phone screen.

For each of the main roles on a small seeded council, the test follows every link in the page
(service navigation, record navigation, worklists, actions) from the home page, breadth first,
and checks one page of each URL pattern it reaches: so a page added later is checked as soon as
anything links to it.
"""

from __future__ import annotations

import os
from collections import deque
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from sightline.demo.council import seed_council
from sightline.demo.logins import DEMO_PASSWORD
from sightline.performance.figures import figures_forget

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # What a page looks like does not depend on the database: checked once, on SQLite.
    pytest.mark.skipif(
        bool(os.environ.get("SIGHTLINE_DATABASE_URL")), reason="pages are checked on SQLite"
    ),
]

AS_AT = date(2026, 3, 31)
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = ("social_worker", "team_manager", "director")
CASE_HOLDERS = {"social_worker"}
# Not pages: files, sign-out, and pages that write when opened are never followed.
SKIP = {"logout", "document-download", "performance:pack", "access:two_factor_enrol"}
MOST_PATTERNS = 60


@pytest.fixture
def council(settings):
    settings.SIGHTLINE_REQUIRE_2FA = False
    settings.SIGHTLINE_CHILD_POPULATION = 1200
    figures_forget()
    seed_council(population=1200, years=2, seed=5, as_at=AS_AT, la_code="999")
    yield
    figures_forget()


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    return None if name in SKIP or (match.namespace or "").startswith("admin") else name


# The innermost elements that stick out past the screen's right edge, to say what to fix.
_WIDEST = """() => {
  const clipped = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  return [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > 376 && !clipped(e) && ![...e.children].some(
      c => c.getBoundingClientRect().right > 376 && !clipped(c)))
    .slice(0, 3).map(e => e.outerHTML.slice(0, 200));
}"""


_SETTLED_WIDTH = """async () => {
  for (let i = 0; i < 4; i++) await new Promise(r => requestAnimationFrame(r));
  return document.documentElement.scrollWidth;
}"""


def _problems(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run()).violations")
    problems = [
        f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:2]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]
    page.set_viewport_size({"width": 375, "height": 800})
    # Measured once the page has laid itself out again (charts resize on the next frames).
    width = page.evaluate(_SETTLED_WIDTH)
    wide = page.evaluate(_WIDEST) if width > 375 else []
    if width > 375 and (folder := os.environ.get("SIGHTLINE_SCREENSHOT_DIR")):
        page.screenshot(path=f"{folder}/too-wide-{abs(hash(page.url))}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    if width > 375:
        problems.append(f"{width} px wide at 375 px, because of {wide}")
    return problems


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(a => a.href)")
    return [h.split("#")[0] for h in hrefs if h.startswith(origin)]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_is_accessible_and_fits_a_phone(
    live_server, browser, council, role
):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(f"demo.{role}")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")

    seen: dict[str, str] = {}
    failures: dict[str, list[str]] = {}
    queue = deque([live_server.url + "/"])
    while queue and len(seen) < MOST_PATTERNS:
        url = queue.popleft()
        pattern = _pattern(urlsplit(url).path)
        if pattern is None or pattern in seen:
            continue
        response = page.goto(url)
        seen[pattern] = url
        if response is None or response.status >= 400:
            failures[pattern] = [f"{url} answered {response.status if response else 'nothing'}"]
            continue
        if problems := _problems(page):
            failures[f"{pattern} {url}"] = problems
        queue.extend(_links(page, live_server.url))
    context.close()

    assert script_errors == []
    assert failures == {}
    # The crawl went beyond the home page: to the record's pages for a case holder.
    reached = {"home", "child-summary", "child-chronology"} if role in CASE_HOLDERS else {"home"}
    assert reached <= set(seen) and len(seen) >= 6, sorted(seen)
