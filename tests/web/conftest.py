"""Fixtures for the web tests: a small council made directly with the ORM.

One team, a social worker and a team manager, a partner-agency user, a few children, an adult,
and one child (``full_record_child``) with one of every record the chronology shows. Every
child here is allocated to the team (Alex to the social worker), so that the acting users have
them in scope; ``stranger_child`` (another service's) and ``restricted_child`` are the ones
they must not see.
"""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from sightline.access.services import restricted_record_create
from sightline.care import models as care
from sightline.casework import models as casework
from sightline.oversight.models import Finding, FindingStep
from sightline.people.models import (
    ChildDisability,
    Household,
    HouseholdAddress,
    HouseholdMember,
    Person,
    PersonWarning,
    Relationship,
)
from sightline.standards.identifiers import nhs_number_check_digit
from sightline.workforce.models import Allocation, Service, Team, User

PASSWORD = "correct horse battery staple"


def nhs_number(first_nine: str) -> str:
    """A valid NHS number from the 999 test range, which is never issued to a patient."""
    check = nhs_number_check_digit(first_nine)
    assert check is not None, "choose nine digits with a check digit"
    return f"{first_nine}{check}"


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; the tests sign in often and test no hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password() -> str:
    """Every test user's password."""
    return PASSWORD


@pytest.fixture
def team(db):
    service = Service.objects.create(name="Safeguarding")
    return Team.objects.create(name="Assessment Team North", kind="ASSESSMENT", service=service)


@pytest.fixture
def social_worker(team):
    return User.objects.create_user(
        username="jbloggs",
        password=PASSWORD,
        first_name="Jo",
        last_name="Bloggs",
        role="SOCIAL_WORKER",
        team=team,
    )


@pytest.fixture
def team_manager(team):
    return User.objects.create_user(
        username="mmanager",
        password=PASSWORD,
        first_name="Morgan",
        last_name="Manager",
        role="TEAM_MANAGER",
        team=team,
    )


@pytest.fixture
def partner_user(db):
    return User.objects.create_user(
        username="partner", password=PASSWORD, first_name="Pat", last_name="Police", role="PARTNER"
    )


@pytest.fixture
def worker_client(social_worker) -> Client:
    client = Client()
    client.force_login(social_worker)
    return client


@pytest.fixture
def child(social_worker, team):
    """Alex Smith, allocated to the social worker."""
    alex = Person.objects.create(
        la_child_id="C1001",
        first_name="Alex",
        last_name="Smith",
        date_of_birth=dt.date(2015, 3, 3),
        sex="M",
        ethnicity="WBRI",
        nhs_number=nhs_number("999123457"),
        upn="",
        upn_unknown_reason="UN1",
    )
    Allocation.objects.create(
        child=alex, team=team, worker=social_worker, start_date=dt.date(2024, 1, 8)
    )
    return alex


def team_allocate(children, team) -> None:
    """Allocate each child to the team with no named worker, bringing them into its scope."""
    Allocation.objects.bulk_create(
        Allocation(child=child, team=team, start_date=dt.date(2024, 1, 8)) for child in children
    )


@pytest.fixture
def other_children(team):
    """Children allocated to the team (so in scope) who must not turn up in searches for Alex."""
    children = [
        Person.objects.create(
            la_child_id="C2002",
            first_name="Bella",
            last_name="Jones",
            date_of_birth=dt.date(2012, 7, 19),
            sex="F",
            nhs_number=nhs_number("999765432"),
        ),
        Person.objects.create(
            la_child_id="C3003",
            first_name="Sam",
            last_name="Smithers",
            expected_date_of_birth=dt.date(2026, 9, 1),
            sex="U",
        ),
    ]
    team_allocate(children, team)
    return children


@pytest.fixture
def other_team(db):
    service = Service.objects.create(name="Children in care")
    return Team.objects.create(name="Children in Care 2", kind="LOOKED_AFTER", service=service)


