"""The idle-timeout warning in Chromium: warns, keeps the session alive, and keeps typed work.

The server's idle timeout is shortened for each test (the live server shares these settings),
so the page shell renders a short timeout and the session really ends.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import PASSWORD, user_make

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing", pytrace=False)
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        page = browser.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on(
            "console",
            lambda message: message.type == "error" and page.errors.append(message.text),
        )
        try:
            yield page
        finally:
            browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def sign_in(page, live_server, username="worker"):
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


@pytest.fixture
def signed_in(page, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user_make("worker", "SOCIAL_WORKER")
    page.goto(live_server.url + reverse("login"))
    sign_in(page, live_server)
    page.wait_for_url(live_server.url + reverse("home"))
    return page


def test_warning_appears_before_expiry_and_stay_signed_in_keeps_the_session(
    signed_in, live_server, settings
):
    page = signed_in
    settings.SESSION_COOKIE_AGE = 125
    page.goto(live_server.url + reverse("home"))
    dialog = page.locator("dialog.sl-timeout-dialog")
    dialog.wait_for(state="visible", timeout=15_000)
    assert "You are about to be signed out" in dialog.inner_text()
    with page.expect_response(lambda response: "keep-alive" in response.url) as answer:
        page.click("[data-sl-stay]")
    assert answer.value.status == 200
    dialog.wait_for(state="hidden")
    assert page.errors == []


def test_typed_work_is_kept_through_expiry_and_put_back_after_signing_in(
    signed_in, live_server, settings
):
    page = signed_in
    settings.SESSION_COOKIE_AGE = 4
    search = live_server.url + reverse("child-search")
    page.goto(search)
    # The warning is already up (4 seconds is inside its 2 minutes) and makes the page inert,
    # so the typing is done as the browser would have kept it.
    page.evaluate("document.getElementById('id_q').value = 'Smith 3/3/2015'")
    page.wait_for_url("**/login/?next=*", timeout=15_000)
    settings.SESSION_COOKIE_AGE = 30 * 60
    sign_in(page, live_server)
    page.wait_for_url(search)
    page.locator("#sl-draft-restored-title").wait_for()
    assert page.input_value("#id_q") == "Smith 3/3/2015"
    assert page.errors == []


DRAFT_KEYS = "Object.keys(window.sessionStorage).filter(k => k.indexOf('sightline:draft:') === 0)"


def test_row_15_typed_work_is_put_back_only_for_the_user_who_typed_it(
    signed_in, live_server, settings
):
    """Issue 11 row 15: the draft keeper restored one user's child-search text for the next
    user to sign in at the same tab. Now the next user gets none of it, and it waits, kept,
    for the user who typed it."""
    page = signed_in
    user_make("other", "SOCIAL_WORKER")
    settings.SESSION_COOKIE_AGE = 4
    search = live_server.url + reverse("child-search")
    page.goto(search)
    page.evaluate("document.getElementById('id_q').value = 'Smith 3/3/2015'")
    page.wait_for_url("**/login/?next=*", timeout=15_000)
    settings.SESSION_COOKIE_AGE = 30 * 60

    # Someone else signs in at the same tab and lands on the same page.
    sign_in(page, live_server, "other")
    page.wait_for_url(search)
    page.wait_for_load_state("load")
    assert page.input_value("#id_q") == ""
    assert page.locator("#sl-draft-restored-title").count() == 0
    assert len(page.evaluate(DRAFT_KEYS)) == 1  # the first user's draft, kept

    # They sign out; the first user signs in again and gets back what they typed.
    page.locator('form[action$="/logout/"] button').click()
    page.wait_for_url("**/login/**")
    page.goto(live_server.url + reverse("login") + "?next=" + reverse("child-search"))
    sign_in(page, live_server, "worker")
    page.wait_for_url(search)
    page.locator("#sl-draft-restored-title").wait_for()
    assert page.input_value("#id_q") == "Smith 3/3/2015"
    assert page.evaluate(DRAFT_KEYS) == []
    assert page.errors == []
