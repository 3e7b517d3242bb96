"""Tests for the timescale rules as data: the catalogue, durations and local overrides."""

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.engine.dataset import SCHEMAS
from sightline.standards.calendar import default_calendar
from sightline.standards.timescales import (
    RULES,
    Duration,
    Kind,
    Rulebook,
    Unit,
    parse_overrides,
    rulebook,
)

# Every rule ID in shared/domain/timescales.md (copied by hand: shared/ is not always beside
# the repository), and those issue 8 added. The adoption scorecard measures A1, A2 and A10 are
# indicators, not clocks.
EXPECTED_IDS = {
    "T-CONTACT-DECISION",
    "T-REFERRAL-DECISION",
    "T-STRATEGY",
    "T-ASSESSMENT",
    "T-ASSESSMENT-SEEN",
    "T-ICPC",
    "T-CORE-GROUP-1",
    "T-CORE-GROUP",
    "T-RCPC-1",
    "T-RCPC",
    "T-CP-VISIT",
    "T-CIN-VISIT",
    "T-CIN-PLAN-REVIEW",
    "T-AGENCY-CHECK",
    "T-LAC-REVIEW-1",
    "T-LAC-REVIEW-2",
    "T-LAC-REVIEW",
    "T-PERMANENCE-PLAN",
    "T-LAC-VISIT-PLACEMENT",
    "T-LAC-VISIT",
    "T-LAC-VISIT-LONG-TERM",
    "T-LAC-VISIT-PARENT",
    "T-IHA",
    "T-RHA",
    "T-DENTAL",
    "T-SDQ",
    "T-PEP",
    "T-PEP-REVIEW",
    "T-RHI",
    "T-PROCEEDINGS",
    "T-PATHWAY-PLAN",
    "T-PATHWAY-REVIEW",
    "T-PA-CONTACT",
    "T-OVERSIGHT-CP",
    "T-OVERSIGHT",
    "T-SUPERVISION",
    "T-ALLOCATION",
    # Issue 8: statutory clocks councils are inspected on, and two local ones.
    "T-NEEDS-ASSESSMENT",
    "T-PA-VISIT",
    "T-STRATEGY-ESCALATION",
    "T-PRE-PROCEEDINGS-REVIEW",
    "T-CARE-PLAN",
    "T-PLACEMENT-PLAN",
    "T-CARE-ORDER-VISIT",
    "T-SHORT-BREAK-REVIEW",
    "T-IRO-ALLOCATE",
    "T-ADOPTION-REVIEW-1",
    "T-ADOPTION-REVIEW",
    "T-ADOPTION-VISIT",
    "T-PF-VISIT-1",
    "T-PF-VISIT",
}

LOCAL_IDS = {
    "T-STRATEGY",
    "T-ASSESSMENT-SEEN",
    "T-CORE-GROUP",
    "T-CP-VISIT",
    "T-CIN-VISIT",
    "T-CIN-PLAN-REVIEW",
    "T-AGENCY-CHECK",
    "T-OVERSIGHT-CP",
    "T-OVERSIGHT",
    "T-SUPERVISION",
    "T-ALLOCATION",
    "T-STRATEGY-ESCALATION",
    "T-PRE-PROCEEDINGS-REVIEW",
    "T-IRO-ALLOCATE",
    "T-PA-CONTACT",
}

CAL = default_calendar()


# --- The catalogue --------------------------------------------------------------------------


def test_catalogue_holds_exactly_the_rules_of_timescales_md():
    assert {rule.id for rule in RULES} == EXPECTED_IDS
    assert len(RULES) == len(EXPECTED_IDS)


def test_every_rule_cites_a_source_and_says_what_it_applies_to():
    for rule in RULES:
        assert rule.title and rule.source and rule.applies_to and rule.clock_start and rule.met_by


def test_local_rules_cite_local_standard_as_their_source():
    for rule in RULES:
        assert (rule.kind is Kind.LOCAL) == rule.source.startswith("Local standard"), rule.id


