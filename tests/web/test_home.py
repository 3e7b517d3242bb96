"""The home page: who is signed in and, for a worker, the children allocated to them."""

from django.test import Client
from django.urls import reverse


def test_home_shows_the_users_name_role_and_team(worker_client):
    content = worker_client.get(reverse("home")).content.decode()

    assert "Jo Bloggs" in content
    assert "Social worker" in content
    assert "Assessment Team North" in content


def test_home_lists_the_workers_allocated_children_with_links(worker_client, child):
    content = worker_client.get(reverse("home")).content.decode()

    assert "Children allocated to you (1)" in content
    assert f'href="{reverse("child-summary", args=[child.pk])}"' in content
    assert "Alex Smith" in content


def test_home_does_not_list_children_allocated_to_someone_else(team_manager, child):
    client = Client()
    client.force_login(team_manager)

    content = client.get(reverse("home")).content.decode()

    assert "Children allocated to you (0)" in content
    assert "Alex Smith" not in content


def test_home_marks_the_demo_data_as_synthetic(worker_client, settings):
    settings.SIGHTLINE_DEMO = True

    content = worker_client.get(reverse("home")).content.decode()

    assert "govuk-phase-banner" in content
    assert "synthetic" in content


def test_home_has_no_demo_banner_in_production(worker_client, settings):
    settings.SIGHTLINE_DEMO = False

    content = worker_client.get(reverse("home")).content.decode()

    assert "govuk-phase-banner" not in content


def test_every_page_has_the_council_name_and_the_child_search(worker_client, settings):
    settings.SIGHTLINE_COUNCIL_NAME = "Borsetshire County Council"

    content = worker_client.get(reverse("home")).content.decode()

    assert "Borsetshire County Council" in content
    assert 'id="header-child-search"' in content
    assert f'action="{reverse("child-search")}"' in content
