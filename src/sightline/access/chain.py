"""The hash chain of the access audit: canonical form of an event, its hash, and the walk that
checks a whole chain.

Each event's hash is an HMAC-SHA256, under the audit key, of a canonical JSON form of every
field, its predecessor's hash included, so changing, removing or reordering any event breaks
every link after it, and nobody without the key (held outside the database: `anchors`) can
write a hash that verifies. Kept free of the ORM and of settings, so that the same code hashes an
event being written and re-checks one read back; callers pass the key.

What the chain cannot show by itself (the end cut off, or everything deleted) the anchors do:
see `anchors` and docs/adr/0014-keyed-audit-chain-and-anchors.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

# Bump when the canonical form changes; old events keep verifying under the version they carry
# only if the verifier learns the old form, so a change needs a migration plan, not just a bump.
# Adding an optional field (below) is not such a change: an event without it hashes as before.
# Format 2: HMAC-SHA256 under the audit key (format 1 was a bare SHA-256, which anyone could
# recompute after an edit).
CHAIN_FORMAT = 2
GENESIS_HASH = "0" * 64

# Fields added after events had been written: in the canonical form only when not empty, so an
# event written before a field existed (stored empty) keeps the hash it was written with, and
# emptying or filling the field afterwards still changes the hash.
OPTIONAL_CHAINED_FIELDS = ("page", "path")

# The fields in the hash, as stored (foreign keys by their id column).
CHAINED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "action",
    "child_id",
    "object_type",
    "object_id",
    "detail",
    "reason",
    "client_address",
    "page",
    "path",
    "prev_hash",
)

# How far from its place a reordered event is looked for when explaining a broken link.
REORDER_SEARCH_WINDOW = 64


def timestamp_canonical(moment: datetime) -> str:
    """The instant in UTC with microseconds, as both databases store it."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_canonical(fields: Mapping) -> bytes:
    """The bytes that are hashed: sorted-key, whitespace-free JSON of the chained fields."""
    body = {name: fields[name] for name in CHAINED_FIELDS if name not in OPTIONAL_CHAINED_FIELDS}
    body.update(
        {name: fields[name] for name in OPTIONAL_CHAINED_FIELDS if fields.get(name, "") != ""}
    )
    body["occurred_at"] = timestamp_canonical(body["occurred_at"])
    body["format"] = CHAIN_FORMAT
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(fields: Mapping, *, key: bytes) -> str:
    """The HMAC-SHA256 under `key`, in hex, of an event's canonical form."""
    if not key:
        raise ValueError("the audit chain needs a key")
    return hmac.new(key, event_canonical(fields), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the chain does not hold, and what is wrong there."""

    sequence: int
    kind: str  # "edited", "deleted" or "reordered"
    explanation: str

    def __str__(self):
        return f"audit event #{self.sequence} {self.kind}: {self.explanation}"


@dataclass(frozen=True)
class ChainReport:
    """The result of walking a chain: how far it holds, its head, and the first break if any."""

    events_checked: int
    head_sequence: int
    head_hash: str
    first_break: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def _reordered_from(fields: Mapping, key: bytes) -> int | None:
    """The sequence number at which this event's content was written, if it was moved."""
    here = fields["sequence"]
    low = max(1, here - REORDER_SEARCH_WINDOW)
    for candidate in range(low, here + REORDER_SEARCH_WINDOW + 1):
        if candidate != here and (
            event_hash({**fields, "sequence": candidate}, key=key) == fields["hash"]
        ):
            return candidate
    return None


def chain_verify(
    events: Iterable[Mapping],
    *,
    key: bytes,
    hash_locate: Callable[[str], int | None] | None = None,
) -> ChainReport:
    """Walk events in sequence order and report the first that breaks the chain.

    An event is *edited* when its content no longer gives its stored hash; *reordered* when its
    content is intact but was written at another sequence number, or its link names an event
    other than the one before it; *deleted* when sequence numbers jump, or its link names an
    event that is not there. An event forged or rehashed without the key is *edited*: its hash is
    not the HMAC of its content under the key. `hash_locate` finds the sequence number of the
    event holding a hash, so that a broken link can say where it points.
    """
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    checked = 0

    def report(broken: ChainBreak | None) -> ChainReport:
        return ChainReport(checked, expected_sequence - 1, previous_hash, broken)

    for fields in events:
        sequence = fields["sequence"]
        if event_hash(fields, key=key) != fields["hash"]:
            moved_from = _reordered_from(fields, key)
            if moved_from is not None:
                return report(
                    ChainBreak(
                        sequence,
                        "reordered",
                        f"its content was written as event #{moved_from} and has been moved here",
                    )
                )
            return report(
                ChainBreak(
                    sequence,
                    "edited",
                    "its content no longer matches its hash (hash mismatch): it was changed, or "
                    "its hash was not written with the audit key",
                )
            )
        if sequence != expected_sequence:
            missing = (
                f"#{expected_sequence}"
                if sequence == expected_sequence + 1
                else f"#{expected_sequence} to #{sequence - 1}"
            )
            return report(
                ChainBreak(sequence, "deleted", f"sequence gap: event {missing} is missing")
            )
        if fields["prev_hash"] != previous_hash:
            linked = hash_locate(fields["prev_hash"]) if hash_locate else None
            if linked is not None:
                broken = ChainBreak(
                    sequence,
                    "reordered",
                    f"prev_hash links to event #{linked}, not to the event before it",
                )
            else:
                broken = ChainBreak(
                    sequence,
                    "deleted",
                    "prev_hash mismatch: the event it links to is no longer in the chain",
                )
            return report(broken)
        checked += 1
        previous_hash = fields["hash"]
        expected_sequence = sequence + 1
    return report(None)
