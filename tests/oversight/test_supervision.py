"""Issue 12 row 4: a worker's supervision recorded by their supervisor through the action layer,
measured against T-SUPERVISION; the team's supervision schedule and the worker's history.

Due dates are worked out by hand: T-SUPERVISION is every 4 weeks (28 days) from the previous
supervision, or from the worker's start for the first; a clock is due soon when due by the
5th working day after the as-at date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.access.services import restricted_record_create
from sightline.oversight.supervision.actions import AgreedAction, supervision_record
from sightline.oversight.supervision.selectors import (
    supervision_clocks,
    supervision_history,
    supervision_schedule,
)
from sightline.workforce.models import Supervision, SupervisionAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(council):
    """Ed started on Monday 6 January 2025, Eve on Monday 3 February 2025; neither newly
    qualified."""
    council.east_worker.started_on = dt.date(2025, 1, 6)
    council.east_worker.save()
    council.east_worker_2.started_on = dt.date(2025, 2, 3)
    council.east_worker_2.save()
    return council


def test_a_worker_never_supervised_is_due_4_weeks_after_starting(started):
    clocks = supervision_clocks([started.east_worker], dt.date(2025, 2, 10))
    clock = clocks[started.east_worker.pk]
    assert clock.due == dt.date(2025, 2, 3)  # 6 January + 28 days
    assert clock.status == "overdue"
    assert clock.working_days_overdue == 5  # 4, 5, 6, 7 and 10 February
    assert clock.last is None


def test_a_recorded_supervision_meets_the_clock_and_starts_the_next(started, cp_case):
    supervision = supervision_record(
        actor=started.east_manager,
        worker=started.east_worker,
        date=dt.date(2025, 2, 7),
        notes="Reflective discussion of the plan.",
        children=[cp_case.child],
        actions=[
            AgreedAction(
                action="Book the core group",
                owner=started.east_worker,
                due=dt.date(2025, 2, 14),
                child=cp_case.child,
            )
        ],
    )
    assert list(supervision.children_discussed.all()) == [cp_case.child]
    action = SupervisionAction.objects.get(supervision=supervision)
    assert (action.owner, action.due, action.child) == (
        started.east_worker,
        dt.date(2025, 2, 14),
        cp_case.child,
    )
    clock = supervision_clocks([started.east_worker], dt.date(2025, 2, 10))[started.east_worker.pk]
    assert clock.last == dt.date(2025, 2, 7)
    assert clock.due == dt.date(2025, 3, 7)  # 7 February + 28 days
    assert clock.status == "pending"  # due after 17 February, the 5th working day


def test_the_next_supervision_is_due_soon_within_5_working_days(started):
    supervision_record(
        actor=started.east_manager, worker=started.east_worker, date=dt.date(2025, 2, 7)
    )
    # 5 working days after Friday 28 February is Friday 7 March: due that day, so due soon.
    clock = supervision_clocks([started.east_worker], dt.date(2025, 2, 28))[started.east_worker.pk]
    assert clock.status == "due_soon"
    # The day before, the 5th working day is Thursday 6 March: still pending.
    clock = supervision_clocks([started.east_worker], dt.date(2025, 2, 27))[started.east_worker.pk]
    assert clock.status == "pending"


def test_the_supervision_and_each_child_discussed_are_audited(started, cp_case):
    supervision = supervision_record(
        actor=started.east_manager,
        worker=started.east_worker,
        date=dt.date(2025, 2, 7),
        children=[cp_case.child],
    )
    events = AuditEvent.objects.filter(actor=started.east_manager, action="create")
    assert events.filter(child__isnull=True, detail__worker_id=started.east_worker.pk).exists()
    on_child = events.get(child=cp_case.child)
    assert on_child.detail["allowed"] is True
    assert on_child.object_id == str(supervision.pk)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("east_worker_2", "Only a team manager or head of service"),
        ("west_manager", "your own team or service"),
        ("care_head", "your own team or service"),
    ],
)
def test_only_the_workers_manager_or_head_may_record_it(started, who, message):
    actor = getattr(started, who)
    with pytest.raises(PermissionDenied, match=message):
        supervision_record(actor=actor, worker=started.east_worker, date=dt.date(2025, 2, 7))
    assert not Supervision.objects.exists()
    refusal = AuditEvent.objects.get(actor=actor)
    assert refusal.detail["allowed"] is False


def test_a_manager_cannot_record_their_own_supervision(started):
    with pytest.raises(PermissionDenied, match="your own supervision"):
        supervision_record(
            actor=started.east_manager, worker=started.east_manager, date=dt.date(2025, 2, 7)
        )


def test_naming_a_child_the_supervisor_may_not_open_is_refused(started, make_child, allocate):
    elsewhere = make_child("LA0900", first_name="Cal")
    allocate(elsewhere, team=started.care, worker=None)
    with pytest.raises(PermissionDenied, match="only children whose records you may open"):
        supervision_record(
            actor=started.east_manager,
            worker=started.east_worker,
            date=dt.date(2025, 2, 7),
            children=[elsewhere],
        )
    assert not Supervision.objects.exists()


def test_a_supervision_in_the_future_or_before_the_worker_started_is_refused(started):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        supervision_record(actor=started.east_manager, worker=started.east_worker, date=tomorrow)
    assert "today or in the past" in future.value.message_dict["date_day"][0]
    with pytest.raises(ValidationError) as early:
        supervision_record(
            actor=started.east_manager, worker=started.east_worker, date=dt.date(2025, 1, 3)
        )
    assert "6 January 2025" in early.value.message_dict["date_day"][0]
    assert not Supervision.objects.exists()


def test_the_schedule_lists_overdue_workers_first(started):
    supervision_record(
        actor=started.east_manager, worker=started.east_worker, date=dt.date(2025, 2, 7)
    )
    schedule = supervision_schedule(
        actor=started.east_manager, team=started.east, as_at=dt.date(2025, 3, 10)
    )
    # Eve: started 3 February, due 3 March, overdue; Ed: due 7 March, overdue too but later.
    assert [(c.worker.first_name, c.due, c.status) for c in schedule.clocks] == [
        ("Eve", dt.date(2025, 3, 3), "overdue"),
        ("Ed", dt.date(2025, 3, 7), "overdue"),
    ]
    assert schedule.overdue == 2
    schedule = supervision_schedule(
        actor=started.east_manager, team=started.east, as_at=dt.date(2025, 2, 24)
    )
    assert [(c.worker.first_name, c.status) for c in schedule.clocks] == [
        ("Eve", "due_soon"),  # 3 March is within 5 working days of 24 February
        ("Ed", "pending"),
    ]


def test_the_schedule_is_refused_to_another_teams_manager(started):
    with pytest.raises(PermissionDenied):
        supervision_schedule(actor=started.west_manager, team=started.east)
    assert AuditEvent.objects.get(actor=started.west_manager).detail["allowed"] is False


def test_the_history_hides_children_the_reader_may_not_open(started, cp_case, make_user):
    supervision_record(
        actor=started.east_manager,
        worker=started.east_worker,
        date=dt.date(2025, 2, 7),
        children=[cp_case.child],
        actions=[
            AgreedAction(
                action="Visit Amy at school",
                owner=started.east_worker,
                due=dt.date(2025, 2, 14),
                child=cp_case.child,
            )
        ],
    )
    mine = supervision_history(actor=started.east_worker, worker=started.east_worker)
    assert [c.pk for c in mine.sessions[0].children] == [cp_case.child.pk]
    assert mine.may_record is False
    restricted_record_create(
        actor=make_user("ig", role="IG_OFFICER"),
        child=cp_case.child,
        reason="adoption",
        allow_list=[],
    )
    hidden = supervision_history(actor=started.east_worker, worker=started.east_worker)
    session = hidden.sessions[0]
    assert session.children == [] and session.hidden_children == 1
    assert session.actions[0][1] is None


def test_a_colleague_may_not_read_a_workers_supervision(started):
    with pytest.raises(PermissionDenied):
        supervision_history(actor=started.east_worker_2, worker=started.east_worker)


# --- The pages -------------------------------------------------------------------------------


def _form(date: dt.date, **extra) -> dict:
    return {
        "date_day": str(date.day),
        "date_month": str(date.month),
        "date_year": str(date.year),
        "notes": "Talked through Amy's plan.",
        **extra,
    }


def test_recording_supervision_checks_the_answers_before_saving(client, started, cp_case):
    client.force_login(started.east_manager)
    url = reverse("supervision-new", args=[started.east_worker.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert b"Amy Adams (LA0001)" in form.content  # Ed's child, to tick as discussed
    today = timezone.localdate()
    answers = _form(
        today,
        children=[str(cp_case.child.pk)],
        action_1="Book the core group",
        action_1_child=str(cp_case.child.pk),
        action_1_owner=str(started.east_worker.pk),
        action_1_due_day=str(today.day),
        action_1_due_month=str(today.month),
        action_1_due_year=str(today.year),
    )
    check = client.post(url, answers)
    assert check.status_code == 200
    assert b"Check the supervision before saving it" in check.content
    assert not Supervision.objects.exists()
    saved = client.post(url, {**answers, "confirm": "yes"})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("supervision-history", args=[started.east_worker.pk])
    supervision = Supervision.objects.get()
    assert supervision.supervisor == started.east_manager and supervision.date == today
    assert supervision.actions.get().action == "Book the core group"
    history = client.get(saved["Location"])
    assert b"Book the core group" in history.content


def test_an_action_without_its_owner_or_date_is_shown_back_on_its_fields(client, started):
    client.force_login(started.east_manager)
    url = reverse("supervision-new", args=[started.east_worker.pk])
    page = client.post(url, _form(timezone.localdate(), action_2="Read the plan", confirm="yes"))
    assert page.status_code == 200
    assert page.context["form"].errors["action_2_owner"] == ["Select who will do action 2"]
    assert page.context["form"].errors["action_2_due_day"] == ["Enter the date action 2 is due"]
    assert b"Read the plan" in page.content
    assert not Supervision.objects.exists()


def test_a_social_worker_cannot_open_the_supervision_form(client, started):
    client.force_login(started.east_worker_2)
    assert client.get(reverse("supervision-new", args=[started.east_worker.pk])).status_code == 403


def test_the_team_oversight_page_shows_supervision_due_and_links_the_schedule(client, started):
    client.force_login(started.east_manager)
    page = client.get(reverse("oversight-team", args=[started.east.pk]))
    assert page.context["supervision"].overdue == 2  # neither supervised since starting
    schedule_url = reverse("supervision-schedule", args=[started.east.pk]).encode()
    assert schedule_url in page.content
    schedule = client.get(schedule_url.decode())
    assert schedule.status_code == 200
    assert reverse("supervision-new", args=[started.east_worker.pk]).encode() in schedule.content


def test_a_practitioner_with_no_start_date_or_supervision_is_counted_as_no_date_known(council):
    schedule = supervision_schedule(
        actor=council.east_manager, team=council.east, as_at=dt.date(2025, 3, 10)
    )
    assert schedule.overdue == 0
    assert schedule.unknown == 2  # Ed and Eve: no start date, never supervised
    assert all(c.status is None and c.status_label == "No date known" for c in schedule.clocks)