def test_local_standards_are_exactly_the_local_rules_of_timescales_md():
    assert {rule.id for rule in RULES if rule.kind is Kind.LOCAL} == LOCAL_IDS


def test_pathway_plan_and_needs_assessment_are_statutory():
    # CPPCR 2010 reg 42(1); Care Leavers (England) Regulations 2010 reg 5(2).
    assert {rulebook()[rule_id].kind for rule_id in ("T-PATHWAY-PLAN", "T-NEEDS-ASSESSMENT")} == {
        Kind.STATUTE
    }


def test_personal_adviser_visits_are_statutory_and_keeping_in_touch_is_local():
    book = rulebook()
    assert (book["T-PA-VISIT"].kind, book["T-PA-CONTACT"].kind) == (Kind.STATUTE, Kind.LOCAL)


def test_every_rule_belongs_to_a_dataset_frame():
    for rule in RULES:
        assert rule.record_type in SCHEMAS, rule.id


def test_recurring_rules_are_the_ones_that_run_from_a_previous_event():
    recurring = {rule.id for rule in RULES if rule.recurs}
    assert recurring == {
        "T-CORE-GROUP",
        "T-RCPC",
        "T-CP-VISIT",
        "T-CIN-VISIT",
        "T-CIN-PLAN-REVIEW",
        "T-LAC-REVIEW",
        "T-LAC-VISIT",
        "T-LAC-VISIT-LONG-TERM",
        "T-LAC-VISIT-PARENT",
        "T-RHA",
        "T-DENTAL",
        "T-SDQ",
        "T-PEP-REVIEW",
        "T-PATHWAY-REVIEW",
        "T-PA-CONTACT",
        "T-PA-VISIT",
        "T-OVERSIGHT-CP",
        "T-OVERSIGHT",
        "T-SUPERVISION",
        "T-SHORT-BREAK-REVIEW",
        "T-ADOPTION-REVIEW",
        "T-ADOPTION-VISIT",
        "T-PF-VISIT",
    }


@pytest.mark.parametrize(
    ("rule_id", "deadline"),
    [
        ("T-CONTACT-DECISION", "1WD"),
        ("T-ASSESSMENT", "45WD"),
        ("T-ICPC", "15WD"),
        ("T-CORE-GROUP-1", "10WD"),
        ("T-CORE-GROUP", "6W"),
        ("T-RCPC-1", "3M"),
        ("T-RCPC", "6M"),
        ("T-CP-VISIT", "10WD"),
        ("T-CIN-VISIT", "20WD"),
        ("T-LAC-REVIEW-1", "20WD"),
        ("T-LAC-REVIEW-2", "3M"),
        ("T-LAC-REVIEW", "6M"),
        ("T-LAC-VISIT-PLACEMENT", "1W"),
        ("T-LAC-VISIT", "6W"),
        ("T-LAC-VISIT-LONG-TERM", "3M"),
        ("T-RHI", "72H"),
        ("T-PROCEEDINGS", "26W"),
        ("T-PATHWAY-PLAN", "3M"),
        ("T-PA-CONTACT", "8W"),
        ("T-PA-VISIT", "2M"),
        ("T-NEEDS-ASSESSMENT", "3M"),
        ("T-STRATEGY-ESCALATION", "1WD"),
        ("T-PRE-PROCEEDINGS-REVIEW", "6W"),
        ("T-CARE-PLAN", "10WD"),
        ("T-PLACEMENT-PLAN", "5WD"),
        ("T-CARE-ORDER-VISIT", "1W"),
        ("T-SHORT-BREAK-REVIEW", "6M"),
        ("T-IRO-ALLOCATE", "5WD"),
        ("T-ADOPTION-REVIEW-1", "4W"),
        ("T-ADOPTION-REVIEW", "6M"),
        ("T-ADOPTION-VISIT", "1W"),
        ("T-PF-VISIT-1", "7WD"),
        ("T-PF-VISIT", "6W"),
        ("T-OVERSIGHT-CP", "20WD"),
        ("T-OVERSIGHT", "30WD"),
        ("T-SUPERVISION", "4W"),
    ],
)
def test_default_deadlines_are_those_of_timescales_md(rule_id, deadline):
    assert rulebook()[rule_id].deadline == Duration.parse(deadline)


