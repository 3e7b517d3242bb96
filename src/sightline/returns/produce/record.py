"""The live record read in bulk for the return writers: one query per table, as Polars frames.

A return covers a whole council (300,000 children, millions of records), so nothing here builds a
model instance or runs a query per child. Each table is one `values_list` query; dates travel as
ISO text and are parsed by Polars a column at a time (building a Python `date` per value costs
more than the rest of the read). A writer asks for the tables it needs; each is read once.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from django.apps import apps
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim

DATE = pl.Date
TEXT = pl.String
ID = pl.Int64
FLAG = pl.Boolean
SMALL = pl.Int16
FACTORS = pl.List(pl.String)


class _DateText(Func):
    """A date column as ISO "YYYY-MM-DD" text, so Polars parses it rather than Python."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS TEXT)")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')")


@dataclass(frozen=True)
class _Table:
    model: str
    columns: dict[str, tuple[str, pl.DataType]]  # frame column -> (model field, type)


def _cols(**columns: tuple[str, pl.DataType]) -> dict[str, tuple[str, pl.DataType]]:
    return columns


# Every table the writers read, with the fields each return needs. "<name>" is a worker's or
# team's display name. Text fields that are blank in a form are null here.
TABLES: dict[str, _Table] = {
    "children": _Table(
        "people.Person",
        _cols(
            child_id=("pk", ID),
            la_child_id=("la_child_id", TEXT),
            date_of_birth=("date_of_birth", DATE),
            expected_date_of_birth=("expected_date_of_birth", DATE),
            date_of_death=("date_of_death", DATE),
            sex=("sex", TEXT),
            ethnicity=("ethnicity", TEXT),
            upn=("upn", TEXT),
            former_upn=("former_upn", TEXT),
            upn_unknown_reason=("upn_unknown_reason", TEXT),
            is_uasc=("is_uasc", FLAG),
            uasc_ceased_on=("uasc_ceased_on", DATE),
        ),
    ),
    "disabilities": _Table(
        "people.ChildDisability", _cols(child_id=("child_id", ID), code=("code", TEXT))
    ),
    "mothers": _Table(
        # Relationship rows saying that a child known to the service is someone's mother.
        "people.Relationship",
        _cols(
            child_id=("related_person_id", ID),
            baby_id=("person_id", ID),
            baby_date_of_birth=("person__date_of_birth", DATE),
            kind=("kind", TEXT),
        ),
    ),
    "contacts": _Table(
        "casework.Contact",
        _cols(
            contact_id=("pk", ID),
            child_id=("child_id", ID),
            received_on=("received_at", DATE),
            source=("source", TEXT),
        ),
    ),
    "referrals": _Table(
        "casework.Referral",
        _cols(
            referral_id=("pk", ID),
            child_id=("child_id", ID),
            referral_date=("referral_date", DATE),
            source=("source", TEXT),
            primary_need=("primary_need", TEXT),
            no_further_action=("no_further_action", FLAG),
            closure_date=("closure_date", DATE),
            closure_reason=("closure_reason", TEXT),
        ),
    ),
    "assessments": _Table(
        "casework.Assessment",
        _cols(
            assessment_id=("pk", ID),
            referral_id=("referral_id", ID),
            child_id=("child_id", ID),
            start_date=("start_date", DATE),
            child_seen_on=("child_seen_on", DATE),
            authorised_on=("authorised_on", DATE),
            factors=("factors", FACTORS),
            outcome=("outcome", TEXT),
        ),
    ),
    "strategy_discussions": _Table(
        "casework.StrategyDiscussion",
        _cols(
            strategy_id=("pk", ID),
            referral_id=("referral_id", ID),
            child_id=("child_id", ID),
            held_on=("held_on", DATE),
        ),
    ),
    "section47_enquiries": _Table(
        "casework.Section47Enquiry",
        _cols(
            s47_id=("pk", ID),
            referral_id=("referral_id", ID),
            child_id=("child_id", ID),
            strategy_id=("strategy_discussion_id", ID),
            start_date=("start_date", DATE),
            end_date=("end_date", DATE),
            icpc_required=("icpc_required", FLAG),
        ),
    ),
    "conferences": _Table(
        "casework.ChildProtectionConference",
        _cols(
            conference_id=("pk", ID),
            child_id=("child_id", ID),
            referral_id=("referral_id", ID),
            s47_id=("section47_id", ID),
            plan_id=("plan_id", ID),
            kind=("kind", TEXT),
            date=("date", DATE),
            outcome=("outcome", TEXT),
        ),
    ),
    "cp_plans": _Table(
        "casework.ChildProtectionPlan",
        _cols(
            plan_id=("pk", ID),
            child_id=("child_id", ID),
            referral_id=("referral_id", ID),
            start_date=("start_date", DATE),
            end_date=("end_date", DATE),
            initial_category=("initial_category", TEXT),
            latest_category=("latest_category", TEXT),
        ),
    ),
    "cin_plans": _Table(
        "casework.ChildInNeedPlan",
        _cols(
            plan_id=("pk", ID),
            child_id=("child_id", ID),
            referral_id=("referral_id", ID),
            start_date=("start_date", DATE),
            end_date=("end_date", DATE),
        ),
    ),
    "visits": _Table(
        "casework.Visit",
        _cols(
            child_id=("child_id", ID),
            date=("date", DATE),
            kind=("kind", TEXT),
            child_seen=("child_seen", FLAG),
            seen_alone=("seen_alone", FLAG),
        ),
    ),
    "lac_episodes": _Table(
        "care.LookedAfterEpisode",
        _cols(
            episode_id=("pk", ID),
            child_id=("child_id", ID),
            start_date=("start_date", DATE),
            reason_new_episode=("reason_new_episode", TEXT),
            legal_status=("legal_status", TEXT),
            category_of_need=("category_of_need", TEXT),
            placement_type=("placement_type", TEXT),
            placement_provider=("placement_provider", TEXT),
            placement_postcode=("placement_postcode", TEXT),
            placement_urn=("placement_urn", TEXT),
            home_postcode=("home_postcode", TEXT),
            reason_place_change=("reason_place_change", TEXT),
            end_date=("end_date", DATE),
            reason_ceased=("reason_ceased", TEXT),
        ),
    ),
    "lac_reviews": _Table(
        "care.LookedAfterReview",
        _cols(
            child_id=("child_id", ID), date=("date", DATE), participation=("participation", TEXT)
        ),
    ),
    "health_assessments": _Table(
        "care.HealthAssessment", _cols(child_id=("child_id", ID), date=("date", DATE))
    ),
    "dental_checks": _Table(
        "care.DentalCheck", _cols(child_id=("child_id", ID), date=("date", DATE))
    ),
    "development_checks": _Table(
        "care.DevelopmentCheck", _cols(child_id=("child_id", ID), date=("date", DATE))
    ),
    "convictions": _Table("care.Conviction", _cols(child_id=("child_id", ID), date=("date", DATE))),
    "substance_misuse": _Table(
        "care.SubstanceMisuse",
        _cols(
            child_id=("child_id", ID),
            date=("identified_on", DATE),
            received=("intervention_received", FLAG),
            offered=("intervention_offered", FLAG),
        ),
    ),
    "immunisations": _Table(
        "care.ImmunisationStatus",
        _cols(
            child_id=("child_id", ID),
            recorded_on=("recorded_on", DATE),
            up_to_date=("up_to_date", FLAG),
        ),
    ),
    "sdq_scores": _Table(
        "care.StrengthsAndDifficulties",
        _cols(
            child_id=("child_id", ID),
            date=("date", DATE),
            score=("score", SMALL),
            reason_not_completed=("reason_not_completed", TEXT),
        ),
    ),
    "missing_episodes": _Table(
        "care.MissingEpisode",
        _cols(
            child_id=("child_id", ID),
            kind=("kind", TEXT),
            start_date=("start_date", DATE),
            end_date=("end_date", DATE),
            return_interview_offered_on=("return_interview_offered_on", DATE),
            return_interview_accepted=("return_interview_accepted", FLAG),
        ),
    ),
    "permanence_plans": _Table(
        "care.PermanencePlan",
        _cols(child_id=("child_id", ID), recorded_on=("recorded_on", DATE), plan=("plan", TEXT)),
    ),
    "care_leavers": _Table(
        "care.CareLeaver",
        _cols(
            child_id=("child_id", ID),
            eligibility=("eligibility", TEXT),
            eligible_from=("eligible_from", DATE),
            personal_adviser=("personal_adviser", TEXT),
        ),
    ),
    "care_leaver_contacts": _Table(
        "care.CareLeaverContact",
        _cols(
            child_id=("child_id", ID),
            date=("date", DATE),
            in_touch=("in_touch", TEXT),
            activity=("activity", TEXT),
            accommodation=("accommodation", TEXT),
            accommodation_suitable=("accommodation_suitable", FLAG),
        ),
    ),
    "pathway_plans": _Table(
        "care.PathwayPlan", _cols(child_id=("child_id", ID), date=("date", DATE))
    ),
    "adoptions": _Table(
        "care.Adoption",
        _cols(
            adoption_id=("pk", ID),
            child_id=("child_id", ID),
            decision_date=("decision_date", DATE),
            placement_order_date=("placement_order_date", DATE),
            matched_date=("matched_date", DATE),
            placed_date=("placed_date", DATE),
            fostering_for_adoption_date=("fostering_for_adoption_date", DATE),
            adoption_order_date=("adoption_order_date", DATE),
            stopped_date=("stopped_date", DATE),
            stopped_reason=("stopped_reason", TEXT),
        ),
    ),
    "allocations": _Table(
        "workforce.Allocation",
        _cols(
            child_id=("child_id", ID),
            team=("team", TEXT),
            worker_id=("worker_id", ID),
            worker=("worker", TEXT),
            social_work_england_number=("worker__social_work_england_number", TEXT),
            start_date=("start_date", DATE),
            end_date=("end_date", DATE),
            end_reason=("end_reason", TEXT),
        ),
    ),
    "household_postcodes": _Table("people.HouseholdAddress", _cols(postcode=("postcode", TEXT))),
}


