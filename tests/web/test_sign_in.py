"""Signing in and out with GOV.UK form patterns."""

from django.test import Client
from django.urls import reverse


def test_wrong_password_shows_an_error_summary_linked_to_the_username(social_worker):
    response = Client().post(reverse("login"), {"username": "jbloggs", "password": "wrong"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "There is a problem" in content
    assert '<a href="#id_username">Enter a correct username and password</a>' in content
    assert "<title>Error: Sign in" in content


def test_missing_fields_are_named_in_the_error_summary(db):
    response = Client().post(reverse("login"), {"username": "", "password": ""})

    content = response.content.decode()
    assert '<a href="#id_username">Enter your username</a>' in content
    assert '<a href="#id_password">Enter your password</a>' in content


def test_password_is_never_written_back_into_the_page(social_worker):
    response = Client().post(
        reverse("login"), {"username": "jbloggs", "password": "a-secret-guess"}
    )

    assert b"a-secret-guess" not in response.content


def test_correct_password_signs_in_and_goes_home(social_worker, password):
    client = Client()

    response = client.post(reverse("login"), {"username": "jbloggs", "password": password})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_sign_out_is_a_post_and_ends_the_session(worker_client):
    response = worker_client.post(reverse("logout"))

    assert response.status_code == 302
    assert worker_client.get(reverse("home")).status_code == 302


def test_sign_in_page_says_two_factor_sign_in_is_off_in_the_demo(db, settings):
    settings.SIGHTLINE_REQUIRE_2FA = False
    settings.SIGHTLINE_DEMO = True

    content = Client().get(reverse("login")).content.decode()

    assert "Two-factor sign-in is off in this demo" in content


def test_sign_in_page_says_nothing_of_two_factor_when_it_is_on(db, settings):
    settings.SIGHTLINE_REQUIRE_2FA = True

    content = Client().get(reverse("login")).content.decode()

    assert "Two-factor sign-in is off" not in content
