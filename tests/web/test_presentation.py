"""How the service writes identifiers, ages and chronology pages."""

import datetime as dt

import pytest

from sightline.people.chronology import ChronologyEvent, EventKind, chronology_page
from sightline.people.models import Person
from sightline.web.templatetags.sightline import age, nhs_number


def test_nhs_number_is_shown_in_three_three_four_groups():
    assert nhs_number("9434765919") == "943 476 5919"


def test_anything_else_in_the_nhs_number_field_is_shown_as_it_is():
    assert nhs_number("") == ""
    assert nhs_number("12345") == "12345"


@pytest.mark.parametrize(
    ("born", "today", "said"),
    [
        (dt.date(2015, 3, 3), dt.date(2026, 3, 2), "10 years"),
        (dt.date(2015, 3, 3), dt.date(2026, 3, 3), "11 years"),
        (dt.date(2025, 6, 15), dt.date(2026, 3, 14), "8 months"),
        (dt.date(2025, 2, 15), dt.date(2026, 3, 14), "12 months"),
        (dt.date(2026, 2, 14), dt.date(2026, 3, 14), "1 month"),
    ],
)
def test_age_is_whole_years_from_two_and_months_below(monkeypatch, born, today, said):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: today)

    assert age(Person(date_of_birth=born)) == said


def test_an_unborn_childs_age_says_so():
    assert age(Person(expected_date_of_birth=dt.date(2030, 1, 1))) == "Unborn"


def test_a_child_who_died_is_given_their_age_at_death():
    person = Person(date_of_birth=dt.date(2015, 3, 3), date_of_death=dt.date(2018, 3, 3))

    assert age(person) == "Died aged 3 years"


def _events(count: int) -> list[ChronologyEvent]:
    start = dt.date(2020, 1, 1)
    return [
        ChronologyEvent(start + dt.timedelta(days=n), None, EventKind.VISIT, "Visit")
        for n in reversed(range(count))
    ]


def test_chronology_page_caps_at_the_limit_unless_all_are_asked_for():
    events = _events(150)

    capped = chronology_page(events, limit=100)
    everything = chronology_page(events, show_all=True, limit=100)

    assert len(capped.events) == 100 and capped.truncated and capped.total == 150
    assert len(everything.events) == 150 and not everything.truncated


def test_chronology_page_filters_to_a_year_and_lists_years_newest_first():
    events = _events(800)

    page = chronology_page(events, year=2021)

    assert page.years == [2022, 2021, 2020]
    assert {event.date.year for event in page.events} == {2021}
    assert page.total == 365


def test_chronology_page_filters_by_area_and_significance_and_lists_areas_in_journey_order():
    visits = _events(3)
    referral = ChronologyEvent(
        dt.date(2020, 6, 1), None, EventKind.REFERRAL, "Referral", tag="Referral"
    )
    visits = [ChronologyEvent(e.date, None, e.kind, e.title, tag="Visit") for e in visits]

    by_area = chronology_page([referral, *visits], area="Visit")
    significant = chronology_page([referral, *visits], significant_only=True)
    unknown = chronology_page([referral, *visits], area="Nonsense")

    assert by_area.areas == ["Referral", "Visit"]
    assert [e.kind for e in by_area.events] == [EventKind.VISIT] * 3 and by_area.filtered
    assert significant.events == [referral] and significant.total == 1
    assert unknown.area is None and unknown.total == 4 and not unknown.filtered
