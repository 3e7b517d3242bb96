"""Health assessment, dental check, PEP, a care leaver's contact and pathway plan, through the
action layer: audited, refused for a stranger, validated, and their clocks met or started.

The child became looked after on Monday 1 June 2026; 20 working days later is Monday 29 June.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from tests.care.conftest import changes_audited, clock, refusals

from sightline.care.models import CareLeaver, HealthAssessment
from sightline.care.writes import (
    care_leaver_contact_record,
    dental_check_record,
    education_plan_record,
    health_assessment_record,
    looked_after_start,
    pathway_plan_record,
)
from sightline.oversight.models import Deadline

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


def test_an_initial_health_assessment_in_20_working_days_meets_its_clock_and_starts_the_next(
    council, looked_after, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment = health_assessment_record(
            actor=council.worker, child=council.child, date=dt.date(2026, 6, 29), kind="INITIAL"
        )
    iha = clock(council.child, "T-IHA")
    assert (iha.due, iha.met_on, iha.status) == (dt.date(2026, 6, 29), dt.date(2026, 6, 29), "met")
    # Ruby is 12: her review health assessment is due 12 months later.
    assert clock(council.child, "T-RHA").due == dt.date(2027, 6, 29)
    assert changes_audited(council.child, "healthassessment")[0].object_id == str(assessment.pk)


def test_a_health_assessment_before_the_child_was_looked_after_is_refused_on_its_date(
    council, looked_after
):
    with pytest.raises(ValidationError) as refused:
        health_assessment_record(
            actor=council.worker, child=council.child, date=dt.date(2026, 5, 1), kind="INITIAL"
        )
    assert "date" in refused.value.error_dict
    assert not HealthAssessment.objects.exists()


def test_a_health_assessment_refused_to_a_stranger_is_audited(council, looked_after):
    with pytest.raises(Http404):
        health_assessment_record(
            actor=council.stranger, child=council.child, date=dt.date(2026, 6, 5), kind="INITIAL"
        )
    assert refusals(council.child).get().actor == council.stranger


def test_a_dental_check_meets_its_clock_and_is_audited(
    council, looked_after, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        check = dental_check_record(actor=council.worker, child=council.child, date=START)
    dental = Deadline.objects.filter(child=council.child, rule_id="T-DENTAL").order_by("pk")
    # The first clock (from becoming looked after) is met; the next runs from the check.
    assert [(c.clock_start, c.due, c.met_on) for c in dental] == [
        (START, dt.date(2027, 6, 1), START),
        (START, dt.date(2027, 6, 1), None),
    ]
    assert changes_audited(council.child, "dentalcheck")[0].object_id == str(check.pk)


def test_a_pep_in_20_working_days_meets_its_clock_and_starts_the_termly_review(
    council, looked_after, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = education_plan_record(
            actor=council.worker, child=council.child, date=dt.date(2026, 6, 22)
        )
    pep = clock(council.child, "T-PEP")
    assert (pep.due, pep.met_on, pep.status) == (dt.date(2026, 6, 29), dt.date(2026, 6, 22), "met")
    assert clock(council.child, "T-PEP-REVIEW", clock_start=dt.date(2026, 6, 22)).due == (
        dt.date(2026, 9, 22)
    )
    assert changes_audited(council.child, "personaleducationplan")[0].object_id == str(plan.pk)


def test_a_pep_refused_to_a_stranger_is_audited(council, looked_after):
    with pytest.raises(Http404):
        education_plan_record(actor=council.stranger, child=council.child, date=START)
    assert refusals(council.child).get().actor == council.stranger


# -- Leaving care --------------------------------------------------------------------------------


@pytest.fixture
def care_leaver(council):
    council.child.date_of_birth = dt.date(2009, 6, 1)
    council.child.save()
    return CareLeaver.objects.create(
        child=council.child, eligibility="RELEVANT", eligible_from=dt.date(2026, 9, 1)
    )


def contact(council, day, **fields):
    fields = {
        "in_touch": "YES",
        "kind": "VISIT",
        "activity": "F2",
        "accommodation": "D",
        "accommodation_suitable": True,
        **fields,
    }
    return care_leaver_contact_record(actor=council.worker, child=council.child, date=day, **fields)


def test_a_care_leaver_contact_starts_the_next_contact_clock_8_weeks_on(
    council, care_leaver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = contact(council, dt.date(2026, 10, 5))
    assert changes_audited(council.child, "careleavercontact")[0].object_id == str(made.pk)
    following = clock(council.child, "T-PA-CONTACT", clock_start=dt.date(2026, 10, 5))
    assert following.due == dt.date(2026, 11, 30)


def test_a_contact_not_in_touch_records_no_activity_or_accommodation(council, care_leaver):
    with pytest.raises(ValidationError) as refused:
        contact(council, dt.date(2026, 10, 5), in_touch="NO")
    assert "activity" in refused.value.error_dict


def test_a_contact_before_the_young_person_was_entitled_is_refused_on_its_date(
    council, care_leaver
):
    with pytest.raises(ValidationError) as refused:
        contact(council, dt.date(2026, 8, 1))
    assert "date" in refused.value.error_dict


def test_a_contact_for_someone_not_a_care_leaver_is_refused(council):
    with pytest.raises(ValidationError, match="not recorded as entitled"):
        contact(council, dt.date(2026, 10, 5))


def test_a_contact_refused_to_a_stranger_is_audited(council, care_leaver):
    with pytest.raises(Http404):
        care_leaver_contact_record(
            actor=council.stranger,
            child=council.child,
            date=dt.date(2026, 10, 5),
            in_touch="YES",
            kind="CALL",
        )
    assert refusals(council.child).get().actor == council.stranger


def test_the_first_pathway_plan_meets_its_clock_and_the_next_is_its_review(
    council, care_leaver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan = pathway_plan_record(
            actor=council.worker, child=council.child, date=dt.date(2026, 10, 1)
        )
    assert not plan.is_review
    assert Deadline.objects.get(rule_id="T-PATHWAY-PLAN").met_on == dt.date(2026, 10, 1)
    review_due = clock(council.child, "T-PATHWAY-REVIEW", clock_start=dt.date(2026, 10, 1))
    assert review_due.due == dt.date(2027, 4, 1)
    again = pathway_plan_record(
        actor=council.worker, child=council.child, date=dt.date(2026, 11, 2)
    )
    assert again.is_review
    assert len(changes_audited(council.child, "pathwayplan")) == 2
