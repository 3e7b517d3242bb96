"""A small seeded council lands on England's headline rates and shows its deliberate variation,
including the declining service area whose timeliness falls away over its last year.

Rates are computed here from the records, the way the indicator catalogue defines them, not from
the generator's inputs. The council is seeded once for the module (committed, then flushed).

A council this small is noisy: brothers and sisters go onto plans and into care together, so the
stock measures move by a quarter from one seed to another. The seed is fixed; the calibration
itself is checked at 100,000 and 300,000 children (see bench/seed_bench.py and the report).
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

import polars as pl
import pytest
from django.core.management import call_command
from django.db.models import Q

from sightline.care.models import (
    CareProceedings,
    DentalCheck,
    DevelopmentCheck,
    HealthAssessment,
    ImmunisationStatus,
    LookedAfterEpisode,
    StrengthsAndDifficulties,
)
from sightline.casework.models import (
    AgencyCheck,
    Assessment,
    ChildProtectionConference,
    ChildProtectionPlan,
    Contact,
    CoreGroupMeeting,
    ManagementOversight,
    Referral,
    Visit,
)
from sightline.demo.council import seed_council
from sightline.demo.decline import DECLINING_SERVICE_AREA
from sightline.engine.deadlines import evaluate_deadlines
from sightline.oversight.dataset_loader import load_dataset
from sightline.people.models import Person
from sightline.standards.calendar import default_calendar
from sightline.workforce.models import Allocation, Supervision, Team

pytestmark = pytest.mark.django_db

AS_AT = date(2026, 3, 31)
POPULATION = 12_000
YEAR_START = AS_AT - timedelta(days=365)
TOLERANCE = 0.20  # relative


@pytest.fixture(scope="module")
def council(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        result = seed_council(population=POPULATION, years=3, seed=1, as_at=AS_AT, la_code="999")
        yield result
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def deadlines(council, django_db_blocker):
    """Every clock of the seeded council as at 31 March, from the engine over its Dataset, with
    whether the child lives in the declining service area."""
    with django_db_blocker.unblock():
        dataset = load_dataset()
        declining = list(
            Person.objects.filter(la_child_id__in=council.variation.declining_children).values_list(
                "pk", flat=True
            )
        )
    return evaluate_deadlines(dataset, AS_AT).with_columns(
        declining=pl.col("child_id").is_in(declining)
    )


def per_10k(count: int) -> float:
    return count * 10_000 / POPULATION


def referrals_in_year():
    return list(Referral.objects.filter(referral_date__gt=YEAR_START, referral_date__lte=AS_AT))


def referrals_per_10k():
    return per_10k(len(referrals_in_year()))


def re_referral_percent():
    earlier = defaultdict(list)
    for child, day in Referral.objects.values_list("child_id", "referral_date"):
        earlier[child].append(day)
    year = referrals_in_year()
    repeats = sum(
        any(
            timedelta(0) < r.referral_date - day <= timedelta(days=365)
            for day in earlier[r.child_id]
        )
        for r in year
    )
    return 100 * repeats / len(year)


def assessments_within_45_wd_percent():
    calendar = default_calendar()
    done = Assessment.objects.filter(authorised_on__gt=YEAR_START, authorised_on__lte=AS_AT)
    within = [calendar.working_days_between(a.start_date, a.authorised_on) <= 45 for a in done]
    return 100 * sum(within) / len(within)


def icpc_within_15_wd_percent():
    calendar = default_calendar()
    conferences = ChildProtectionConference.objects.filter(
        kind="INITIAL",
        date__gt=YEAR_START,
        date__lte=AS_AT,
        section47__strategy_discussion__isnull=False,
    ).select_related("section47__strategy_discussion")
    within = [
        calendar.working_days_between(c.section47.strategy_discussion.held_on, c.date) <= 15
        for c in conferences
    ]
    return 100 * sum(within) / len(within)


def open_at_as_at(model):
    return model.objects.filter(start_date__lte=AS_AT).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=AS_AT)
    )


def cp_plans_per_10k():
    return per_10k(open_at_as_at(ChildProtectionPlan).values("child_id").distinct().count())


# England's looked-after figures leave out children looked after only during a series of short
# breaks (legal status V3 or V4), as the indicator catalogue does.
SHORT_BREAKS = ("V3", "V4")


def looked_after_now():
    return open_at_as_at(LookedAfterEpisode).exclude(legal_status__in=SHORT_BREAKS)


def looked_after_per_10k():
    return per_10k(looked_after_now().values("child_id").distinct().count())


@pytest.mark.parametrize(
    ("measure", "england"),
    [
        (referrals_per_10k, 519),
        (re_referral_percent, 22.6),
        (assessments_within_45_wd_percent, 86),
        (icpc_within_15_wd_percent, 81),
        (cp_plans_per_10k, 40.5),
        (looked_after_per_10k, 67),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_headline_rate_lands_within_a_fifth_of_england(council, measure, england):
    value = measure()
    assert abs(value - england) <= TOLERANCE * england, f"{measure.__name__} = {value:.1f}"


def team_on(allocations, child, day):
    for start, end, team in allocations.get(child, ()):
        if start <= day and (end is None or day < end):
            return team
    return None


def test_the_slow_assessment_teams_complete_fewer_assessments_in_time(council):
    calendar = default_calendar()
    allocations = defaultdict(list)
    for child, start, end, team in Allocation.objects.values_list(
        "child_id", "start_date", "end_date", "team__name"
    ):
        allocations[child].append((start, end, team))
    outcomes = defaultdict(list)
    for a in Assessment.objects.filter(
        authorised_on__isnull=False, start_date__gte=AS_AT - timedelta(days=3 * 365)
    ):
        team = team_on(allocations, a.child_id, a.start_date)
        if team and team.startswith("Assessment"):
            slow = team in council.variation.slow_teams
            outcomes[slow].append(
                calendar.working_days_between(a.start_date, a.authorised_on) <= 45
            )
    slow, others = (100 * sum(outcomes[flag]) / len(outcomes[flag]) for flag in (True, False))
    assert slow < others - 10, (slow, others)


def test_some_worker_carries_25_or_more_children(council):
    caseloads = Counter(
        Allocation.objects.filter(end_date__isnull=True, worker__isnull=False).values_list(
            "worker__username", flat=True
        )
    )
    heaviest = [name for name, count in caseloads.items() if count >= 25]
    assert set(heaviest) & set(council.variation.overloaded_workers)


def test_drifting_children_have_had_no_oversight_for_two_months(council):
    drifting = council.variation.drifting_children
    recent = set(
        ManagementOversight.objects.filter(
            child__la_child_id__in=drifting, recorded_at__date__gt=AS_AT - timedelta(days=60)
        ).values_list("child__la_child_id", flat=True)
    )
    assert drifting and not recent


def test_repeat_contact_children_had_three_referrers_within_weeks_and_no_referral(council):
    children = council.variation.repeat_contact_children
    assert children
    for la_child_id in children:
        contacts = list(
            Contact.objects.filter(child__la_child_id=la_child_id).order_by("received_at")
        )
        assert len({c.source for c in contacts}) >= 3
        assert contacts[-1].received_at - contacts[0].received_at <= timedelta(days=60)
        assert not Referral.objects.filter(child__la_child_id=la_child_id).exists()


def test_concerns_arising_during_an_assessment_are_flagged_on_the_referral_not_the_contact(
    council,
):
    flagged = Referral.objects.filter(significant_harm_suspected_at__isnull=False)
    assert flagged.exists()
    assert not flagged.filter(contact__significant_harm_suspected=True).exists()
    assert all(
        referral.strategy_discussions.filter(
            held_on=referral.significant_harm_suspected_at.date()
        ).exists()
        for referral in flagged
    )


# --- Children looked after: health and category of need ---------------------------------------


def looked_after_a_year():
    """Children looked after on 31 March continuously for the 12 months before (SSDA903 OC2)."""
    periods = defaultdict(list)
    for child, start, end in LookedAfterEpisode.objects.exclude(
        legal_status__in=SHORT_BREAKS
    ).values_list("child_id", "start_date", "end_date"):
        periods[child].append((start, end))
    chosen = {}
    for child, spans in periods.items():
        spans.sort()
        begun, last_end = None, date.min
        for start, end in spans:
            begun = start if begun is None or start > last_end else begun
            last_end = end or date.max
        if last_end > AS_AT and begun <= YEAR_START:
            chosen[child] = begun
    return chosen


def share_with(model, date_field, **filters):
    children = looked_after_a_year()
    if "under" in filters or "aged" in filters:
        low, high = filters.pop("aged", (0, 99))
        births = dict(Person.objects.filter(pk__in=children).values_list("pk", "date_of_birth"))
        children = {c: s for c, s in children.items() if low <= age(births[c]) <= high}
    done = set(
        model.objects.filter(
            child_id__in=children, **{f"{date_field}__gt": YEAR_START}, **filters
        ).values_list("child_id", flat=True)
    )
    return 100 * len(done) / len(children)


def age(born, on=AS_AT):
    years = on.year - born.year
    return years - ((on.month, on.day) < (born.month, born.day))


def latest_immunisations_up_to_date_percent():
    children = looked_after_a_year()
    latest = {}
    for child, day, up_to_date in ImmunisationStatus.objects.filter(
        child_id__in=children, recorded_on__lte=AS_AT
    ).values_list("child_id", "recorded_on", "up_to_date"):
        if child not in latest or day >= latest[child][0]:
            latest[child] = (day, up_to_date)
    return 100 * sum(value for _, value in latest.values()) / len(children)


@pytest.mark.parametrize(
    ("measure", "england"),
    [
        (lambda: share_with(HealthAssessment, "date"), 90),
        (lambda: share_with(DentalCheck, "date"), 80),
        (lambda: share_with(DevelopmentCheck, "date", aged=(0, 4)), 88),
        (latest_immunisations_up_to_date_percent, 80),
        (
            lambda: share_with(StrengthsAndDifficulties, "date", score__isnull=False, aged=(4, 16)),
            75,
        ),
    ],
    ids=["health_assessment", "dental_check", "development_check", "immunisations", "sdq_returned"],
)
def test_health_of_children_looked_after_a_year_lands_within_a_fifth_of_england(
    council, measure, england
):
    value = measure()
    assert abs(value - england) <= TOLERANCE * england, f"{value:.1f}"


def test_looked_after_category_of_need_follows_the_looked_after_shares(council):
    needs = Counter(looked_after_now().values_list("category_of_need", flat=True))
    total = sum(needs.values())
    abuse, disability = (100 * needs[code] / total for code in ("N1", "N2"))
    assert abs(abuse - 65) <= TOLERANCE * 65, abuse
    # About 3% in care, against 13% of all children in need.
    assert disability < 6, disability


def test_some_court_cases_overrun_26_weeks_without_an_extension_covering_them(council):
    finished = CareProceedings.objects.filter(final_order_on__isnull=False)
    weeks = [((p.final_order_on - p.issued_on).days / 7, p.extension_weeks) for p in finished]
    overran = [(length, extension) for length, extension in weeks if length > 26]
    uncovered = [1 for length, extension in overran if length > 26 + extension]
    assert overran and 0 < len(uncovered) < len(overran)


# --- The declining service area, measured by the engine as at 31 March -------------------------


def on_time_percent(deadlines, rule, declining, since=YEAR_START, until=AS_AT, by="clock_start"):
    clocks = deadlines.filter(
        (pl.col("rule_id") == rule)
        & (pl.col(by) > since)
        & (pl.col(by) <= until)
        & pl.col("status").is_in(["met", "met_late", "overdue"])
        & (pl.col("declining") == declining)
    )
    assert clocks.height >= 30, (rule, declining, clocks.height)
    return 100 * clocks.filter(pl.col("status") == "met").height / clocks.height


def test_the_declining_service_is_named_and_serves_children(council):
    assert council.variation.declining_service_area == DECLINING_SERVICE_AREA
    assert Team.objects.filter(name=f"Child Protection and CIN Team {DECLINING_SERVICE_AREA}")
    assert council.variation.declining_children


def test_the_declining_service_decides_contacts_within_a_working_day_far_less_often(deadlines):
    elsewhere = on_time_percent(deadlines, "T-CONTACT-DECISION", False)
    declining = on_time_percent(deadlines, "T-CONTACT-DECISION", True)
    assert elsewhere >= 95, elsewhere
    assert declining <= elsewhere - 15, (declining, elsewhere)


def test_the_declining_service_visits_children_on_plans_within_standard_far_less_often(deadlines):
    elsewhere = on_time_percent(deadlines, "T-CP-VISIT", False, by="due")
    declining = on_time_percent(deadlines, "T-CP-VISIT", True, by="due")
    assert declining <= elsewhere - 15, (declining, elsewhere)


def test_the_declining_service_falls_away_over_two_years(deadlines):
    year_before = AS_AT - timedelta(days=730)
    before = on_time_percent(
        deadlines, "T-CONTACT-DECISION", True, year_before - timedelta(365), year_before
    )
    middle = on_time_percent(deadlines, "T-CONTACT-DECISION", True, year_before, YEAR_START)
    latest = on_time_percent(deadlines, "T-CONTACT-DECISION", True)
    assert before > middle > latest, (before, middle, latest)


def test_the_declining_service_holds_strategy_discussions_late_more_often(deadlines):
    elsewhere = on_time_percent(deadlines, "T-STRATEGY", False)
    declining = on_time_percent(deadlines, "T-STRATEGY", True)
    assert declining <= elsewhere - 15, (declining, elsewhere)


def test_the_declining_teams_workers_carry_more_than_22_children(council):
    caseloads = defaultdict(Counter)
    for team, worker in Allocation.objects.filter(
        end_date__isnull=True, worker__isnull=False, team__kind="CP_CIN"
    ).values_list("team__name", "worker_id"):
        caseloads[team.endswith(DECLINING_SERVICE_AREA)][worker] += 1
    declining, others = (
        sum(caseloads[flag].values()) / len(caseloads[flag]) for flag in (True, False)
    )
    assert declining > 22 > others, (declining, others)


def test_no_open_agency_check_is_older_than_60_working_days_outside_the_declining_service(
    council,
):
    calendar = default_calendar()
    open_checks = AgencyCheck.objects.filter(
        responded_at__isnull=True, closed_at__isnull=True
    ).values_list("child__la_child_id", "requested_at")
    declining = set(council.variation.declining_children)
    old = defaultdict(int)
    for child, requested in open_checks:
        if calendar.working_days_between(requested.date(), AS_AT) > 60:
            old[child in declining] += 1
    assert old[False] == 0
    assert old[True] > 0  # a few, deliberately stuck where the service is failing


# --- Activity across the whole history -------------------------------------------------------


def test_activity_exists_for_every_year_a_plan_was_open(council):
    first = ChildProtectionPlan.objects.order_by("start_date").first().start_date
    years = set(range(first.year, AS_AT.year + 1))
    for model, field in (
        (Visit, "date"),
        (CoreGroupMeeting, "date"),
        (Supervision, "date"),
        (Allocation, "start_date"),
        (ChildProtectionConference, "date"),
    ):
        seen = {day.year for day in model.objects.values_list(field, flat=True)}
        assert years <= seen, (model.__name__, sorted(years - seen))
    overseen = {
        moment.year for moment in ManagementOversight.objects.values_list("recorded_at", flat=True)
    }
    assert years <= overseen


# Every clock the rulebook issue added or changed (issue 8), as `sightline deadlines` lists it.
ISSUE_8_RULES = (
    "T-PATHWAY-PLAN", "T-NEEDS-ASSESSMENT", "T-PA-VISIT", "T-PA-CONTACT", "T-ASSESSMENT",
    "T-AGENCY-CHECK", "T-LAC-VISIT-PARENT", "T-PROCEEDINGS", "T-CARE-PLAN", "T-PLACEMENT-PLAN",
    "T-CARE-ORDER-VISIT", "T-SHORT-BREAK-REVIEW", "T-IRO-ALLOCATE", "T-ADOPTION-REVIEW-1",
    "T-ADOPTION-REVIEW", "T-ADOPTION-VISIT", "T-PF-VISIT-1", "T-PF-VISIT",
    "T-STRATEGY-ESCALATION", "T-PRE-PROCEEDINGS-REVIEW",
)  # fmt: skip


def test_the_deadlines_command_lists_every_clock_the_rulebook_issue_added(council, tmp_path):
    out = tmp_path / "deadlines.csv"
    call_command("deadlines", "--as-at", AS_AT.isoformat(), "--out", str(out), verbosity=0)
    listed = pl.read_csv(out, infer_schema=False)
    counts = dict(listed.group_by("rule_id").len().iter_rows())
    missing = [rule for rule in ISSUE_8_RULES if not counts.get(rule)]
    assert not missing, missing
    # Each with clocks that were met, not only ones that lapsed.
    met = set(listed.filter(pl.col("status") == "met")["rule_id"])
    assert not [rule for rule in ISSUE_8_RULES if rule not in met]


def test_short_break_children_are_reviewed_not_counted_as_looked_after(council, deadlines):
    breaks = LookedAfterEpisode.objects.filter(legal_status="V3")
    assert breaks.exists()
    # Each break is short (SSDA903 rule 365: no individual break over 17 days).
    assert all((e.end_date - e.start_date).days <= 17 for e in breaks.exclude(end_date=None))
    reviews = deadlines.filter(pl.col("rule_id") == "T-SHORT-BREAK-REVIEW")
    assert reviews.filter(pl.col("status") == "met").height > 0
    # The looked-after clocks are not started by a short break.
    children = set(breaks.values_list("child_id", flat=True))
    only_breaks = children - set(
        LookedAfterEpisode.objects.exclude(legal_status__in=SHORT_BREAKS).values_list(
            "child_id", flat=True
        )
    )
    assert only_breaks
    lac_clocks = deadlines.filter(
        pl.col("child_id").is_in(list(only_breaks))
        & pl.col("rule_id").is_in(["T-LAC-REVIEW-1", "T-CARE-PLAN", "T-LAC-VISIT", "T-IHA"])
    )
    assert lac_clocks.height == 0


# --- The indicators on the demo council (issue 9): council figures near England's -------------

# The indicators whose England figure the demo council is calibrated to (calibration.md).
# K-CPP-REPEAT and K-CPP-2YR are left out here: a 12,000-child council ends about 50 plans a
# year, two of them after 2 years, so one sibling group moves them by a third; they are checked
# on the 300,000 council (bench/results.md, issue 9).
CALIBRATED_INDICATORS = (
    "K-REFERRALS", "K-REREFERRAL", "K-REFERRAL-NFA", "K-ASSESS-45", "K-ASSESS-NOT-IN-NEED",
    "K-S47", "K-ICPC-15", "K-CPP-RATE", "K-CLA-RATE",
    "K-CLA-3PLACE", "K-CLA-STABLE", "K-HEALTH", "K-DENTAL", "K-DEV-CHECK", "K-MISSING", "K-A1",
)  # fmt: skip


@pytest.fixture(scope="module")
def council_indicators(council, django_db_blocker):
    from sightline.engine.indicators import evaluate_indicators

    with django_db_blocker.unblock():
        dataset = load_dataset()
    values = evaluate_indicators(dataset, AS_AT, child_population=POPULATION).values
    return {
        row["indicator_id"]: row
        for row in values.filter(pl.col("level") == "council").iter_rows(named=True)
    }


@pytest.mark.parametrize("indicator_id", CALIBRATED_INDICATORS)
def test_council_indicator_lands_within_a_fifth_of_england(council_indicators, indicator_id):
    from sightline.standards.indicators import INDICATORS

    england = next(i for i in INDICATORS if i.id == indicator_id).england.value
    value = council_indicators[indicator_id]["value"]
    assert value is not None, indicator_id
    assert abs(value - england) <= TOLERANCE * england, f"{indicator_id} = {value:.1f}"


def test_the_declining_service_is_among_what_got_worse_for_the_director(council):
    """Issue 9: the director's "what got worse" names the declining service's team."""
    from sightline.performance.cards import what_got_worse
    from sightline.performance.figures import figures_for, figures_forget
    from sightline.performance.scopes import COUNCIL, Unit

    figures_forget()
    figures = figures_for(AS_AT)
    units = [COUNCIL] + [
        Unit("team", pk, name) for pk, name in Team.objects.values_list("pk", "name")
    ]
    worse = what_got_worse(figures, units)
    assert any(DECLINING_SERVICE_AREA in w.card.unit.name for w in worse), [
        (w.card.indicator.id, w.card.unit.name) for w in worse
    ]
