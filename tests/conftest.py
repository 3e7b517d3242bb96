"""Fixtures shared by the whole suite. Each area keeps its own fixtures in its folder's conftest."""

import pytest


@pytest.fixture(autouse=True)
def _sign_in_without_a_phone(settings):
    """Sign test users in with a password alone, as in the demo.

    Production defaults to two-factor sign-in (``SIGHTLINE_REQUIRE_2FA``); the tests of that
    step, the URL matrix and the security settings turn it back on themselves.
    """
    settings.SIGHTLINE_REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _audit_key_and_anchors_of_the_test(settings, tmp_path):
    """A fixed audit key, and an anchor file of the test's own (never the developer's var/).

    Anchors name a database's chain; one left over from another run would not match this one.
    """
    settings.SIGHTLINE_AUDIT_KEY = "test-audit-key-0123456789abcdef0123456789abcdef"
    settings.SIGHTLINE_AUDIT_ANCHOR_FILE = str(tmp_path / "audit-anchors.jsonl")
    settings.SIGHTLINE_DOCUMENT_DIR = tmp_path / "documents"
