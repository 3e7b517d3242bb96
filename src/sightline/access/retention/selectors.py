"""Reads for retention: each child's retention facts from the database, and the review of
which records are past retention and what, if anything, stops their disposal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q

from sightline.access.models import (
    AuditAction,
    DisposalBatchItem,
    DisposalBatchStatus,
    IGAlert,
    LegalHold,
    RestrictedRecord,
    RetentionOverride,
)
from sightline.access.policies import Capability, actor_can
from sightline.access.retention.schedule import (
    AGE_OF_MAJORITY,
    LOOKED_AFTER_AGE,
    RetentionFacts,
    RetentionPeriod,
    anniversary,
    retention_period,
)
from sightline.access.services import audit_event_record
from sightline.care.models import (
    Adoption,
    CareLeaverContact,
    CareProceedings,
    LookedAfterEpisode,
    PreProceedings,
)
from sightline.casework.models import (
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionPlan,
    Contact,
    Referral,
    Visit,
)
from sightline.people.models import Person
from sightline.workforce.models import Allocation

_CHUNK = 5000

# The latest date of each of these is when the council last had anything to do with the child:
# (model, date fields whose maximum counts). Instants are reduced to their date.
_INVOLVEMENT_DATES = (
    (Contact, ("received_at",)),
    (Referral, ("referral_date", "closure_date")),
    (LookedAfterEpisode, ("start_date", "end_date")),
    (Allocation, ("start_date", "end_date")),
    (Visit, ("date",)),
    (CaseNote, ("written_at",)),
    (CareLeaverContact, ("date",)),
)


class Block:
    """Why a record past retention may not be disposed of (shown in the review)."""

    LEGAL_HOLD = "legal hold"
    RESTRICTED = "restricted record"
    OPEN = "record still open"
    IN_BATCH = "already in a disposal batch"
    IG_ALERT = "IG alert not yet acknowledged"


@dataclass(frozen=True)
class RetentionReviewRow:
    """One child's record past retention as at the review date."""

    child_id: int
    la_child_id: str
    period: RetentionPeriod
    blocked_by: tuple[str, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.blocked_by


def default_years() -> int:
    """The council's period for records no statute governs (a local decision, in settings)."""
    return settings.SIGHTLINE_RETENTION_YEARS_DEFAULT


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def retention_facts(child_ids: Iterable[int]) -> dict[int, RetentionFacts]:
    """The retention facts of these children, in a fixed number of queries whatever their count."""
    ids = list(child_ids)
    children = Person.objects.children().filter(pk__in=ids)
    looked_after = set(
        LookedAfterEpisode.objects.filter(child_id__in=ids).values_list("child_id", flat=True)
    )
    orders: dict[int, list[date]] = defaultdict(list)
    for child_id, order_date in Adoption.objects.filter(
        child_id__in=ids, adoption_order_date__isnull=False
    ).values_list("child_id", "adoption_order_date"):
        orders[child_id].append(order_date)
    involvement: dict[int, date] = {}
    for model, fields in _INVOLVEMENT_DATES:
        aggregates = {f"last_{name}": Max(name) for name in fields}
        rows = model.objects.filter(child_id__in=ids).values("child_id").annotate(**aggregates)
        for row in rows:
            for name in fields:
                last = _as_date(row[f"last_{name}"])
                if last is not None and last > involvement.get(row["child_id"], date.min):
                    involvement[row["child_id"]] = last
    overrides = dict(
        RetentionOverride.objects.filter(child_id__in=ids).values_list("child_id", "keep_until")
    )
    return {
        child.pk: RetentionFacts(
            date_of_birth=child.date_of_birth,
            expected_date_of_birth=child.expected_date_of_birth,
            date_of_death=child.date_of_death,
            ever_looked_after=child.pk in looked_after,
            adoption_order_dates=tuple(sorted(orders.get(child.pk, ()))),
            involvement_ended=involvement.get(child.pk),
            override_until=overrides.get(child.pk),
        )
        for child in children.only("pk", "date_of_birth", "expected_date_of_birth", "date_of_death")
    }


def child_retention(child: Person) -> RetentionPeriod:
    """The retention date of one child's record and the rule that sets it."""
    facts = retention_facts([child.pk])[child.pk]
    return retention_period(facts, default_years=default_years())


def _candidates(as_at: date) -> Q:
    """Children who could be past retention as at `as_at`, so that the review reads few rows.

    A living child's record is kept at least until the earlier of the 75th birthday (looked
    after) and `default_years` after the 18th (everyone else); adoption keeps it longer and
    overrides only lengthen. So only the old enough and the dead can be past retention.
    """
    youngest_age = min(LOOKED_AFTER_AGE, AGE_OF_MAJORITY + default_years())
    born_by = anniversary(as_at, -youngest_age)
    return (
        Q(date_of_birth__lte=born_by)
        | Q(date_of_birth__isnull=True, expected_date_of_birth__lte=born_by)
        | Q(date_of_death__isnull=False)
    )


def open_record_child_ids(child_ids: Iterable[int], as_at: date) -> set[int]:
    """Those of these children with something still open: a case, episode, plan or allocation."""
    ids = list(child_ids)
    open_ids: set[int] = set()
    for model, end_field in (
        (Referral, "closure_date"),
        (LookedAfterEpisode, "end_date"),
        (ChildProtectionPlan, "end_date"),
        (ChildInNeedPlan, "end_date"),
        (PreProceedings, "end_date"),
        (CareProceedings, "final_order_on"),
        (Allocation, "end_date"),
    ):
        still_open = Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gt": as_at})
        open_ids.update(
            model.objects.filter(still_open, child_id__in=ids).values_list("child_id", flat=True)
        )
    return open_ids


def disposal_blocks(child_ids: Iterable[int], as_at: date) -> dict[int, tuple[str, ...]]:
    """What stops each of these children's records being disposed of (empty when nothing)."""
    ids = list(child_ids)
    blocks: dict[int, list[str]] = defaultdict(list)
    held = LegalHold.objects.filter(child_id__in=ids, lifted_at__isnull=True)
    for child_id in set(held.values_list("child_id", flat=True)):
        blocks[child_id].append(Block.LEGAL_HOLD)
    restricted = RestrictedRecord.objects.filter(child_id__in=ids)
    for child_id in restricted.values_list("child_id", flat=True):
        blocks[child_id].append(Block.RESTRICTED)
    for child_id in open_record_child_ids(ids, as_at):
        blocks[child_id].append(Block.OPEN)
    pending = DisposalBatchItem.objects.filter(
        child_id__in=ids,
        batch__status__in=[DisposalBatchStatus.PROPOSED, DisposalBatchStatus.APPROVED],
    )
    for child_id in set(pending.values_list("child_id", flat=True)):
        blocks[child_id].append(Block.IN_BATCH)
    alerts = IGAlert.objects.filter(grant__child_id__in=ids, acknowledged_at__isnull=True)
    for child_id in set(alerts.values_list("grant__child_id", flat=True)):
        blocks[child_id].append(Block.IG_ALERT)
    return {child_id: tuple(blocks.get(child_id, ())) for child_id in ids}


def children_past_retention(as_at: date) -> list[RetentionReviewRow]:
    """Every child's record past retention as at `as_at`, oldest retention date first.

    Records that something blocks are listed too, with the reasons, so that IG sees why a
    record that has reached its date is still kept.
    """
    candidates = dict(
        Person.objects.children().filter(_candidates(as_at)).values_list("pk", "la_child_id")
    )
    years = default_years()
    rows: list[RetentionReviewRow] = []
    ids = sorted(candidates)
    # In chunks: SQLite limits the parameters of one query, and a council's first review may
    # find tens of thousands of old records.
    for start in range(0, len(ids), _CHUNK):
        facts = retention_facts(ids[start : start + _CHUNK])
        past = {
            child_id: period
            for child_id, child_facts in facts.items()
            if (period := retention_period(child_facts, default_years=years)).until <= as_at
        }
        blocks = disposal_blocks(past, as_at)
        rows.extend(
            RetentionReviewRow(
                child_id=child_id,
                la_child_id=candidates[child_id],
                period=period,
                blocked_by=blocks[child_id],
            )
            for child_id, period in past.items()
        )
    return sorted(rows, key=lambda row: (row.period.until, row.la_child_id))


def retention_review(*, actor, as_at: date, request=None) -> list[RetentionReviewRow]:
    """`children_past_retention` for an IG officer, audited (it lists LA child IDs)."""
    if not actor_can(actor, Capability.MANAGE_RETENTION):
        raise PermissionDenied("Only information governance officers manage retention")
    rows = children_past_retention(as_at)
    audit_event_record(
        actor=actor,
        action=AuditAction.RETENTION,
        detail={"step": "review", "as_at": as_at.isoformat(), "past_retention": len(rows)},
        request=request,
    )
    return rows
