"""Tests for building the engine's Dataset from the live database."""

from datetime import date
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from sightline.care import models as care
from sightline.casework import models as casework
from sightline.engine.dataset import SCHEMAS
from sightline.oversight.dataset_loader import load_dataset
from sightline.workforce.models import Supervision

from .conftest import utc

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def recorded(council, make_child, allocate):
    """One child with a record in every table the Dataset reads, and a second child."""
    child = make_child("LA0001", first_name="Amy", last_name="Adams")
    other = make_child("LA0002", first_name="Ben", last_name="Brown")
    worker = council.east_worker
    allocate(child, team=council.east, worker=worker)
    allocate(other, team=council.west, worker=council.west_worker)
    Supervision.objects.create(
        worker=worker, supervisor=council.east_manager, date=date(2025, 1, 7)
    )
    Supervision.objects.create(
        worker=council.west_worker, supervisor=council.west_manager, date=date(2025, 1, 8)
    )
    contact = casework.Contact.objects.create(
        child=child,
        received_at=utc(2025, 1, 3, 16, 55, 0, 123456),
        source="1A",
        concerns="Bruising seen at school",
        significant_harm_suspected=True,
    )
    decided = casework.Contact.objects.create(
        child=child,
        received_at=utc(2025, 6, 2, 9, 0),
        source="1B",
        concerns="Follow-up",
        decision="NFA",
        decided_at=utc(2025, 6, 2, 11, 30),
    )
    referral = casework.Referral.objects.create(
        child=child,
        contact=contact,
        referral_date=date(2025, 1, 6),
        source="1A",
        decided_on=date(2025, 1, 6),
    )
    casework.Assessment.objects.create(
        referral=referral, child=child, start_date=date(2025, 1, 6), child_seen_on=date(2025, 1, 8)
    )
    strategy = casework.StrategyDiscussion.objects.create(
        referral=referral, child=child, held_on=date(2025, 1, 7), decision="S47"
    )
    s47 = casework.Section47Enquiry.objects.create(
        referral=referral, child=child, strategy_discussion=strategy, start_date=date(2025, 1, 7)
    )
    plan = casework.ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=date(2025, 1, 27),
        initial_category="NEG",
        latest_category="NEG",
    )
    casework.ChildProtectionConference.objects.create(
        child=child,
        referral=referral,
        section47=s47,
        plan=plan,
        kind="INITIAL",
        date=date(2025, 1, 27),
        outcome="PLAN",
    )
    casework.CoreGroupMeeting.objects.create(plan=plan, child=child, date=date(2025, 2, 7))
    cin = casework.ChildInNeedPlan.objects.create(
        child=other,
        referral=casework.Referral.objects.create(
            child=other, referral_date=date(2025, 2, 3), source="2A"
        ),
        start_date=date(2025, 3, 3),
    )
    casework.ChildInNeedPlanReview.objects.create(plan=cin, child=other, date=date(2025, 6, 2))
    casework.Visit.objects.create(
        child=child,
        date=date(2025, 2, 3),
        kind="CP",
        child_seen=True,
        seen_alone=True,
        worker=worker,
    )
    casework.Visit.objects.create(child=other, date=date(2025, 3, 10), kind="CIN", child_seen=False)
    casework.AgencyCheck.objects.create(
        child=child,
        contact=contact,
        subject=child,
        agency="POLICE",
        urgent=True,
        requested_at=utc(2025, 1, 3, 17, 0),
        due_on=date(2025, 1, 6),
    )
    casework.ManagementOversight.objects.create(
        child=child,
        recorded_at=utc(2025, 7, 1, 10, 15),
        manager=council.east_manager,
        note="Plan progressing",
    )
    care.LookedAfterEpisode.objects.create(
        child=other,
        start_date=date(2024, 5, 1),
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U1",
    )
    care.LookedAfterReview.objects.create(child=other, date=date(2024, 5, 29), participation="PN1")
    care.HealthAssessment.objects.create(child=other, date=date(2024, 5, 20), kind="INITIAL")
    care.DentalCheck.objects.create(child=other, date=date(2024, 9, 1))
    care.DevelopmentCheck.objects.create(child=other, date=date(2024, 9, 1))
    care.StrengthsAndDifficulties.objects.create(child=other, date=date(2024, 9, 2), score=14)
    care.StrengthsAndDifficulties.objects.create(
        child=other, date=date(2025, 9, 2), reason_not_completed="SDQ1"
    )
    care.PersonalEducationPlan.objects.create(child=other, date=date(2024, 5, 25))
    care.MissingEpisode.objects.create(
        child=other,
        kind="M",
        start_date=date(2024, 7, 1),
        end_date=date(2024, 7, 2),
        return_interview_offered_on=date(2024, 7, 3),
    )
    care.PermanencePlan.objects.create(
        child=other, recorded_on=date(2024, 10, 1), plan="LONG_TERM_FOSTERING"
    )
    care.CareLeaver.objects.create(
        child=other, eligibility="ELIGIBLE", eligible_from=date(2031, 1, 1)
    )
    care.CareLeaverContact.objects.create(child=other, date=date(2031, 2, 1), in_touch="YES")
    care.PathwayPlan.objects.create(child=other, date=date(2031, 2, 1), is_review=False)
    care.CareProceedings.objects.create(child=other, issued_on=date(2024, 6, 1), extension_weeks=8)
    care.Adoption.objects.create(child=other, decision_date=date(2024, 11, 1))
    casework.SignificantHarmConcern.objects.create(
        child=child, referral=referral, raised_at=utc(2025, 3, 4, 10, 0), summary="New injury"
    )
    episode = care.LookedAfterEpisode.objects.get(child=other)
    care.CarePlan.objects.create(child=other, date=date(2024, 5, 1))
    care.PlacementPlan.objects.create(child=other, episode=episode, date=date(2024, 5, 3))
    care.IROAppointment.objects.create(child=other, appointed_on=date(2024, 5, 2))
    care.NeedsAssessment.objects.create(child=other, date=date(2031, 1, 20))
    care.LeavingCareAccommodation.objects.create(
        child=other, provided_on=date(2031, 1, 5), section="S23B"
    )
    care.PrivateFosteringArrangement.objects.create(
        child=child, notified_on=date(2025, 4, 1), start_date=date(2025, 3, 20)
    )
    care.PreProceedings.objects.create(
        child=other, start_date=date(2024, 4, 1), initial_meeting_on=date(2024, 4, 8)
    )
    return {"child": child, "other": other, "contact": contact, "decided": decided}


