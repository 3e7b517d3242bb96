"""Every drift finding as at a date, for the `sightline findings` command."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.services import audit_listing_record
from sightline.engine.findings import evaluate_findings
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.services import council_standards
from sightline.standards.drift import DriftRule, DriftRulebook, drift_rulebook
from sightline.workforce.models import User

__all__ = ["FINDING_COLUMNS", "FindingExtract", "drift_standards", "findings_as_at"]

FINDING_COLUMNS = ("child_id", "rule_id", "severity", "since", "evidence", "status", "owner")


@dataclass(frozen=True)
class FindingExtract:
    """The extract's rows, how many restricted children were left out, and the drift rules
    that could not be evaluated on the dataset (so have no rows, rather than none found)."""

    frame: pl.DataFrame
    restricted_left_out: int
    not_evaluated: tuple[DriftRule, ...]


def drift_standards() -> DriftRulebook:
    """Return the council's drift rules, local thresholds from ``SIGHTLINE_DRIFT_STANDARDS``
    (e.g. ``"D-CP-PLAN-LONG=18M"``; empty or unset: the published thresholds).

    Read on every call, built once per distinct setting; a setting that cannot apply raises
    ``ImproperlyConfigured`` naming the rule (the system check reports it at start-up).
    """
    _, calendar = council_standards()
    return _drift_rules_for(getattr(settings, "SIGHTLINE_DRIFT_STANDARDS", "") or "", calendar)


@functools.lru_cache(maxsize=8)
def _drift_rules_for(overrides: str, calendar) -> DriftRulebook:
    try:
        return drift_rulebook(overrides or None, calendar)
    except ValueError as error:
        raise ImproperlyConfigured(f"SIGHTLINE_DRIFT_STANDARDS: {error}") from None


def findings_as_at(*, as_at: date) -> FindingExtract:
    """Return every drift finding as at `as_at`, worked out afresh from the live record.

    For the `sightline findings` command, run by an operator with access to the server. Columns
    `FINDING_COLUMNS`: child_id (the LA child ID), rule_id, severity, since (ISO date),
    evidence, status (`open`: acknowledging and escalating come with the escalation chain) and
    owner, the username of the manager of the team responsible for the child or, when that
    team has no manager, of the allocated worker (empty when there is neither).

    An extract names children, so it is audited as an export (by the system: a command has no
    signed-in user) with the children in it, and restricted children are left out of it, as
    they are of every list and extract.
    """
    dataset = load_dataset()
    timescales, calendar = council_standards()
    rules = drift_standards()
    frame = evaluate_findings(dataset, as_at, rules, timescales, calendar)
    restricted = list(RestrictedRecord.objects.values_list("child_id", flat=True))
    left_out = frame.filter(pl.col("child_id").is_in(restricted)).get_column("child_id")
    frame = frame.filter(~pl.col("child_id").is_in(restricted))
    managers = dataset["teams"].select("team_id", "manager_id")
    frame = frame.join(managers, on="team_id", how="left")
    people = frame.select(pl.concat_list("manager_id", "worker_id").explode().drop_nulls())
    usernames = pl.DataFrame(
        list(
            User.objects.filter(pk__in=people.to_series().unique().to_list()).values_list(
                "pk", "username"
            )
        ),
        schema={"user_id": pl.Int64, "username": pl.String},
        orient="row",
    )
    order = {rule_id: code for code, rule_id in enumerate(rules)}
    extract = (
        frame.join(dataset["children"].select("child_id", "la_child_id"), on="child_id", how="left")
        .join(
            usernames.rename({"user_id": "manager_id", "username": "manager"}),
            on="manager_id",
            how="left",
        )
        .join(
            usernames.rename({"user_id": "worker_id", "username": "worker"}),
            on="worker_id",
            how="left",
        )
        .with_columns(rule=pl.col("rule_id").replace_strict(order, return_dtype=pl.UInt16))
        .sort("la_child_id", "rule", nulls_last=True)
    )
    audit_listing_record(
        actor=None,
        action=AuditAction.EXPORT,
        child_ids=extract.get_column("child_id").unique(maintain_order=True).to_list(),
        detail={
            "export": "findings",
            "as_at": as_at.isoformat(),
            "row_count": extract.height,
            "restricted_children_left_out": left_out.n_unique(),
        },
    )
    return FindingExtract(
        frame=extract.select(
            pl.col("la_child_id").alias("child_id"),
            "rule_id",
            "severity",
            "since",
            "evidence",
            status=pl.lit("open"),
            owner=pl.coalesce("manager", "worker"),
        ),
        restricted_left_out=left_out.n_unique(),
        not_evaluated=rules.not_evaluable(),
    )