def test_agency_check_is_three_working_days_or_one_when_urgent():
    rule = rulebook()["T-AGENCY-CHECK"]
    assert (rule.deadline_for(), rule.deadline_for("urgent")) == (
        Duration(3, Unit.WORKING_DAYS),
        Duration(1, Unit.WORKING_DAYS),
    )


def test_review_health_assessment_is_six_months_under_five_and_twelve_from_five():
    rule = rulebook()["T-RHA"]
    assert (rule.deadline_for("under_5"), rule.deadline_for()) == (
        Duration(6, Unit.MONTHS),
        Duration(12, Unit.MONTHS),
    )


def test_permanence_plan_is_due_by_the_second_review():
    assert rulebook()["T-PERMANENCE-PLAN"].deadline.describe() == "by the second review"


def test_asking_for_a_variant_a_rule_does_not_have_is_an_error():
    with pytest.raises(KeyError, match="T-ICPC has no variant"):
        rulebook()["T-ICPC"].deadline_for("urgent")


def test_describe_deadline_lists_variants():
    assert rulebook()["T-AGENCY-CHECK"].describe_deadline() == (
        "3 working days (urgent: 1 working day)"
    )


# --- Durations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "words"),
    [
        (Duration(10, Unit.WORKING_DAYS), "10 working days"),
        (Duration(1, Unit.WORKING_DAYS), "1 working day"),
        (Duration(3, Unit.MONTHS), "3 months"),
        (Duration(1, Unit.MONTHS), "1 month"),
        (Duration(1, Unit.WEEKS), "1 week"),
        (Duration(26, Unit.WEEKS), "26 weeks"),
        (Duration(3, Unit.CALENDAR_DAYS), "3 days"),
        (Duration(72, Unit.HOURS), "72 hours"),
        (Duration.by_second_review(), "by the second review"),
    ],
)
def test_duration_describes_itself_in_words(duration, words):
    assert duration.describe() == words


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("15WD", Duration(15, Unit.WORKING_DAYS)),
        ("10D", Duration(10, Unit.CALENDAR_DAYS)),
        ("4W", Duration(4, Unit.WEEKS)),
        ("3M", Duration(3, Unit.MONTHS)),
        ("72H", Duration(72, Unit.HOURS)),
        (" 2 wd ", Duration(2, Unit.WORKING_DAYS)),
        ("0WD", Duration(0, Unit.WORKING_DAYS)),
    ],
)
def test_duration_parses_settings_text(text, duration):
    assert Duration.parse(text) == duration


@pytest.mark.parametrize("text", ["", "15", "WD", "-3WD", "1.5W", "3Y", "3 months", None])
def test_duration_refuses_text_it_cannot_read(text):
    with pytest.raises(ValueError, match="cannot read"):
        Duration.parse(text)


def test_duration_short_form_parses_back_to_itself():
    for rule in RULES:
        if rule.deadline.is_fixed_length:
            assert Duration.parse(rule.deadline.short()) == rule.deadline


def test_duration_cannot_be_negative():
    with pytest.raises(ValueError, match="negative"):
        Duration(-1, Unit.WEEKS)


def test_hours_count_as_whole_days_rounded_up():
    assert (Duration(72, Unit.HOURS).calendar_days, Duration(25, Unit.HOURS).calendar_days) == (
        3,
        2,
    )


def test_one_working_day_from_christmas_eve_2026_is_tuesday_29_december():
    assert Duration(1, Unit.WORKING_DAYS).add_to(date(2026, 12, 24), CAL) == date(2026, 12, 29)


