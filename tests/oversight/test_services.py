"""Tests for storing the engine's deadlines: one child after a write, and everyone nightly."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.test import override_settings

from sightline.access.models import AuditEvent
from sightline.casework import models as casework
from sightline.casework.models import Visit
from sightline.casework.services import (
    assessment_authorise,
    contact_decision_record,
    management_oversight_record,
    visit_record,
)
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.models import Deadline, DeadlineRun
from sightline.oversight.services import (
    council_standards,
    deadlines_evaluate,
    deadlines_refresh_all,
    deadlines_refresh_for_child,
)
from sightline.workforce.models import Supervision

from .conftest import utc

AS_AT = date(2025, 3, 3)


def stored(child):
    """The child's stored deadlines as comparable tuples."""
    return sorted(
        Deadline.objects.filter(child=child).values_list(
            "rule_id", "clock_start", "due", "met_on", "status"
        )
    )


def cp_visits(child):
    return list(
        Deadline.objects.filter(child=child, rule_id="T-CP-VISIT")
        .order_by("clock_start")
        .values_list("clock_start", "due", "met_on", "status")
    )


def test_refresh_for_child_stores_exactly_what_the_engine_finds(cp_case):
    engine = deadlines_evaluate(load_dataset(), as_at=AS_AT)
    stored_count = deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    expected = sorted(
        engine.select("rule_id", "clock_start", "due", "met_on", "status").iter_rows()
    )
    assert stored_count == 11
    assert stored(cp_case.child) == expected


def test_stored_deadlines_carry_worker_team_flags_and_as_at(cp_case, council):
    deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    visit = Deadline.objects.get(child=cp_case.child, rule_id="T-CP-VISIT", met_on__isnull=True)
    assert visit.due == date(2025, 2, 17)
    assert visit.status == "overdue"
    assert visit.working_days_overdue == 10
    assert visit.worker == council.east_worker
    assert visit.team == council.east
    assert visit.is_child_protection is True
    assert visit.is_looked_after is False
    assert visit.computed_for == AS_AT
    assert visit.record_type == "cp_plans"
    assert visit.record_id == cp_case.plan.pk


def test_refresh_for_child_replaces_only_that_childs_rows(cp_case, make_child, make_deadline):
    other = make_child("LA0002")
    stale_own = make_deadline(cp_case.child, due=date(2020, 1, 1), rule_id="T-STALE")
    kept_other = make_deadline(other, due=date(2020, 1, 1), rule_id="T-STALE")
    deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    assert not Deadline.objects.filter(pk=stale_own.pk).exists()
    assert Deadline.objects.filter(pk=kept_other.pk).exists()


def test_refresh_for_an_unknown_child_stores_nothing(db):
    assert deadlines_refresh_for_child(123_456, as_at=AS_AT) == 0


def test_visit_record_recalculates_the_childs_clocks_after_commit(
    cp_case, council, django_capture_on_commit_callbacks
):
    deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    assert (date(2025, 2, 3), date(2025, 2, 17), None, "overdue") in cp_visits(cp_case.child)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        visit_record(
            actor=council.east_worker,
            child=cp_case.child,
            date=date(2025, 2, 14),
            kind="CP",
            child_seen=True,
            seen_alone=True,
        )
    assert len(callbacks) == 1
    # Recalculated as at today: the visit on 14 February met the clock due on the 17th.
    assert (date(2025, 2, 3), date(2025, 2, 17), date(2025, 2, 14), "met") in cp_visits(
        cp_case.child
    )


def test_visit_record_recalculates_nothing_until_the_transaction_commits(
    cp_case, council, django_capture_on_commit_callbacks
):
    deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    before = stored(cp_case.child)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        visit_record(
            actor=council.east_worker, child=cp_case.child, date=date(2025, 2, 14), kind="CP"
        )
    assert len(callbacks) == 1
    assert stored(cp_case.child) == before


def test_visit_record_is_refused_to_an_analyst(cp_case, council):
    with pytest.raises(PermissionDenied):
        visit_record(actor=council.analyst, child=cp_case.child, date=date(2025, 2, 14), kind="CP")


def test_a_worker_outside_the_childs_team_cannot_record_a_visit(cp_case, council):
    with pytest.raises(Http404):
        visit_record(
            actor=council.west_worker, child=cp_case.child, date=date(2025, 2, 14), kind="CP"
        )
    assert not Visit.objects.filter(date=date(2025, 2, 14)).exists()


