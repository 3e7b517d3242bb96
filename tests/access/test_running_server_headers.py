"""Security headers and cookie flags as a real running server sends them, read over HTTP.

The requests go to pytest-django's live server (a threaded WSGI server on a local port) with
`http.client`, not Django's test client, so what is checked is what a browser receives: every
header and every `Set-Cookie` line as written on the wire.

Production settings are put on for these tests: HTTPS on (redirect, HSTS, secure cookies) behind
a proxy that terminates TLS and says so in `X-Forwarded-Proto`. The server is plain HTTP, so
each request carries `X-Forwarded-Proto: https`, as the proxy would add, except the one that
checks that a plain-HTTP request is sent to HTTPS. The live server builds its middleware once,
when it starts, and `SecurityMiddleware` reads the HSTS and redirect settings then; so the
middleware is rebuilt under the production settings, and again afterwards.
"""

from __future__ import annotations

import datetime as dt
import http.client
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import override_settings

from sightline.people.models import Person
from sightline.workforce.models import Allocation, Service, Team, User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
HSTS_SECONDS = 365 * 24 * 60 * 60
PRODUCTION = {
    "DEBUG": False,
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_HSTS_SECONDS": HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "SIGHTLINE_REQUIRE_2FA": False,
}


def _rebuild_middleware(live_server) -> None:
    """Rebuild the middleware of each handler the live server nests (static, media, Django)."""
    handler = live_server.thread.httpd.get_app()
    while handler is not None:
        handler.load_middleware()
        handler = getattr(handler, "application", None)


@pytest.fixture
def production_server(live_server):
    """The live server, running under production security settings for this test only."""
    with override_settings(**PRODUCTION):
        _rebuild_middleware(live_server)
        yield live_server
    _rebuild_middleware(live_server)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def cookies(self) -> dict[str, str]:
        """Each cookie set, by name, as its whole `Set-Cookie` line."""
        lines = self.headers.get_all("Set-Cookie") or []
        return {line.split("=", 1)[0].strip(): line for line in lines}


class Browser:
    """Just enough of a browser: keeps cookies, sends what the proxy in front would add."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.jar = SimpleCookie()

    def request(self, method: str, path: str, form: dict | None = None, *, https=True) -> Answer:
        headers = {"Host": f"{self.host}:{self.port}"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
            # A browser posting a form sends its origin; Django checks it on HTTPS.
            headers["Origin"] = f"https://{self.host}:{self.port}"
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.jar.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.msg, response.read().decode())
        finally:
            connection.close()
        for line in answer.headers.get_all("Set-Cookie") or []:
            self.jar.load(line)
        return answer

    def sign_in(self, username: str) -> Answer:
        self.request("GET", "/login/")
        token = self.jar["csrftoken"].value
        return self.request(
            "POST",
            "/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )


@pytest.fixture
def child(db):
    """Alex Smith, allocated to the social worker `jbloggs`."""
    service = Service.objects.create(name="Safeguarding")
    team = Team.objects.create(name="Assessment Team North", kind="ASSESSMENT", service=service)
    worker = User.objects.create_user(
        username="jbloggs", password=PASSWORD, role="SOCIAL_WORKER", team=team
    )
    alex = Person.objects.create(
        la_child_id="C1001",
        first_name="Alex",
        last_name="Smith",
        date_of_birth=dt.date(2015, 3, 3),
        sex="M",
    )
    Allocation.objects.create(child=alex, team=team, worker=worker, start_date=dt.date(2024, 1, 8))
    return alex


def _directives(policy: str) -> dict[str, str]:
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


def test_a_page_carries_a_csp_without_inline_code_that_no_site_may_frame(production_server):
    answer = Browser(production_server.url).request("GET", "/login/")

    assert answer.status == 200
    policy = answer.header("Content-Security-Policy")
    assert policy, "no Content-Security-Policy header"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    directives = _directives(policy)
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"


def test_a_page_forbids_framing_sniffing_and_cross_site_referrers(production_server):
    answer = Browser(production_server.url).request("GET", "/login/")

    assert answer.header("X-Frame-Options") == "DENY"
    assert answer.header("X-Content-Type-Options") == "nosniff"
    assert answer.header("Referrer-Policy") == "same-origin"


def test_an_https_page_carries_hsts_for_a_year_with_subdomains(production_server):
    answer = Browser(production_server.url).request("GET", "/login/")

    hsts = [part.strip() for part in answer.header("Strict-Transport-Security").split(";")]
    assert f"max-age={HSTS_SECONDS}" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts


def test_a_plain_http_request_is_sent_to_https(production_server):
    answer = Browser(production_server.url).request("GET", "/login/", https=False)

    assert answer.status == 301
    assert answer.header("Location").startswith("https://")
    assert not answer.header("Strict-Transport-Security"), "HSTS is only sent over HTTPS"


def test_the_csrf_cookie_is_secure_and_same_site(production_server):
    answer = Browser(production_server.url).request("GET", "/login/")

    cookie = answer.cookies["csrftoken"]
    flags = [flag.strip().lower() for flag in cookie.split(";")[1:]]
    assert "secure" in flags
    assert "samesite=lax" in flags


def test_the_session_cookie_is_secure_http_only_and_same_site(production_server, child):
    answer = Browser(production_server.url).sign_in("jbloggs")

    assert answer.status == 302, answer.body[:500]
    flags = [flag.strip().lower() for flag in answer.cookies["sessionid"].split(";")[1:]]
    assert "secure" in flags
    assert "httponly" in flags
    assert "samesite=lax" in flags
    # A new CSRF secret at sign-in, set with the same flags.
    assert "secure" in answer.cookies["csrftoken"].lower()


def test_a_childs_record_is_never_stored_by_a_browser_or_proxy(production_server, child):
    browser = Browser(production_server.url)
    browser.sign_in("jbloggs")

    answer = browser.request("GET", f"/children/{child.pk}/")

    assert answer.status == 200
    assert "Alex Smith" in answer.body
    cache = [part.strip() for part in answer.header("Cache-Control").split(",")]
    assert "no-store" in cache
    assert "private" in cache
    assert "frame-ancestors 'none'" in answer.header("Content-Security-Policy")
    assert answer.header("Strict-Transport-Security")


def test_the_record_address_carries_no_personal_data(production_server, child):
    browser = Browser(production_server.url)
    browser.sign_in("jbloggs")

    answer = browser.request("GET", "/")

    assert f'href="/children/{child.pk}/"' in answer.body
    for value in ("Alex", "Smith", "C1001"):
        assert f"/children/{value}" not in answer.body