@pytest.fixture
def stranger_child(other_team):
    """Robin Smithson, allocated to another service's team: outside the web users' scope."""
    robin = Person.objects.create(
        la_child_id="C9009",
        first_name="Robin",
        last_name="Smithson",
        date_of_birth=dt.date(2014, 2, 2),
        sex="F",
    )
    team_allocate([robin], other_team)
    return robin


@pytest.fixture
def ig_officer(db):
    return User.objects.create_user(
        username="igofficer",
        password=PASSWORD,
        first_name="Ira",
        last_name="Governance",
        role="IG_OFFICER",
    )


@pytest.fixture
def restricted_child(social_worker, team, ig_officer):
    """Kit Smithfield: allocated to the social worker, but restricted with nobody allowed."""
    kit = Person.objects.create(
        la_child_id="C7007",
        first_name="Kit",
        last_name="Smithfield",
        date_of_birth=dt.date(2013, 4, 4),
        sex="M",
    )
    Allocation.objects.create(
        child=kit, team=team, worker=social_worker, start_date=dt.date(2024, 1, 8)
    )
    restricted_record_create(actor=ig_officer, child=kit, reason="adoption")
    return kit


@pytest.fixture
def adult(db):
    """A parent: a person with no LA child ID, so not a child record."""
    return Person.objects.create(
        first_name="Carol", last_name="Smith", date_of_birth=dt.date(1988, 5, 1), sex="F"
    )


@pytest.fixture
def household(child, adult):
    """Alex lives with his mother; his father lives elsewhere."""
    home = Household.objects.create(name="Smith")
    HouseholdAddress.objects.create(
        household=home,
        line_1="1 Old Road",
        town="Demoton",
        postcode="DM1 1AA",
        start_date=dt.date(2010, 1, 1),
        end_date=dt.date(2019, 12, 31),
    )
    HouseholdAddress.objects.create(
        household=home,
        line_1="12 Acacia Avenue",
        town="Demoton",
        postcode="DM2 2BB",
        start_date=dt.date(2020, 1, 1),
    )
    HouseholdMember.objects.create(household=home, person=child, start_date=dt.date(2015, 3, 3))
    HouseholdMember.objects.create(household=home, person=adult, start_date=dt.date(2010, 1, 1))
    Relationship.objects.create(
        person=child, related_person=adult, kind="MOTHER", has_parental_responsibility=True
    )
    father = Person.objects.create(first_name="Dave", last_name="Smith", sex="M")
    Relationship.objects.create(
        person=child, related_person=father, kind="FATHER", has_parental_responsibility=True
    )
    return home


