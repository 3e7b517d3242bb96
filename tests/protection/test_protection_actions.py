"""The child protection actions: each audited, refusals audited, bad input refused on its field,
and each step's clocks started and met as the engine's rules say (timescales.md)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sightline.access.models import AuditEvent
from sightline.casework.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.casework.writes.protection import (
    core_group_record,
    initial_conference_record,
    plan_end_approve,
    review_conference_record,
    section47_outcome_record,
    strategy_discussion_record,
)
from sightline.oversight.models import Deadline


def clock(child, rule_id):
    return Deadline.objects.get(child=child, rule_id=rule_id)


def strategy(case, decision="S47", rationale="", on=None, actor=None):
    return strategy_discussion_record(
        actor=actor or case.worker,
        child=case.child,
        held_on=on or case.concern_day,
        decision=decision,
        agencies_attending=["POLICE", "EDUCATION", "SOCIAL_CARE"],
        attendees="DC Hill (police); Ms Shah (school); Jo Tester (social care)",
        rationale=rationale,
    )


def events(child, action, model):
    return AuditEvent.objects.filter(
        child_id=child.pk, action=action, object_type__endswith=model, detail__allowed=True
    )


def test_the_journey_strategy_to_first_core_group_starts_and_meets_each_clock(
    case, calendar, django_capture_on_commit_callbacks
):
    day = case.concern_day
    with django_capture_on_commit_callbacks(execute=True):
        discussion = strategy(case)
    assert (clock(case.child, "T-STRATEGY").met_on, clock(case.child, "T-STRATEGY").status) == (
        day,
        "met",
    )
    enquiry = Section47Enquiry.objects.get(child=case.child)
    assert (enquiry.strategy_discussion, enquiry.start_date) == (discussion, day)
    icpc = clock(case.child, "T-ICPC")
    # T-ICPC: 15 working days from the strategy discussion that started the enquiry.
    assert (icpc.clock_start, icpc.met_on) == (day, None)
    assert icpc.due == calendar.add_working_days(day, 15)

    with django_capture_on_commit_callbacks(execute=True):
        section47_outcome_record(
            actor=case.worker, enquiry=enquiry, end_date=day + dt.timedelta(days=4), outcome="ICPC"
        )
    enquiry.refresh_from_db()
    assert enquiry.icpc_required is True
    assert clock(case.child, "T-ICPC").met_on is None  # still running until the conference

    held = day + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        conference = initial_conference_record(
            actor=case.worker,
            enquiry=enquiry,
            date=held,
            outcome="PLAN",
            chair=case.chair,
            category="PHY",
        )
    assert (clock(case.child, "T-ICPC").met_on, clock(case.child, "T-ICPC").status) == (
        held,
        "met",
    )
    plan = ChildProtectionPlan.objects.get(child=case.child)
    assert (plan.start_date, plan.initial_category, conference.plan) == (held, "PHY", plan)
    core = clock(case.child, "T-CORE-GROUP-1")
    assert (core.clock_start, core.due, core.met_on) == (
        held,
        calendar.add_working_days(held, 10),
        None,
    )
    review = clock(case.child, "T-RCPC-1")
    assert (review.clock_start, review.met_on) == (held, None)
    assert review.due > held + dt.timedelta(days=85)  # 3 months

    met = held + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        core_group_record(actor=case.worker, plan=plan, date=met, notes="Safety plan agreed.")
    first = clock(case.child, "T-CORE-GROUP-1")
    assert (first.met_on, first.status) == (met, "met")
    assert Deadline.objects.get(child=case.child, rule_id="T-CORE-GROUP", met_on=None)

    # Each step wrote one audit event of its change, naming the record.
    assert events(case.child, "create", "strategydiscussion").count() == 1
    assert events(case.child, "update", "section47enquiry").count() == 1
    assert events(case.child, "create", "childprotectionconference").get().object_id == str(
        conference.pk
    )
    assert events(case.child, "create", "coregroupmeeting").count() == 1


def test_no_section_47_needs_its_reasons_on_the_field_and_starts_no_enquiry(case):
    with pytest.raises(ValidationError) as refused:
        strategy(case, decision="SINGLE_AGENCY")
    assert "rationale" in refused.value.error_dict
    assert not StrategyDiscussion.objects.exists()
    assert not events(case.child, "create", "strategydiscussion").exists()
    strategy(case, decision="SINGLE_AGENCY", rationale="Police will not investigate; family help.")
    assert not Section47Enquiry.objects.exists()


def test_a_worker_without_access_is_refused_and_the_refusal_audited(case):
    with pytest.raises(Http404):
        strategy(case, actor=case.stranger)
    refusal = AuditEvent.objects.get(child_id=case.child.pk, detail__allowed=False)
    assert refusal.actor == case.stranger
    assert not StrategyDiscussion.objects.exists()


def test_a_role_that_records_nothing_is_refused_and_audited(case):
    with pytest.raises(PermissionDenied):
        strategy(case, actor=case.analyst)
    assert AuditEvent.objects.get(child_id=case.child.pk, detail__allowed=False).actor == (
        case.analyst
    )


def _enquiry(case):
    strategy(case)
    return Section47Enquiry.objects.get(child=case.child)


def test_no_conference_needs_reasons_and_the_icpc_clock_stops(
    case, django_capture_on_commit_callbacks
):
    enquiry = _enquiry(case)
    with pytest.raises(ValidationError) as refused:
        section47_outcome_record(
            actor=case.worker, enquiry=enquiry, end_date=case.concern_day, outcome="CIN"
        )
    assert "rationale" in refused.value.error_dict
    with django_capture_on_commit_callbacks(execute=True):
        section47_outcome_record(
            actor=case.worker,
            enquiry=enquiry,
            end_date=case.concern_day,
            outcome="NOT_SUBSTANTIATED",
            rationale="Accidental injury, medically explained.",
        )
    assert not Deadline.objects.filter(child=case.child, rule_id="T-ICPC").exists()
    with pytest.raises(ValidationError, match="record its outcome first|conference is needed"):
        initial_conference_record(
            actor=case.worker,
            enquiry=enquiry,
            date=case.concern_day,
            outcome="NO_PLAN",
            chair=case.chair,
        )


def test_an_enquiry_cannot_end_before_it_started(case):
    enquiry = _enquiry(case)
    with pytest.raises(ValidationError) as refused:
        section47_outcome_record(
            actor=case.worker,
            enquiry=enquiry,
            end_date=case.concern_day - dt.timedelta(days=1),
            outcome="ICPC",
        )
    assert "end_day" in refused.value.error_dict


def _concluded(case):
    enquiry = _enquiry(case)
    section47_outcome_record(
        actor=case.worker, enquiry=enquiry, end_date=case.concern_day, outcome="ICPC"
    )
    enquiry.refresh_from_db()
    return enquiry


def test_a_plan_needs_a_category_and_the_chair_must_be_a_conference_chair(case):
    enquiry = _concluded(case)
    held = case.concern_day + dt.timedelta(days=7)
    with pytest.raises(ValidationError) as refused:
        initial_conference_record(
            actor=case.worker, enquiry=enquiry, date=held, outcome="PLAN", chair=case.chair
        )
    assert "category" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        initial_conference_record(
            actor=case.worker,
            enquiry=enquiry,
            date=held,
            outcome="PLAN",
            chair=case.worker,
            category="NEG",
        )
    assert "chair" in refused.value.error_dict
    assert not ChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()


def test_a_second_initial_conference_for_one_enquiry_is_refused(case):
    enquiry = _concluded(case)
    initial_conference_record(
        actor=case.worker,
        enquiry=enquiry,
        date=case.concern_day,
        outcome="NO_PLAN",
        chair=case.chair,
    )
    with pytest.raises(ValidationError, match="already recorded"):
        initial_conference_record(
            actor=case.worker,
            enquiry=enquiry,
            date=case.concern_day,
            outcome="PLAN",
            chair=case.chair,
            category="NEG",
        )
    assert ChildProtectionConference.objects.count() == 1


@pytest.fixture
def plan(case):
    enquiry = _concluded(case)
    initial_conference_record(
        actor=case.worker,
        enquiry=enquiry,
        date=case.concern_day,
        outcome="PLAN",
        chair=case.chair,
        category="NEG",
    )
    return ChildProtectionPlan.objects.get(child=case.child)


def test_a_review_that_continues_the_plan_meets_the_first_review_clock(
    case, plan, django_capture_on_commit_callbacks
):
    held = case.concern_day + dt.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        review_conference_record(
            actor=case.worker,
            plan=plan,
            date=held,
            outcome="CONTINUE",
            chair=case.chair,
            category="EMO",
        )
    plan.refresh_from_db()
    assert (plan.end_date, plan.latest_category) == (None, "EMO")
    first = clock(case.child, "T-RCPC-1")
    assert (first.met_on, first.status) == (held, "met")
    later = Deadline.objects.get(child=case.child, rule_id="T-RCPC", met_on=None)
    assert later.clock_start == held


def test_ending_a_plan_waits_for_another_managers_approval(
    case, plan, django_capture_on_commit_callbacks
):
    held = case.concern_day + dt.timedelta(days=20)
    conference = review_conference_record(
        actor=case.manager, plan=plan, date=held, outcome="END", chair=case.chair
    )
    plan.refresh_from_db()
    assert plan.end_date is None  # not until approved
    with pytest.raises(ValidationError, match="waiting for a manager"):
        review_conference_record(
            actor=case.worker, plan=plan, date=held, outcome="CONTINUE", chair=case.chair
        )
    # A worker cannot approve; the refusal is audited.
    with pytest.raises(PermissionDenied, match="Only a team manager"):
        plan_end_approve(actor=case.worker, conference=conference)
    assert AuditEvent.objects.filter(
        child_id=case.child.pk, actor=case.worker, detail__allowed=False
    ).exists()
    # Nor can the manager who recorded the conference approve their own.
    with pytest.raises(ValidationError, match="another manager"):
        plan_end_approve(actor=case.manager, conference=conference)
    plan.refresh_from_db()
    assert plan.end_date is None
    with django_capture_on_commit_callbacks(execute=True):
        plan_end_approve(actor=case.second_manager, conference=conference)
    plan.refresh_from_db()
    conference.refresh_from_db()
    assert plan.end_date == held
    assert conference.end_approved_by == case.second_manager
    assert events(case.child, "update", "childprotectionconference").get().actor == (
        case.second_manager
    )
    # The plan's clocks end with it: nothing runs on past its end.
    running = Deadline.objects.filter(
        child=case.child, rule_id__in=["T-CORE-GROUP-1", "T-CORE-GROUP", "T-RCPC"], met_on=None
    )
    assert all(d.context_end == held for d in running)


def test_a_core_group_before_the_plan_started_is_refused_on_its_date(case, plan):
    with pytest.raises(ValidationError) as refused:
        core_group_record(actor=case.worker, plan=plan, date=plan.start_date - dt.timedelta(days=1))
    assert "date_day" in refused.value.error_dict
    assert not CoreGroupMeeting.objects.exists()
