"""Build the engine's `Dataset` from the live database, one SQL query per frame.

This is a bulk read path: a whole council (300,000 children, millions of records) must load in
seconds, so rows are never turned into model instances or Python `date` objects. The ORM
composes each query (table and column names, joins, the child filter), the query runs on the
request's own connection (so it sees the current transaction), and Polars parses whole date
columns at once from ISO text. The only engine-specific SQL is the two small functions that
render a date or an instant as that text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl
from django.apps import apps
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone

from sightline.engine.dataset import DATE, INSTANT, SCHEMAS, TEXT, Dataset

__all__ = ["frame_query", "frames_for_model", "load_dataset"]

# Django stores instants in SQLite as naive UTC text ("2025-01-03 16:55:00", with ".ffffff" only
# when there are microseconds); PostgreSQL's are rendered to the same shape below.
_INSTANT_FORMAT = "%Y-%m-%d %H:%M:%S%.f"
_DATE_FORMAT = "%Y-%m-%d"


class _DateText(Func):
    """A date column as ISO text, so Polars parses the column rather than Python each value."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # Dates are stored as ISO text already; the CAST only stops Django's sqlite3 converter
        # (keyed on the declared column type) from building a Python date for every value.
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS TEXT)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')")


class _InstantText(Func):
    """A date-time column as naive UTC text, "YYYY-MM-DD HH:MM:SS[.ffffff]"."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS TEXT)")

    def as_postgresql(self, compiler, connection, **extra_context):
        # Building aware Python datetimes costs ~8 µs each in Polars; text costs a fraction.
        return self.as_sql(
            compiler,
            connection,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
        )


@dataclass(frozen=True)
class _Source:
    """Where one frame comes from: a model, its columns (frame column -> field) and child key."""

    model: str
    columns: dict[str, str]
    child_field: str | None = "child_id"
    where: Q = field(default_factory=Q)


def _same(*names: str) -> dict[str, str]:
    return {name: name for name in names}


_SOURCES: dict[str, _Source] = {
    "children": _Source(
        "people.Person",
        {
            "child_id": "pk",
            **_same("la_child_id", "date_of_birth", "expected_date_of_birth", "date_of_death"),
        },
        child_field="pk",
        where=Q(la_child_id__isnull=False),
    ),
    "contacts": _Source(
        "casework.Contact",
        {
            "contact_id": "pk",
            **_same(
                "child_id",
                "received_at",
                "source",
                "significant_harm_suspected",
                "decision",
                "decided_at",
            ),
        },
    ),
    "referrals": _Source(
        "casework.Referral",
        {
            "referral_id": "pk",
            **_same(
                "child_id",
                "contact_id",
                "referral_date",
                "source",
                "decided_on",
                "no_further_action",
                "significant_harm_suspected_at",
                "closure_date",
                "closure_reason",
            ),
        },
    ),
    "assessments": _Source(
        "casework.Assessment",
        {
            "assessment_id": "pk",
            **_same(
                "referral_id", "child_id", "start_date", "child_seen_on", "authorised_on", "outcome"
            ),
        },
    ),
    "strategy_discussions": _Source(
        "casework.StrategyDiscussion",
        {"strategy_id": "pk", **_same("referral_id", "child_id", "held_on", "decision")},
    ),
    "section47_enquiries": _Source(
        "casework.Section47Enquiry",
        {
            "s47_id": "pk",
            "referral_id": "referral_id",
            "child_id": "child_id",
            "strategy_id": "strategy_discussion_id",
            **_same("start_date", "end_date", "icpc_required"),
        },
    ),
    "conferences": _Source(
        "casework.ChildProtectionConference",
        {
            "conference_id": "pk",
            "child_id": "child_id",
            "referral_id": "referral_id",
            "s47_id": "section47_id",
            **_same("plan_id", "kind", "date", "outcome"),
        },
    ),
    "cp_plans": _Source(
        "casework.ChildProtectionPlan",
        {"plan_id": "pk", **_same("child_id", "referral_id", "start_date", "end_date")},
    ),
    "core_groups": _Source(
        "casework.CoreGroupMeeting",
        {"core_group_id": "pk", **_same("plan_id", "child_id", "date")},
    ),
    "cin_plans": _Source(
        "casework.ChildInNeedPlan",
        {"plan_id": "pk", **_same("child_id", "referral_id", "start_date", "end_date")},
    ),
    "cin_plan_reviews": _Source(
        "casework.ChildInNeedPlanReview",
        {"review_id": "pk", **_same("plan_id", "child_id", "date")},
    ),
    "visits": _Source(
        "casework.Visit",
        {
            "visit_id": "pk",
            **_same("child_id", "date", "kind", "child_seen", "seen_alone", "worker_id"),
        },
    ),
    "agency_checks": _Source(
        "casework.AgencyCheck",
        {
            "check_id": "pk",
            **_same(
                "child_id",
                "contact_id",
                "agency",
                "urgent",
                "requested_at",
                "responded_at",
                "closed_at",
            ),
        },
    ),
    "harm_concerns": _Source(
        "casework.SignificantHarmConcern",
        {"concern_id": "pk", **_same("child_id", "referral_id", "raised_at")},
    ),
    "oversight": _Source(
        "casework.ManagementOversight",
        {
            "oversight_id": "pk",
            **_same("child_id", "recorded_at", "manager_id", "strategy_considered_not_held"),
        },
    ),
    "lac_episodes": _Source(
        "care.LookedAfterEpisode",
        {
            "episode_id": "pk",
            **_same(
                "child_id",
                "start_date",
                "end_date",
                "reason_new_episode",
                "legal_status",
                "placement_type",
                "reason_ceased",
                "temporary_approval_on",
            ),
        },
    ),
    "care_plans": _Source("care.CarePlan", {"care_plan_id": "pk", **_same("child_id", "date")}),
    "placement_plans": _Source(
        "care.PlacementPlan",
        {"placement_plan_id": "pk", **_same("child_id", "episode_id", "date")},
    ),
    "iro_appointments": _Source(
        "care.IROAppointment",
        {"iro_appointment_id": "pk", **_same("child_id", "appointed_on", "ended_on")},
    ),
    "lac_reviews": _Source(
        "care.LookedAfterReview", {"review_id": "pk", **_same("child_id", "date")}
    ),
    "health_assessments": _Source(
        "care.HealthAssessment",
        {"health_assessment_id": "pk", **_same("child_id", "date", "kind")},
    ),
    "dental_checks": _Source(
        "care.DentalCheck", {"dental_check_id": "pk", **_same("child_id", "date")}
    ),
    "development_checks": _Source(
        "care.DevelopmentCheck", {"development_check_id": "pk", **_same("child_id", "date")}
    ),
    "sdq_scores": _Source(
        "care.StrengthsAndDifficulties", {"sdq_id": "pk", **_same("child_id", "date", "score")}
    ),
    "education_plans": _Source(
        "care.PersonalEducationPlan", {"pep_id": "pk", **_same("child_id", "date")}
    ),
    "missing_episodes": _Source(
        "care.MissingEpisode",
        {
            "missing_id": "pk",
            **_same("child_id", "kind", "start_date", "end_date", "return_interview_offered_on"),
        },
    ),
    "permanence_plans": _Source(
        "care.PermanencePlan",
        {"permanence_id": "pk", **_same("child_id", "recorded_on", "plan")},
    ),
    "care_leavers": _Source(
        "care.CareLeaver", _same("child_id", "eligibility", "eligible_from", "support_to_25")
    ),
    "care_leaver_contacts": _Source(
        "care.CareLeaverContact",
        {"cl_contact_id": "pk", **_same("child_id", "date", "in_touch", "kind")},
    ),
    "needs_assessments": _Source(
        "care.NeedsAssessment", {"needs_assessment_id": "pk", **_same("child_id", "date")}
    ),
    "leaving_care_accommodation": _Source(
        "care.LeavingCareAccommodation",
        {"accommodation_id": "pk", **_same("child_id", "provided_on", "ended_on", "section")},
    ),
    "private_fostering": _Source(
        "care.PrivateFosteringArrangement",
        {"arrangement_id": "pk", **_same("child_id", "notified_on", "start_date", "end_date")},
    ),
    "pre_proceedings": _Source(
        "care.PreProceedings",
        {
            "pre_proceedings_id": "pk",
            **_same(
                "child_id",
                "start_date",
                "initial_meeting_on",
                "first_review_meeting_on",
                "decision_on",
                "end_date",
                "outcome",
            ),
        },
    ),
    "pathway_plans": _Source(
        "care.PathwayPlan", {"pathway_id": "pk", **_same("child_id", "date", "is_review")}
    ),
    "care_proceedings": _Source(
        "care.CareProceedings",
        {
            "proceedings_id": "pk",
            **_same("child_id", "issued_on", "final_order_on", "extension_weeks"),
        },
    ),
    "adoptions": _Source(
        "care.Adoption",
        {
            "adoption_id": "pk",
            **_same(
                "child_id",
                "decision_date",
                "placement_order_date",
                "matched_date",
                "placed_date",
                "fostering_for_adoption_date",
                "adoption_order_date",
            ),
        },
    ),
    "workers": _Source(
        "workforce.User",
        {
            "worker_id": "pk",
            "name": "<name>",
            **_same("role", "team_id", "qualified_on", "started_on", "left_on"),
        },
        child_field=None,
    ),
    "teams": _Source(
        "workforce.Team",
        {"team_id": "pk", **_same("name", "kind", "service_id", "manager_id")},
        child_field=None,
    ),
    "allocations": _Source(
        "workforce.Allocation",
        {
            "allocation_id": "pk",
            **_same("child_id", "team_id", "worker_id", "start_date", "end_date"),
        },
    ),
    "supervisions": _Source(
        "workforce.Supervision",
        {"supervision_id": "pk", **_same("worker_id", "date")},
        child_field=None,
    ),
}


def frames_for_model(model) -> tuple[str, ...]:
    """The Dataset frames read from ``model``'s table: what a write to it changes.

    Empty for a record no clock reads (a case note).
    """
    label = model._meta.label
    return tuple(name for name, source in _SOURCES.items() if source.model == label)


def _column_expression(model, source_field: str, dtype: pl.DataType):
    if source_field == "<name>":
        # A worker is shown by full name; an account without one falls back to its username.
        full_name = Trim(Concat("first_name", Value(" "), "last_name", output_field=TextField()))
        return Coalesce(NullIf(full_name, Value("")), "username", output_field=TextField())
    if dtype == DATE:
        return _DateText(F(source_field))
    if dtype == INSTANT:
        return _InstantText(F(source_field))
    if dtype == TEXT and model._meta.get_field(source_field).blank:
        # "Not recorded" is an empty string in a form but a null in the engine.
        return NullIf(F(source_field), Value(""))
    return F(source_field)


def frame_query(name: str, *, child_ids: Iterable[int] | None = None):
    """Return the values-list queryset that feeds frame `name`, filtered to `child_ids`.

    Frames with no child key are kept whole (teams), except workers and their supervisions,
    which are narrowed to the workers ever allocated to those children: a child's clocks depend
    on no other worker (the engine reads a worker for the team and leaving date of the child's
    allocation), and reading all 2,000 staff cost more than the rest of a child's record.
    """
    source = _SOURCES[name]
    model = apps.get_model(source.model)
    schema = SCHEMAS[name]
    queryset = model._base_manager.filter(source.where).order_by()
    if child_ids is not None:
        ids = list(child_ids)
        if source.child_field is not None:
            queryset = queryset.filter(**{f"{source.child_field}__in": ids})
        elif name in ("workers", "supervisions"):
            allocation = apps.get_model("workforce.Allocation")
            allocated = allocation._base_manager.filter(child_id__in=ids, worker__isnull=False)
            worker_key = "pk" if name == "workers" else "worker_id"
            queryset = queryset.filter(**{f"{worker_key}__in": allocated.values("worker_id")})
    expressions = [
        _column_expression(model, source.columns[column], dtype) for column, dtype in schema.items()
    ]
    return queryset.values_list(*expressions)


def _transport_schema(schema: dict[str, pl.DataType]) -> dict[str, pl.DataType]:
    return {
        column: pl.String if dtype in (DATE, INSTANT) else dtype for column, dtype in schema.items()
    }


def _parse(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    conversions = []
    for column, dtype in schema.items():
        if dtype == DATE:
            conversions.append(pl.col(column).str.to_date(_DATE_FORMAT))
        elif dtype == INSTANT:
            conversions.append(
                pl.col(column).str.to_datetime(_INSTANT_FORMAT, time_unit="us", time_zone="UTC")
            )
    return frame.with_columns(conversions) if conversions else frame


# Child IDs stand in as these placeholders when a query is compiled once for reuse: negative,
# so never a real primary key, and far from any other parameter a frame query carries.
_PLACEHOLDER = -7_000_000_000


@functools.lru_cache(maxsize=128)
def _compiled(name: str, vendor: str, child_count: int | None) -> tuple[str, tuple, tuple]:
    """Return the SQL and parameters for a frame, compiled once per number of children.

    Compiling 31 ORM queries costs more than running them for one child, and a one-child
    recalculation runs after every write; so the SQL is kept, with a slot for each child ID.
    """
    placeholders = None if child_count is None else [_PLACEHOLDER - i for i in range(child_count)]
    sql, params = frame_query(name, child_ids=placeholders).query.sql_with_params()
    slot_of = {value: i for i, value in enumerate(placeholders or ())}
    slots = tuple(slot_of.get(value) if isinstance(value, int) else None for value in params)
    return sql, tuple(params), slots


def _load_frame(cursor, name: str, child_ids: list[int] | None) -> pl.DataFrame:
    sql, params, slots = _compiled(
        name, connection.vendor, None if child_ids is None else len(child_ids)
    )
    bound = [
        value if slot is None else child_ids[slot]
        for value, slot in zip(params, slots, strict=True)
    ]
    cursor.execute(sql, bound)
    rows = cursor.fetchall()
    schema = SCHEMAS[name]
    if not rows:
        # Most of a single child's frames are empty; skip parsing nothing.
        return pl.DataFrame(schema=schema)
    frame = pl.DataFrame(rows, schema=_transport_schema(schema), orient="row")
    return _parse(frame, schema)


def load_dataset(*, child_ids: Iterable[int] | None = None) -> Dataset:
    """Return every frame of the `Dataset` read from the live database.

    With `child_ids`, child-keyed frames hold only those children's records (the filter runs in
    SQL), which is what a one-child recalculation after a write needs.
    """
    ids = None if child_ids is None else sorted({int(i) for i in child_ids})
    with connection.cursor() as cursor:
        frames = {name: _load_frame(cursor, name, ids) for name in SCHEMAS}
    return Dataset(frames=frames, source="live database", extracted_on=timezone.localdate())


def load_workers_dataset(*, worker_ids: Iterable[int]) -> Dataset:
    """A `Dataset` of only these workers and their supervisions (every other frame empty).

    What the supervision clocks (T-SUPERVISION) read: a team's schedule needs nothing of the
    children, and reading their records would cost far more than the workers'.
    """
    ids = sorted({int(i) for i in worker_ids})
    frames = {}
    with connection.cursor() as cursor:
        for name, key in (("workers", "pk"), ("supervisions", "worker_id")):
            sql, params = frame_query(name).filter(**{f"{key}__in": ids}).query.sql_with_params()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            schema = SCHEMAS[name]
            frames[name] = (
                _parse(pl.DataFrame(rows, schema=_transport_schema(schema), orient="row"), schema)
                if rows
                else pl.DataFrame(schema=schema)
            )
    return Dataset.from_frames(source="live database", **frames)
