"""Every page but sign-in needs a signed-in user; record pages refuse who may not read them."""

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("home", ()),
        ("child-search", ()),
        ("child-summary", (1,)),
        ("child-chronology", (1,)),
        ("child-household", (1,)),
    ],
)
def test_every_page_redirects_an_anonymous_visitor_to_sign_in(db, url_name, args):
    url = reverse(url_name, args=args)

    response = Client().get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_anonymous_search_post_redirects_to_sign_in_without_searching(db, child):
    response = Client().post(reverse("child-search"), {"q": "Smith"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_in_page_is_public(db):
    response = Client().get(reverse("login"))

    assert response.status_code == 200


@pytest.mark.parametrize("url_name", ["child-summary", "child-chronology", "child-household"])
def test_partner_agency_user_is_refused_a_childs_record(partner_user, child, url_name):
    client = Client()
    client.force_login(partner_user)

    response = client.get(reverse(url_name, args=[child.pk]))

    assert response.status_code == 403


def test_partner_agency_user_cannot_search_for_children(partner_user, child):
    client = Client()
    client.force_login(partner_user)

    response = client.post(reverse("child-search"), {"q": "Smith"})

    assert response.status_code == 403
    assert b"Alex" not in response.content


def test_partner_agency_user_is_not_offered_the_child_search(partner_user):
    client = Client()
    client.force_login(partner_user)

    response = client.get(reverse("home"))

    assert b'id="header-child-search"' not in response.content


def test_record_pages_are_never_cached(worker_client, child):
    response = worker_client.get(reverse("child-summary", args=[child.pk]))

    assert "no-store" in response["Cache-Control"]