@pytest.fixture
def full_record_child(child, social_worker, team_manager, adult, team):
    """Alex Smith with one of every record type, each closed where it can be, so that every
    kind of chronology event appears once or more."""
    ChildDisability.objects.create(child=child, code="AUT")
    Allocation.objects.filter(child=child).update(start_date=dt.date(2023, 2, 1))
    Allocation.objects.create(
        child=child,
        team=team,
        worker=team_manager,
        start_date=dt.date(2022, 1, 10),
        end_date=dt.date(2023, 1, 31),
        end_reason="Worker changed team",
    )

    contact = casework.Contact.objects.create(
        child=child,
        received_at=at(2023, 1, 9, 16, 55),
        source="2A",
        referrer_name="Ms Teacher",
        referrer_agency="Demoton Primary",
        concerns="Bruise on arm; says dad hit him.",
        significant_harm_suspected=True,
        decision="STRATEGY",
        decided_at=at(2023, 1, 10, 9, 30),
        decided_by=team_manager,
        outcome_notes="Strategy discussion today.",
    )
    closed = casework.Referral.objects.create(
        child=child,
        contact=contact,
        referral_date=dt.date(2023, 1, 10),
        source="2A",
        primary_need="N1",
        closure_date=dt.date(2024, 6, 30),
        closure_reason="RC7",
    )
    casework.Referral.objects.create(
        child=child, referral_date=dt.date(2025, 2, 1), source="6", primary_need="N1"
    )
    casework.Assessment.objects.create(
        referral=closed,
        child=child,
        start_date=dt.date(2023, 1, 10),
        child_seen_on=dt.date(2023, 1, 11),
        authorised_on=dt.date(2023, 2, 20),
        authorised_by=team_manager,
        factors=["3B", "16A"],
        outcome="CIN_PLAN",
    )
    discussion = casework.StrategyDiscussion.objects.create(
        referral=closed,
        child=child,
        held_on=dt.date(2023, 1, 10),
        agencies_attending=["POLICE", "HEALTH"],
        decision="S47",
        chaired_by=team_manager,
    )
    enquiry = casework.Section47Enquiry.objects.create(
        referral=closed,
        child=child,
        strategy_discussion=discussion,
        start_date=dt.date(2023, 1, 10),
        end_date=dt.date(2023, 1, 20),
        outcome="ICPC",
        icpc_required=True,
    )
    plan = casework.ChildProtectionPlan.objects.create(
        child=child,
        referral=closed,
        start_date=dt.date(2023, 2, 1),
        end_date=dt.date(2023, 11, 1),
        initial_category="PHY",
        latest_category="NEG",
    )
    casework.ChildProtectionConference.objects.create(
        child=child,
        referral=closed,
        section47=enquiry,
        plan=plan,
        kind="INITIAL",
        date=dt.date(2023, 2, 1),
        outcome="PLAN",
        chaired_by=team_manager,
    )
    casework.CoreGroupMeeting.objects.create(plan=plan, child=child, date=dt.date(2023, 2, 10))
    cin_plan = casework.ChildInNeedPlan.objects.create(
        child=child, referral=closed, start_date=dt.date(2023, 11, 1), end_date=dt.date(2024, 6, 30)
    )
    casework.ChildInNeedPlanReview.objects.create(
        plan=cin_plan, child=child, date=dt.date(2024, 1, 15)
    )
    casework.Visit.objects.create(
        child=child,
        date=dt.date(2023, 2, 8),
        kind="CP",
        child_seen=True,
        seen_alone=True,
        worker=social_worker,
        notes="Alex showed me his room.",
    )
    casework.AgencyCheck.objects.create(
        child=child,
        contact=contact,
        subject=adult,
        agency="POLICE",
        requested_at=at(2023, 1, 10, 10),
        due_on=dt.date(2023, 1, 11),
        responded_at=at(2023, 1, 10, 15),
        nothing_held=True,
    )
    casework.ManagementOversight.objects.create(
        child=child,
        recorded_at=at(2023, 3, 1, 11),
        manager=team_manager,
        note="Plan is progressing.",
        direction="Visit fortnightly; social worker; until review.",
    )
    casework.CaseNote.objects.create(
        child=child,
        written_at=at(2023, 3, 2, 14),
        author=social_worker,
        note="Phoned school.",
        childs_voice="I like my teacher.",
    )
    care.PreProceedings.objects.create(
        child=child,
        start_date=dt.date(2023, 4, 1),
        letter_before_proceedings_on=dt.date(2023, 4, 3),
        end_date=dt.date(2023, 6, 1),
        outcome="PROCEEDINGS",
    )
    care.CareProceedings.objects.create(
        child=child,
        issued_on=dt.date(2023, 6, 1),
        final_order_on=dt.date(2023, 11, 20),
        final_order="CARE_ORDER",
        extension_weeks=2,
    )
    care.LookedAfterEpisode.objects.create(
        child=child,
        start_date=dt.date(2023, 6, 2),
        reason_new_episode="S",
        legal_status="C1",
        category_of_need="N1",
        placement_type="U6",
        placement_provider="PR1",
        end_date=dt.date(2023, 11, 20),
        reason_ceased="X1",
    )
    care.LookedAfterEpisode.objects.create(
        child=child,
        start_date=dt.date(2023, 11, 20),
        reason_new_episode="B",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
        placement_provider="PR1",
        reason_place_change="CARPL",
        end_date=dt.date(2025, 1, 31),
        reason_ceased="E4A",
    )
    first_episode = care.LookedAfterEpisode.objects.get(child=child, reason_new_episode="S")
    care.CarePlan.objects.create(child=child, date=dt.date(2023, 6, 2), summary="Foster care.")
    care.PlacementPlan.objects.create(child=child, episode=first_episode, date=dt.date(2023, 6, 5))
    care.IROAppointment.objects.create(
        child=child, iro=team_manager, appointed_on=dt.date(2023, 6, 5)
    )
    care.LookedAfterReview.objects.create(
        child=child, date=dt.date(2023, 7, 1), participation="PN1", chaired_by=team_manager
    )
    care.HealthAssessment.objects.create(child=child, date=dt.date(2023, 6, 20), kind="INITIAL")
    care.DentalCheck.objects.create(child=child, date=dt.date(2023, 8, 1))
    care.DevelopmentCheck.objects.create(child=child, date=dt.date(2023, 8, 2))
    care.ImmunisationStatus.objects.create(
        child=child, recorded_on=dt.date(2023, 8, 2), up_to_date=True
    )
    care.StrengthsAndDifficulties.objects.create(child=child, date=dt.date(2024, 3, 1), score=14)
    care.PersonalEducationPlan.objects.create(child=child, date=dt.date(2023, 9, 10))
    care.MissingEpisode.objects.create(
        child=child,
        kind="M",
        start_date=dt.date(2024, 2, 2),
        end_date=dt.date(2024, 2, 3),
        return_interview_offered_on=dt.date(2024, 2, 4),
        return_interview_accepted=True,
    )
    care.PermanencePlan.objects.create(
        child=child, recorded_on=dt.date(2023, 12, 1), plan="RETURN_HOME"
    )
    care.Adoption.objects.create(
        child=child,
        decision_date=dt.date(2023, 9, 1),
        stopped_date=dt.date(2023, 12, 1),
        stopped_reason="RD1",
    )
    care.CareLeaver.objects.create(
        child=child, eligibility="QUALIFYING", eligible_from=dt.date(2025, 2, 1)
    )
    care.CareLeaverContact.objects.create(
        child=child, date=dt.date(2025, 3, 1), in_touch="YES", activity="F2", accommodation="B"
    )
    care.PathwayPlan.objects.create(child=child, date=dt.date(2025, 3, 2))
    finding = Finding.objects.create(
        child=child,
        rule_id="D-VISIT",
        since=dt.date(2024, 3, 1),
        severity="critical",
        evidence="CP visit overdue",
        team=team,
        status="acknowledged",
        level="team_manager",
        raised_on=dt.date(2024, 3, 4),
        level_since=dt.date(2024, 3, 4),
        last_seen_on=dt.date(2024, 3, 5),
        acknowledged_by=team_manager,
        acknowledged_at=dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC),
        no_action_reason="Visited on 4 March; being recorded today.",
    )
    FindingStep.objects.create(
        finding=finding,
        child=child,
        kind="raised",
        on=dt.date(2024, 3, 4),
        recorded_at=dt.datetime(2024, 3, 4, 2, 0, tzinfo=dt.UTC),
        level="team_manager",
        sent_to=team_manager,
    )
    PersonWarning.objects.create(
        person=child,
        kind="ADDRESS",
        detail="Synthetic: the placement address must not be shared with the birth father.",
        raised_on=dt.date(2024, 2, 1),
        raised_by=social_worker,
        ended_on=dt.date(2025, 2, 1),
        end_reason="Synthetic: the court order ended.",
    )
    return child
