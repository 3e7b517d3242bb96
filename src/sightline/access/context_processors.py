"""Values the page shell needs for sign-in and the idle-timeout warning."""

from django.conf import settings
from django.urls import reverse


def trust(request):
    """Whether two-factor sign-in is on, and what the timeout warning needs to run."""
    return {
        "two_factor_required": settings.SIGHTLINE_REQUIRE_2FA,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_keep_alive_url": reverse("access:session_keep_alive"),
    }
