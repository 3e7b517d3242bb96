"""The child in need plan: started in the open CIN episode, reviewed, each review meeting its
3-month clock; refusals audited and bad input refused on its field."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from sightline.access.models import AuditEvent
from sightline.casework.models import ChildInNeedPlan, ChildInNeedPlanReview
from sightline.casework.writes.child_in_need import cin_plan_review_record, cin_plan_start
from sightline.oversight.models import Deadline


def test_a_plan_starts_its_review_clock_and_a_review_meets_it(
    case, django_capture_on_commit_callbacks
):
    start = case.concern_day + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        plan = cin_plan_start(actor=case.worker, child=case.child, start_date=start)
    first = Deadline.objects.get(child=case.child, rule_id="T-CIN-PLAN-REVIEW")
    assert (first.clock_start, first.met_on, first.record_id) == (start, None, plan.pk)
    reviewed = start + dt.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        review = cin_plan_review_record(
            actor=case.worker, plan=plan, date=reviewed, notes="School attendance up to 95%."
        )
    met = Deadline.objects.get(child=case.child, rule_id="T-CIN-PLAN-REVIEW", clock_start=start)
    assert (met.met_on, met.status) == (reviewed, "met")
    assert (
        Deadline.objects.get(child=case.child, rule_id="T-CIN-PLAN-REVIEW", met_on=None).clock_start
        == reviewed
    )
    created = AuditEvent.objects.filter(child_id=case.child.pk, action="create")
    assert {e.object_id for e in created} >= {str(plan.pk), str(review.pk)}


def test_a_second_running_plan_and_a_plan_before_the_referral_are_refused(case):
    with pytest.raises(ValidationError) as refused:
        cin_plan_start(
            actor=case.worker,
            child=case.child,
            start_date=case.referral.referral_date - dt.timedelta(days=1),
        )
    assert "start_day" in refused.value.error_dict
    cin_plan_start(actor=case.worker, child=case.child, start_date=case.concern_day)
    with pytest.raises(ValidationError, match="already has a child in need plan"):
        cin_plan_start(actor=case.worker, child=case.child, start_date=case.concern_day)
    assert ChildInNeedPlan.objects.count() == 1


def test_a_review_needs_its_notes_and_a_stranger_is_refused_and_audited(case):
    plan = cin_plan_start(actor=case.worker, child=case.child, start_date=case.concern_day)
    with pytest.raises(ValidationError) as refused:
        cin_plan_review_record(actor=case.worker, plan=plan, date=case.concern_day, notes=" ")
    assert "notes" in refused.value.error_dict
    with pytest.raises(Http404):
        cin_plan_review_record(
            actor=case.stranger, plan=plan, date=case.concern_day, notes="Not mine to write."
        )
    assert AuditEvent.objects.get(child_id=case.child.pk, detail__allowed=False).actor == (
        case.stranger
    )
    assert not ChildInNeedPlanReview.objects.exists()
