"""The pseudonymised analytic export: the engine's `Dataset` with nothing that names anyone.

For performance analysts, who work on pseudonymised data only. Following liia-tools' degrading
(docs: shared formats, section 5), and further:

- dates of birth, expected dates of birth and dates of death become the first of their month,
  and so does every date derived from a birth date: a care leaver's ``eligible_from`` (the 16th
  or 18th birthday), and any date of a child's record that falls on the child's birthday (an
  anniversary gives the birth date away as surely as the birth date itself);
- the children are then made k-anonymous on birth month, sex, ethnicity and postcode sector
  (`k_anonymity`: k = 5 by default, coarsening or leaving out the children below it), and a
  report of what that changed is written beside the export (``k_anonymity.json``);
- postcodes become their sector ("LS12 3AB" -> "LS12 3"): the unit is dropped;
- children, workers and every record id become keyed hashes (HMAC-SHA256 under
  `SIGHTLINE_PSEUDONYMISATION_KEY`, first 16 hex digits), the same in every export made with the
  same key, so analysts can link exports over time but nobody without the key can link back;
- names, NHS numbers, UPNs, LA child IDs and free text are not exported at all (the `Dataset`
  carries no free text; workers' names are dropped);
- restricted children are left out altogether, with every record of theirs.

Event dates (referral, visit, plan) are kept: the indicators are built from them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sightline.access.k_anonymity import DEFAULT_K, k_anonymise
from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.policies import Capability, actor_can
from sightline.access.services import audit_event_record
from sightline.care.models import LookedAfterEpisode
from sightline.engine.dataset import Dataset
from sightline.oversight.dataset_loader import load_dataset
from sightline.people.models import ChildDisability, HouseholdMember, Person

FORMAT = "sightline.pseudonymised/1"
# 64 bits: a collision among a council's 300,000 children is about a one-in-400-million chance.
HASH_HEX_DIGITS = 16
# A short key is guessable, and with it every LA child ID can be hashed and matched.
KEY_MIN_LENGTH = 32
FORMATS = ("csv", "parquet")

# Columns that are identifiers of people or records; each is hashed in its own domain so that
# equal numbers in different tables do not collide, while keys that join tables still match.
_WORKER_COLUMNS = {"worker_id", "manager_id"}
_DOMAIN_OVERRIDES = {
    ("cp_plans", "plan_id"): "cp_plan",
    ("core_groups", "plan_id"): "cp_plan",
    ("conferences", "plan_id"): "cp_plan",
    ("cin_plans", "plan_id"): "cin_plan",
    ("cin_plan_reviews", "plan_id"): "cin_plan",
    ("cin_plan_reviews", "review_id"): "cin_plan_review",
    ("lac_reviews", "review_id"): "lac_review",
}
# Organisation, not people: kept as they are, so that analysts can report by team.
_KEPT_ID_COLUMNS = {"team_id", "service_id"}
_DROPPED_COLUMNS = {("children", "la_child_id"), ("workers", "name")}
_MONTH_COLUMNS = {
    ("children", "date_of_birth"),
    ("children", "expected_date_of_birth"),
    ("children", "date_of_death"),
    # A worker's own dates are personal data too; a month is enough for tenure and experience.
    ("workers", "qualified_on"),
    ("workers", "started_on"),
    ("workers", "left_on"),
}

# Dates worked out from the child's birth date: generalised as the birth date is.
_BIRTH_DERIVED_COLUMNS = {("care_leavers", "eligible_from")}

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])[A-Z]{2}$")


def postcode_sector(postcode: str | None) -> str | None:
    """The postcode sector: outward code and the inward code's digit ("LS12 3AB" -> "LS12 3").

    Anything that is not a full UK postcode gives None: a partial or mistyped postcode cannot
    be degraded with certainty, so it is dropped rather than passed on.
    """
    if not postcode:
        return None
    match = _POSTCODE.match(postcode.strip().upper())
    if match is None:
        return None
    return f"{match.group(1)} {match.group(2)}"


def month_start(day: date | None) -> date | None:
    """The first of the month (liia-tools' degrading of a date of birth)."""
    return None if day is None else day.replace(day=1)


def pseudonymisation_key() -> bytes:
    """The configured key; the export refuses to run without a long enough one."""
    key = settings.SIGHTLINE_PSEUDONYMISATION_KEY
    if len(key) < KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"Set SIGHTLINE_PSEUDONYMISATION_KEY to a secret of at least {KEY_MIN_LENGTH} "
            "characters before making a pseudonymised export"
        )
    return key.encode("utf-8")


def pseudonym(key: bytes, domain: str, value: str) -> str:
    """The keyed hash standing in for `value` (an identifier of kind `domain`)."""
    digest = hmac.new(key, f"{domain}:{value}".encode(), hashlib.sha256).hexdigest()
    return digest[:HASH_HEX_DIGITS]


