"""Becoming looked after, a change of placement, and the care and placement plans.

Each episode row is one SSDA903 episode (ADR 0006): becoming looked after opens a period of care
with reason for new episode S; a change of placement ends the open episode the day the child
moves (reason ceased X1, "new episode begins on same day") and opens the next one with the
reason the 903 return asks for (P, T, B or U), worked out from what changed rather than asked.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from sightline.care.models import CarePlan, LookedAfterEpisode, PlacementPlan
from sightline.care.writes.base import CareRecordCreate, open_episode
from sightline.people.models import Person
from sightline.standards import codes

__all__ = [
    "CONNECTED_PERSON_PLACEMENTS",
    "NO_PROVIDER_PLACEMENTS",
    "care_plan_record",
    "looked_after_start",
    "placement_change",
    "placement_plan_record",
]

# SSDA903: PLACE_PROVIDER is not given for temporary placements T0-T3 or Z11-Z14.
NO_PROVIDER_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"})
# Foster placements with a relative or friend: the carer is a connected person (CPPCR reg 24).
CONNECTED_PERSON_PLACEMENTS = frozenset({"U1", "U2", "U3"})
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_URN = re.compile(r"^[A-Z0-9]{1,10}$")
_CEASED_SAME_DAY = codes.REASON_CEASED.enum.X1.value


def postcode_normal(value: str) -> str:
    """A postcode in capitals with one space before its last three characters ("" stays "")."""
    squashed = re.sub(r"\s+", "", value or "").upper()
    return f"{squashed[:-3]} {squashed[-3:]}" if len(squashed) > 3 else squashed


def _placement_errors(fields: dict) -> dict[str, str]:
    """What is wrong with a placement's details, by field, as the 903 return would judge it."""
    errors = {}
    place = fields["placement_type"]
    provider = fields.get("placement_provider", "")
    if place in NO_PROVIDER_PLACEMENTS and provider:
        errors["placement_provider"] = "A temporary or other placement has no placement provider"
    elif place not in NO_PROVIDER_PLACEMENTS and not provider:
        errors["placement_provider"] = "Select who provides the placement"
    for name in ("placement_postcode", "home_postcode"):
        value = fields.get(name, "")
        if value and not _POSTCODE.match(value):
            errors[name] = "Enter a real postcode, like DM1 1AA"
    urn = fields.get("placement_urn", "")
    if urn and not _URN.match(urn):
        errors["placement_urn"] = "Enter the Ofsted URN as letters and numbers only, like SC123456"
    if fields.get("temporary_approval_on") and place not in CONNECTED_PERSON_PLACEMENTS:
        errors["temporary_approval_on"] = (
            "Only a foster placement with a relative or friend (U1, U2 or U3) has a "
            "connected person's approval"
        )
    return errors


def _normalised(fields: dict) -> dict:
    fields = dict(fields)
    for name in ("placement_postcode", "home_postcode"):
        if name in fields:
            fields[name] = postcode_normal(fields[name])
    if "placement_urn" in fields:
        fields["placement_urn"] = (fields["placement_urn"] or "").strip().upper()
    return fields


class LookedAfterStart(CareRecordCreate):
    """The child becomes looked after: the first episode of a period of care."""

    doing = "record that a child became looked after"
    model = LookedAfterEpisode

    def validate(self) -> None:
        if open_episode(self.child, lock=True) is not None:
            raise ValidationError(
                "This child is already looked after. Record a change of placement instead."
            )
        start = self.fields["start_date"]
        later = LookedAfterEpisode.objects.filter(child=self.child, end_date__gte=start)
        if later.exists():
            raise ValidationError(
                {"start_date": "The child was looked after on that date in an earlier episode"}
            )
        errors = _placement_errors(self.fields)
        if errors:
            raise ValidationError(errors)

    def build(self) -> LookedAfterEpisode:
        return LookedAfterEpisode(
            child=self.child,
            reason_new_episode=codes.REASON_NEW_EPISODE.enum.S.value,
            **self.fields,
        )


def _reason_new_episode(*, legal_status_changed: bool, same_carer: bool) -> str:
    """SSDA903 RNE for a placement change: P/T without a new legal status, B/U with one."""
    if legal_status_changed:
        return "U" if same_carer else "B"
    return "T" if same_carer else "P"


