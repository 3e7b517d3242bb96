"""Issue 11 rows 2, 11 and 13: break-glass gets an independent review, a throttle and a reason
IG can act on; the page survives a bare-word ``next``; sessions end after a fixed lifetime."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from tests.access.conftest import child_make, user_make

from sightline.access.models import AuditAction, AuditEvent, BreakGlassGrant, IGAlert
from sightline.access.services import (
    BREAK_GLASS_MAX_OPENINGS,
    break_glass_open,
    ig_alert_acknowledge,
)

pytestmark = pytest.mark.django_db

REASON = "Child reported missing out of hours; police need the placement address now."


def test_an_ig_officer_cannot_acknowledge_the_alert_of_their_own_break_glass(
    council, allocated_child
):
    ig = council.users["ig"]
    break_glass_open(actor=ig, child=allocated_child, reason=REASON)
    alert = IGAlert.objects.get()
    with pytest.raises(PermissionDenied):
        ig_alert_acknowledge(actor=ig, alert=alert, note="Fine")
    alert.refresh_from_db()
    assert alert.is_open


def test_a_second_ig_officer_reviews_the_first_ones_break_glass(council, allocated_child):
    break_glass_open(actor=council.users["ig"], child=allocated_child, reason=REASON)
    other = user_make("ig2", "IG_OFFICER")
    alert = ig_alert_acknowledge(actor=other, alert=IGAlert.objects.get(), note="Justified")
    assert alert.acknowledged_by == other


@pytest.mark.parametrize(
    "reason",
    [
        "x" * 20,
        "xxxx xxxx xxxx xxxx xxxx",
        "asdf asdf asdf asdf asdf asdf",
        "1234567890 1234567890 12345",
    ],
)
def test_break_glass_refuses_a_reason_that_says_nothing(council, south_child, reason):
    with pytest.raises(ValidationError):
        break_glass_open(actor=council.users["worker"], child=south_child, reason=reason)
    assert not BreakGlassGrant.objects.exists()


def test_break_glass_is_throttled_per_user(council):
    worker = council.users["worker"]
    children = [child_make(f"Probe{n}") for n in range(BREAK_GLASS_MAX_OPENINGS + 1)]
    for child in children[:-1]:
        break_glass_open(actor=worker, child=child, reason=REASON)
    with pytest.raises(ValidationError, match="information governance"):
        break_glass_open(actor=worker, child=children[-1], reason=REASON)
    assert BreakGlassGrant.objects.count() == BREAK_GLASS_MAX_OPENINGS
    # Someone else is not held back by this worker's openings.
    break_glass_open(actor=council.users["colleague"], child=children[-1], reason=REASON)


def test_openings_older_than_the_window_do_not_count(council):
    worker = council.users["worker"]
    children = [child_make(f"Old{n}") for n in range(BREAK_GLASS_MAX_OPENINGS + 1)]
    for child in children[:-1]:
        break_glass_open(actor=worker, child=child, reason=REASON)
    long_ago = timezone.now() - dt.timedelta(days=2)
    BreakGlassGrant.objects.update(opened_at=long_ago, expires_at=long_ago + dt.timedelta(hours=1))
    break_glass_open(actor=worker, child=children[-1], reason=REASON)


def test_a_refused_break_glass_attempt_is_audited(client, council, south_child):
    client.force_login(council.users["worker"])
    client.post(reverse("access:break_glass", args=[south_child.pk]), {"reason": "x" * 25})
    event = AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS).get()
    assert event.child_id == south_child.pk
    assert event.detail["allowed"] is False
    assert event.reason == ""  # the refused text is not kept


@pytest.mark.parametrize("next_value", ["home", "javascript", "child-summary"])
def test_break_glass_page_with_a_bare_word_next_goes_home(client, council, south_child, next_value):
    client.force_login(council.users["worker"])
    url = reverse("access:break_glass", args=[south_child.pk])
    response = client.post(url, {"reason": REASON, "next": next_value})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_session_ends_after_its_absolute_lifetime_however_active(client, council, settings):
    client.force_login(council.users["worker"])
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    started = timezone.now() - dt.timedelta(seconds=settings.SIGHTLINE_SESSION_MAX_SECONDS + 5)
    session["sightline_signed_in_at"] = int(started.timestamp())
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # signed out, not just redirected
