"""Retention: the schedule's rules, legal holds, and disposal that needs a second IG officer
and deletes exactly the batch's records."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from sightline.access.models import (
    AuditAction,
    AuditEvent,
    DisposalBatchItem,
    DisposalBatchStatus,
    DisposalOutcome,
)
from sightline.access.retention import RetentionFacts, RetentionRule, retention_period
from sightline.access.retention import retention_until as until
from sightline.access.retention.schedule import anniversary
from sightline.access.retention.selectors import Block, children_past_retention
from sightline.access.retention.services import (
    disposal_batch_approve,
    disposal_batch_dispose,
    disposal_batch_propose,
    legal_hold_lift,
    legal_hold_place,
    retention_override_set,
)
from sightline.access.services import break_glass_open, restricted_record_create
from sightline.care.models import Adoption, LookedAfterEpisode
from sightline.casework.models import AgencyCheck, CaseNote, Contact, Visit
from sightline.people.models import Household, HouseholdMember, Person, Relationship

from .full_record import full_record_make

HOLD_REASON = "Civil claim issued against the council, 2031"

# --- The schedule (pure) ---------------------------------------------------------------------


def test_looked_after_record_is_kept_until_the_75th_birthday():
    facts = RetentionFacts(date_of_birth=dt.date(2008, 6, 14), ever_looked_after=True)
    period = retention_period(facts)
    assert period.until == dt.date(2083, 6, 14)
    assert period.rule == RetentionRule.LOOKED_AFTER
    assert "reg. 50" in period.source


def test_looked_after_child_who_died_before_18_is_kept_15_years_from_death():
    facts = RetentionFacts(
        date_of_birth=dt.date(2008, 6, 14),
        date_of_death=dt.date(2020, 2, 3),
        ever_looked_after=True,
    )
    assert until(facts) == dt.date(2035, 2, 3)


def test_looked_after_adult_who_died_after_18_is_still_kept_to_the_75th_birthday():
    facts = RetentionFacts(
        date_of_birth=dt.date(1990, 6, 14),
        date_of_death=dt.date(2020, 2, 3),
        ever_looked_after=True,
    )
    assert until(facts) == dt.date(2065, 6, 14)


def test_adoption_record_is_kept_100_years_from_the_adoption_order():
    facts = RetentionFacts(
        date_of_birth=dt.date(2015, 1, 5),
        ever_looked_after=True,
        adoption_order_dates=(dt.date(2017, 9, 30),),
    )
    period = retention_period(facts)
    assert period.until == dt.date(2117, 9, 30)
    assert period.rule == RetentionRule.ADOPTION


def test_adoption_without_an_order_falls_to_the_looked_after_rule():
    facts = RetentionFacts(date_of_birth=dt.date(2015, 1, 5), ever_looked_after=True)
    assert retention_period(facts).rule == RetentionRule.LOOKED_AFTER


def test_other_records_are_kept_the_councils_years_after_the_18th_birthday():
    facts = RetentionFacts(date_of_birth=dt.date(2005, 4, 1))
    period = retention_period(facts, default_years=25)
    assert period.until == dt.date(2048, 4, 1)
    assert period.rule == RetentionRule.COUNCIL


def test_council_period_runs_from_the_end_of_involvement_when_later_than_18():
    facts = RetentionFacts(
        date_of_birth=dt.date(2005, 4, 1), involvement_ended=dt.date(2024, 1, 10)
    )
    assert until(facts, default_years=6) == dt.date(2030, 1, 10)


def test_council_period_is_set_by_the_council():
    facts = RetentionFacts(date_of_birth=dt.date(2005, 4, 1))
    assert until(facts, default_years=3) == dt.date(2026, 4, 1)


def test_council_period_of_a_child_who_died_young_runs_from_the_death():
    facts = RetentionFacts(date_of_birth=dt.date(2010, 4, 1), date_of_death=dt.date(2012, 5, 6))
    assert until(facts, default_years=25) == dt.date(2037, 5, 6)


def test_unborn_child_is_dated_from_the_expected_date_of_birth():
    facts = RetentionFacts(date_of_birth=None, expected_date_of_birth=dt.date(2020, 3, 3))
    assert until(facts, default_years=25) == dt.date(2063, 3, 3)


def test_leap_day_birthday_75th_anniversary_in_a_common_year_is_1_march():
    facts = RetentionFacts(date_of_birth=dt.date(2008, 2, 29), ever_looked_after=True)
    assert until(facts) == dt.date(2083, 3, 1)


def test_leap_day_anniversary_in_a_leap_year_stays_29_february():
    assert anniversary(dt.date(2004, 2, 29), 76) == dt.date(2080, 2, 29)
    assert anniversary(dt.date(2004, 2, 29), 75) == dt.date(2079, 3, 1)


def test_leap_day_18th_birthday_for_the_council_rule_is_1_march():
    facts = RetentionFacts(date_of_birth=dt.date(2008, 2, 29))
    assert until(facts, default_years=0) == dt.date(2026, 3, 1)


def test_leap_day_adoption_order_100_years_on_is_1_march():
    facts = RetentionFacts(
        date_of_birth=dt.date(2010, 1, 1), adoption_order_dates=(dt.date(2012, 2, 29),)
    )
    assert until(facts) == dt.date(2112, 2, 29)  # 2112 is a leap year
    facts = RetentionFacts(
        date_of_birth=dt.date(2010, 1, 1), adoption_order_dates=(dt.date(2016, 2, 29),)
    )
    assert until(facts) == dt.date(2116, 2, 29)
    facts = RetentionFacts(
        date_of_birth=dt.date(2010, 1, 1), adoption_order_dates=(dt.date(2020, 2, 29),)
    )
    assert until(facts) == dt.date(2120, 2, 29)
    assert anniversary(dt.date(2000, 2, 29), 100) == dt.date(2100, 3, 1)  # 2100 is not


def test_override_lengthens_retention():
    facts = RetentionFacts(date_of_birth=dt.date(2005, 4, 1), override_until=dt.date(2060, 1, 1))
    period = retention_period(facts, default_years=25)
    assert (period.until, period.rule) == (dt.date(2060, 1, 1), RetentionRule.OVERRIDE)


def test_override_never_shortens_a_statutory_period():
    facts = RetentionFacts(
        date_of_birth=dt.date(2005, 4, 1),
        ever_looked_after=True,
        override_until=dt.date(2030, 1, 1),
    )
    assert retention_period(facts).rule == RetentionRule.LOOKED_AFTER


@given(
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 12, 31)),
    years=st.integers(min_value=0, max_value=60),
    looked_after=st.booleans(),
)
def test_retention_never_ends_before_the_18th_birthday_of_a_living_child(born, years, looked_after):
    facts = RetentionFacts(date_of_birth=born, ever_looked_after=looked_after)
    assert until(facts, default_years=years) >= anniversary(born, 18)


# --- Review, holds and disposal (database) --------------------------------------------------

TODAY = timezone.localdate()


def old_child(la_child_id: str, *, looked_after: bool = False, **fields) -> Person:
    """A child whose record is past retention: born 80 years ago, nothing open."""
    child = Person.objects.create(
        la_child_id=la_child_id,
        first_name="Old",
        last_name=la_child_id,
        sex="M",
        date_of_birth=fields.pop("date_of_birth", TODAY.replace(year=TODAY.year - 80, day=1)),
        **fields,
    )
    Visit.objects.create(child=child, date=dt.date(1960, 5, 5), kind="CIN", notes="An old visit")
    if looked_after:
        LookedAfterEpisode.objects.create(
            child=child,
            start_date=dt.date(1955, 1, 1),
            end_date=dt.date(1960, 1, 1),
            reason_new_episode="S",
            legal_status="C2",
            category_of_need="N1",
            placement_type="U1",
            reason_ceased="E11",
        )
    return child


@pytest.fixture
def old_children(council):
    return [old_child("OLD001", looked_after=True), old_child("OLD002"), old_child("OLD003")]


@pytest.fixture
def approved_batch(council, old_children):
    batch = disposal_batch_propose(actor=council.users["ig"], as_at=TODAY)
    return disposal_batch_approve(actor=_second_ig(council), batch=batch)


def _second_ig(council):
    from .conftest import user_make

    if "ig2" not in council.users:
        council.users["ig2"] = user_make("ig2", "IG_OFFICER")
    return council.users["ig2"]


@pytest.mark.django_db
def test_review_lists_records_past_retention_and_not_others(council, old_children):
    young = Person.objects.create(
        la_child_id="YOUNG1", first_name="Young", last_name="Child", sex="F",
        date_of_birth=dt.date(2015, 1, 1),
    )  # fmt: skip
    rows = children_past_retention(TODAY)
    assert {row.la_child_id for row in rows} == {"OLD001", "OLD002", "OLD003"}
    assert young.pk not in {row.child_id for row in rows}


@pytest.mark.django_db
def test_review_shows_what_keeps_a_record(council, old_children):
    legal_hold_place(actor=council.users["ig"], child=old_children[0], reason=HOLD_REASON)
    restricted_record_create(actor=council.users["ig"], child=old_children[1], reason="other")
    rows = {row.la_child_id: row for row in children_past_retention(TODAY)}
    assert rows["OLD001"].blocked_by == (Block.LEGAL_HOLD,)
    assert rows["OLD002"].blocked_by == (Block.RESTRICTED,)
    assert rows["OLD003"].eligible


@pytest.mark.django_db
def test_an_open_record_is_not_disposed_of_whatever_the_date(council, old_children):
    Contact.objects.create(child=old_children[2], received_at=timezone.now(), source="1A")
    rows = {row.la_child_id: row for row in children_past_retention(TODAY)}
    # A contact today restarts the council's period: no longer past retention at all.
    assert "OLD003" not in rows


@pytest.mark.django_db
def test_review_command_lists_the_records(council, old_children):
    out = io.StringIO()
    call_command("retention", "review", "--actor", "ig", stdout=out)
    assert "OLD002" in out.getvalue()
    assert AuditEvent.objects.latest("sequence").detail["step"] == "review"


@pytest.mark.django_db
@pytest.mark.parametrize("role_user", ["worker", "director", "analyst", "admin"])
def test_only_ig_manages_retention(council, old_children, role_user):
    actor = council.users[role_user]
    with pytest.raises(PermissionDenied):
        disposal_batch_propose(actor=actor)
    with pytest.raises(PermissionDenied):
        legal_hold_place(actor=actor, child=old_children[0], reason=HOLD_REASON)


@pytest.mark.django_db
def test_a_held_record_is_never_proposed(council, old_children):
    legal_hold_place(actor=council.users["ig"], child=old_children[0], reason=HOLD_REASON)
    batch = disposal_batch_propose(actor=council.users["ig"])
    assert "OLD001" not in set(batch.items.values_list("la_child_id", flat=True))
    with pytest.raises(ValidationError):
        disposal_batch_propose(actor=council.users["ig"], child_ids=[old_children[0].pk])


@pytest.mark.django_db
def test_a_restricted_record_is_never_proposed(council, old_children):
    restricted_record_create(actor=council.users["ig"], child=old_children[1], reason="other")
    batch = disposal_batch_propose(actor=council.users["ig"])
    assert "OLD002" not in set(batch.items.values_list("la_child_id", flat=True))


@pytest.mark.django_db
def test_a_lifted_hold_no_longer_blocks(council, old_children):
    hold = legal_hold_place(actor=council.users["ig"], child=old_children[0], reason=HOLD_REASON)
    legal_hold_lift(actor=council.users["ig"], hold=hold, reason="Claim settled and closed")
    rows = {row.la_child_id: row for row in children_past_retention(TODAY)}
    assert rows["OLD001"].eligible


@pytest.mark.django_db
def test_override_keeps_a_record_past_its_schedule(council, old_children):
    retention_override_set(
        actor=council.users["ig"],
        child=old_children[1],
        keep_until=TODAY + dt.timedelta(days=3650),
        reason="Local inquiry into the 1960s homes",
    )
    assert "OLD002" not in {row.la_child_id for row in children_past_retention(TODAY)}


@pytest.mark.django_db
def test_proposer_cannot_approve_their_own_batch(council, old_children):
    batch = disposal_batch_propose(actor=council.users["ig"])
    with pytest.raises(PermissionDenied):
        disposal_batch_approve(actor=council.users["ig"], batch=batch)
    batch.refresh_from_db()
    assert batch.status == DisposalBatchStatus.PROPOSED


@pytest.mark.django_db
def test_an_unapproved_batch_cannot_be_disposed_of(council, old_children):
    batch = disposal_batch_propose(actor=council.users["ig"])
    with pytest.raises(ValidationError):
        disposal_batch_dispose(actor=council.users["ig"], batch=batch)
    assert Person.objects.filter(la_child_id__startswith="OLD").count() == 3


@pytest.mark.django_db
def test_a_proposal_cannot_look_ahead(council, old_children):
    with pytest.raises(ValidationError):
        disposal_batch_propose(actor=council.users["ig"], as_at=TODAY + dt.timedelta(days=1))


@pytest.mark.django_db
def test_disposal_deletes_exactly_the_batchs_records(council, old_children):
    kept = full_record_make(council)
    kept_counts = {
        model: model.objects.filter(child=kept.child).count()
        for model in (Visit, Contact, CaseNote, AgencyCheck, LookedAfterEpisode, Adoption)
    }
    people_before = Person.objects.count()
    batch = disposal_batch_propose(actor=council.users["ig"])
    batch = disposal_batch_approve(actor=_second_ig(council), batch=batch)
    report = disposal_batch_dispose(actor=council.users["ig"], batch=batch)

    assert sorted(report.disposed) == ["OLD001", "OLD002", "OLD003"]
    assert not Person.objects.filter(la_child_id__startswith="OLD").exists()
    assert not Visit.objects.filter(child_id__in=[c.pk for c in old_children]).exists()
    assert not LookedAfterEpisode.objects.filter(child_id=old_children[0].pk).exists()
    assert Person.objects.count() == people_before - 3
    for model, count in kept_counts.items():
        assert model.objects.filter(child=kept.child).count() == count
    # Their change history goes with them.
    assert not Visit.history.filter(child_id__in=[c.pk for c in old_children]).exists()
    assert not Person.history.filter(id__in=[c.pk for c in old_children]).exists()


@pytest.mark.django_db
def test_disposal_keeps_a_person_another_record_names(council, settings):
    settings.SIGHTLINE_RETENTION_YEARS_DEFAULT = 0
    kept = full_record_make(council)
    # The sibling is old enough to be past retention, but the kept child's record names them.
    sibling = kept.sibling
    Person.objects.filter(pk=sibling.pk).update(date_of_birth=dt.date(1930, 1, 1))
    batch = disposal_batch_propose(actor=council.users["ig"], child_ids=[sibling.pk])
    batch = disposal_batch_approve(actor=_second_ig(council), batch=batch)
    disposal_batch_dispose(actor=council.users["ig"], batch=batch)

    sibling.refresh_from_db()
    assert sibling.la_child_id is None and sibling.nhs_number == ""
    assert not Visit.objects.filter(child=sibling).exists()
    assert Relationship.objects.filter(person=kept.child, related_person=sibling).exists()
    assert not Relationship.objects.filter(person=sibling).exists()
    assert kept.records["contact"].people_named.filter(pk=sibling.pk).exists()
    assert DisposalBatchItem.objects.get(batch=batch).person_kept is True


@pytest.mark.django_db
def test_disposal_deletes_adults_only_the_disposed_record_named(council, old_children):
    parent = Person.objects.create(first_name="Only", last_name="Parent", sex="F")
    Relationship.objects.create(person=old_children[1], related_person=parent, kind="MOTHER")
    household = Household.objects.create(name="Old household")
    for member in (old_children[1], parent):
        HouseholdMember.objects.create(
            household=household, person=member, start_date=dt.date(1950, 1, 1)
        )
    unrelated = Person.objects.create(first_name="Not", last_name="Named", sex="M")
    batch = disposal_batch_propose(actor=council.users["ig"])
    disposal_batch_dispose(
        actor=council.users["ig"],
        batch=disposal_batch_approve(actor=_second_ig(council), batch=batch),
    )
    assert not Person.objects.filter(pk=parent.pk).exists()
    assert not Household.objects.filter(pk=household.pk).exists()
    assert Person.objects.filter(pk=unrelated.pk).exists()


@pytest.mark.django_db
def test_a_hold_placed_after_approval_withholds_that_record_only(
    council, approved_batch, old_children
):  # noqa: E501
    legal_hold_place(actor=council.users["ig"], child=old_children[0], reason=HOLD_REASON)
    report = disposal_batch_dispose(actor=council.users["ig"], batch=approved_batch)
    assert report.withheld == {"OLD001": Block.LEGAL_HOLD}
    assert Person.objects.filter(pk=old_children[0].pk).exists()
    assert not Person.objects.filter(pk=old_children[1].pk).exists()
    item = DisposalBatchItem.objects.get(batch=approved_batch, la_child_id="OLD001")
    assert item.outcome == DisposalOutcome.WITHHELD


@pytest.mark.django_db
def test_an_unacknowledged_break_glass_alert_blocks_disposal(council, old_children):
    break_glass_open(
        actor=council.users["worker"],
        child=old_children[2],
        reason="Former resident asking for their records urgently",
    )
    rows = {row.la_child_id: row for row in children_past_retention(TODAY)}
    assert Block.IG_ALERT in rows["OLD003"].blocked_by


@pytest.mark.django_db
def test_disposal_is_audited_and_the_audit_survives(council, approved_batch, old_children):
    disposal_batch_dispose(actor=council.users["ig"], batch=approved_batch)
    events = AuditEvent.objects.filter(action=AuditAction.DISPOSE, child__isnull=False)
    assert {e.child_id for e in events} == {c.pk for c in old_children}
    assert {e.detail["la_child_id"] for e in events} == {"OLD001", "OLD002", "OLD003"}
    assert all(e.detail["approved_by"] == "ig2" for e in events)
    # The earlier audit of the children's records is still there.
    assert AuditEvent.objects.filter(
        action=AuditAction.RETENTION, detail__step="disposal approved"
    ).exists()


@pytest.mark.django_db
def test_disposed_batch_is_kept_as_the_register(council, approved_batch):
    disposal_batch_dispose(actor=council.users["ig"], batch=approved_batch)
    approved_batch.refresh_from_db()
    assert approved_batch.status == DisposalBatchStatus.DISPOSED
    assert set(approved_batch.items.values_list("outcome", flat=True)) == {"disposed"}
    assert set(approved_batch.items.values_list("la_child_id", flat=True)) == {
        "OLD001",
        "OLD002",
        "OLD003",
    }


@pytest.mark.django_db
def test_disposal_commands_need_two_officers(council, old_children):
    _second_ig(council)
    out = io.StringIO()
    call_command("retention", "propose", "--actor", "ig", stdout=out)
    batch_id = DisposalBatchItem.objects.first().batch_id
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("retention", "approve", "--batch", str(batch_id), "--actor", "ig")
    call_command("retention", "approve", "--batch", str(batch_id), "--actor", "ig2", stdout=out)
    call_command("retention", "dispose", "--batch", str(batch_id), "--actor", "ig", stdout=out)
    assert "3 records disposed of" in out.getvalue()
    assert not Person.objects.filter(la_child_id__startswith="OLD").exists()


@pytest.mark.django_db
def test_retention_page_lets_a_second_officer_approve(client, council, old_children):
    batch = disposal_batch_propose(actor=council.users["ig"])
    client.force_login(_second_ig(council))
    page = client.get(reverse("access:retention"))
    assert page.status_code == 200
    assert f"{batch.pk} (3 records)".encode() in page.content
    response = client.post(reverse("access:disposal_batch_approve", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == DisposalBatchStatus.APPROVED


@pytest.mark.django_db
def test_retention_page_is_forbidden_to_others(client, council):
    client.force_login(council.users["director"])
    assert client.get(reverse("access:retention")).status_code == 403


@pytest.mark.django_db
def test_review_finds_looked_after_records_when_the_council_period_is_longer(council, settings):
    settings.SIGHTLINE_RETENTION_YEARS_DEFAULT = 70
    old_child("OLD076", looked_after=True, date_of_birth=TODAY.replace(year=TODAY.year - 76, day=1))
    old_child("OLD077", date_of_birth=TODAY.replace(year=TODAY.year - 77, day=1))
    assert {row.la_child_id for row in children_past_retention(TODAY)} == {"OLD076"}