def key_check(key: bytes) -> str:
    """A fingerprint of the key, shown in each export: equal fingerprints, linkable exports."""
    return pseudonym(key, "key-check", "sightline")


def _hash_column(column: str, mapping: dict) -> pl.Expr:
    return (
        pl.col(column).replace_strict(mapping, default=None, return_dtype=pl.String).alias(column)
    )


def _id_domain(frame_name: str, column: str) -> str:
    if column in _WORKER_COLUMNS:
        return "worker"
    return _DOMAIN_OVERRIDES.get((frame_name, column), column.removesuffix("_id"))


@dataclass(frozen=True)
class ChildAttributes:
    """What the export adds to the `Dataset` from the database (degraded on the way out)."""

    children: pl.DataFrame  # child_id, sex, ethnicity, is_uasc, postcode (latest household)
    disabilities: pl.DataFrame  # child_id, code
    placements: pl.DataFrame  # episode_id, placement_provider, placement/home postcode


def child_attributes() -> ChildAttributes:
    """Read from the database what the `Dataset` leaves out but analysts need."""
    rows = Person.objects.children().values_list("pk", "sex", "ethnicity", "is_uasc")
    children = pl.DataFrame(
        list(rows),
        schema={
            "child_id": pl.Int64,
            "sex": pl.String,
            "ethnicity": pl.String,
            "is_uasc": pl.Boolean,
        },
        orient="row",
    )
    latest: dict[int, tuple] = {}
    memberships = HouseholdMember.objects.filter(person__la_child_id__isnull=False).values_list(
        "person_id",
        "start_date",
        "household__addresses__start_date",
        "household__addresses__postcode",
    )
    for person_id, joined, moved_in, postcode in memberships:
        if postcode is None:
            continue
        order = (joined, moved_in)
        if person_id not in latest or order > latest[person_id][0]:
            latest[person_id] = (order, postcode)
    postcodes = pl.DataFrame(
        [(person_id, postcode) for person_id, (_, postcode) in latest.items()],
        schema={"child_id": pl.Int64, "postcode": pl.String},
        orient="row",
    )
    disabilities = pl.DataFrame(
        list(ChildDisability.objects.values_list("child_id", "code")),
        schema={"child_id": pl.Int64, "code": pl.String},
        orient="row",
    )
    placements = pl.DataFrame(
        list(
            LookedAfterEpisode.objects.values_list(
                "pk", "placement_provider", "placement_postcode", "home_postcode"
            )
        ),
        schema={
            "episode_id": pl.Int64,
            "placement_provider": pl.String,
            "placement_postcode": pl.String,
            "home_postcode": pl.String,
        },
        orient="row",
    )
    return ChildAttributes(
        children=children.join(postcodes, on="child_id", how="left"),
        disabilities=disabilities,
        placements=placements,
    )


def _sector(column: str) -> pl.Expr:
    """`postcode_sector` over a whole column at once (same pattern, vectorised)."""
    cleaned = pl.col(column).str.strip_chars().str.to_uppercase()
    return (
        pl.when(cleaned.str.contains(_POSTCODE.pattern))
        .then(cleaned.str.replace(_POSTCODE.pattern, "$1 $2"))
        .otherwise(None)
        .alias(column.replace("postcode", "postcode_sector"))
    )


def pseudonymise(
    dataset: Dataset,
    attributes: ChildAttributes,
    *,
    key: bytes,
    excluded_child_ids: Collection[int] = (),
) -> dict[str, pl.DataFrame]:
    """The export's frames: the dataset degraded, hashed and without the excluded children.

    Pure (no database): every rule of the module docstring is applied here.
    """
    children = dataset["children"].filter(~pl.col("child_id").is_in(list(excluded_child_ids)))
    children = children.join(attributes.children, on="child_id", how="left").with_columns(
        _sector("postcode")
    )
    child_pseudonyms = {
        child_id: pseudonym(key, "child", la_child_id)
        for child_id, la_child_id in children.select("child_id", "la_child_id").iter_rows()
    }
    frames = {name: frame for name, frame in dataset.frames.items() if name != "children"}
    frames["children"] = children.drop("postcode")
    frames["disabilities"] = attributes.disabilities
    frames["lac_episodes"] = (
        frames["lac_episodes"]
        .join(attributes.placements, on="episode_id", how="left")
        .with_columns(_sector("placement_postcode"), _sector("home_postcode"))
        .drop("placement_postcode", "home_postcode")
    )
    birthdays = children.select(
        "child_id",
        pl.col("date_of_birth").dt.month().alias("_birth_month"),
        pl.col("date_of_birth").dt.day().alias("_birth_day"),
    )
    out: dict[str, pl.DataFrame] = {}
    for name, frame in frames.items():
        if "child_id" in frame.columns:
            # Only the children exported: the restricted are gone, and so is any row of a
            # person who is not a child's record.
            frame = frame.filter(pl.col("child_id").is_in(list(child_pseudonyms)))
            if name != "children":
                frame = _birth_dates_generalised(name, frame, birthdays)
        expressions = []
        drop = [column for column in frame.columns if (name, column) in _DROPPED_COLUMNS]
        for column in frame.columns:
            if column in drop:
                continue
            if (name, column) in _MONTH_COLUMNS:
                expressions.append(pl.col(column).dt.month_start().alias(column))
            elif column == "child_id":
                expressions.append(_hash_column(column, child_pseudonyms))
            elif column.endswith("_id") and column not in _KEPT_ID_COLUMNS:
                domain = _id_domain(name, column)
                values = frame.get_column(column).drop_nulls().unique().to_list()
                mapping = {value: pseudonym(key, domain, str(value)) for value in values}
                expressions.append(_hash_column(column, mapping))
        out[name] = frame.drop(drop).with_columns(expressions) if expressions else frame.drop(drop)
    return out


