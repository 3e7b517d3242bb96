"""Sign-in hardening: lock-out, audit of sign-in events, two-factor sign-in, session keep-alive."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sightline.access.models import AuditAction, AuditEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Lock-out -------------------------------------------------------------------------------


def test_four_wrong_passwords_do_not_lock_the_account(client, council, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "worker", "wrong password")
    response = sign_in(client, "worker", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_account_is_locked_after_five_wrong_passwords(client, council, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        sign_in(client, "worker", "wrong password")
    response = sign_in(client, "worker", PASSWORD)
    assert response.status_code == 429
    assert b"Your account is locked" in response.content
    assert b"30 minutes" in response.content
    assert not signed_in(client)


def test_lock_out_is_audited(client, council):
    for _ in range(5):
        sign_in(client, "worker", "wrong password")
    event = AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).get()
    assert event.detail == {"username": "worker"}


def test_failed_sign_in_is_audited_with_the_username_typed(client, council):
    sign_in(client, "worker", "wrong password")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor_id is None
    assert event.detail == {"username": "worker"}
    assert event.client_address == "127.0.0.1"
    assert "wrong password" not in str(event.detail)


def test_sign_in_and_sign_out_are_audited(client, council):
    sign_in(client, "worker", PASSWORD)
    client.post(reverse("logout"))
    actions = list(
        AuditEvent.objects.filter(actor=council.users["worker"]).values_list("action", flat=True)
    )
    assert actions == [AuditAction.LOGIN, AuditAction.LOGOUT]


def test_test_client_login_without_a_request_still_works(client, council):
    assert client.login(username="worker", password=PASSWORD)


# --- Two-factor -----------------------------------------------------------------------------


@pytest.fixture
def two_factor_on(settings):
    settings.SIGHTLINE_REQUIRE_2FA = True


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_with_two_factor_off_a_signed_in_user_goes_straight_in(client, council, settings):
    settings.SIGHTLINE_REQUIRE_2FA = False
    client.force_login(council.users["worker"])
    assert client.get(reverse("home")).status_code == 200


def test_unenrolled_user_is_sent_to_set_up_two_factor(client, council, two_factor_on):
    client.force_login(council.users["worker"])
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("access:two_factor_enrol"))


def test_enrolment_shows_the_secret_and_qr_code_then_verifies_the_session(
    client, council, two_factor_on
):
    client.force_login(council.users["worker"])
    page = client.get(reverse("access:two_factor_enrol"), {"next": reverse("home")})
    assert page.status_code == 200
    assert b"otpauth://totp/" in page.content
    assert b"data:image/svg+xml" in page.content
    device = TOTPDevice.objects.get(user=council.users["worker"], confirmed=False)
    response = client.post(
        reverse("access:two_factor_enrol"), {"token": code_for(device), "next": reverse("home")}
    )
    assert response["Location"] == reverse("home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_ENROLLED).exists()


@pytest.fixture
def enrolled_device(council):
    return TOTPDevice.objects.create(user=council.users["worker"], name="Phone", confirmed=True)


def test_enrolled_user_must_give_a_code_after_the_password(
    client, council, two_factor_on, enrolled_device
):
    client.force_login(council.users["worker"])
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("access:two_factor_verify"))


def test_enrolled_user_cannot_enrol_another_device(client, council, two_factor_on, enrolled_device):
    client.force_login(council.users["worker"])
    response = client.get(reverse("access:two_factor_enrol"))
    assert response["Location"].startswith(reverse("access:two_factor_verify"))
    assert TOTPDevice.objects.filter(user=council.users["worker"]).count() == 1


def test_wrong_code_is_refused_and_audited(client, council, two_factor_on, enrolled_device):
    client.force_login(council.users["worker"])
    right = code_for(enrolled_device)
    wrong = "000000" if right != "000000" else "111111"
    response = client.post(reverse("access:two_factor_verify"), {"token": wrong})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_FAILED).exists()


def test_right_code_lets_the_user_in(client, council, two_factor_on, enrolled_device):
    client.force_login(council.users["worker"])
    response = client.post(
        reverse("access:two_factor_verify"),
        {"token": code_for(enrolled_device), "next": reverse("home")},
    )
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_VERIFIED).exists()


def test_sign_out_is_reachable_before_the_second_factor(
    client, council, two_factor_on, enrolled_device
):
    client.force_login(council.users["worker"])
    client.post(reverse("logout"))
    assert not signed_in(client)


# --- Idle timeout ---------------------------------------------------------------------------


def test_keep_alive_extends_a_signed_in_session(client, council):
    client.force_login(council.users["worker"])
    response = client.post(reverse("access:session_keep_alive"))
    assert response.status_code == 200
    assert response.json()["signed_in"] is True


def test_keep_alive_tells_a_signed_out_browser_to_sign_in(client):
    response = client.post(reverse("access:session_keep_alive"))
    assert response.status_code == 401


def test_keep_alive_refuses_get(client, council):
    client.force_login(council.users["worker"])
    assert client.get(reverse("access:session_keep_alive")).status_code == 405


def test_session_ends_after_thirty_idle_minutes_and_is_renewed_by_each_request(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_a_failed_sign_in_with_an_unknown_username_keeps_no_text(client, council):
    """Issue 11 row 12: an unknown username typed at sign-in is not copied into the audit."""
    # What was typed as a username may be a password typed in the wrong box.
    sign_in(client, "correct horse battery staple", "worker")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.detail == {"username": "", "unknown_username": True}


def test_a_lock_out_of_an_unknown_username_keeps_no_text(client, council):
    """Issue 11 row 12, for a lock-out."""
    for _ in range(5):
        sign_in(client, "Tr0ub4dor&3", "wrong password")
    event = AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).get()
    assert event.detail == {"username": "", "unknown_username": True}