def test_every_frame_has_exactly_the_dataset_schema_on_an_empty_database(db):
    dataset = load_dataset()
    for name, schema in SCHEMAS.items():
        assert dataset[name].schema == pl.Schema(schema), name


def test_every_frame_has_exactly_the_dataset_schema_with_records(recorded):
    dataset = load_dataset()
    for name, schema in SCHEMAS.items():
        assert dataset[name].schema == pl.Schema(schema), name
        assert dataset[name].height > 0, f"{name} read no rows"


def test_each_table_is_read_with_one_query(recorded, django_assert_num_queries):
    with django_assert_num_queries(len(SCHEMAS)):
        load_dataset()


def test_instants_are_utc_aware_to_the_microsecond(recorded):
    contacts = load_dataset()["contacts"].sort("contact_id")
    received = contacts.get_column("received_at").to_list()
    assert received[0] == utc(2025, 1, 3, 16, 55, 0, 123456)
    # A summer contact at 10:00 in London is 09:00 UTC: stored and read back as UTC.
    assert received[1] == utc(2025, 6, 2, 9, 0)
    assert received[1].astimezone(LONDON).hour == 10
    assert contacts.schema["received_at"] == pl.Datetime("us", "UTC")


def test_values_match_the_records(recorded):
    dataset = load_dataset()
    child, other = recorded["child"], recorded["other"]
    contacts = dataset["contacts"].sort("contact_id").to_dicts()
    assert contacts[0]["significant_harm_suspected"] is True
    assert contacts[0]["decision"] is None  # not decided: a null, not an empty string
    assert contacts[0]["decided_at"] is None
    assert contacts[1]["decision"] == "NFA"
    assert contacts[1]["decided_at"] == utc(2025, 6, 2, 11, 30)
    assert contacts[1]["significant_harm_suspected"] is False

    (referral,) = dataset["referrals"].filter(pl.col("child_id") == child.pk).to_dicts()
    assert referral["referral_date"] == date(2025, 1, 6)
    assert referral["contact_id"] == recorded["contact"].pk
    assert referral["closure_date"] is None
    assert referral["closure_reason"] is None
    assert referral["no_further_action"] is False
    assert referral["significant_harm_suspected_at"] is None
    assert dataset["oversight"].get_column("strategy_considered_not_held").to_list() == [False]

    (s47,) = dataset["section47_enquiries"].to_dicts()
    assert s47["icpc_required"] is None  # a nullable yes/no left unanswered stays unknown

    visits = {row["child_id"]: row for row in dataset["visits"].to_dicts()}
    assert visits[child.pk]["seen_alone"] is True
    assert visits[child.pk]["worker_id"] == recorded["child"].allocations.get().worker_id
    assert visits[other.pk]["child_seen"] is False
    assert visits[other.pk]["worker_id"] is None

    sdq = dataset["sdq_scores"].sort("date").get_column("score").to_list()
    assert sdq == [14, None]

    children = dataset["children"].sort("child_id").to_dicts()
    assert [c["la_child_id"] for c in children] == ["LA0001", "LA0002"]
    assert children[0]["date_of_birth"] == date(2015, 4, 1)


