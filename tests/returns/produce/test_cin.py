"""The CIN census writer: scope, element order and values, the as-at cut, schema validity, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from sightline.access.models import AuditAction, AuditEvent, RestrictedRecord
from sightline.casework import models as casework
from sightline.returns.produce.cin import SCHEMA_2024, cin_census_write, cin_schema
from sightline.returns.produce.files import ReturnError
from sightline.returns.produce.years import CollectionYear

YEAR = CollectionYear.parse("2025-26")


def leaves(element) -> list[tuple[str, str]]:
    """Every leaf element below `element` as (path from it, text), in document order."""
    root = element.getroottree()
    base = root.getpath(element)
    return [
        (root.getpath(e)[len(base) + 1 :], e.text)
        for e in element.iter()
        if len(e) == 0 and e is not element
    ]


def children_of(path) -> dict[str, etree._Element]:
    tree = etree.parse(str(path))
    return {c.findtext("ChildIdentifiers/LAchildID"): c for c in tree.iterfind("Children/Child")}


def protection_case(child, worker):
    referral = casework.Referral.objects.create(
        child=child, referral_date=date(2025, 6, 2), source="2A", primary_need="N1"
    )
    casework.Assessment.objects.create(
        referral=referral,
        child=child,
        start_date=date(2025, 6, 3),
        child_seen_on=date(2025, 6, 4),
        authorised_on=date(2025, 7, 10),
        factors=["3B", "16A"],
        outcome="STRATEGY",
    )
    strategy = casework.StrategyDiscussion.objects.create(
        referral=referral, child=child, held_on=date(2025, 6, 5), decision="S47"
    )
    enquiry = casework.Section47Enquiry.objects.create(
        referral=referral,
        child=child,
        strategy_discussion=strategy,
        start_date=date(2025, 6, 5),
        icpc_required=True,
    )
    plan = casework.ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=date(2025, 6, 25),
        initial_category="NEG",
        latest_category="EMO",
    )
    casework.ChildProtectionConference.objects.create(
        child=child,
        referral=referral,
        section47=enquiry,
        plan=plan,
        kind="INITIAL",
        date=date(2025, 6, 25),
        outcome="PLAN",
    )
    casework.ChildProtectionConference.objects.create(
        child=child, referral=referral, plan=plan, kind="REVIEW", date=date(2025, 9, 24),
        outcome="CONTINUE",
    )  # fmt: skip
    return referral


def test_a_referral_assessment_s47_and_plan_give_exactly_these_elements(
    staff, make_child, tmp_path
):
    child = make_child("LA1", upn_unknown_reason="UN2")
    protection_case(child, staff.worker)
    out = tmp_path / "cin.xml"
    cin_census_write(year=YEAR, out=out)
    # ICPC target: 15 working days after Thursday 5 June 2025 is Thursday 26 June (no bank
    # holidays in June 2025). The plan is the child's first, which the schema cannot say (0 is
    # not a positiveInteger), so 1 is written.
    assert leaves(children_of(out)["LA1"]) == [
        ("ChildIdentifiers/LAchildID", "LA1"),
        ("ChildIdentifiers/UPNunknown", "UN2"),
        ("ChildIdentifiers/PersonBirthDate", "2015-04-01"),
        ("ChildIdentifiers/Sex", "F"),
        ("ChildCharacteristics/Ethnicity", "WBRI"),
        # No disability recorded for a born child is written NONE (CIN rule 8540).
        ("ChildCharacteristics/Disabilities/Disability", "NONE"),
        ("CINdetails/CINreferralDate", "2025-06-02"),
        ("CINdetails/ReferralSource", "2A"),
        ("CINdetails/PrimaryNeedCode", "N1"),
        # The conference is recorded at its enquiry only, not again at the episode (rule 2884).
        ("CINdetails/Assessments/AssessmentActualStartDate", "2025-06-03"),
        ("CINdetails/Assessments/AssessmentAuthorisationDate", "2025-07-10"),
        ("CINdetails/Assessments/FactorsIdentifiedAtAssessment/AssessmentFactors[1]", "3B"),
        ("CINdetails/Assessments/FactorsIdentifiedAtAssessment/AssessmentFactors[2]", "16A"),
        ("CINdetails/Section47/S47ActualStartDate", "2025-06-05"),
        ("CINdetails/Section47/InitialCPCtarget", "2025-06-26"),
        ("CINdetails/Section47/DateOfInitialCPC", "2025-06-25"),
        ("CINdetails/Section47/ICPCnotRequired", "false"),
        ("CINdetails/ReferralNFA", "false"),
        ("CINdetails/ChildProtectionPlans/CPPstartDate", "2025-06-25"),
        ("CINdetails/ChildProtectionPlans/InitialCategoryOfAbuse", "NEG"),
        ("CINdetails/ChildProtectionPlans/LatestCategoryOfAbuse", "EMO"),
        ("CINdetails/ChildProtectionPlans/NumberOfPreviousCPP", "1"),
        ("CINdetails/ChildProtectionPlans/Reviews/CPPreviewDate", "2025-09-24"),
    ]
    assert cin_schema(YEAR).validate(etree.parse(str(out)))


def test_a_second_plan_counts_the_earlier_one(staff, make_child, tmp_path):
    child = make_child("LA2")
    old = casework.Referral.objects.create(
        child=child, referral_date=date(2022, 1, 4), source="6", closure_date=date(2023, 1, 4),
        closure_reason="RC7",
    )  # fmt: skip
    for start, end, referral in ((date(2022, 2, 1), date(2022, 8, 1), old),):
        casework.ChildProtectionPlan.objects.create(
            child=child, referral=referral, start_date=start, end_date=end,
            initial_category="PHY", latest_category="PHY",
        )  # fmt: skip
    protection_case(child, staff.worker)
    out = tmp_path / "cin.xml"
    cin_census_write(year=YEAR, out=out)
    element = children_of(out)["LA2"]
    # The 2022 episode closed before the year began, so only this year's episode is sent.
    assert len(element.findall("CINdetails")) == 1
    assert element.findtext("CINdetails/ChildProtectionPlans/NumberOfPreviousCPP") == "1"


def test_events_after_the_as_at_date_have_not_happened(staff, make_child, tmp_path):
    child = make_child("LA3")
    casework.Referral.objects.create(
        child=child, referral_date=date(2025, 9, 1), source="1A", primary_need="N4",
        closure_date=date(2025, 12, 1), closure_reason="RC8",
    )  # fmt: skip
    casework.Referral.objects.create(
        child=make_child("LA4"), referral_date=date(2025, 11, 3), source="1A"
    )
    out = tmp_path / "cin.xml"
    cin_census_write(year=CollectionYear.parse("2025-26", as_at=date(2025, 10, 31)), out=out)
    found = children_of(out)
    assert list(found) == ["LA3"]
    assert found["LA3"].find("CINdetails/CINclosureDate") is None
    assert found["LA3"].find("CINdetails/ReasonForClosure") is None


def test_an_unborn_child_has_an_expected_birth_date_and_sex_u(make_child, tmp_path):
    from sightline.people.models import Person

    unborn = Person.objects.create(
        la_child_id="UNBORN1", first_name="Baby", last_name="Jones", sex="F",
        expected_date_of_birth=date(2026, 5, 1),
    )  # fmt: skip
    casework.Referral.objects.create(child=unborn, referral_date=date(2026, 1, 5), source="3B")
    out = tmp_path / "cin.xml"
    cin_census_write(year=YEAR, out=out)
    ids = leaves(children_of(out)["UNBORN1"].find("ChildIdentifiers"))
    assert ids == [
        ("LAchildID", "UNBORN1"),
        ("ExpectedPersonBirthDate", "2026-05-01"),
        ("Sex", "U"),
    ]


def test_years_before_2024_25_send_gender_current_and_match_the_published_schema(
    make_child, tmp_path
):
    child = make_child("LA5", sex="M")
    casework.Referral.objects.create(child=child, referral_date=date(2023, 5, 1), source="2A")
    out = tmp_path / "cin.xml"
    year = CollectionYear.parse("2023-24")
    cin_census_write(year=year, out=out)
    element = children_of(out)["LA5"]
    assert element.findtext("ChildIdentifiers/GenderCurrent") == "1"
    assert element.find("ChildIdentifiers/Sex") is None
    published = etree.XMLSchema(etree.parse(str(SCHEMA_2024)))
    assert published.validate(etree.parse(str(out)))
    assert etree.parse(str(out)).findtext("Header/CollectionDetails/Year") == "2024"


def test_no_child_in_scope_is_an_error_and_writes_nothing(make_child, tmp_path):
    child = make_child("LA6")
    casework.Referral.objects.create(
        child=child, referral_date=date(2024, 1, 5), source="2A", closure_date=date(2024, 3, 1),
        closure_reason="RC8",
    )  # fmt: skip
    out = tmp_path / "cin.xml"
    with pytest.raises(ReturnError, match="No child had a CIN episode open"):
        cin_census_write(year=YEAR, out=out)
    assert list(tmp_path.iterdir()) == []


def test_restricted_children_are_included_and_the_export_is_audited(staff, make_child, tmp_path):
    open_child, restricted = make_child("LA7"), make_child("LA8")
    for child in (open_child, restricted):
        casework.Referral.objects.create(child=child, referral_date=date(2025, 5, 1), source="6")
    RestrictedRecord.objects.create(
        child=restricted, reason="high_profile", created_by=staff.worker,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    out = tmp_path / "cin.xml"
    written = cin_census_write(year=YEAR, out=out, actor=staff.analyst)
    assert sorted(children_of(out)) == ["LA7", "LA8"]
    assert written.restricted_children == 1
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor_username == "ana.lyst"
    assert event.detail["export"] == "cin_census"
    assert event.detail["collection_year"] == "2025-26"
    assert event.detail["restricted_children_included"] == 1
    assert sorted(event.detail["result_ids"]) == sorted([open_child.pk, restricted.pk])


def test_the_number_of_queries_does_not_grow_with_the_number_of_children(make_child, tmp_path):
    def queries_for(count: int, prefix: str) -> int:
        for i in range(count):
            child = make_child(f"{prefix}{i}")
            referral = casework.Referral.objects.create(
                child=child, referral_date=date(2025, 6, 2), source="2A"
            )
            casework.Assessment.objects.create(
                referral=referral, child=child, start_date=date(2025, 6, 3)
            )
        with CaptureQueriesContext(connection) as captured:
            cin_census_write(year=YEAR, out=tmp_path / f"{prefix}.xml")
        return len(captured)

    assert queries_for(1, "A") == queries_for(20, "B")


@pytest.mark.django_db(transaction=True)
def test_a_seeded_council_validates_against_the_schema_with_sex(seeded, tmp_path):
    out = tmp_path / "cin.xml"
    written = cin_census_write(year=YEAR, out=out)
    schema = cin_schema(YEAR)
    document = etree.parse(str(out))
    assert schema.validate(document), schema.error_log.filter_from_errors()[:3]
    assert written.children == len(document.findall("Children/Child")) > 50
    assert document.find("Children/Child/ChildIdentifiers/GenderCurrent") is None
