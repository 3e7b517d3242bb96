"""The child's record: identity bar, summary, household and chronology."""

import datetime as dt
import re

import pytest
from django.http import Http404
from django.urls import reverse

from sightline.access.services import restricted_record_create
from sightline.casework.models import CaseNote, ChildProtectionPlan, Referral, Visit
from sightline.people import chronology
from sightline.people.chronology.events import _AREA
from sightline.people.models import HouseholdMember, Person, Relationship
from sightline.people.selectors import (
    ChildRecord,
    child_get,
    child_household,
    child_record_open,
    overview,
)


def opened(actor, child) -> ChildRecord:
    return child_record_open(actor=actor, child_id=child.pk)


def page(client, url_name, child, **params) -> str:
    response = client.get(reverse(url_name, args=[child.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_identity_bar_names_the_child_with_age_la_id_status_and_worker(worker_client, child):
    content = page(worker_client, "child-summary", child)

    bar = content.split('class="moj-identity-bar"')[1].split("</div>")[0]
    assert "Alex Smith" in bar
    assert "LA child ID: C1001" in bar
    assert "years" in bar
    assert "moj-badge" in bar
    assert "Closed" in bar
    assert "Allocated to Jo Bloggs, Assessment Team North" in bar


def test_summary_lists_the_childs_identity(worker_client, full_record_child):
    content = page(worker_client, "child-summary", full_record_child)

    assert "3 March 2015" in content
    assert "Male" in content
    assert "White British" in content
    assert "999 123 4578" in content
    assert "Not known: Child not of school age" in content
    assert "Autism or Asperger syndrome" in content
    assert "Unaccompanied asylum-seeking child" in content


def test_summary_shows_date_of_death_only_when_the_child_has_died(worker_client, child):
    assert "Date of death" not in page(worker_client, "child-summary", child)

    child.date_of_death = dt.date(2024, 5, 6)
    child.save()

    content = page(worker_client, "child-summary", child)
    assert "Date of death" in content
    assert "6 May 2024" in content


def test_an_unborn_child_shows_the_expected_date_of_birth(worker_client, other_children):
    unborn = other_children[1]

    content = page(worker_client, "child-summary", unborn)

    assert "Expected date of birth" in content
    assert "1 September 2026" in content
    assert "Unborn" in content


@pytest.mark.parametrize(
    ("make", "label"),
    [
        (lambda c: None, "Closed"),
        (
            lambda c: Referral.objects.create(
                child=c, referral_date=dt.date(2025, 1, 1), source="6"
            ),
            "Open referral",
        ),
    ],
)
def test_status_badge_reflects_open_work(worker_client, child, make, label):
    make(child)

    content = page(worker_client, "child-summary", child)

    assert f'">{label}</span>' in content


def test_a_child_protection_plan_outranks_an_open_referral(worker_client, child):
    referral = Referral.objects.create(child=child, referral_date=dt.date(2025, 1, 1), source="6")
    ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=dt.date(2025, 2, 1),
        initial_category="NEG",
        latest_category="NEG",
    )

    content = page(worker_client, "child-summary", child)

    assert "moj-badge--red" in content
    assert "Child protection plan</span>" in content


def test_summary_shows_current_address_and_who_the_child_lives_with(
    worker_client, child, household
):
    content = page(worker_client, "child-summary", child)

    assert "12 Acacia Avenue" in content
    assert "1 Old Road" not in content
    assert "Carol Smith (mother)" in content


def test_household_page_shows_members_relationships_history_and_family_elsewhere(
    worker_client, child, household
):
    content = page(worker_client, "child-household", child)

    assert "12 Acacia Avenue" in content
    assert "Carol Smith" in content
    assert "Mother" in content
    assert "1 Old Road" in content
    assert "Dave Smith" in content
    assert "Father" in content
    assert "Family and others living elsewhere (1)" in content


def test_a_sibling_recorded_on_the_siblings_record_is_shown_without_their_responsibility(
    social_worker, child, household, other_children
):
    bella = other_children[0]
    HouseholdMember.objects.create(
        household=household, person=bella, start_date=dt.date(2016, 1, 1)
    )
    Relationship.objects.create(
        person=bella, related_person=child, kind="SIBLING", has_parental_responsibility=True
    )

    home = child_household(record=opened(social_worker, child)).households[0]

    sibling = next(member for member in home.members if member.person == bella)
    assert sibling.relationship == "Sibling"
    assert sibling.has_parental_responsibility is False


def test_a_relative_whose_record_is_restricted_is_shown_without_their_name(
    worker_client, social_worker, child, household, other_children, ig_officer
):
    bella = other_children[0]
    Relationship.objects.create(person=child, related_person=bella, kind="SIBLING")
    restricted_record_create(actor=ig_officer, child=bella, reason="adoption")

    relatives = child_household(record=opened(social_worker, child)).relatives_elsewhere
    content = page(worker_client, "child-household", child)

    assert [r.withheld for r in relatives if r.person == bella] == [True]
    assert "Bella" not in content and "19 July 2012" not in content
    assert "Name withheld (restricted record)" in content


def test_a_restricted_relative_is_named_to_a_reader_on_their_allow_list(
    social_worker, child, household, other_children, ig_officer
):
    bella = other_children[0]
    Relationship.objects.create(person=child, related_person=bella, kind="SIBLING")
    restricted_record_create(
        actor=ig_officer, child=bella, reason="adoption", allow_list=[social_worker]
    )

    relatives = child_household(record=opened(social_worker, child)).relatives_elsewhere

    assert [r.withheld for r in relatives if r.person == bella] == [False]


def test_household_takes_six_queries_however_big_the_family(
    social_worker, child, household, django_assert_num_queries
):
    for number in range(10):
        cousin = Person.objects.create(first_name=f"Cousin{number}", last_name="Smith", sex="F")
        HouseholdMember.objects.create(
            household=household, person=cousin, start_date=dt.date(2020, 1, 1)
        )
        Relationship.objects.create(person=child, related_person=cousin, kind="OTHER_RELATIVE")

    record = opened(social_worker, child)
    with django_assert_num_queries(6):
        result = child_household(record=record)

    assert len(result.households[0].members) == 11


def test_chronology_shows_every_kind_of_event(social_worker, full_record_child):
    events = chronology.child_chronology(record=opened(social_worker, full_record_child))

    assert {event.kind for event in events} == set(chronology.EventKind)


def test_chronology_page_shows_an_entry_for_every_kind_of_event(
    worker_client, social_worker, full_record_child
):
    events = chronology.child_chronology(record=opened(social_worker, full_record_child))

    content = page(worker_client, "child-chronology", full_record_child)

    for kind in chronology.EventKind:
        assert f'data-kind="{kind}"' in content, kind
    assert content.count('class="moj-timeline__item"') == len(events)


def test_chronology_is_newest_first_with_gov_uk_dates(worker_client, full_record_child):
    content = page(worker_client, "child-chronology", full_record_child)

    newest = content.index("Pathway plan")
    oldest = content.index("Allocated to Morgan Manager")
    assert newest < oldest
    assert "9 January 2023 at 16:55" in content
    assert 'datetime="2023-01-09T16:55:00+00:00"' in content


def test_chronology_entries_say_what_happened_and_who_recorded_it(worker_client, full_record_child):
    content = page(worker_client, "child-chronology", full_record_child)

    assert "Child protection statutory visit: child seen alone" in content
    assert "The child&#x27;s voice: I like my teacher." in content
    assert "by Jo Bloggs" in content
    assert "Legal status and placement changed (new carer)" in content
    assert "Foster placement with other foster carer: long-term fostering (U4)" in content
    assert "Police check answered about Carol Smith" in content


def test_chronology_can_show_one_year(worker_client, full_record_child):
    content = page(worker_client, "child-chronology", full_record_child, year="2025")

    assert "Events in 2025" in content
    assert "Pathway plan" in content
    assert "Contact received" not in content


def kind_area(kind) -> str:
    return _AREA[kind]


def test_chronology_filters_by_type_of_event(worker_client, full_record_child):
    content = page(worker_client, "child-chronology", full_record_child, area="Looked after")

    kinds = set(re.findall(r'data-kind="([a-z0-9_]+)"', content))
    assert "Looked after events" in content
    looked_after = {
        kind.value for kind in chronology.EventKind if kind_area(kind) == "Looked after"
    }
    assert "looked_after_started" in kinds and kinds <= looked_after
    assert "visit" not in looked_after
    assert '<option value="Looked after" selected>' in content


def test_chronology_shows_significant_events_only(worker_client, full_record_child):
    everything = page(worker_client, "child-chronology", full_record_child, all="1")
    significant = page(worker_client, "child-chronology", full_record_child, significant="1")

    shown = set(re.findall(r'data-kind="([a-z0-9_]+)"', significant))
    assert "visit" in re.findall(r'data-kind="([a-z0-9_]+)"', everything)
    assert shown and "visit" not in shown and "case_note" not in shown
    assert {"referral", "cp_plan_started"} <= shown
    assert "Significant events (" in significant


def test_chronology_ignores_an_unknown_type_of_event(worker_client, full_record_child):
    content = page(worker_client, "child-chronology", full_record_child, area="<script>")

    assert "All events (" in content
    assert "&lt;script&gt;" not in content and "<script>" not in content.split("<main")[1]


def test_chronology_shows_the_latest_hundred_and_offers_all(worker_client, social_worker, child):
    Visit.objects.bulk_create(
        Visit(child=child, date=dt.date(2020, 1, 1) + dt.timedelta(days=n), kind="CIN")
        for n in range(120)
    )

    content = page(worker_client, "child-chronology", child)
    everything = page(worker_client, "child-chronology", child, all="1")

    assert content.count('class="moj-timeline__item"') == 100
    assert "Show all 121 events" in content
    assert everything.count('class="moj-timeline__item"') == 121


def test_summary_shows_recent_events_and_links_to_the_chronology(worker_client, full_record_child):
    content = page(worker_client, "child-summary", full_record_child)

    assert "Recent events" in content
    assert content.count('class="moj-timeline__item"') == 10
    assert f'href="{reverse("child-chronology", args=[full_record_child.pk])}"' in content


def test_chronology_takes_a_fixed_number_of_queries_however_many_events(
    social_worker, full_record_child, django_assert_max_num_queries
):
    record = opened(social_worker, full_record_child)
    with django_assert_max_num_queries(chronology.QUERY_COUNT) as few:
        few_events = chronology.child_chronology(record=record)
    CaseNote.objects.bulk_create(
        CaseNote(
            child=full_record_child,
            written_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n),
            author=social_worker,
            note=f"Note {n}",
        )
        for n in range(200)
    )

    with django_assert_max_num_queries(chronology.QUERY_COUNT) as many:
        many_events = chronology.child_chronology(record=record)

    assert len(many_events) == len(few_events) + 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_each_record_page_takes_a_bounded_number_of_queries(
    worker_client, full_record_child, household, django_assert_max_num_queries
):
    # Session, user, child with status, the access decision and its audit event, allocation,
    # disabilities, the caseload-free shell, six for the household, the chronology's own and
    # the overview's (plan, placement, IRO, voice, network, warnings); a page that grows with
    # the record would blow through this.
    budget = 20 + 6 + chronology.QUERY_COUNT + overview.QUERY_COUNT
    for url_name in ("child-summary", "child-chronology", "child-household"):
        with django_assert_max_num_queries(budget):
            page(worker_client, url_name, full_record_child)


def test_a_person_who_is_not_a_child_record_is_not_found(worker_client, adult):
    for url_name in ("child-summary", "child-chronology", "child-household", "child-clocks"):
        response = worker_client.get(reverse(url_name, args=[adult.pk]))
        assert response.status_code == 404


def test_a_missing_child_is_not_found(worker_client, db):
    response = worker_client.get(reverse("child-summary", args=[999999]))

    assert response.status_code == 404


def test_child_get_refuses_a_partner_agency_user(partner_user, child):
    with pytest.raises(Http404):
        child_get(actor=partner_user, child_id=child.pk)


def test_the_parts_of_a_record_cannot_be_read_without_opening_it(social_worker, child):
    with pytest.raises(TypeError):
        child_household(record=child)
    with pytest.raises(TypeError):
        chronology.child_chronology(record=child)
    with pytest.raises(TypeError):
        ChildRecord(actor=social_worker, child=child, decision=None, seal=object())


def test_an_opened_record_cannot_be_pointed_at_another_child(social_worker, child, other_children):
    record = opened(social_worker, child)

    with pytest.raises(AttributeError):
        record.child = other_children[0]


def test_record_urls_carry_no_personal_data(worker_client, child):
    content = page(worker_client, "child-summary", child)

    for href in (
        reverse("child-summary", args=[child.pk]),
        reverse("child-chronology", args=[child.pk]),
        reverse("child-household", args=[child.pk]),
        reverse("child-clocks", args=[child.pk]),
    ):
        assert f'href="{href}"' in content
        assert "Smith" not in href and "C1001" not in href and child.nhs_number not in href


def test_page_title_leaves_out_the_childs_name(worker_client, child):
    content = page(worker_client, "child-summary", child)

    title = content.split("<title>")[1].split("</title>")[0]
    assert "Smith" not in title
    assert title.startswith("Summary – Child record")


def test_chronology_with_a_year_of_superscript_digits_shows_the_page(worker_client, child):
    """Issue 11 row 11: an odd ?year= gives the chronology, not a 500."""
    response = worker_client.get(f"/children/{child.pk}/chronology/", {"year": "²²²²"})
    assert response.status_code == 200