def _birth_dates_generalised(name: str, frame: pl.DataFrame, birthdays: pl.DataFrame):
    """Dates of a child's records derived from, or falling on, their birthday: to the month."""
    dates = [column for column, dtype in frame.schema.items() if dtype == pl.Date]
    if not dates:
        return frame
    joined = frame.join(birthdays, on="child_id", how="left")
    expressions = []
    for column in dates:
        on_birthday = (pl.col(column).dt.month() == pl.col("_birth_month")) & (
            pl.col(column).dt.day() == pl.col("_birth_day")
        )
        if (name, column) in _BIRTH_DERIVED_COLUMNS:
            expressions.append(pl.col(column).dt.month_start())
        else:
            expressions.append(
                pl.when(on_birthday.fill_null(False))
                .then(pl.col(column).dt.month_start())
                .otherwise(pl.col(column))
                .alias(column)
            )
    return joined.with_columns(expressions).drop("_birth_month", "_birth_day")


def _k_anonymity_apply(frames: dict[str, pl.DataFrame], k: int) -> dict:
    """Make the exported children k-anonymous; drop the removed children's rows everywhere."""
    result = k_anonymise(frames["children"], k=k)
    frames["children"] = result.children
    removed = result.removed_child_ids
    year_only = result.year_only_child_ids
    for name, frame in list(frames.items()):
        if name == "children" or "child_id" not in frame.columns:
            continue
        frame = frame.filter(~pl.col("child_id").is_in(removed))
        for table, column in _BIRTH_DERIVED_COLUMNS:
            if table == name:
                frame = frame.with_columns(
                    pl.when(pl.col("child_id").is_in(year_only))
                    .then(pl.col(column).dt.truncate("1y"))
                    .otherwise(pl.col(column))
                    .alias(column)
                )
        frames[name] = frame
    return result.report


@dataclass
class PseudonymisedExport:
    """What an export wrote, and the key fingerprint that says which exports link up."""

    directory: Path
    files: list[Path] = field(default_factory=list)
    children: int = 0
    key_check: str = ""


@transaction.atomic
def pseudonymised_export(
    *, actor, out_dir: Path, file_format: str = "csv", k: int = DEFAULT_K, request=None
) -> PseudonymisedExport:
    """Write the pseudonymised export to `out_dir` (one file per frame, a manifest and the
    k-anonymity report); `k` is the smallest class of children on the quasi-identifiers."""
    if not actor_can(actor, Capability.EXPORT_PSEUDONYMISED):
        raise PermissionDenied("Only performance analysts export pseudonymised data")
    if file_format not in FORMATS:
        raise ValidationError(f"Choose a format from {', '.join(FORMATS)}")
    key = pseudonymisation_key()
    excluded = set(RestrictedRecord.objects.values_list("child_id", flat=True))
    frames = pseudonymise(load_dataset(), child_attributes(), key=key, excluded_child_ids=excluded)
    k_report = _k_anonymity_apply(frames, k)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    export = PseudonymisedExport(
        directory=out_dir, children=frames["children"].height, key_check=key_check(key)
    )
    for name, frame in sorted(frames.items()):
        path = out_dir / f"{name}.{file_format}"
        if file_format == "csv":
            frame.write_csv(path)
        else:
            frame.write_parquet(path)
        export.files.append(path)
    manifest = {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "key_check": export.key_check,
        "frames": {
            name: {"rows": frame.height, "columns": frame.columns}
            for name, frame in sorted(frames.items())
        },
    }
    k_path = out_dir / "k_anonymity.json"
    k_path.write_text(json.dumps(k_report, indent=2), encoding="utf-8")
    export.files.append(k_path)
    manifest_path = out_dir / "manifest.json"
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    export.files.append(manifest_path)
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        detail={
            "kind": "pseudonymised",
            "format": file_format,
            "children": export.children,
            "key_check": export.key_check,
            "k": k,
            "k_removed": k_report["removed"],
        },
        request=request,
    )
    return export
