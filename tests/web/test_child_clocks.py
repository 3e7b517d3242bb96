"""The Clocks page of the child's record, and the clocks summary on the record's summary page."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditAction, AuditEvent
from sightline.oversight.models import Deadline
from sightline.people import chronology
from sightline.people.selectors import overview
from sightline.workforce.models import User

from .conftest import PASSWORD


def deadline(child, worker, *, days_from_today, status, met_days_from_today=None, rule_id=None):
    """Store one deadline for `child`, due `days_from_today` (negative: in the past)."""
    today = timezone.localdate()
    due = today + dt.timedelta(days=days_from_today)
    return Deadline.objects.create(
        child=child,
        rule_id=rule_id or "T-CP-VISIT",
        record_type="cp_plans",
        record_id=1,
        clock_start=due - dt.timedelta(days=14),
        due=due,
        met_on=today + dt.timedelta(days=met_days_from_today)
        if met_days_from_today is not None
        else None,
        status=status,
        computed_for=today,
        computed_at=timezone.now(),
        worker=worker,
        team=worker.team,
    )


@pytest.fixture
def clocks(child, social_worker):
    """Alex's clocks: one long overdue, one met late, one met on time and one far off."""
    return {
        "overdue": deadline(child, social_worker, days_from_today=-30, status="overdue"),
        "met_late": deadline(
            child,
            social_worker,
            days_from_today=-60,
            status="met_late",
            met_days_from_today=-53,
            rule_id="T-CIN-VISIT",
        ),
        "met": deadline(
            child, social_worker, days_from_today=-90, status="met", met_days_from_today=-91
        ),
        "pending": deadline(
            child, social_worker, days_from_today=60, status="pending", rule_id="T-CIN-PLAN-REVIEW"
        ),
    }


def clocks_page(client, child) -> str:
    response = client.get(reverse("child-clocks", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(content: str, heading_id: str) -> str:
    """The part of the page from the heading with `heading_id` to the end of its section."""
    start = content.index(f'id="{heading_id}"')
    return content[start : content.index("</section>", start)]


def test_clocks_page_shows_an_overdue_clock_as_open_work(worker_client, child, clocks):
    content = clocks_page(worker_client, child)

    open_clocks = section(content, "child-clocks-open")
    assert "Open clocks (2)" in open_clocks
    assert "Visit the child on a child protection plan" in open_clocks
    assert "T-CP-VISIT" in open_clocks
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in open_clocks
    assert "working days overdue" in open_clocks
    assert "Overdue: 1." in open_clocks


def test_clocks_page_lists_the_overdue_clock_before_one_due_later(worker_client, child, clocks):
    open_clocks = section(clocks_page(worker_client, child), "child-clocks-open")

    assert open_clocks.index("T-CP-VISIT") < open_clocks.index("T-CIN-PLAN-REVIEW")


def test_clocks_page_shows_the_history_of_clocks_met_and_met_late(worker_client, child, clocks):
    history = section(clocks_page(worker_client, child), "child-clocks-history")

    assert "Met, met late or missed (2)" in history
    assert '<strong class="govuk-tag govuk-tag--orange">Met late</strong>' in history
    assert '<strong class="govuk-tag govuk-tag--green">Met</strong>' in history
    assert "T-CIN-VISIT" in history
    assert "working days late" in history
    assert history.index("T-CIN-VISIT") < history.index("T-CP-VISIT")  # latest due first


def test_clocks_page_is_a_tab_of_the_record(worker_client, child, clocks):
    content = clocks_page(worker_client, child)

    assert (
        f'aria-current="page" href="{reverse("child-clocks", args=[child.pk])}">Clocks</a>'
        in content
    )
    assert "<title>Clocks – Child record" in content
    assert '<h1 class="govuk-heading-l">Clocks</h1>' in content


def test_clocks_page_of_a_child_with_no_clocks_says_so(worker_client, child):
    content = clocks_page(worker_client, child)

    assert "No clocks are running." in content
    assert "No clocks have been met or missed yet." in content


def test_another_worker_outside_the_childs_scope_is_not_found(other_team, child, clocks):
    elsewhere = User.objects.create_user(
        username="elsewhere", password=PASSWORD, role="SOCIAL_WORKER", team=other_team
    )
    client = Client()
    client.force_login(elsewhere)

    response = client.get(reverse("child-clocks", args=[child.pk]))

    assert response.status_code == 404
    assert b"Alex" not in response.content
    assert b"T-CP-VISIT" not in response.content


@pytest.mark.parametrize("url_name", ["child-clocks", "child-summary"])
def test_a_page_showing_clocks_writes_one_audit_event(
    worker_client, social_worker, child, clocks, url_name
):
    before = AuditEvent.objects.count()

    worker_client.get(reverse(url_name, args=[child.pk]))

    events = list(AuditEvent.objects.filter(sequence__gt=before))
    assert [(e.action, e.actor_id, e.child_id) for e in events] == [
        (AuditAction.VIEW, social_worker.pk, child.pk)
    ]


def test_summary_counts_overdue_and_due_soon_clocks_and_links_to_the_clocks_page(
    worker_client, child, social_worker, clocks
):
    deadline(child, social_worker, days_from_today=1, status="pending", rule_id="T-CIN-VISIT")

    response = worker_client.get(reverse("child-summary", args=[child.pk]))
    content = response.content.decode()

    assert '<strong class="govuk-tag govuk-tag--red">1 overdue</strong>' in content
    assert '<strong class="govuk-tag govuk-tag--yellow">1 due soon</strong>' in content
    next_due = content.split('data-testid="clocks-next-due"')[1].split("</dd>")[0]
    assert "(T-CIN-VISIT)" in next_due
    assert f'href="{reverse("child-clocks", args=[child.pk])}">View all clocks (3 open)' in content


def test_summary_of_a_child_with_no_clocks_says_none_are_running(worker_client, child):
    content = worker_client.get(reverse("child-summary", args=[child.pk])).content.decode()

    assert "No clock is running" in content
    assert "View all clocks (0 open)" in content


# The record's shell (session, user, the child with status, the access decision and its audit
# event, allocations, disabilities, warnings) and then each page's own: the Clocks page's four
# queries; the summary's two for clocks, six for the household, the chronology's own and the
# overview's.
QUERY_BUDGET = {
    "child-clocks": 16 + overview.WARNINGS_QUERY_COUNT + 4,
    "child-summary": 20 + 2 + 6 + chronology.QUERY_COUNT + overview.QUERY_COUNT,
}


@pytest.mark.parametrize("url_name", list(QUERY_BUDGET))
def test_pages_showing_clocks_take_the_same_queries_however_many_clocks(
    worker_client, child, social_worker, clocks, url_name, django_assert_max_num_queries
):
    url = reverse(url_name, args=[child.pk])
    # On PostgreSQL the audit chain also takes an advisory lock.
    budget = QUERY_BUDGET[url_name] + (1 if connection.vendor == "postgresql" else 0)
    with django_assert_max_num_queries(budget) as few:
        assert worker_client.get(url).status_code == 200
    for n in range(80):
        deadline(child, social_worker, days_from_today=-n - 1, status="overdue")
        deadline(
            child,
            social_worker,
            days_from_today=-n - 100,
            status="met",
            met_days_from_today=-n - 101,
        )

    with django_assert_max_num_queries(budget) as many:
        assert worker_client.get(url).status_code == 200

    assert len(many.captured_queries) == len(few.captured_queries)
