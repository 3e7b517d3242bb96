"""A looked-after child's or care leaver's care, as their record's Care page shows it.

Read from a record opened with ``people.selectors.child_record_open`` (the audited gate), so
nothing is checked or audited again here. The period of care is the unbroken chain of episodes
(ADR 0006) that ends in the open one; a placement is the run of episodes since the last that
changed the placement (reason for new episode S, P, T, B or U).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from sightline.care.models import (
    CareLeaver,
    CarePlan,
    IROAppointment,
    LookedAfterEpisode,
    LookedAfterReview,
    MissingEpisode,
)
from sightline.oversight import selectors as oversight_selectors
from sightline.people.selectors import ChildRecord, _opened

__all__ = ["CARE_RECORD_TYPES", "ChildCare", "child_care"]

# The clocks of a child's care: the record types their rules are kept against.
CARE_RECORD_TYPES = frozenset(
    {
        "lac_episodes",
        "missing_episodes",
        "care_leavers",
        "leaving_care_accommodation",
        "adoptions",
        "care_proceedings",
    }
)
_NEW_PLACEMENT = frozenset({"S", "P", "T", "B", "U"})
_RECENT = 5


@dataclass(frozen=True)
class ChildCare:
    """What the Care page shows; ``current`` is None when the child is not looked after."""

    current: LookedAfterEpisode | None
    period_start: dt.date | None
    placement_start: dt.date | None
    episodes: list[LookedAfterEpisode]
    care_plan: CarePlan | None
    placement_plan_on: dt.date | None
    iro: IROAppointment | None
    reviews: list[LookedAfterReview]
    health: list  # (words, latest date or None)
    missing: list[MissingEpisode]
    care_leaver: CareLeaver | None
    leaver_contacts: list
    pathway_plans: list
    clocks: list = field(default_factory=list)
    clocks_met: list = field(default_factory=list)


def _chain(episodes: list[LookedAfterEpisode]) -> tuple[list, list]:
    """The open episode's period of care and its placement, each oldest first."""
    ordered = sorted(episodes, key=lambda e: (e.start_date, e.pk))
    period: list[LookedAfterEpisode] = []
    for episode in ordered:
        continues = (
            period
            and period[-1].reason_ceased == "X1"
            and period[-1].end_date == episode.start_date
        )
        period = [*period, episode] if continues else [episode]
    placement: list[LookedAfterEpisode] = []
    for episode in period:
        placement = (
            [episode] if episode.reason_new_episode in _NEW_PLACEMENT else [*placement, episode]
        )
    return period, placement


def child_care(*, record: ChildRecord) -> ChildCare:
    """The opened child's care: episode, placement, plans, IRO, reviews, health, missing,
    leaving care, and the clocks that run on them."""
    child = _opened(record)
    today = timezone.localdate()
    episodes = list(LookedAfterEpisode.objects.filter(child=child).order_by("-start_date", "-pk"))
    current = next((e for e in episodes if e.end_date is None), None)
    period, placement = _chain(episodes) if current is not None else ([], [])
    period_start = period[0].start_date if period else None
    placement_ids = [e.pk for e in placement]
    plan = None
    if current is not None:
        plan_dates = list(
            child.placement_plans.filter(episode_id__in=placement_ids)
            .order_by("date")
            .values_list("date", flat=True)[:1]
        )
        plan = plan_dates[0] if plan_dates else None
    latest = {
        "Health assessment": child.health_assessments.order_by("-date").first(),
        "Dental check": child.dental_checks.order_by("-date").first(),
        "Personal education plan": child.education_plans.order_by("-date").first(),
    }
    clocks = oversight_selectors.child_clocks(record=record)
    return ChildCare(
        current=current,
        period_start=period_start,
        placement_start=placement[0].start_date if placement else None,
        episodes=episodes,
        care_plan=child.care_plans.order_by("-date", "-pk").first(),
        placement_plan_on=plan,
        iro=IROAppointment.objects.filter(child=child, appointed_on__lte=today)
        .filter(ended_on__isnull=True)
        .select_related("iro")
        .order_by("-appointed_on")
        .first(),
        reviews=list(
            LookedAfterReview.objects.filter(child=child).select_related("chaired_by")[:_RECENT]
        ),
        health=[(words, getattr(row, "date", None)) for words, row in latest.items()],
        missing=list(MissingEpisode.objects.filter(child=child)[:_RECENT]),
        care_leaver=CareLeaver.objects.filter(child=child)
        .select_related("personal_adviser")
        .first(),
        leaver_contacts=list(child.care_leaver_contacts.all()[:_RECENT]),
        pathway_plans=list(child.pathway_plans.all()[:_RECENT]),
        clocks=[c for c in clocks.open if c.record_type in CARE_RECORD_TYPES],
        clocks_met=[c for c in clocks.history if c.record_type in CARE_RECORD_TYPES][:10],
    )
