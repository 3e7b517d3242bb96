"""Issue 11 rows 11, 12 and 16: odd query strings give the page, not a 500; what is typed into
a query string is not copied into the permanent audit; a worker's worklist URL does not tell an
existing user from a missing one."""

import pytest

from sightline.access.models import AuditEvent
from sightline.workforce.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        {"page": "²²²²"},
        {"page": "9" * 5000},
        {"page": "-3"},
        {"rule": "R" * 1800},
        {"rule": "T-CP-VISIT", "page": "²"},
    ],
)
def test_team_page_answers_odd_query_strings_with_the_page(client, council, query):
    client.force_login(council.east_manager)
    response = client.get("/team/", query)
    assert response.status_code == 200
    assert response.context["worklist"].page == 1


def test_an_unknown_rule_typed_in_the_query_string_is_not_audited(client, council):
    client.force_login(council.east_manager)
    client.get("/team/", {"rule": "my password is hunter2"})
    event = AuditEvent.objects.filter(detail__list="team worklist").get()
    assert event.detail["rule_id"] == ""
    assert "hunter2" not in str(event.detail)


def test_a_known_rule_is_audited_as_the_filter(client, council):
    client.force_login(council.east_manager)
    client.get("/team/", {"rule": "T-CP-VISIT"})
    assert AuditEvent.objects.filter(detail__list="team worklist").get().detail["rule_id"] == (
        "T-CP-VISIT"
    )


def test_a_missing_worker_answers_as_a_worker_one_may_not_see(client, council):
    client.force_login(council.east_worker)
    missing = User.objects.order_by("-pk").first().pk + 100
    other = client.get(f"/workers/{council.west_worker.pk}/work/").status_code
    absent = client.get(f"/workers/{missing}/work/").status_code
    assert other == absent == 403
