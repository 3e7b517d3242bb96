"""A `Dataset`: the records the rulebook is evaluated over, as typed Polars frames.

The live database, an imported CIN census or an SSDA903 return all become the same `Dataset`,
so every deadline, finding and indicator is computed one way. Each frame has a fixed schema
(below); identifiers are integers local to the source (database primary keys, or stable numbers
assigned by a file reader). Dates are `pl.Date`; event instants are `pl.Datetime("us", "UTC")`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import polars as pl

DATE = pl.Date
INSTANT = pl.Datetime("us", "UTC")
ID = pl.Int64
TEXT = pl.String
FLAG = pl.Boolean

SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "children": {
        "child_id": ID,
        "la_child_id": TEXT,
        "date_of_birth": DATE,
        "expected_date_of_birth": DATE,
        "date_of_death": DATE,
    },
    "contacts": {
        "contact_id": ID,
        "child_id": ID,
        "received_at": INSTANT,
        "source": TEXT,
        "significant_harm_suspected": FLAG,
        "decision": TEXT,
        "decided_at": INSTANT,
    },
    "referrals": {
        "referral_id": ID,
        "child_id": ID,
        "contact_id": ID,
        "referral_date": DATE,
        "source": TEXT,
        "decided_on": DATE,
        "no_further_action": FLAG,
        "significant_harm_suspected_at": INSTANT,
        "closure_date": DATE,
        "closure_reason": TEXT,
    },
    "assessments": {
        "assessment_id": ID,
        "referral_id": ID,
        "child_id": ID,
        "start_date": DATE,
        "child_seen_on": DATE,
        "authorised_on": DATE,
        "outcome": TEXT,
    },
    "strategy_discussions": {
        "strategy_id": ID,
        "referral_id": ID,
        "child_id": ID,
        "held_on": DATE,
        "decision": TEXT,
    },
    "section47_enquiries": {
        "s47_id": ID,
        "referral_id": ID,
        "child_id": ID,
        "strategy_id": ID,
        "start_date": DATE,
        "end_date": DATE,
        "icpc_required": FLAG,
    },
    "conferences": {
        "conference_id": ID,
        "child_id": ID,
        "referral_id": ID,
        "s47_id": ID,
        "plan_id": ID,
        "kind": TEXT,
        "date": DATE,
        "outcome": TEXT,
    },
    "cp_plans": {
        "plan_id": ID,
        "child_id": ID,
        "referral_id": ID,
        "start_date": DATE,
        "end_date": DATE,
    },
    "core_groups": {"core_group_id": ID, "plan_id": ID, "child_id": ID, "date": DATE},
    "cin_plans": {
        "plan_id": ID,
        "child_id": ID,
        "referral_id": ID,
        "start_date": DATE,
        "end_date": DATE,
    },
    "cin_plan_reviews": {"review_id": ID, "plan_id": ID, "child_id": ID, "date": DATE},
    "visits": {
        "visit_id": ID,
        "child_id": ID,
        "date": DATE,
        "kind": TEXT,
        "child_seen": FLAG,
        "seen_alone": FLAG,
        "worker_id": ID,
    },
    "agency_checks": {
        "check_id": ID,
        "child_id": ID,
        "contact_id": ID,
        "agency": TEXT,
        "urgent": FLAG,
        "requested_at": INSTANT,
        "responded_at": INSTANT,
        "closed_at": INSTANT,
    },
    "harm_concerns": {
        "concern_id": ID,
        "child_id": ID,
        "referral_id": ID,
        "raised_at": INSTANT,
    },
    "oversight": {
        "oversight_id": ID,
        "child_id": ID,
        "recorded_at": INSTANT,
        "manager_id": ID,
        "strategy_considered_not_held": FLAG,
    },
    "lac_episodes": {
        "episode_id": ID,
        "child_id": ID,
        "start_date": DATE,
        "end_date": DATE,
        "reason_new_episode": TEXT,
        "legal_status": TEXT,
        "placement_type": TEXT,
        "reason_ceased": TEXT,
        "temporary_approval_on": DATE,
    },
    "care_plans": {"care_plan_id": ID, "child_id": ID, "date": DATE},
    "placement_plans": {"placement_plan_id": ID, "child_id": ID, "episode_id": ID, "date": DATE},
    "iro_appointments": {
        "iro_appointment_id": ID,
        "child_id": ID,
        "appointed_on": DATE,
        "ended_on": DATE,
    },
    "lac_reviews": {"review_id": ID, "child_id": ID, "date": DATE},
    "health_assessments": {"health_assessment_id": ID, "child_id": ID, "date": DATE, "kind": TEXT},
    "dental_checks": {"dental_check_id": ID, "child_id": ID, "date": DATE},
    "development_checks": {"development_check_id": ID, "child_id": ID, "date": DATE},
    "sdq_scores": {"sdq_id": ID, "child_id": ID, "date": DATE, "score": pl.Int16},
    "education_plans": {"pep_id": ID, "child_id": ID, "date": DATE},
    "missing_episodes": {
        "missing_id": ID,
        "child_id": ID,
        "kind": TEXT,
        "start_date": DATE,
        "end_date": DATE,
        "return_interview_offered_on": DATE,
    },
    "permanence_plans": {"permanence_id": ID, "child_id": ID, "recorded_on": DATE, "plan": TEXT},
    "care_leavers": {
        "child_id": ID,
        "eligibility": TEXT,
        "eligible_from": DATE,
        "support_to_25": FLAG,
    },
    "care_leaver_contacts": {
        "cl_contact_id": ID,
        "child_id": ID,
        "date": DATE,
        "in_touch": TEXT,
        "kind": TEXT,
    },
    "needs_assessments": {"needs_assessment_id": ID, "child_id": ID, "date": DATE},
    "leaving_care_accommodation": {
        "accommodation_id": ID,
        "child_id": ID,
        "provided_on": DATE,
        "ended_on": DATE,
        "section": TEXT,
    },
    "private_fostering": {
        "arrangement_id": ID,
        "child_id": ID,
        "notified_on": DATE,
        "start_date": DATE,
        "end_date": DATE,
    },
    "pre_proceedings": {
        "pre_proceedings_id": ID,
        "child_id": ID,
        "start_date": DATE,
        "initial_meeting_on": DATE,
        "first_review_meeting_on": DATE,
        "decision_on": DATE,
        "end_date": DATE,
        "outcome": TEXT,
    },
    "pathway_plans": {"pathway_id": ID, "child_id": ID, "date": DATE, "is_review": FLAG},
    "care_proceedings": {
        "proceedings_id": ID,
        "child_id": ID,
        "issued_on": DATE,
        "final_order_on": DATE,
        "extension_weeks": pl.Int16,
    },
    "adoptions": {
        "adoption_id": ID,
        "child_id": ID,
        "decision_date": DATE,
        "placement_order_date": DATE,
        "matched_date": DATE,
        "placed_date": DATE,
        "fostering_for_adoption_date": DATE,
        "adoption_order_date": DATE,
    },
    "workers": {
        "worker_id": ID,
        "name": TEXT,
        "role": TEXT,
        "team_id": ID,
        "qualified_on": DATE,
        "started_on": DATE,
        "left_on": DATE,
    },
    "teams": {"team_id": ID, "name": TEXT, "kind": TEXT, "service_id": ID, "manager_id": ID},
    "allocations": {
        "allocation_id": ID,
        "child_id": ID,
        "team_id": ID,
        "worker_id": ID,
        "start_date": DATE,
        "end_date": DATE,
    },
    "supervisions": {"supervision_id": ID, "worker_id": ID, "date": DATE},
}


class DatasetSchemaError(ValueError):
    """A frame is missing, has a missing column, or a column of the wrong type."""


@dataclass(frozen=True)
class Dataset:
    """One frame per record type, each conforming to `SCHEMAS`; `source` says where it came from."""

    frames: dict[str, pl.DataFrame]
    source: str = "unknown"
    extracted_on: date | None = None
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name, schema in SCHEMAS.items():
            frame = self.frames.get(name)
            if frame is None:
                raise DatasetSchemaError(f"frame {name!r} is missing")
            # One schema per frame: `DataFrame.schema` is built afresh on every access, and a
            # one-child evaluation checks two datasets of thirty frames.
            actual = frame.schema
            for column, dtype in schema.items():
                if column not in actual:
                    raise DatasetSchemaError(f"frame {name!r} has no column {column!r}")
                if actual[column] != dtype:
                    raise DatasetSchemaError(
                        f"frame {name!r} column {column!r} is {actual[column]}, not {dtype}"
                    )

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]

    @classmethod
    def from_frames(cls, source: str = "unknown", **frames: pl.DataFrame | list[dict]) -> Dataset:
        """Build a dataset from whichever frames are given; the rest are empty.

        Frames may be given as lists of row dicts (handy in tests); columns a row omits are null.
        """
        unknown = set(frames) - set(SCHEMAS)
        if unknown:
            raise DatasetSchemaError(f"unknown frames: {', '.join(sorted(unknown))}")
        built = {}
        for name, schema in SCHEMAS.items():
            given = frames.get(name)
            if given is None:
                built[name] = pl.DataFrame(schema=schema)
            elif isinstance(given, pl.DataFrame):
                built[name] = given.select(
                    [
                        pl.col(c).cast(t) if c in given.columns else pl.lit(None, t).alias(c)
                        for c, t in schema.items()
                    ]
                )
            else:
                built[name] = pl.DataFrame(
                    [{c: row.get(c) for c in schema} for row in given], schema=schema
                )
        return cls(frames=built, source=source)

    def for_children(self, child_ids: list[int]) -> Dataset:
        """The same dataset restricted to some children (reference frames kept whole)."""
        ids = pl.Series(child_ids, dtype=ID)
        frames = {
            name: frame.filter(pl.col("child_id").is_in(ids))
            if "child_id" in frame.columns
            else frame
            for name, frame in self.frames.items()
        }
        return Dataset(frames=frames, source=self.source, extracted_on=self.extracted_on)