def test_three_months_from_30_november_lands_on_the_last_day_of_february():
    three_months = Duration(3, Unit.MONTHS)
    assert three_months.add_to(date(2024, 11, 30), CAL) == date(2025, 2, 28)
    assert three_months.add_to(date(2023, 11, 30), CAL) == date(2024, 2, 29)


def test_seventy_two_hours_from_a_return_is_three_days_later():
    assert Duration(72, Unit.HOURS).add_to(date(2025, 3, 7), CAL) == date(2025, 3, 10)


def test_second_review_deadline_cannot_be_added_to_a_date():
    with pytest.raises(ValueError, match="second-review"):
        Duration.by_second_review().add_to(date(2025, 1, 1), CAL)


@settings(deadline=None, max_examples=200)
@given(
    start=st.dates(date(2015, 1, 1), date(2040, 12, 31)),
    amount=st.integers(0, 60),
    unit=st.sampled_from(
        [Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.WEEKS, Unit.MONTHS, Unit.HOURS]
    ),
)
def test_vectorised_due_dates_match_scalar(start, amount, unit):
    duration = Duration(amount, unit)
    array = duration.add_to_array(np.array([start], dtype="datetime64[D]"), CAL)
    assert array[0].item() == duration.add_to(start, CAL)


# --- Overrides ------------------------------------------------------------------------------


def test_default_rulebook_has_no_overrides():
    book = rulebook()
    assert isinstance(book, Rulebook)
    assert book.overridden() == ()
    assert all(rule.overridden_from is None for rule in book.rules())


def test_override_text_changes_local_deadlines_and_keeps_the_defaults_for_display():
    book = rulebook("T-CP-VISIT=15WD,T-CORE-GROUP=4W,T-CIN-PLAN-REVIEW=3M")
    assert book["T-CP-VISIT"].deadline == Duration(15, Unit.WORKING_DAYS)
    assert book["T-CP-VISIT"].overridden_from == Duration(10, Unit.WORKING_DAYS)
    assert book["T-CORE-GROUP"].deadline == Duration(4, Unit.WEEKS)
    assert {rule.id for rule in book.overridden()} == {"T-CP-VISIT", "T-CORE-GROUP"}


def test_override_equal_to_the_default_is_not_marked_as_an_override():
    assert rulebook("T-CIN-PLAN-REVIEW=3M")["T-CIN-PLAN-REVIEW"].overridden_from is None


def test_overrides_may_be_given_as_a_mapping():
    book = rulebook({"T-CP-VISIT": "15WD", "T-OVERSIGHT": Duration(4, Unit.WEEKS)})
    assert book.deadline("T-CP-VISIT") == Duration(15, Unit.WORKING_DAYS)
    assert book.deadline("T-OVERSIGHT") == Duration(4, Unit.WEEKS)


def test_blank_override_setting_means_no_overrides():
    assert rulebook(" , ").overridden() == ()


def test_override_of_a_variant_changes_only_that_variant():
    rule = rulebook("T-AGENCY-CHECK.urgent=0WD")["T-AGENCY-CHECK"]
    assert rule.deadline_for("urgent") == Duration(0, Unit.WORKING_DAYS)
    assert rule.deadline_for() == Duration(3, Unit.WORKING_DAYS)
    assert rule.overridden_from is None
    assert rule.variants_overridden_from == (("urgent", Duration(1, Unit.WORKING_DAYS)),)
    assert rule.is_overridden


def test_keeping_in_touch_timescale_can_be_overridden():
    assert rulebook("T-PA-CONTACT=6W").deadline("T-PA-CONTACT") == Duration(6, Unit.WEEKS)


@pytest.mark.parametrize(
    ("rule_id", "variant", "deadline"),
    [
        ("T-PA-VISIT", "first_visit", "7D"),
        ("T-SHORT-BREAK-REVIEW", "first_review", "3M"),
        ("T-ADOPTION-REVIEW", "second_review", "3M"),
        ("T-PF-VISIT", "after_first_year", "12W"),
        ("T-PRE-PROCEEDINGS-REVIEW", "decision", "16W"),
    ],
)
def test_issue_8_variants_carry_the_timings_the_sources_give(rule_id, variant, deadline):
    assert rulebook()[rule_id].deadline_for(variant) == Duration.parse(deadline)


