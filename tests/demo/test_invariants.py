"""Properties every generated council has, whatever the seed (hypothesis varies the seed).

Each example seeds a small council inside a transaction that is rolled back afterwards, so the
examples do not see each other's rows.
"""

from collections import defaultdict
from datetime import date

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.care import models as care
from sightline.casework import models as casework
from sightline.demo.council import seed_council
from sightline.people.models import HouseholdMember, Person
from sightline.standards.identifiers import nhs_number_is_valid, upn_is_valid
from sightline.workforce.models import Allocation

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 3, 31)
# Hypothesis's deadline is a wall-clock assertion; examples share the test's database, which is
# safe because each one rolls back.
few_seeds = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
seeds = st.integers(min_value=0, max_value=2**31 - 1)

# (model, child field, date field) for every dated record about a child other than contacts.
DATED_RECORDS = (
    (casework.Referral, "child_id", "referral_date"),
    (casework.Assessment, "child_id", "start_date"),
    (casework.StrategyDiscussion, "child_id", "held_on"),
    (casework.Section47Enquiry, "child_id", "start_date"),
    (casework.ChildProtectionConference, "child_id", "date"),
    (casework.ChildProtectionPlan, "child_id", "start_date"),
    (casework.ChildInNeedPlan, "child_id", "start_date"),
    (casework.Visit, "child_id", "date"),
    (casework.ManagementOversight, "child_id", "recorded_at"),
    (casework.CaseNote, "child_id", "written_at"),
    (care.LookedAfterEpisode, "child_id", "start_date"),
    (care.LookedAfterReview, "child_id", "date"),
    (care.HealthAssessment, "child_id", "date"),
    (care.MissingEpisode, "child_id", "start_date"),
    (care.CareLeaverContact, "child_id", "date"),
    (care.PathwayPlan, "child_id", "date"),
    (Allocation, "child_id", "start_date"),
    (HouseholdMember, "person_id", "start_date"),
)


def in_a_seeded_council(seed, check):
    """Run ``check()`` against a council seeded with ``seed``; roll everything back after."""
    with transaction.atomic():
        seed_council(population=900, years=2, seed=seed, as_at=AS_AT, la_code="999")
        connection.check_constraints()  # foreign keys, deferred until commit otherwise
        result = check()
        transaction.set_rollback(True)
    return result


def as_day(value):
    return timezone.localtime(value).date() if hasattr(value, "hour") else value


def records_before_birth():
    births = dict(Person.objects.children().values_list("id", "date_of_birth"))
    expected = set(
        Person.objects.children()
        .filter(expected_date_of_birth__isnull=False)
        .values_list("id", flat=True)
    )
    problems = []
    for model, child_field, day_field in DATED_RECORDS:
        for child, value in model.objects.filter(**{f"{child_field}__in": births}).values_list(
            child_field, day_field
        ):
            born = births[child]
            if born is None or as_day(value) < born:
                problems.append((model.__name__, child, value, born))
    for child, received in casework.Contact.objects.values_list("child_id", "received_at"):
        born = births[child]
        if child not in expected and (born is None or as_day(received) < born):
            problems.append(("Contact", child, received, born))
    return problems


def periods_by_child(model, *, start="start_date", end="end_date"):
    periods = defaultdict(list)
    for child, first, last in model.objects.values_list("child_id", start, end):
        periods[child].append((first, last))
    for values in periods.values():
        values.sort(key=lambda period: (period[0], period[1] is None, period[1]))
    return periods


def overlapping(periods) -> list:
    """Children whose (start, end or None) periods overlap; one ending the day the next starts
    does not overlap (SSDA903 episodes and allocation handovers both work that way)."""
    return [
        child
        for child, spans in periods.items()
        if any(
            end is None or following < end
            for (_, end), (following, _) in zip(spans, spans[1:], strict=False)
        )
    ]


@few_seeds
@given(seed=seeds)
def test_nothing_happens_to_a_child_before_they_are_born(seed):
    assert in_a_seeded_council(seed, records_before_birth) == []


