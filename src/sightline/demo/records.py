"""Shared state for writing one council's records, and the columns of every table written.

The record writers (`people`, `frontdoor`, `protection`, `care`, `oversight`) are mixins of one
`CouncilRecords` class (in `council`), each in its own module to keep modules small; this base
holds what they share: the seed's context, the row writer, the workforce and the clock helpers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sightline.demo.context import SeedContext
from sightline.demo.names import Directory
from sightline.demo.plans import ChildPlan
from sightline.demo.texts import Writer
from sightline.demo.workforce import Workforce
from sightline.demo.writer import RecordWriter

LONDON = ZoneInfo("Europe/London")


@dataclass(slots=True)
class FamilyRecord:
    """What the record writers need to know about a written household."""

    household_id: int | None
    surname: str
    group: str
    ethnicity: str
    area: float
    postcode: str
    adults: list[tuple[int, str]] = field(default_factory=list)  # (person id, role)
    children: list[ChildRecord] = field(default_factory=list)


@dataclass(slots=True)
class ChildRecord:
    """A written child and their allocation history (used to find who visited when)."""

    id: int
    plan: ChildPlan
    first_name: str
    la_child_id: str
    family: FamilyRecord
    # (start, end or None, team, member or None), in date order, never overlapping.
    allocations: list[tuple] = field(default_factory=list)
    starts: list[date] = field(default_factory=list)
    # Set for a child on a drifting plan: visits and oversight fall away from this date.
    quiet_from: date | None = None
    # Where the child lived in each period of care: ([(start, end or None, placement type,
    # postcode)], what followed: "HOME" / "STAYS" / "LEFT", the period's end or None).
    care_homes: list[tuple] = field(default_factory=list)


class Records:
    """Base of `CouncilRecords`: the seed's context and helpers shared by every writer."""

    def __init__(
        self, ctx: SeedContext, writer: RecordWriter, workforce: Workforce, directory: Directory
    ):
        self.ctx = ctx
        self.writer = writer
        self.workforce = workforce
        self.directory = directory
        self.rng = ctx.rng
        self.chance = ctx.chance
        self.wd = ctx.workdays
        self.text = Writer(ctx.rng)
        self.as_at = ctx.as_at
        # Everything is recorded as at the end of the as-at day, UK time.
        self.as_at_end = datetime.combine(ctx.as_at, time(23, 59))
        self.detail_start = ctx.detail_start
        self.add = writer.add
        self.next_id = writer.next_id
        self._offsets: dict[date, timedelta | bool] = {}

    def utc(self, local: datetime) -> datetime:
        """A naive UK local time as the naive UTC instant the database stores."""
        day = local.date()
        offset = self._offsets.get(day)
        if offset is None:
            # One zone lookup per day: UK time is UTC or UTC+1 all day, except on the two days
            # a year the clocks change, which are converted exactly.
            morning = datetime.combine(day, time(0)).replace(tzinfo=LONDON).utcoffset()
            evening = datetime.combine(day, time(23, 59)).replace(tzinfo=LONDON).utcoffset()
            offset = morning if morning == evening else False
            self._offsets[day] = offset
        if offset is False:
            return local.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)
        return local - offset

    def moment(self, day: date, first_hour: int = 9, last_hour: int = 17) -> datetime:
        """A naive UK local time on ``day`` within working hours."""
        minutes = self.rng.randrange(first_hour * 60, last_hour * 60)
        return datetime.combine(day, time(minutes // 60, minutes % 60))


COLUMNS: dict[str, tuple[str, ...]] = {
    "workforce.Service": ("id", "name", "head_id"),
    "workforce.Team": ("id", "name", "kind", "service_id", "manager_id"),
    "workforce.User": (
        "id",
        "password",
        "last_login",
        "is_superuser",
        "username",
        "first_name",
        "last_name",
        "email",
        "is_staff",
        "is_active",
        "date_joined",
        "role",
        "team_id",
        "job_title",
        "is_agency_worker",
        "qualified_on",
        "started_on",
        "left_on",
        "social_work_england_number",
    ),
    "workforce.Allocation": (
        "id",
        "child_id",
        "team_id",
        "worker_id",
        "start_date",
        "end_date",
        "end_reason",
    ),
    "workforce.Supervision": ("id", "worker_id", "supervisor_id", "date", "notes", "recorded_at"),
    "people.Person": (
        "id",
        "la_child_id",
        "first_name",
        "last_name",
        "other_names",
        "date_of_birth",
        "expected_date_of_birth",
        "date_of_death",
        "sex",
        "gender_identity",
        "ethnicity",
        "nhs_number",
        "upn",
        "former_upn",
        "upn_unknown_reason",
        "is_uasc",
        "uasc_ceased_on",
        "created_at",
    ),
    "people.ChildDisability": ("id", "child_id", "code"),
    "people.Relationship": (
        "id",
        "person_id",
        "related_person_id",
        "kind",
        "has_parental_responsibility",
        "start_date",
        "end_date",
    ),
    "people.Household": ("id", "name"),
    "people.HouseholdAddress": (
        "id",
        "household_id",
        "line_1",
        "line_2",
        "town",
        "postcode",
        "start_date",
        "end_date",
    ),
    "people.HouseholdMember": ("id", "household_id", "person_id", "start_date", "end_date"),
    "casework.Contact": (
        "id",
        "child_id",
        "received_at",
        "source",
        "referrer_name",
        "referrer_agency",
        "concerns",
        "significant_harm_suspected",
        "decision",
        "decided_at",
        "decided_by_id",
        "outcome_notes",
    ),
    "casework.Contact_people_named": ("id", "contact_id", "person_id"),
    "casework.Referral": (
        "id",
        "child_id",
        "contact_id",
        "referral_date",
        "source",
        "primary_need",
        "decided_on",
        "no_further_action",
        "closure_date",
        "closure_reason",
        "significant_harm_suspected_at",
    ),
    "casework.Assessment": (
        "id",
        "referral_id",
        "child_id",
        "start_date",
        "child_seen_on",
        "authorised_on",
        "authorised_by_id",
        "factors",
        "outcome",
        "delay_reason",
        "analysis",
        "submitted_on",
        "submitted_by_id",
    ),
    "casework.StrategyDiscussion": (
        "id",
        "referral_id",
        "child_id",
        "held_on",
        "agencies_attending",
        "decision",
        "chaired_by_id",
    ),
    "casework.Section47Enquiry": (
        "id",
        "referral_id",
        "child_id",
        "strategy_discussion_id",
        "start_date",
        "end_date",
        "outcome",
        "icpc_required",
    ),
    "casework.ChildProtectionConference": (
        "id",
        "child_id",
        "referral_id",
        "section47_id",
        "plan_id",
        "kind",
        "date",
        "outcome",
        "chaired_by_id",
    ),
    "casework.ChildProtectionPlan": (
        "id",
        "child_id",
        "referral_id",
        "start_date",
        "end_date",
        "initial_category",
        "latest_category",
    ),
    "casework.CoreGroupMeeting": ("id", "plan_id", "child_id", "date"),
    "casework.ChildInNeedPlan": ("id", "child_id", "referral_id", "start_date", "end_date"),
    "casework.ChildInNeedPlanReview": ("id", "plan_id", "child_id", "date"),
    "casework.Visit": (
        "id",
        "child_id",
        "date",
        "kind",
        "child_seen",
        "seen_alone",
        "worker_id",
        "notes",
        "childs_voice",
    ),
    "casework.AgencyCheck": (
        "id",
        "child_id",
        "contact_id",
        "subject_id",
        "agency",
        "urgent",
        "requested_at",
        "due_on",
        "responded_at",
        "nothing_held",
        "response",
        "closed_at",
        "closure",
        "closure_reason",
        "closed_by_id",
    ),
    "casework.AgencyCheckChase": (
        "id",
        "agency_check_id",
        "chased_at",
        "chased_by_id",
        "escalated",
        "note",
    ),
    "casework.SignificantHarmConcern": (
        "id",
        "child_id",
        "referral_id",
        "raised_at",
        "raised_by_id",
        "summary",
    ),
    "casework.ManagementOversight": (
        "id",
        "child_id",
        "recorded_at",
        "manager_id",
        "note",
        "direction",
        "strategy_considered_not_held",
        "kind",
    ),
    "casework.CaseNote": ("id", "child_id", "written_at", "author_id", "note", "childs_voice"),
    "care.LookedAfterEpisode": (
        "id",
        "child_id",
        "start_date",
        "reason_new_episode",
        "legal_status",
        "category_of_need",
        "placement_type",
        "placement_provider",
        "placement_postcode",
        "placement_urn",
        "home_postcode",
        "reason_place_change",
        "end_date",
        "reason_ceased",
        "temporary_approval_on",
    ),
    "care.CarePlan": ("id", "child_id", "date", "summary"),
    "care.PlacementPlan": ("id", "child_id", "episode_id", "date"),
    "care.IROAppointment": ("id", "child_id", "iro_id", "appointed_on", "ended_on"),
    "care.LookedAfterReview": ("id", "child_id", "date", "participation", "chaired_by_id"),
    "care.HealthAssessment": ("id", "child_id", "date", "kind"),
    "care.DentalCheck": ("id", "child_id", "date"),
    "care.DevelopmentCheck": ("id", "child_id", "date"),
    "care.Conviction": ("id", "child_id", "date"),
    "care.SubstanceMisuse": (
        "id",
        "child_id",
        "identified_on",
        "intervention_received",
        "intervention_offered",
    ),  # fmt: skip
    "care.ImmunisationStatus": ("id", "child_id", "recorded_on", "up_to_date"),
    "care.StrengthsAndDifficulties": ("id", "child_id", "date", "score", "reason_not_completed"),
    "care.PersonalEducationPlan": ("id", "child_id", "date"),
    "care.MissingEpisode": (
        "id",
        "child_id",
        "kind",
        "start_date",
        "end_date",
        "return_interview_offered_on",
        "return_interview_accepted",
    ),
    "care.PermanencePlan": ("id", "child_id", "recorded_on", "plan"),
    "care.CareLeaver": (
        "id",
        "child_id",
        "eligibility",
        "eligible_from",
        "personal_adviser_id",
        "support_to_25",
    ),
    "care.CareLeaverContact": (
        "id",
        "child_id",
        "date",
        "in_touch",
        "activity",
        "accommodation",
        "accommodation_suitable",
        "kind",
    ),
    "care.PathwayPlan": ("id", "child_id", "date", "is_review"),
    "care.NeedsAssessment": ("id", "child_id", "date"),
    "care.LeavingCareAccommodation": (
        "id",
        "child_id",
        "provided_on",
        "ended_on",
        "section",
        "address",
    ),
    "care.PrivateFosteringArrangement": (
        "id",
        "child_id",
        "notified_on",
        "start_date",
        "end_date",
        "carer",
    ),
    "care.Adoption": (
        "id",
        "child_id",
        "decision_date",
        "placement_order_date",
        "matched_date",
        "placed_date",
        "fostering_for_adoption_date",
        "adoption_order_date",
        "stopped_date",
        "stopped_reason",
    ),
    "care.PreProceedings": (
        "id",
        "child_id",
        "start_date",
        "letter_before_proceedings_on",
        "initial_meeting_on",
        "first_review_meeting_on",
        "decision_on",
        "end_date",
        "outcome",
    ),
    "care.CareProceedings": (
        "id",
        "child_id",
        "issued_on",
        "final_order_on",
        "final_order",
        "extension_weeks",
    ),
}
