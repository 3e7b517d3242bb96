"""A child with one of every kind of record, and the people around them, for the data-protection
tests (subject access, retention, pseudonymised export)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from sightline.care import models as care
from sightline.casework import models as casework
from sightline.oversight.models import Finding, FindingStep
from sightline.people.models import (
    ChildDisability,
    Household,
    HouseholdAddress,
    HouseholdMember,
    Person,
    ProfessionalContact,
    Relationship,
)
from sightline.standards.identifiers import nhs_number_check_digit
from sightline.workforce.models import Allocation


def nhs_number(first_nine: str) -> str:
    return f"{first_nine}{nhs_number_check_digit(first_nine)}"


@dataclass
class FullRecord:
    """The child, the people their record names, and values that must (not) leak."""

    child: Person
    sibling: Person
    mother: Person
    referrer_name: str = "Priya Referrer"
    sibling_note: str = "SIBLING-ONLY-NOTE: this belongs to the sibling's record"
    old_postcode: str = "LS12 3AB"
    postcode: str = "LS6 2QT"
    placement_postcode: str = "LS7 4XY"
    records: dict = field(default_factory=dict)


def full_record_make(council, *, la_child_id: str = "SAR001", surname: str = "Brightwater"):
    """Create the child's whole record (every casework and care record type)."""
    now = timezone.now()
    today = timezone.localdate()
    worker = council.users["worker"]
    manager = council.users["manager"]
    days = dt.timedelta(days=1)

    child = Person.objects.create(
        la_child_id=la_child_id,
        first_name="Alexa",
        last_name=surname,
        date_of_birth=dt.date(2012, 3, 17),
        sex="F",
        ethnicity="WBRI",
        nhs_number=nhs_number("999123457"),
        upn="A123456789012",
    )
    sibling = Person.objects.create(
        la_child_id=f"{la_child_id}S",
        first_name="Robin",
        last_name=surname,
        date_of_birth=dt.date(2014, 8, 9),
        sex="M",
        nhs_number=nhs_number("999123465"),
    )
    mother = Person.objects.create(
        first_name="Morwenna", last_name=surname, date_of_birth=dt.date(1985, 1, 2), sex="F"
    )
    ChildDisability.objects.create(child=child, code="COMM")
    Relationship.objects.create(
        person=child, related_person=mother, kind="MOTHER", has_parental_responsibility=True
    )
    Relationship.objects.create(person=child, related_person=sibling, kind="SIBLING")
    Relationship.objects.create(person=sibling, related_person=mother, kind="MOTHER")
    household = Household.objects.create(name=surname)
    HouseholdAddress.objects.create(
        household=household,
        line_1="1 Old Road",
        town="Leeds",
        postcode="LS12 3AB",
        start_date=dt.date(2009, 1, 1),
        end_date=dt.date(2011, 12, 31),
    )
    HouseholdAddress.objects.create(
        household=household,
        line_1="22 New Street",
        town="Leeds",
        postcode="LS6 2QT",
        start_date=dt.date(2012, 1, 1),
    )
    HouseholdMember.objects.create(
        household=household, person=mother, start_date=dt.date(2009, 1, 1)
    )
    HouseholdMember.objects.create(
        household=household, person=child, start_date=dt.date(2012, 3, 17)
    )
    HouseholdMember.objects.create(
        household=household, person=sibling, start_date=dt.date(2014, 8, 9)
    )
    Allocation.objects.create(
        child=child, team=council.assessment_north, worker=worker, start_date=today - 200 * days
    )

    r = {}
    r["contact"] = casework.Contact.objects.create(
        child=child,
        received_at=now - 200 * days,
        source="1A",
        referrer_name="Priya Referrer",
        referrer_agency="Brightwater Primary School",
        concerns="Morwenna left the children alone overnight.",
        decision="REFERRAL",
        decided_at=now - 199 * days,
        decided_by=worker,
    )
    r["contact"].people_named.set([mother, sibling])
    r["referral"] = casework.Referral.objects.create(
        child=child,
        contact=r["contact"],
        referral_date=today - 199 * days,
        source="1A",
        primary_need="N1",
        decided_on=today - 199 * days,
    )
    referral = r["referral"]
    r["assessment"] = casework.Assessment.objects.create(
        referral=referral,
        child=child,
        start_date=today - 198 * days,
        child_seen_on=today - 197 * days,
        authorised_on=today - 170 * days,
        authorised_by=manager,
        factors=["2A"],
        outcome="CIN_PLAN",
    )
    r["strategy_discussion"] = casework.StrategyDiscussion.objects.create(
        referral=referral,
        child=child,
        held_on=today - 190 * days,
        decision="S47",
        chaired_by=manager,
    )
    r["section47_enquiry"] = casework.Section47Enquiry.objects.create(
        referral=referral,
        child=child,
        strategy_discussion=r["strategy_discussion"],
        start_date=today - 190 * days,
        end_date=today - 180 * days,
        outcome="ICPC",
        icpc_required=True,
    )
    r["child_protection_plan"] = casework.ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=today - 175 * days,
        initial_category="NEG",
        latest_category="NEG",
    )
    r["child_protection_conference"] = casework.ChildProtectionConference.objects.create(
        child=child,
        referral=referral,
        section47=r["section47_enquiry"],
        plan=r["child_protection_plan"],
        kind="INITIAL",
        date=today - 175 * days,
        outcome="PLAN",
        chaired_by=manager,
    )
    r["core_group_meeting"] = casework.CoreGroupMeeting.objects.create(
        plan=r["child_protection_plan"], child=child, date=today - 165 * days
    )
    r["child_in_need_plan"] = casework.ChildInNeedPlan.objects.create(
        child=child,
        referral=referral,
        start_date=today - 170 * days,
        end_date=today - 166 * days,
    )
    r["child_in_need_plan_review"] = casework.ChildInNeedPlanReview.objects.create(
        plan=r["child_in_need_plan"], child=child, date=today - 168 * days
    )
    r["visit"] = casework.Visit.objects.create(
        child=child,
        date=today - 160 * days,
        kind="CP",
        seen_alone=True,
        worker=worker,
        notes="Saw Alexa alone in her room; she showed me her drawings.",
    )
    r["visit_mentioning"] = casework.Visit.objects.create(
        child=child,
        date=today - 150 * days,
        kind="CP",
        worker=worker,
        notes="Robin was at home and said Alexa had not eaten.",
    )
    r["agency_check"] = casework.AgencyCheck.objects.create(
        child=child,
        contact=r["contact"],
        subject=mother,
        agency="POLICE",
        requested_at=now - 199 * days,
        due_on=today - 198 * days,
        responded_at=now - 198 * days,
        response="Two call-outs to the address last year.",
    )
    r["agency_check_on_child"] = casework.AgencyCheck.objects.create(
        child=child,
        contact=r["contact"],
        subject=child,
        agency="HEALTH",
        requested_at=now - 199 * days,
        due_on=today - 198 * days,
    )
    r["management_oversight"] = casework.ManagementOversight.objects.create(
        child=child,
        recorded_at=now - 150 * days,
        manager=manager,
        note="Plan reviewed; progress is steady.",
        direction="Visit within 10 working days.",
    )
    r["case_note"] = casework.CaseNote.objects.create(
        child=child,
        written_at=now - 140 * days,
        author=worker,
        note="Mum was upset on the phone about the plan.",
        childs_voice="I like my school and my teacher.",
    )

    r["looked_after_episode"] = care.LookedAfterEpisode.objects.create(
        child=child,
        start_date=today - 120 * days,
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U1",
        placement_provider="PR1",
        placement_postcode="LS7 4XY",
        home_postcode="LS6 2QT",
    )
    r["looked_after_review"] = care.LookedAfterReview.objects.create(
        child=child, date=today - 100 * days, participation="PN1", chaired_by=manager
    )
    r["health_assessment"] = care.HealthAssessment.objects.create(
        child=child, date=today - 110 * days, kind="INITIAL"
    )
    r["dental_check"] = care.DentalCheck.objects.create(child=child, date=today - 90 * days)
    r["development_check"] = care.DevelopmentCheck.objects.create(
        child=child, date=today - 88 * days
    )
    r["conviction"] = care.Conviction.objects.create(child=child, date=today - 87 * days)
    r["substance_misuse"] = care.SubstanceMisuse.objects.create(
        child=child, identified_on=today - 86 * days, intervention_received=True
    )
    r["immunisation_status"] = care.ImmunisationStatus.objects.create(
        child=child, recorded_on=today - 90 * days, up_to_date=True
    )
    r["strengths_and_difficulties"] = care.StrengthsAndDifficulties.objects.create(
        child=child, date=today - 80 * days, score=14
    )
    r["personal_education_plan"] = care.PersonalEducationPlan.objects.create(
        child=child, date=today - 80 * days
    )
    r["missing_episode"] = care.MissingEpisode.objects.create(
        child=child, kind="M", start_date=today - 70 * days, end_date=today - 69 * days
    )
    r["permanence_plan"] = care.PermanencePlan.objects.create(
        child=child, recorded_on=today - 60 * days, plan="LONG_TERM_FOSTERING"
    )
    r["care_leaver"] = care.CareLeaver.objects.create(
        child=child,
        eligibility="ELIGIBLE",
        eligible_from=today - 50 * days,
        personal_adviser=council.users["adviser"],
    )
    r["care_leaver_contact"] = care.CareLeaverContact.objects.create(
        child=child, date=today - 40 * days, in_touch="YES"
    )
    r["pathway_plan"] = care.PathwayPlan.objects.create(child=child, date=today - 40 * days)
    r["adoption"] = care.Adoption.objects.create(child=child, decision_date=today - 30 * days)
    r["pre_proceedings"] = care.PreProceedings.objects.create(
        child=child,
        start_date=today - 130 * days,
        end_date=today - 125 * days,
        outcome="PROCEEDINGS",
    )
    r["care_proceedings"] = care.CareProceedings.objects.create(
        child=child,
        issued_on=today - 124 * days,
        final_order_on=today - 20 * days,
        final_order="CARE_ORDER",
    )
    r["significant_harm_concern"] = casework.SignificantHarmConcern.objects.create(
        child=child,
        referral=r["referral"],
        raised_at=now - 60 * days,
        summary="School reported a new bruise",
    )
    r["care_plan"] = care.CarePlan.objects.create(child=child, date=today - 200 * days)
    r["placement_plan"] = care.PlacementPlan.objects.create(
        child=child, episode=r["looked_after_episode"], date=today - 199 * days
    )
    r["iroappointment"] = care.IROAppointment.objects.create(
        child=child, appointed_on=today - 198 * days
    )
    r["needs_assessment"] = care.NeedsAssessment.objects.create(child=child, date=today - 45 * days)
    r["leaving_care_accommodation"] = care.LeavingCareAccommodation.objects.create(
        child=child,
        provided_on=today - 44 * days,
        section="S23B",
        address="Flat 2, 14 Mill Lane, Demoton DM4 4DD",
    )
    r["private_fostering_arrangement"] = care.PrivateFosteringArrangement.objects.create(
        child=child,
        notified_on=today - 400 * days,
        start_date=today - 410 * days,
        carer="Gwendolyn Ashgrove",
    )

    r["professional_contact"] = ProfessionalContact.objects.create(
        child=child, role="GP", organisation="Riverside Surgery", start_date=today - 900 * days
    )

    r["finding"] = Finding.objects.create(
        child=child,
        rule_id="D-VISIT",
        since=today - 20 * days,
        severity="critical",
        evidence="CIN visit due, not recorded",
        status="acknowledged",
        level="team_manager",
        raised_on=today - 10 * days,
        level_since=today - 10 * days,
        last_seen_on=today,
        acknowledged_by=manager,
        acknowledged_at=now - 2 * days,
        action="Visit this week and see the child alone.",
        action_owner=worker,
        action_due=today + 3 * days,
    )
    r["finding_step"] = FindingStep.objects.create(
        finding=r["finding"],
        child=child,
        kind="acknowledged",
        on=today - 2 * days,
        recorded_at=now - 2 * days,
        by=manager,
        level="team_manager",
        note="Visit this week and see the child alone.",
    )

    # The sibling's own record, which must never appear in the child's export.
    casework.Visit.objects.create(
        child=sibling,
        date=today - 10 * days,
        kind="CIN",
        worker=worker,
        notes="SIBLING-ONLY-NOTE: this belongs to the sibling's record",
    )
    casework.Contact.objects.create(
        child=sibling, received_at=now - 10 * days, source="1A", concerns="Sibling's own concern"
    )
    return FullRecord(child=child, sibling=sibling, mother=mother, records=r)