@pytest.mark.parametrize(
    ("setting", "regulation"),
    [
        ("T-ICPC=16WD", "Working Together"),
        ("T-ASSESSMENT=46WD", "Working Together"),
        ("T-LAC-REVIEW-1=21WD", "reg 33"),
        ("T-LAC-VISIT=7W", "reg 28"),
        ("T-PROCEEDINGS=27W", "s32"),
    ],
)
def test_loosening_a_statutory_timescale_is_refused_naming_the_rule_and_regulation(
    setting, regulation
):
    rule_id = setting.partition("=")[0]
    with pytest.raises(
        ValueError, match=f"^{rule_id} .*{regulation}.*may tighten it but not loosen"
    ):
        rulebook(setting)


def test_a_statutory_timescale_may_be_tightened():
    book = rulebook("T-LAC-VISIT-PLACEMENT=3WD,T-ICPC=10WD")
    assert book.deadline("T-LAC-VISIT-PLACEMENT") == Duration(3, Unit.WORKING_DAYS)
    assert book["T-LAC-VISIT-PLACEMENT"].overridden_from == Duration(1, Unit.WEEKS)
    assert book.deadline("T-ICPC") == Duration(10, Unit.WORKING_DAYS)


def test_a_tightening_in_another_unit_is_refused_when_it_can_fall_due_later():
    # 4 working days is always within a week, except over Christmas: from Tuesday 22 December
    # 2026 a week runs to Tuesday 29th, but 4 working days (Christmas Day and the Boxing Day
    # substitute closed) run to Wednesday 30th. So it is not a tightening on every start date.
    with pytest.raises(ValueError, match="T-LAC-VISIT-PLACEMENT .*4 working days can fall due"):
        rulebook("T-LAC-VISIT-PLACEMENT=4WD")
    assert rulebook("T-LAC-VISIT-PLACEMENT=3WD").deadline("T-LAC-VISIT-PLACEMENT").amount == 3


def test_an_equal_statutory_timescale_in_its_own_terms_is_accepted_as_no_change():
    assert rulebook("T-ICPC=15WD")["T-ICPC"].overridden_from is None


def test_overriding_a_national_return_standard_is_refused():
    with pytest.raises(ValueError, match="T-DENTAL .*cannot be overridden.*compared"):
        rulebook("T-DENTAL=18M")


def test_overriding_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="unknown rule 'T-NOPE'"):
        rulebook("T-NOPE=1WD")


def test_overriding_an_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="T-CP-VISIT has no variant 'urgent'"):
        rulebook("T-CP-VISIT.urgent=1WD")


def test_override_given_twice_is_refused():
    with pytest.raises(ValueError, match="given twice"):
        parse_overrides("T-CP-VISIT=15WD, T-CP-VISIT=5WD")


def test_override_without_an_equals_sign_is_refused():
    with pytest.raises(ValueError, match="has no '='"):
        rulebook("T-CP-VISIT 15WD")


def test_override_with_an_unreadable_duration_names_the_rule():
    with pytest.raises(ValueError, match="T-CP-VISIT: cannot read 'fortnightly'"):
        rulebook("T-CP-VISIT=fortnightly")


def test_rulebook_is_read_only():
    book = rulebook()
    with pytest.raises(TypeError):
        book["T-CP-VISIT"] = None  # type: ignore[index]


def test_loading_a_looser_statutory_standard_stops_sightline_at_start_up(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.SIGHTLINE_LOCAL_STANDARDS = "T-CP-VISIT=15WD,T-LAC-REVIEW-1=25WD"
    with pytest.raises(SystemCheckError, match=r"T-LAC-REVIEW-1 .*reg 33.*not loosen it"):
        call_command("check")
