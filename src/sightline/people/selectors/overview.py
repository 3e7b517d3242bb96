"""What is happening for the child, on the first screen of their record.

Who is the child's worker, manager and IRO; their legal status, plan and placement; the
warnings every visitor must know (about the child, or an adult they live with); what the child
last said in their own words; and the professionals around them. Every part takes the opened
``ChildRecord`` and so is read under the one audited gate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from sightline.care.models import IROAppointment, LookedAfterEpisode
from sightline.casework.models import CaseNote, ChildInNeedPlan, ChildProtectionPlan, Visit
from sightline.people.models import HouseholdMember, PersonWarning, ProfessionalContact
from sightline.people.selectors.record import ChildRecord, _opened
from sightline.periods import open_after, open_on
from sightline.standards import codes

__all__ = [
    "QUERY_COUNT",
    "WARNINGS_QUERY_COUNT",
    "ChildOverview",
    "ChildVoice",
    "child_overview",
    "child_warnings",
]

# The most queries each part takes, whatever the record holds. The warnings, on every page of
# the record: 1. The overview with them, on the summary: the episode, its chain, CP plan, CIN
# plan, IRO, two for the child's words and one for the professionals, 8 more.
WARNINGS_QUERY_COUNT = 1
QUERY_COUNT = WARNINGS_QUERY_COUNT + 8


@dataclass(frozen=True)
class ChildVoice:
    """The child's latest recorded words: what they said, when, and where it was recorded."""

    words: str
    on: dt.date
    recorded_in: str


@dataclass(frozen=True)
class ChildOverview:
    legal_status: str | None
    placement: str | None
    placement_since: dt.date | None
    looked_after_since: dt.date | None
    plan: str | None
    plan_since: dt.date | None
    team_manager: object | None
    iro: object | None
    voice: ChildVoice | None
    professionals: list[ProfessionalContact]


def child_warnings(*, record: ChildRecord) -> list[PersonWarning]:
    """Open warnings about the child and about anyone living in the child's household now.

    A warning about another child (a sibling) is left out: a sibling's record may be
    restricted from the reader, and their own warnings are on their own record.
    """
    child = _opened(record)
    today = timezone.localdate()
    current = open_on(today)
    households = HouseholdMember.objects.filter(current, person=child).values("household_id")
    adults = (
        HouseholdMember.objects.filter(current, household_id__in=households)
        .filter(person__la_child_id__isnull=True)
        .values("person_id")
    )
    return list(
        PersonWarning.objects.filter(Q(person=child) | Q(person_id__in=adults))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("person")
        .order_by("-raised_on", "pk")
    )


def _latest_voice(child) -> ChildVoice | None:
    said = [
        ChildVoice(v.childs_voice, v.date, codes.VISIT_KIND.label(v.kind))
        for v in Visit.objects.filter(child=child).exclude(childs_voice="").order_by("-date")[:1]
    ]
    said += [
        ChildVoice(n.childs_voice, timezone.localtime(n.written_at).date(), "Case note")
        for n in CaseNote.objects.filter(child=child)
        .exclude(childs_voice="")
        .order_by("-written_at")[:1]
    ]
    return max(said, key=lambda voice: voice.on) if said else None


def child_overview(*, record: ChildRecord) -> ChildOverview:
    """The child's situation today, in a fixed number of queries."""
    child = _opened(record)
    today = timezone.localdate()
    episode = (
        LookedAfterEpisode.objects.filter(open_on(today), child=child)
        .order_by("-start_date")
        .first()
    )
    period_start = None
    placement_since = None
    if episode is not None:
        # The period of care and the placement began on the earliest row of their unbroken
        # chain of episodes (SSDA903: a new row for every change of status or placement).
        rows = list(
            LookedAfterEpisode.objects.filter(child=child, start_date__lte=episode.start_date)
            .order_by("-start_date")
            .values("start_date", "end_date", "reason_new_episode", "placement_type")
        )
        period_start = placement_since = rows[0]["start_date"]
        placement_open = True
        for later, earlier in zip(rows, rows[1:], strict=False):
            if earlier["end_date"] != later["start_date"]:
                break
            period_start = earlier["start_date"]
            if placement_open and later["reason_new_episode"] == "L":
                placement_since = earlier["start_date"]
            else:
                placement_open = False
    cp = (
        ChildProtectionPlan.objects.filter(open_on(today), child=child)
        .order_by("-start_date")
        .first()
    )
    cin = (
        ChildInNeedPlan.objects.filter(open_on(today), child=child).order_by("-start_date").first()
    )
    if cp is not None:
        plan = f"Child protection plan: {codes.ABUSE_CATEGORY.label(cp.latest_category).lower()}"
        plan_since = cp.start_date
    elif cin is not None:
        plan, plan_since = "Child in need plan", cin.start_date
    else:
        plan = plan_since = None
    allocations = getattr(child, "open_allocations", [])
    team = allocations[0].team if allocations else None
    iro = (
        IROAppointment.objects.filter(child=child, ended_on__isnull=True)
        .select_related("iro")
        .order_by("-appointed_on")
        .first()
    )
    today = timezone.localdate()
    return ChildOverview(
        legal_status=codes.LEGAL_STATUS.label(episode.legal_status) if episode else None,
        placement=codes.PLACEMENT_TYPE.label(episode.placement_type) if episode else None,
        placement_since=placement_since,
        looked_after_since=period_start,
        plan=plan,
        plan_since=plan_since,
        team_manager=team.manager if team is not None and team.manager_id else None,
        iro=iro.iro if iro is not None else None,
        voice=_latest_voice(child),
        professionals=list(
            ProfessionalContact.objects.filter(child=child)
            .filter(open_after(today))
            .order_by("role", "organisation")
        ),
    )