class PlacementChange(CareRecordCreate):
    """The child moves: the open episode ends (X1) and the next begins the same day."""

    doing = "record placement changes"
    model = LookedAfterEpisode

    def __init__(self, *, same_carer: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.same_carer = same_carer
        self.ended: LookedAfterEpisode | None = None

    def perform(self) -> LookedAfterEpisode:
        current = open_episode(self.child, lock=True)
        if current is None:
            raise ValidationError(
                "This child is not looked after, so there is no placement to change."
            )
        moved_on = self.fields["start_date"]
        if moved_on <= current.start_date:
            raise ValidationError(
                {
                    "start_date": "The date of the move must be after the current episode "
                    f"began ({current.start_date.day} {current.start_date:%B %Y})"
                }
            )
        errors = _placement_errors(self.fields)
        if not self.fields.get("reason_place_change"):
            errors["reason_place_change"] = "Select the reason the placement changed"
        if errors:
            raise ValidationError(errors)
        legal_status = self.fields.get("legal_status") or current.legal_status
        current.end_date = moved_on
        current.reason_ceased = _CEASED_SAME_DAY
        current._history_user = self.actor
        current.full_clean()
        current.save(update_fields=["end_date", "reason_ceased"])
        self.ended = current
        episode = LookedAfterEpisode(
            child=self.child,
            category_of_need=current.category_of_need,
            home_postcode=current.home_postcode,
            **{**self.fields, "legal_status": legal_status},
            reason_new_episode=_reason_new_episode(
                legal_status_changed=legal_status != current.legal_status,
                same_carer=self.same_carer,
            ),
        )
        episode.full_clean()
        episode.save()
        return episode


class CarePlanRecord(CareRecordCreate):
    """The care plan (CPPCR 2010 reg 4); one made in readiness for care counts."""

    doing = "record care plans"
    model = CarePlan

    def validate(self) -> None:
        if not self.fields.get("summary", "").strip():
            raise ValidationError({"summary": "Enter what the care plan says"})


class PlacementPlanRecord(CareRecordCreate):
    """The placement plan (CPPCR 2010 reg 9) for the child's current placement."""

    doing = "record placement plans"
    model = PlacementPlan

    def build(self) -> PlacementPlan:
        episode = open_episode(self.child)
        if episode is None:
            raise ValidationError(
                "This child is not looked after, so there is no placement to plan for."
            )
        return PlacementPlan(child=self.child, episode=episode, **self.fields)


def looked_after_start(
    *,
    actor,
    child: Person,
    start_date: dt.date,
    legal_status: str,
    category_of_need: str,
    placement_type: str,
    placement_provider: str = "",
    placement_urn: str = "",
    placement_postcode: str = "",
    home_postcode: str = "",
    temporary_approval_on: dt.date | None = None,
    request=None,
) -> LookedAfterEpisode:
    """Record that `child` became looked after on `start_date`; return the new episode.

    Refused when the child is already looked after, or when the placement's details break the
    903 rules a council is held to (a provider for every placement but temporary ones; a
    connected person's approval only for a placement with a relative or friend).
    """
    fields = _normalised(
        dict(
            start_date=start_date,
            legal_status=legal_status,
            category_of_need=category_of_need,
            placement_type=placement_type,
            placement_provider=placement_provider,
            placement_urn=placement_urn,
            placement_postcode=placement_postcode,
            home_postcode=home_postcode,
            temporary_approval_on=temporary_approval_on,
        )
    )
    return LookedAfterStart(actor=actor, child=child, fields=fields, request=request).execute()


def placement_change(
    *,
    actor,
    child: Person,
    moved_on: dt.date,
    reason_place_change: str,
    placement_type: str,
    same_carer: bool = False,
    legal_status: str = "",
    placement_provider: str = "",
    placement_urn: str = "",
    placement_postcode: str = "",
    temporary_approval_on: dt.date | None = None,
    request=None,
) -> LookedAfterEpisode:
    """End `child`'s open episode on `moved_on` and start the next; return the new episode.

    `legal_status` blank keeps the current one. The reason for the new episode (P, T, B, U)
    follows from whether the legal status changed and whether the carer is the same.
    """
    fields = _normalised(
        dict(
            start_date=moved_on,
            reason_place_change=reason_place_change,
            placement_type=placement_type,
            legal_status=legal_status,
            placement_provider=placement_provider,
            placement_urn=placement_urn,
            placement_postcode=placement_postcode,
            temporary_approval_on=temporary_approval_on,
        )
    )
    return PlacementChange(
        actor=actor, child=child, fields=fields, same_carer=same_carer, request=request
    ).execute()


def care_plan_record(
    *, actor, child: Person, date: dt.date, summary: str, request=None
) -> CarePlan:
    """Record `child`'s care plan, agreed on `date` (T-CARE-PLAN's meeting event)."""
    fields = dict(date=date, summary=summary)
    return CarePlanRecord(actor=actor, child=child, fields=fields, request=request).execute()


def placement_plan_record(*, actor, child: Person, date: dt.date, request=None) -> PlacementPlan:
    """Record the plan for `child`'s current placement (T-PLACEMENT-PLAN's meeting event)."""
    return PlacementPlanRecord(
        actor=actor, child=child, fields=dict(date=date), request=request
    ).execute()
