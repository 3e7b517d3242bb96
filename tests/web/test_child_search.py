"""Finding a child: by POST only, by name, LA child ID, NHS number or date of birth."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import resolve, reverse

from sightline.access.models import AuditAction, AuditEvent
from sightline.people.models import Person
from sightline.people.selectors import ChildSearchQuery, child_search

from .conftest import team_allocate

SEARCH = reverse("child-search")


def found(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("text", ["Smith", "smith", "SMI", "alex", "Alex Smith", "smith alex"])
def test_search_finds_by_partial_name_in_any_case(worker_client, child, other_children, text):
    content = found(worker_client.post(SEARCH, {"q": text}))

    assert "Alex Smith" in content
    assert "Bella Jones" not in content


def test_search_by_surname_finds_every_child_whose_surname_contains_it(
    worker_client, child, other_children
):
    content = found(worker_client.post(SEARCH, {"q": "smith"}))

    assert "Children found (2)" in content
    assert "Alex Smith" in content
    assert "Sam Smithers" in content


def test_search_finds_by_la_child_id(worker_client, child, other_children):
    content = found(worker_client.post(SEARCH, {"q": "c1001"}))

    assert "Children found (1)" in content
    assert "Alex Smith" in content


@pytest.mark.parametrize("typed", ["9991234578", "999 123 4578", "999-123-4578"])
def test_search_finds_by_nhs_number_however_it_is_spaced(worker_client, child, typed):
    assert child.nhs_number == "9991234578"

    content = found(worker_client.post(SEARCH, {"q": typed}))

    assert "Alex Smith" in content


@pytest.mark.parametrize("typed", ["3/3/2015", "03/03/2015", "2015-03-03", "3 March 2015"])
def test_search_finds_by_date_of_birth(worker_client, child, other_children, typed):
    content = found(worker_client.post(SEARCH, {"q": typed}))

    assert "Children found (1)" in content
    assert "Alex Smith" in content


def test_search_finds_an_unborn_child_by_expected_date(worker_client, other_children):
    data = {"dob_day": "1", "dob_month": "9", "dob_year": "2026"}

    content = found(worker_client.post(SEARCH, data))

    assert "Sam Smithers" in content


def test_specific_details_must_all_match(worker_client, child, other_children):
    data = {"first_name": "sam", "last_name": "smith"}

    content = found(worker_client.post(SEARCH, data))

    assert "Children found (1)" in content
    assert "Sam Smithers" in content
    assert "Alex Smith<" not in content


def test_search_never_finds_adults(worker_client, adult):
    content = found(worker_client.post(SEARCH, {"q": "Carol"}))

    assert "Children found (0)" in content
    assert "Carol" not in content.split("Children found")[1]


def test_a_get_with_a_query_string_shows_only_the_empty_form(worker_client, child):
    response = worker_client.get(SEARCH, {"q": "Smith", "last_name": "Smith"})

    content = found(response)
    assert response.status_code == 200
    assert "Children found" not in content
    assert "Alex Smith" not in content
    assert 'value="Smith"' not in content


def test_an_empty_search_asks_for_something_to_search_for(worker_client, child):
    content = found(worker_client.post(SEARCH, {"q": "  "}))

    assert "There is a problem" in content
    assert '<a href="#id_q">Enter a name, LA child ID, NHS number or date of birth</a>' in content
    assert "Children found" not in content


def test_a_badly_formed_nhs_number_is_explained(worker_client):
    content = found(worker_client.post(SEARCH, {"nhs_number": "12345"}))

    assert "Enter an NHS number with 10 digits" in content


def test_an_impossible_date_of_birth_is_explained(worker_client):
    data = {"dob_day": "31", "dob_month": "2", "dob_year": "2015"}

    content = found(worker_client.post(SEARCH, data))

    assert '<a href="#id_dob_day">Date of birth must be a real date</a>' in content


def test_a_partial_date_of_birth_says_what_is_missing(worker_client):
    content = found(worker_client.post(SEARCH, {"dob_day": "3", "dob_year": "2015"}))

    assert "Date of birth must include a month" in content


def test_every_result_links_to_a_child_record_that_opens(worker_client, child, other_children):
    content = found(worker_client.post(SEARCH, {"q": "smith"}))

    hrefs = [
        reverse("child-summary", args=[person.pk])
        for person in Person.objects.children().filter(last_name__icontains="smith")
    ]
    assert len(hrefs) == 2
    for href in hrefs:
        assert f'href="{href}"' in content
        assert resolve(href).url_name == "child-summary"
        assert worker_client.get(href).status_code == 200


def test_results_show_date_of_birth_la_child_id_and_allocation(worker_client, child):
    content = found(worker_client.post(SEARCH, {"q": "Alex"}))

    assert "3 March 2015" in content
    assert "C1001" in content
    assert "Jo Bloggs, Assessment Team North" in content


def test_search_stops_at_fifty_and_says_there_are_more(worker_client, team):
    many = Person.objects.bulk_create(
        Person(
            la_child_id=f"M{number:04}",
            first_name=f"Child{number:02}",
            last_name="Many",
            date_of_birth=dt.date(2016, 1, 1),
            sex="F",
        )
        for number in range(55)
    )
    team_allocate(many, team)

    content = found(worker_client.post(SEARCH, {"q": "many"}))

    assert "Children found (more than 50)" in content
    assert content.count('href="/children/') == 50


def _children_named(prefix: str, count: int, team) -> None:
    children = Person.objects.bulk_create(
        Person(
            la_child_id=f"{prefix[0]}{number:04}",
            first_name="Query",
            last_name=f"{prefix}{number}",
            date_of_birth=dt.date(2016, 1, 1),
            sex="M",
        )
        for number in range(count)
    )
    team_allocate(children, team)


def test_search_takes_the_same_queries_however_many_children_match(
    social_worker, team, django_assert_max_num_queries
):
    _children_named("Few", 1, team)
    _children_named("Count", 30, team)
    query_for = {"few": ChildSearchQuery(text="few"), "count": ChildSearchQuery(text="count")}

    with django_assert_max_num_queries(10) as one:
        child_search(actor=social_worker, query=query_for["few"])
    with django_assert_max_num_queries(10) as thirty:
        results = child_search(actor=social_worker, query=query_for["count"])

    assert len(results) == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)


def test_search_never_finds_a_child_outside_the_users_scope(worker_client, child, stranger_child):
    content = found(worker_client.post(SEARCH, {"q": "smith"}))

    assert "Alex Smith" in content
    assert "Robin" not in content and "C9009" not in content


def test_search_by_exact_la_child_id_does_not_reveal_a_child_outside_scope(
    worker_client, stranger_child
):
    content = found(worker_client.post(SEARCH, {"q": "C9009"}))

    assert "Children found (0)" in content
    assert "Robin" not in content


def test_search_never_finds_a_restricted_child(worker_client, child, restricted_child):
    content = found(worker_client.post(SEARCH, {"q": "smith"}))

    assert "Alex Smith" in content
    assert "Kit" not in content and "C7007" not in content


def test_search_finds_a_restricted_child_for_a_worker_on_its_allow_list(
    worker_client, social_worker, restricted_child
):
    restricted_child.restriction.allow_list.add(social_worker)

    content = found(worker_client.post(SEARCH, {"q": "C7007"}))

    assert "Kit Smithfield" in content


def test_the_search_selector_audits_each_search_once(social_worker, child):
    child_search(actor=social_worker, query=ChildSearchQuery(la_child_id="C1001"))

    [event] = AuditEvent.objects.filter(action=AuditAction.SEARCH)
    assert event.detail["result_ids"] == [child.pk]
    assert event.detail["criteria"] == ["la_child_id"]
    assert "C1001" not in str(event.detail)


def test_search_form_enforces_csrf(social_worker, child):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)

    response = client.post(SEARCH, {"q": "Smith"})

    assert response.status_code == 403
    assert b"Alex" not in response.content


def test_search_form_works_with_its_csrf_token(social_worker, child):
    client = Client(enforce_csrf_checks=True)
    client.force_login(social_worker)
    client.get(SEARCH)
    token = client.cookies["csrftoken"].value

    response = client.post(SEARCH, {"q": "Smith", "csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert b"Alex Smith" in response.content
