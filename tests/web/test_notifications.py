"""Messages to the user are shown as GOV.UK notification banners on whatever page comes next."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory


def _rendered_with(*added: tuple[int, str]) -> str:
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    for level, text in added:
        messages.add_message(request, level, text)
    return render_to_string(
        "web/includes/notification_banners.html", {"messages": request._messages}
    )


def test_a_success_message_is_a_green_banner_announced_to_screen_readers():
    content = _rendered_with((messages.SUCCESS, "Alert acknowledged"))

    assert "govuk-notification-banner--success" in content
    assert 'role="alert"' in content
    assert ">Success</h2>" in content
    assert "Alert acknowledged" in content


@pytest.mark.parametrize("level", [messages.INFO, messages.WARNING, messages.ERROR])
def test_any_other_message_is_an_important_banner(level):
    content = _rendered_with((level, "This alert has already been acknowledged"))

    assert "govuk-notification-banner--success" not in content
    assert 'role="region"' in content
    assert ">Important</h2>" in content


def test_each_message_has_its_own_labelled_banner():
    content = _rendered_with((messages.SUCCESS, "One"), (messages.INFO, "Two"))

    assert content.count('data-module="govuk-notification-banner"') == 2
    assert 'aria-labelledby="notification-1-title"' in content
    assert 'id="notification-2-title"' in content
