"""Every response to a signed-in user says Cache-Control: no-store."""

from django.urls import reverse


def test_a_signed_in_users_pages_are_never_stored(worker_client, child):
    for url in (
        reverse("home"),
        reverse("my-work"),
        reverse("timescales"),
        reverse("child-summary", args=[child.pk]),
        reverse("child-clocks", args=[child.pk]),
    ):
        response = worker_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_a_refusal_to_a_signed_in_user_is_not_stored_either(worker_client, stranger_child):
    response = worker_client.get(reverse("child-summary", args=[stranger_child.pk]))
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
