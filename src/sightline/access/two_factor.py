"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238), on top of django-otp.

A user enrols once (scans a QR code or types the secret, then proves it with a code); after
every password sign-in they give a current code before reaching anything else
(`TwoFactorRequiredMiddleware`). Each step is audited.
"""

from __future__ import annotations

import base64

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from sightline.access.models import AuditAction
from sightline.access.services import audit_event_record

DEVICE_NAME = "Authenticator app"


def two_factor_enrolled(user) -> bool:
    """True when the user has a confirmed authenticator."""
    return user_has_device(user, confirmed=True)


def two_factor_device_pending(*, user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled, created on first call.

    Never called for a user who already has a confirmed device: anyone holding only the password
    could otherwise enrol their own phone. Replacing a lost phone is an administrator's job.
    """
    if two_factor_enrolled(user):
        raise PermissionError("This user already has an authenticator; an administrator resets it")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_secret_display(device: TOTPDevice) -> str:
    """The secret as authenticator apps ask for it: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// URI as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def two_factor_enrol_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    """Confirm the pending authenticator with a first code; signs the session in as verified."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        raise PermissionError("Not this user's pending authenticator")
    if not device.verify_token(token.strip()):
        audit_event_record(actor=user, action=AuditAction.TWO_FACTOR_FAILED, request=request)
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit_event_record(
        actor=user, action=AuditAction.TWO_FACTOR_ENROLLED, obj=device, request=request
    )
    return True


def two_factor_verify(*, request, token: str) -> bool:
    """Check a code against the user's authenticator; on success the session is verified.

    django-otp throttles repeated wrong codes on the device itself (growing delays), which is
    what stops guessing here; the password lock-out does not cover this step.
    """
    user = request.user
    token = token.strip()
    # Committed whatever the outcome, so that the device's throttling counter is kept.
    with transaction.atomic():
        devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        verified = next((device for device in devices if device.verify_token(token)), None)
        if verified is None:
            audit_event_record(actor=user, action=AuditAction.TWO_FACTOR_FAILED, request=request)
            return False
        otp_login(request, verified)
        audit_event_record(
            actor=user, action=AuditAction.TWO_FACTOR_VERIFIED, obj=verified, request=request
        )
    return True
