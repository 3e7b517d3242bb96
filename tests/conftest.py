"""Fixtures shared by the whole suite. Each area keeps its own fixtures in its folder's conftest."""

import pytest


@pytest.fixture(autouse=True)
def _sign_in_without_a_phone(settings):
    """Sign test users in with a password alone, as in the demo.

    Production defaults to two-factor sign-in (``SIGHTLINE_REQUIRE_2FA``); the tests of that
    step, the URL matrix and the security settings turn it back on themselves.
    """
    settings.SIGHTLINE_REQUIRE_2FA = False
