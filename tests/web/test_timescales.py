"""The Timescales page, and local standards shown wherever a clock's rule is shown."""

import re

from django.urls import reverse

from sightline.standards.timescales import rulebook

from .test_child_clocks import clocks_page, deadline, section


def rows(content: str) -> dict[str, str]:
    """Each rule's table row on the Timescales page, by rule ID."""
    return dict(
        re.findall(r'<tr class="govuk-table__row" id="(T-[A-Z0-9-]+)">(.*?)</tr>', content, re.S)
    )


def test_every_rule_is_listed_with_its_source_and_deadline(worker_client):
    response = worker_client.get(reverse("timescales"))
    assert response.status_code == 200
    listed = rows(response.content.decode())
    published = rulebook()
    assert list(listed) == list(published)
    icpc = published["T-ICPC"]
    assert icpc.title in listed["T-ICPC"]
    assert icpc.deadline.describe() in listed["T-ICPC"]
    assert icpc.source in listed["T-ICPC"]
    assert "(published:" not in response.content.decode()


def test_a_local_standard_is_shown_beside_the_published_one(worker_client, settings):
    settings.SIGHTLINE_LOCAL_STANDARDS = "T-CP-VISIT=15WD"
    listed = rows(worker_client.get(reverse("timescales")).content.decode())
    assert "Local standard: 15 working days (published: 10 working days)" in listed["T-CP-VISIT"]
    assert "(published:" not in listed["T-CIN-VISIT"]


def test_a_childs_clock_under_a_local_standard_says_so(
    worker_client, child, social_worker, settings
):
    deadline(child, social_worker, days_from_today=-3, status="overdue")
    deadline(child, social_worker, days_from_today=-4, status="overdue", rule_id="T-CIN-VISIT")
    settings.SIGHTLINE_LOCAL_STANDARDS = "T-CP-VISIT=15WD"
    open_clocks = section(clocks_page(worker_client, child), "child-clocks-open")
    assert open_clocks.count("Local standard: 15 working days (published: 10 working days)") == 1
    assert f'href="{reverse("timescales")}#T-CP-VISIT"' in open_clocks


def test_the_worklist_shows_the_local_standard_too(worker_client, child, social_worker, settings):
    deadline(child, social_worker, days_from_today=-3, status="overdue")
    settings.SIGHTLINE_LOCAL_STANDARDS = "T-CP-VISIT=15WD"
    content = worker_client.get(reverse("my-work")).content.decode()
    assert "Local standard: 15 working days (published: 10 working days)" in content


def test_each_rule_says_whether_a_council_may_change_it(worker_client):
    listed = rows(worker_client.get(reverse("timescales")).content.decode())
    assert "a council may tighten it, never loosen it" in listed["T-ICPC"]
    assert "A council may set its own timescale" in listed["T-CP-VISIT"]
    assert "a council cannot change it" in listed["T-DENTAL"]


def test_a_tightened_statutory_timescale_is_shown_as_a_local_standard(worker_client, settings):
    settings.SIGHTLINE_LOCAL_STANDARDS = "T-ICPC=10WD"
    listed = rows(worker_client.get(reverse("timescales")).content.decode())
    assert "Local standard: 10 working days (published: 15 working days)" in listed["T-ICPC"]
