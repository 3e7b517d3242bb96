"""The service navigation shows each role only the areas it may use, once they exist."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from sightline.standards import codes
from sightline.web import navigation
from sightline.workforce.models import User


def test_every_role_has_navigation():
    assert set(navigation.ROLE_NAVIGATION) == set(codes.ROLE.values)


def test_every_role_can_go_home():
    assert all(navigation.HOME in items for items in navigation.ROLE_NAVIGATION.values())


@pytest.mark.parametrize("role", codes.ROLE.values)
def test_navigation_links_only_to_pages_that_exist(db, role):
    user = User(username="u", role=role)

    links = navigation.navigation_for(user, None)

    assert links, "every role sees at least Home"
    for link in links:
        assert link.href.startswith("/")


def test_an_area_without_a_page_is_not_shown(db, monkeypatch):
    unbuilt = navigation.NavigationItem("Referrals", "no-such-page")
    # A partner has no capability that adds an area, so only the role's own areas show.
    monkeypatch.setitem(navigation.ROLE_NAVIGATION, "PARTNER", (navigation.HOME, unbuilt))
    user = User(username="u", role="PARTNER")

    labels = [link.label for link in navigation.navigation_for(user, None)]

    assert labels == ["Home"]
    with pytest.raises(NoReverseMatch):
        reverse("no-such-page")


def test_the_current_area_is_marked_for_assistive_technology(worker_client):
    content = worker_client.get(reverse("home")).content.decode()

    assert 'aria-current="page"' in content
    assert "govuk-service-navigation__item--active" in content


def test_sign_out_is_a_post_form_in_the_navigation(worker_client):
    content = worker_client.get(reverse("home")).content.decode()

    assert f'<form method="post" action="{reverse("logout")}"' in content


def test_navigation_is_hidden_before_sign_in(db):
    content = Client().get(reverse("login")).content.decode()

    assert "Sign out" not in content
    assert 'id="header-child-search"' not in content


def test_information_governance_is_in_the_navigation_of_an_ig_officer(ig_officer):
    client = Client()
    client.force_login(ig_officer)

    content = client.get(reverse("access:ig_alerts")).content.decode()

    assert f'href="{reverse("access:ig_alerts")}" aria-current="page"' in content
    assert "Information governance" in content


@pytest.mark.parametrize("role", [r for r in codes.ROLE.values if r != "IG_OFFICER"])
def test_information_governance_is_not_offered_to_roles_without_the_audit(db, role):
    user = User(username="u", role=role)

    labels = [link.label for link in navigation.navigation_for(user, None)]

    assert "Information governance" not in labels


def test_a_senior_practitioner_is_not_offered_the_team_managers_page(db):
    user = User(username="u", role="SENIOR_PRACTITIONER")

    labels = [link.label for link in navigation.navigation_for(user, None)]

    assert "Team" not in labels


def test_a_directors_home_page_leads_to_their_line_of_sight(db):
    """Issue 9: a director used to see their name, role and "No team" and nothing else."""
    director = User.objects.create_user(username="dir", password="x", role="DIRECTOR")
    client = Client()
    client.force_login(director)

    content = client.get(reverse("home")).content.decode()

    areas = content[content.index('data-testid="home-areas"') :]
    assert f'href="{reverse("performance:scorecard")}">Performance</a>' in areas
    assert f'href="{reverse("oversight")}">Oversight</a>' in areas
    assert "what got worse" in areas
    # Only the director's own areas: no worklist of a caseholder.
    assert f'href="{reverse("my-work")}"' not in areas
