"""The IRO, looked-after reviews and missing episodes with their return interviews, through the
action layer: audited, refused and audited for a stranger, validated, and their clocks met.

The child became looked after on Monday 1 June 2026: 20 working days later (no bank holiday in
June) is Monday 29 June. A first review on Friday 26 June starts the second's 3 months (due
26 September); a second on 20 September starts the 6-monthly clock (due 20 March 2027).
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from tests.care.conftest import changes_audited, clock, refusals

from sightline.actions import EditConflict, record_version
from sightline.care.models import IROAppointment, LookedAfterReview, MissingEpisode
from sightline.care.writes import (
    iro_appoint,
    looked_after_review_record,
    looked_after_start,
    missing_episode_record,
    return_interview_record,
)

START = dt.date(2026, 6, 1)


@pytest.fixture
def looked_after(council):
    return looked_after_start(
        actor=council.worker,
        child=council.child,
        start_date=START,
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
        placement_provider="PR1",
        placement_postcode="DM1 1AA",
    )


def review(council, day, **extra):
    return looked_after_review_record(
        actor=extra.pop("actor", council.worker),
        child=council.child,
        date=day,
        participation=extra.pop("participation", "PN1"),
        chaired_by=extra.pop("chaired_by", council.iro),
    )


def test_an_iro_appointed_is_audited_and_meets_the_allocation_clock(
    council, looked_after, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = iro_appoint(
            actor=council.manager, child=council.child, iro=council.iro, appointed_on=START
        )
    assert changes_audited(council.child, "iroappointment")[0].object_id == str(appointment.pk)
    met = clock(council.child, "T-IRO-ALLOCATE")
    assert (met.met_on, met.status) == (START, "met")


def test_a_new_iro_ends_the_last_appointment_the_day_before(council, looked_after):
    first = iro_appoint(
        actor=council.manager, child=council.child, iro=council.iro, appointed_on=START
    )
    iro_appoint(
        actor=council.manager,
        child=council.child,
        iro=council.second_iro,
        appointed_on=dt.date(2026, 9, 1),
    )
    first.refresh_from_db()
    assert first.ended_on == dt.date(2026, 8, 31)
    assert IROAppointment.objects.filter(ended_on__isnull=True).get().iro == council.second_iro


def test_only_an_iro_can_be_appointed_as_one(council, looked_after):
    with pytest.raises(ValidationError) as refused:
        iro_appoint(
            actor=council.manager, child=council.child, iro=council.worker, appointed_on=START
        )
    assert "iro" in refused.value.error_dict
    assert not IROAppointment.objects.exists()


def test_an_iro_appointment_refused_to_a_stranger_is_audited(council, looked_after):
    with pytest.raises(Http404):
        iro_appoint(
            actor=council.stranger, child=council.child, iro=council.iro, appointed_on=START
        )
    assert refusals(council.child).get().actor == council.stranger


def test_the_first_review_in_20_working_days_then_3_months_then_6_monthly_are_each_met(
    council, looked_after, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = review(council, dt.date(2026, 6, 26))
    one = clock(council.child, "T-LAC-REVIEW-1")
    assert (one.due, one.met_on, one.status) == (dt.date(2026, 6, 29), dt.date(2026, 6, 26), "met")
    two = clock(council.child, "T-LAC-REVIEW-2")
    assert (two.clock_start, two.due, two.met_on) == (
        dt.date(2026, 6, 26),
        dt.date(2026, 9, 26),
        None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        review(council, dt.date(2026, 9, 20), participation="PN6")
    two = clock(council.child, "T-LAC-REVIEW-2")
    assert (two.met_on, two.status) == (dt.date(2026, 9, 20), "met")
    six = clock(council.child, "T-LAC-REVIEW", clock_start=dt.date(2026, 9, 20))
    assert six.due == dt.date(2027, 3, 20)
    assert [e.object_id for e in changes_audited(council.child, "lookedafterreview")][0] == str(
        first.pk
    )


def test_a_first_review_after_20_working_days_is_met_late(
    council, looked_after, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review(council, dt.date(2026, 6, 30))
    assert clock(council.child, "T-LAC-REVIEW-1").status == "met_late"


def test_a_review_when_the_child_was_not_looked_after_is_refused_on_its_date(council, looked_after):
    with pytest.raises(ValidationError) as refused:
        review(council, dt.date(2026, 5, 29))
    assert "date" in refused.value.error_dict
    assert not LookedAfterReview.objects.exists()
    assert not changes_audited(council.child, "lookedafterreview")


def test_a_review_is_chaired_by_an_iro(council, looked_after):
    with pytest.raises(ValidationError) as refused:
        review(council, dt.date(2026, 6, 26), chaired_by=council.manager)
    assert "chaired_by" in refused.value.error_dict


def test_a_review_refused_to_a_stranger_is_audited(council, looked_after):
    with pytest.raises(Http404):
        review(council, dt.date(2026, 6, 26), actor=council.stranger)
    assert refusals(council.child).get().actor == council.stranger


# -- Missing episodes: back on Tuesday 10 November 2026, so 72 hours is Friday 13 November. ----

BACK = dt.date(2026, 11, 10)


def missing(council, **fields):
    fields = {"kind": "M", "start_date": dt.date(2026, 11, 8), "end_date": BACK, **fields}
    return missing_episode_record(actor=council.worker, child=council.child, **fields)


def test_a_missing_episode_is_audited_and_its_return_starts_the_72_hour_clock(
    council, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        episode = missing(council)
    assert changes_audited(council.child, "missingepisode")[0].object_id == str(episode.pk)
    rhi = clock(council.child, "T-RHI")
    assert (rhi.clock_start, rhi.due, rhi.met_on) == (BACK, dt.date(2026, 11, 13), None)


def test_a_return_interview_offered_within_72_hours_meets_the_clock(
    council, django_capture_on_commit_callbacks
):
    episode = missing(council)
    with django_capture_on_commit_callbacks(execute=True):
        return_interview_record(
            actor=council.worker,
            episode=episode,
            offered_on=dt.date(2026, 11, 12),
            accepted=True,
            expected_version=record_version(episode),
        )
    episode.refresh_from_db()
    assert episode.return_interview_accepted is True
    rhi = clock(council.child, "T-RHI")
    assert (rhi.met_on, rhi.status) == (dt.date(2026, 11, 12), "met")
    actions = sorted(e.action for e in changes_audited(council.child, "missingepisode"))
    assert actions == ["create", "update"]


def test_a_return_interview_after_72_hours_is_met_late(council, django_capture_on_commit_callbacks):
    episode = missing(council)
    with django_capture_on_commit_callbacks(execute=True):
        return_interview_record(
            actor=council.worker, episode=episode, offered_on=dt.date(2026, 11, 16), accepted=False
        )
    assert clock(council.child, "T-RHI").status == "met_late"


def test_the_return_of_a_child_still_missing_is_recorded_with_the_interview(
    council, django_capture_on_commit_callbacks
):
    episode = missing(council, end_date=None)
    with django_capture_on_commit_callbacks(execute=True):
        return_interview_record(actor=council.worker, episode=episode, end_date=BACK)
    assert clock(council.child, "T-RHI").due == dt.date(2026, 11, 13)


def test_an_interview_offered_before_the_child_came_back_is_refused_on_its_field(council):
    episode = missing(council)
    with pytest.raises(ValidationError) as refused:
        return_interview_record(
            actor=council.worker, episode=episode, offered_on=dt.date(2026, 11, 9)
        )
    assert "return_interview_offered_on" in refused.value.error_dict
    episode.refresh_from_db()
    assert episode.return_interview_offered_on is None


def test_a_return_interview_on_a_stale_copy_is_refused_and_nothing_is_overwritten(council):
    episode = missing(council)
    stale = record_version(episode)
    MissingEpisode.objects.filter(pk=episode.pk).update(return_interview_offered_on=BACK)
    with pytest.raises(EditConflict):
        return_interview_record(
            actor=council.worker,
            episode=episode,
            offered_on=dt.date(2026, 11, 12),
            expected_version=stale,
        )
    episode.refresh_from_db()
    assert episode.return_interview_offered_on == BACK


def test_a_second_episode_while_the_child_is_still_missing_is_refused(council):
    missing(council, end_date=None)
    with pytest.raises(ValidationError, match="already recorded as missing"):
        missing(council, start_date=dt.date(2026, 11, 9), end_date=None)


def test_a_missing_episode_refused_to_a_stranger_is_audited(council):
    with pytest.raises(Http404):
        missing_episode_record(
            actor=council.stranger, child=council.child, kind="M", start_date=BACK
        )
    assert refusals(council.child).get().actor == council.stranger
    assert not MissingEpisode.objects.exists()