@few_seeds
@given(seed=seeds)
def test_no_assessment_starts_before_its_referral(seed):
    def early():
        return list(
            casework.Assessment.objects.filter(
                start_date__lt=F("referral__referral_date")
            ).values_list("pk", flat=True)
        )

    assert in_a_seeded_council(seed, early) == []


@few_seeds
@given(seed=seeds)
def test_a_childs_looked_after_episodes_never_overlap(seed):
    assert (
        in_a_seeded_council(seed, lambda: overlapping(periods_by_child(care.LookedAfterEpisode)))
        == []
    )


@few_seeds
@given(seed=seeds)
def test_every_cp_plan_starts_at_an_initial_conference_that_decided_it(seed):
    def unsupported():
        decided = set(
            casework.ChildProtectionConference.objects.filter(
                kind="INITIAL", outcome="PLAN", plan__isnull=False, date=F("plan__start_date")
            ).values_list("plan_id", flat=True)
        )
        return [
            plan
            for plan in casework.ChildProtectionPlan.objects.values_list("pk", flat=True)
            if plan not in decided
        ]

    assert in_a_seeded_council(seed, unsupported) == []


@few_seeds
@given(seed=seeds)
def test_a_childs_allocations_never_overlap(seed):
    assert in_a_seeded_council(seed, lambda: overlapping(periods_by_child(Allocation))) == []


@few_seeds
@given(seed=seeds)
def test_every_nhs_number_and_upn_is_valid(seed):
    def invalid():
        people = Person.objects.values_list("nhs_number", "upn")
        return [
            (nhs, upn)
            for nhs, upn in people
            if nhs and not nhs_number_is_valid(nhs) or upn and not upn_is_valid(upn)
        ]

    assert in_a_seeded_council(seed, invalid) == []


def _age(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@few_seeds
@given(seed=seeds)
def test_a_visit_note_describes_a_visit_not_a_call(seed):
    def calls():
        notes = casework.Visit.objects.values_list("notes", flat=True)
        return [n for n in notes if "phone call" in n.lower() or n.startswith("Spoke with")]

    assert in_a_seeded_council(seed, calls) == []


@few_seeds
@given(seed=seeds)
def test_no_teenager_is_referred_by_a_health_visitor_or_a_primary_school(seed):
    def unlikely():
        contacts = casework.Contact.objects.filter(child__date_of_birth__isnull=False)
        return [
            (source, agency)
            for source, agency, born, received in contacts.values_list(
                "source", "referrer_agency", "child__date_of_birth", "received_at"
            )
            if _age(born, timezone.localtime(received).date()) >= 11
            and (source == "3B" or "Primary School" in agency)
        ]

    assert in_a_seeded_council(seed, unlikely) == []


@few_seeds
@given(seed=seeds)
def test_no_assessment_ends_in_a_cin_plan_while_the_child_is_on_a_cp_plan(seed):
    def clashing():
        plans = defaultdict(list)
        for child, start, end in casework.ChildProtectionPlan.objects.values_list(
            "child_id", "start_date", "end_date"
        ):
            plans[child].append((start, end or date.max))
        return [
            pk
            for pk, child, authorised in casework.Assessment.objects.filter(
                outcome="CIN_PLAN", authorised_on__isnull=False
            ).values_list("pk", "child_id", "authorised_on")
            if any(start < authorised < end for start, end in plans[child])
        ]

    assert in_a_seeded_council(seed, clashing) == []


@few_seeds
@given(seed=seeds)
def test_a_child_placed_away_from_home_lives_at_the_placement(seed):
    def elsewhere():
        placed = dict(
            care.LookedAfterEpisode.objects.filter(end_date__isnull=True)
            .exclude(placement_type="P1")
            .values_list("child_id", "placement_postcode")
        )
        homes = defaultdict(set)
        for child, postcode in HouseholdMember.objects.filter(
            person_id__in=placed, end_date__isnull=True, household__addresses__end_date__isnull=True
        ).values_list("person_id", "household__addresses__postcode"):
            homes[child].add(postcode)
        return [child for child, postcode in placed.items() if homes[child] != {postcode}]

    assert in_a_seeded_council(seed, elsewhere) == []
