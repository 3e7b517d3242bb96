"""Middleware of the access app: the absolute session lifetime, the second sign-in step, and the
restricted-record refusal page."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from sightline.access.services import RestrictedRecordRefused
from sightline.access.two_factor import two_factor_enrolled

# Pages a signed-in but not yet verified user must still reach.
_UNVERIFIED_URL_NAMES = {"logout"}


def two_factor_exempt(view):
    """Mark a view as reachable before the second factor (the two-factor pages themselves)."""
    view.two_factor_exempt = True
    return view


SIGNED_IN_AT_SESSION_KEY = "sightline_signed_in_at"


class SessionLifetimeMiddleware:
    """End a session `SIGHTLINE_SESSION_MAX_SECONDS` after sign-in, however active it has been.

    The idle timeout (SESSION_COOKIE_AGE, renewed on every request) ends a session left alone;
    this ends one kept alive for ever, e.g. by a stolen cookie in a script. The sign-in time is
    stamped on the session at sign-in (`receivers`) or, for a session older than this
    middleware, at its first request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SIGNED_IN_AT_SESSION_KEY, now)
            if now - int(started) > settings.SIGHTLINE_SESSION_MAX_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Send a signed-in user who has not given a one-time code to verify (or enrol) first.

    Installed after django-otp's OTPMiddleware (which says whether the session is verified) and
    after LoginRequiredMiddleware (which deals with users not signed in). Off when
    SIGHTLINE_REQUIRE_2FA is false, as in the demo.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.SIGHTLINE_REQUIRE_2FA:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if getattr(view_func, "two_factor_exempt", False):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in _UNVERIFIED_URL_NAMES:
            return None
        step = "two_factor_verify" if two_factor_enrolled(user) else "two_factor_enrol"
        return redirect_to_login(request.get_full_path(), reverse(f"access:{step}"))


class RestrictedRecordMiddleware:
    """Show a refused restricted record as a 403 page that offers break-glass access."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RestrictedRecordRefused):
            return None
        return render(
            request,
            "access/restricted.html",
            {
                "break_glass_url": reverse("access:break_glass", args=[exception.child_pk])
                + "?"
                + urlencode({"next": request.get_full_path()}),
            },
            status=403,
        )
