"""Audit of sign-in, sign-out, failed sign-in and lock-out.

Django's authentication views and django-axes report these only through signals, so this is
the one place where the access app listens to signals rather than being called.
"""

import time

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sightline.access.middleware import SIGNED_IN_AT_SESSION_KEY
from sightline.access.models import AuditAction
from sightline.access.services import audit_event_record

_USERNAME_MAX = 150


@receiver(user_logged_in, dispatch_uid="sightline.access.audit_login")
def _audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_SESSION_KEY] = int(time.time())
    audit_event_record(actor=user, action=AuditAction.LOGIN, request=request)


@receiver(user_logged_out, dispatch_uid="sightline.access.audit_logout")
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_event_record(actor=user, action=AuditAction.LOGOUT, request=request)


def _username_detail(typed) -> dict:
    """The account a failed sign-in was for, if the name typed is an account's; else no text.

    IG needs to see attacks on an account, so an existing username is kept; anything else
    typed in the username box may be a password typed in the wrong place, and the audit is
    permanent, so it is not kept.
    """
    username = str(typed or "")[:_USERNAME_MAX]
    if username and get_user_model().objects.filter(username=username).exists():
        return {"username": username}
    return {"username": "", "unknown_username": True}


@receiver(user_login_failed, dispatch_uid="sightline.access.audit_login_failed")
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`.
    audit_event_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        detail=_username_detail(credentials.get("username")),
        request=request,
    )


@receiver(user_locked_out, dispatch_uid="sightline.access.audit_locked_out")
def _audit_locked_out(sender, request, username, ip_address, **kwargs):
    audit_event_record(
        actor=None,
        action=AuditAction.LOCKED_OUT,
        detail=_username_detail(username),
        request=request,
    )
