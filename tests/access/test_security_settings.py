"""Response headers and production settings: CSP, HSTS, secure cookies, `check --deploy`."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import reverse

import sightline.settings

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "SIGHTLINE_SECRET_KEY": secrets.token_urlsafe(64),
    "SIGHTLINE_HTTPS": "true",
    "SIGHTLINE_DEBUG": "false",
    "SIGHTLINE_DEMO": "false",
    "SIGHTLINE_ALLOWED_HOSTS": "sightline.example.gov.uk",
}

# The settings that `check --deploy` looks at, taken from the settings module itself.
DEPLOY_SETTINGS = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "MIDDLEWARE",
    "SIGHTLINE_REQUIRE_2FA",
]


@pytest.fixture
def production_settings(monkeypatch):
    """The settings module evaluated afresh under a production-like environment."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    module = runpy.run_path(sightline.settings.__file__)
    return {name: module[name] for name in DEPLOY_SETTINGS if name in module}


def csp_directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


def test_page_response_carries_a_csp_without_unsafe_inline(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    directives = csp_directives(response)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["font-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"


def test_signed_in_page_carries_the_csp_too(client, council):
    client.force_login(council.users["worker"])
    response = client.get(reverse("home"))
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_production_settings_turn_on_hsts_https_redirect_secure_cookies_and_2fa(
    production_settings,
):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SIGHTLINE_REQUIRE_2FA"] is True


def test_https_response_carries_hsts(client, production_settings):
    with override_settings(
        SECURE_HSTS_SECONDS=production_settings["SECURE_HSTS_SECONDS"],
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
    ):
        response = client.get(reverse("login"), secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_deploy_checks_report_nothing_under_production_settings(production_settings):
    """`check --deploy` with warnings as failures raises on any warning at all."""
    with override_settings(**production_settings):
        call_command("check", deploy=True, fail_level="WARNING")


def test_deploy_check_command_is_clean_in_a_production_environment(tmp_path):
    """The real command, as an operator runs it, with nothing overridden."""
    env = {**os.environ, **PRODUCTION_ENV, "SIGHTLINE_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "sightline", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_refuses_the_public_demo_secret_key(production_settings):
    """Issue 11 row 16: the public default SECRET_KEY fails check --deploy."""
    public = sightline.settings.PUBLIC_DEMO_SECRET_KEY
    with (
        override_settings(**(production_settings | {"SECRET_KEY": public})),
        pytest.raises(SystemCheckError, match="sightline.access.E001"),
    ):
        call_command("check", deploy=True, fail_level="WARNING")