def test_a_referral_flag_and_a_strategy_not_held_decision_are_read(council, make_child):
    child = make_child("LA0003")
    casework.Referral.objects.create(
        child=child,
        referral_date=date(2025, 3, 3),
        source="2A",
        significant_harm_suspected_at=utc(2025, 3, 4, 15, 30),
    )
    casework.ManagementOversight.objects.create(
        child=child,
        recorded_at=utc(2025, 3, 5, 10),
        manager=council.east_manager,
        note="Injury explained by the hospital; no strategy discussion needed",
        strategy_considered_not_held=True,
    )
    dataset = load_dataset()
    (referral,) = dataset["referrals"].to_dicts()
    assert referral["significant_harm_suspected_at"] == utc(2025, 3, 4, 15, 30)
    (entry,) = dataset["oversight"].to_dicts()
    assert entry["strategy_considered_not_held"] is True


def test_worker_names_fall_back_to_the_username(recorded, council):
    workers = dict(load_dataset()["workers"].select("worker_id", "name").iter_rows())
    assert workers[council.east_worker.pk] == "Ed Worker"
    assert workers[council.analyst.pk] == "analyst"


def test_adults_are_not_children(recorded, db):
    from sightline.people.models import Person

    Person.objects.create(first_name="Pat", last_name="Parent", sex="F")
    assert load_dataset()["children"].height == 2


def test_child_filter_keeps_only_those_childrens_records(recorded, council):
    child = recorded["child"]
    dataset = load_dataset(child_ids=[child.pk])
    for name, schema in SCHEMAS.items():
        if "child_id" in schema:
            assert set(dataset[name].get_column("child_id").to_list()) <= {child.pk}, name
    assert dataset["contacts"].height == 2
    assert dataset["lac_episodes"].height == 0
    # Teams stay whole; workers and their supervision only the child's own workers.
    assert dataset["teams"].height == 3
    assert dataset["workers"].get_column("worker_id").to_list() == [council.east_worker.pk]
    assert dataset["supervisions"].get_column("worker_id").to_list() == [council.east_worker.pk]


def test_child_filter_for_an_unknown_child_gives_empty_frames_of_the_right_schema(recorded):
    dataset = load_dataset(child_ids=[999_999])
    assert dataset["visits"].height == 0
    assert dataset["visits"].schema == pl.Schema(SCHEMAS["visits"])
