"""Values the page shell needs for sign-in and the idle-timeout warning."""

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac


def draft_owner(user) -> str:
    """An opaque, stable name for the signed-in user, for the browser's keys of their drafts.

    The idle-timeout warning keeps what was typed in the tab's storage under this name, so that
    it is put back only for the user who typed it (issue 11 row 15), not for the next user to
    sign in at the same browser tab. Keyed with SECRET_KEY: the page carries no user id, and
    nobody can work out another user's name from their own.
    """
    if not getattr(user, "is_authenticated", False):
        return ""
    return salted_hmac("sightline.access.draft-owner", str(user.pk)).hexdigest()[:24]


def trust(request):
    """Whether two-factor sign-in is on, and what the timeout warning needs to run."""
    return {
        "two_factor_required": settings.SIGHTLINE_REQUIRE_2FA,
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_keep_alive_url": reverse("access:session_keep_alive"),
        "session_draft_owner": draft_owner(getattr(request, "user", None)),
    }