def test_recording_a_visit_is_audited(cp_case, council):
    visit_record(actor=council.east_worker, child=cp_case.child, date=date(2025, 2, 14), kind="CP")
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.child_id) == (
        council.east_worker,
        "create",
        cp_case.child.pk,
    )


def test_visit_record_validates_before_saving(cp_case, council):
    with pytest.raises(ValidationError):
        visit_record(
            actor=council.east_worker,
            child=cp_case.child,
            date=date(2025, 2, 14),
            kind="CP",
            child_seen=False,
            seen_alone=True,
        )


def test_contact_decision_record_meets_the_contact_decision_clock(
    cp_case, council, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contact_decision_record(
            actor=council.east_worker,
            contact=cp_case.contact,
            decision="STRATEGY",
            decided_at=utc(2025, 1, 6, 10, 0),
        )
    decision = Deadline.objects.get(child=cp_case.child, rule_id="T-CONTACT-DECISION")
    assert (decision.met_on, decision.status) == (date(2025, 1, 6), "met")


def test_contact_decision_cannot_be_recorded_twice(cp_case, council):
    contact_decision_record(actor=council.east_worker, contact=cp_case.contact, decision="STRATEGY")
    with pytest.raises(ValidationError):
        contact_decision_record(actor=council.east_worker, contact=cp_case.contact, decision="NFA")


def test_assessment_authorised_after_45_working_days_needs_the_reason(cp_case, council):
    # Referral 6 January 2025: 45 working days later is 10 March.
    with pytest.raises(ValidationError) as refused:
        assessment_authorise(
            actor=council.east_manager,
            assessment=cp_case.assessment,
            authorised_on=date(2025, 3, 11),
            outcome="CIN_PLAN",
        )
    assert "delay_reason" in refused.value.message_dict


def test_late_assessment_with_a_reason_is_met_late(
    cp_case, council, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment_authorise(
            actor=council.east_manager,
            assessment=cp_case.assessment,
            authorised_on=date(2025, 3, 11),
            outcome="CIN_PLAN",
            delay_reason="Father's parenting assessment could not start until March.",
        )
    clock = Deadline.objects.get(child=cp_case.child, rule_id="T-ASSESSMENT")
    assert (clock.due, clock.met_on, clock.status) == (
        date(2025, 3, 10),
        date(2025, 3, 11),
        "met_late",
    )


def test_assessment_is_authorised_by_a_manager_only(cp_case, council):
    with pytest.raises(PermissionDenied):
        assessment_authorise(
            actor=council.east_worker,
            assessment=cp_case.assessment,
            authorised_on=date(2025, 3, 3),
            outcome="CIN_PLAN",
        )


def test_management_oversight_meets_the_oversight_clock(
    cp_case, council, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        management_oversight_record(
            actor=council.east_manager,
            child=cp_case.child,
            note="Visits are late; see Amy this week.",
            recorded_at=utc(2025, 2, 14, 10, 0),
        )
    first = Deadline.objects.filter(child=cp_case.child, rule_id__startswith="T-OVERSIGHT")
    assert first.order_by("clock_start").first().met_on == date(2025, 2, 14)


def test_management_oversight_is_recorded_by_a_manager_only(cp_case, council):
    with pytest.raises(PermissionDenied):
        management_oversight_record(actor=council.east_worker, child=cp_case.child, note="x")


def test_manager_recording_a_strategy_discussion_is_not_needed_meets_the_strategy_clock(
    council, make_child, allocate, django_capture_on_commit_callbacks
):
    child = make_child("LA0008")
    allocate(child, team=council.east, worker=council.east_worker)
    casework.Contact.objects.create(
        child=child,
        received_at=utc(2025, 3, 3, 10, 0),
        source="1A",
        concerns="Bruise on the arm reported by school",
        significant_harm_suspected=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        management_oversight_record(
            actor=council.east_manager,
            child=child,
            note="GP confirms a known skin condition; no strategy discussion needed.",
            recorded_at=utc(2025, 3, 4, 9, 0),
            strategy_considered_not_held=True,
        )
    clock = Deadline.objects.get(child=child, rule_id="T-STRATEGY")
    assert (clock.met_on, clock.status) == (date(2025, 3, 4), "met")


def test_strategy_not_held_without_a_reason_is_refused(cp_case, council):
    with pytest.raises(ValidationError):
        management_oversight_record(
            actor=council.east_manager,
            child=cp_case.child,
            note="",
            strategy_considered_not_held=True,
        )


def test_tick_replaces_stale_rows_with_every_childs_current_deadlines(
    cp_case, make_child, make_deadline
):
    gone = make_child("LA0009")
    make_deadline(cp_case.child, due=date(2020, 1, 1), rule_id="T-STALE")
    make_deadline(gone, due=date(2020, 1, 1), rule_id="T-STALE")
    out = StringIO()
    call_command("tick", "--as-at", "2025-03-03", stdout=out)
    assert not Deadline.objects.filter(rule_id="T-STALE").exists()
    assert Deadline.objects.count() == 11
    assert set(Deadline.objects.values_list("computed_for", flat=True)) == {AS_AT}
    run = DeadlineRun.objects.get()
    assert (run.as_at, run.deadline_count) == (AS_AT, 11)
    assert run.status_counts == {
        "due_soon": 1,
        "met": 3,
        "met_late": 2,
        "overdue": 4,
        "pending": 1,
    }
    printed = out.getvalue()
    assert "Deadlines as at 2025-03-03: 11 stored" in printed
    assert "Overdue: 4" in printed
    assert "Met late: 2" in printed


def test_a_child_changed_while_the_rebuild_ran_keeps_the_newer_clocks(
    cp_case, council, monkeypatch
):
    from sightline.oversight import services

    read_record = services.load_dataset

    def read_then_a_visit_is_recorded(**kwargs):
        dataset = read_record(**kwargs)
        if kwargs.get("child_ids") is None:
            # After the rebuild has read the record, a worker records a visit; its commit
            # refreshes the child's clocks before the rebuild writes its older reading.
            visit_record(
                actor=council.east_worker, child=cp_case.child, date=date(2025, 2, 14), kind="CP"
            )
            deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
        return dataset

    monkeypatch.setattr(services, "load_dataset", read_then_a_visit_is_recorded)
    summary = deadlines_refresh_all(as_at=AS_AT)
    assert (date(2025, 2, 3), date(2025, 2, 17), date(2025, 2, 14), "met") in cp_visits(
        cp_case.child
    )
    assert summary.deadline_count == Deadline.objects.count()
    assert sum(summary.status_counts.values()) == summary.deadline_count


def test_tick_refuses_a_date_it_cannot_read(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("tick", "--as-at", "3/3/2025")


def test_refresh_all_leaves_out_clocks_about_a_worker_rather_than_a_child(cp_case, council):
    Supervision.objects.create(
        worker=council.east_worker, supervisor=council.east_manager, date=date(2025, 1, 6)
    )
    engine = deadlines_evaluate(load_dataset(), as_at=AS_AT)
    assert engine.filter(engine["child_id"].is_null()).height > 0
    summary = deadlines_refresh_all(as_at=AS_AT)
    assert summary.deadline_count == engine.filter(engine["child_id"].is_not_null()).height
    assert not Deadline.objects.filter(rule_id="T-SUPERVISION").exists()


@override_settings(SIGHTLINE_LOCAL_STANDARDS="T-CP-VISIT=15WD")
def test_the_councils_local_standard_sets_the_visit_interval(cp_case):
    deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    # 15 working days after the plan started on 27 January, rather than 10.
    assert cp_visits(cp_case.child)[0][1] == date(2025, 2, 17)


@override_settings(SIGHTLINE_LOCAL_CLOSURE_DAYS=["2025-02-10"])
def test_a_local_closure_day_is_not_a_working_day(cp_case):
    deadlines_refresh_for_child(cp_case.child.pk, as_at=AS_AT)
    assert cp_visits(cp_case.child)[0][1] == date(2025, 2, 11)


@override_settings(SIGHTLINE_LOCAL_STANDARDS="T-ICPC=20WD")
def test_a_statutory_deadline_in_local_standards_is_a_configuration_error(db):
    with pytest.raises(ImproperlyConfigured, match="T-ICPC"):
        council_standards()


def test_the_councils_standards_are_built_once(db):
    assert council_standards() is council_standards()
