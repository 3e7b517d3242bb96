"""Words a clock's own record adds beside it: a late assessment's reason for delay, and care
proceedings' extensions beside the 26-week clock they do not move."""

import datetime as dt

from django.utils import timezone

from sightline.care import models as care
from sightline.casework import models as casework
from sightline.oversight.models import Deadline

from .test_child_clocks import clocks_page, section


def stored(child, worker, *, rule_id, record_type, record_id, clock_start, due, met_on, status):
    return Deadline.objects.create(
        child=child,
        rule_id=rule_id,
        record_type=record_type,
        record_id=record_id,
        clock_start=clock_start,
        due=due,
        met_on=met_on,
        status=status,
        computed_for=timezone.localdate(),
        computed_at=timezone.now(),
        worker=worker,
        team=worker.team,
    )


def assessment(child, *, delay_reason):
    referral = casework.Referral.objects.create(
        child=child, referral_date=dt.date(2025, 3, 3), source="2A", primary_need="N1"
    )
    return casework.Assessment.objects.create(
        referral=referral,
        child=child,
        start_date=dt.date(2025, 3, 3),
        authorised_on=dt.date(2025, 5, 12),
        delay_reason=delay_reason,
    )


def test_a_late_assessment_shows_its_reason_for_delay_beside_the_clock(
    worker_client, child, social_worker
):
    late = assessment(child, delay_reason="Waited for the paediatric assessment.")
    stored(
        child,
        social_worker,
        rule_id="T-ASSESSMENT",
        record_type="assessments",
        record_id=late.pk,
        clock_start=dt.date(2025, 3, 3),
        due=dt.date(2025, 5, 8),
        met_on=dt.date(2025, 5, 12),
        status="met_late",
    )
    history = section(clocks_page(worker_client, child), "child-clocks-history")
    assert "Reason for delay: Waited for the paediatric assessment." in history


def test_an_assessment_without_a_reason_shows_no_note(worker_client, child, social_worker):
    on_time = assessment(child, delay_reason="")
    stored(
        child,
        social_worker,
        rule_id="T-ASSESSMENT",
        record_type="assessments",
        record_id=on_time.pk,
        clock_start=dt.date(2025, 3, 3),
        due=dt.date(2025, 5, 8),
        met_on=dt.date(2025, 5, 2),
        status="met",
    )
    history = section(clocks_page(worker_client, child), "child-clocks-history")
    assert "T-ASSESSMENT" in history
    assert "Reason for delay" not in history


def test_care_proceedings_show_their_extension_beside_the_unmoved_26_week_clock(
    worker_client, child, social_worker
):
    proceedings = care.CareProceedings.objects.create(
        child=child, issued_on=dt.date(2025, 3, 3), extension_weeks=8
    )
    stored(
        child,
        social_worker,
        rule_id="T-PROCEEDINGS",
        record_type="care_proceedings",
        record_id=proceedings.pk,
        clock_start=dt.date(2025, 3, 3),
        due=dt.date(2025, 8, 31),
        met_on=None,
        status="overdue",
    )
    content = clocks_page(worker_client, child)
    open_clocks = section(content, "child-clocks-open")
    # Due Sunday 31 August (26 weeks beginning with the issue day); 8 weeks more is 26 October.
    assert "31 August 2025" in open_clocks
    assert "Extended by 8 weeks, to 26 October 2025; the 26 weeks are not moved" in open_clocks