def _name_of(prefix: str):
    """A user's (or team's) display name: full name, else username."""
    if prefix == "team":
        return F("team__name")
    full = Trim(
        Concat(
            f"{prefix}__first_name", Value(" "), f"{prefix}__last_name", output_field=TextField()
        )
    )
    return Coalesce(NullIf(full, Value("")), f"{prefix}__username", output_field=TextField())


def _expression(model, field_name: str, dtype: pl.DataType):
    if field_name in ("worker", "personal_adviser", "team"):
        return _name_of(field_name)
    if field_name == "received_at":
        # An instant, as the date it fell on in UTC (the return wants the date only).
        return _DateText(F(field_name))
    if dtype == DATE:
        return _DateText(F(field_name))
    if dtype == TEXT:
        return NullIf(F(field_name), Value(""))
    return F(field_name)


def _parse(rows: list[tuple], table: _Table) -> pl.DataFrame:
    transport = {c: (TEXT if t == DATE else t) for c, (_, t) in table.columns.items()}
    frame = pl.DataFrame(rows, schema=transport, orient="row")
    dates = [c for c, (_, t) in table.columns.items() if t == DATE]
    if dates:
        # A received_at instant arrives as "YYYY-MM-DD HH:MM:SS"; the first ten characters are
        # its UTC date.
        frame = frame.with_columns(
            pl.col(c).str.slice(0, 10).str.to_date("%Y-%m-%d") for c in dates
        )
    return frame


class LiveRecord:
    """The tables of the live record, each read on first use with one query."""

    def __init__(self) -> None:
        self._frames: dict[str, pl.DataFrame] = {}
        self.queries = 0

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self._frames:
            self._frames[name] = self._read(name)
        return self._frames[name]

    def _read(self, name: str) -> pl.DataFrame:
        table = TABLES[name]
        model = apps.get_model(table.model)
        queryset = model._base_manager.order_by()
        if name == "children":
            queryset = queryset.filter(la_child_id__isnull=False)
        elif name == "mothers":
            queryset = queryset.filter(kind="MOTHER", related_person__la_child_id__isnull=False)
        expressions = [
            _expression(model, field_name, dtype) for field_name, dtype in table.columns.values()
        ]
        rows = list(queryset.values_list(*expressions))
        self.queries += 1
        return _parse(rows, table)
