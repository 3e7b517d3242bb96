"""The audit key and the audit anchors: the two things that make the chain tamper-evident
against someone who can write to the database.

- The *key* (`audit_key`) is the HMAC key of the chain (see `chain`). It is never stored in the
  database: it comes from the ``SIGHTLINE_AUDIT_KEY`` environment variable, or else from a key
  file (``SIGHTLINE_AUDIT_KEY_FILE``, by default ``var/audit.key``), created with a random key,
  readable by its owner only, the first time it is needed. Without it nobody can write an event,
  or rewrite one, that `audit verify` accepts.
- An *anchor* is the chain's head (sequence, hash, count, time) appended as one JSON line to the
  anchor file (``SIGHTLINE_AUDIT_ANCHOR_FILE``, by default ``var/audit-anchors.jsonl``), outside
  the database, on a schedule (`sightline audit anchor`, run by cron or a systemd timer; see
  docs/configuration.md), and shown on the IG page. `audit verify` then checks that every anchor
  is still in the chain with the same hash, which catches the end cut off, every event deleted
  and the chain rebuilt even by someone holding the key.

The file is only ever opened for appending here. Making it append-only for everyone else (e.g.
``chattr +a``, or shipping each line to the SIEM as it is printed) is the deployment's part:
docs/adr/0014-keyed-audit-chain-and-anchors.md says what is and is not protected.
"""

from __future__ import annotations

import functools
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

KEY_MIN_CHARS = 32
KEY_FILE_NAME = "audit.key"
ANCHOR_FILE_NAME = "audit-anchors.jsonl"


def _setting(name: str, default: str = "") -> str:
    """A setting if the deployment set one (tests do), else the environment variable."""
    return str(getattr(settings, name, "") or os.environ.get(name, "") or default)


def audit_key_path() -> Path:
    return Path(_setting("SIGHTLINE_AUDIT_KEY_FILE", str(Path(settings.VAR_DIR) / KEY_FILE_NAME)))


def audit_key() -> bytes:
    """The HMAC key of the audit chain, from the environment or the key file (made if missing)."""
    return _key_load(_setting("SIGHTLINE_AUDIT_KEY"), str(audit_key_path()))


@functools.lru_cache(maxsize=8)
def _key_load(configured: str, path: str) -> bytes:
    if configured:
        if len(configured) < KEY_MIN_CHARS:
            raise ImproperlyConfigured(
                f"SIGHTLINE_AUDIT_KEY is {len(configured)} characters; it must be at least "
                f"{KEY_MIN_CHARS} (e.g. python -c 'import secrets; print(secrets.token_hex(32))')"
            )
        return configured.encode()
    key_file = Path(path)
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first; read theirs
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
    text = key_file.read_text().strip()
    if len(text) < KEY_MIN_CHARS:
        raise ImproperlyConfigured(
            f"{key_file}: the audit key is {len(text)} characters; at least {KEY_MIN_CHARS} needed"
        )
    return text.encode()


def anchor_path() -> Path:
    return Path(
        _setting("SIGHTLINE_AUDIT_ANCHOR_FILE", str(Path(settings.VAR_DIR) / ANCHOR_FILE_NAME))
    )


@dataclass(frozen=True)
class Anchor:
    """The chain's head at one moment, as recorded outside the database."""

    sequence: int
    hash: str
    recorded_at: datetime
    line: int  # where it is in the anchor file, for messages

    def __str__(self):
        return f"{self.sequence}:{self.hash}"


class AnchorFileError(ValueError):
    """The anchor file has a line that is not an anchor: it was damaged or edited."""


def anchor_append(*, sequence: int, digest: str, path: Path | None = None) -> Anchor:
    """Append one anchor line to the anchor file (opened for appending only) and return it."""
    path = path or anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    record = {"sequence": sequence, "hash": digest, "recorded_at": now.isoformat()}
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return Anchor(sequence, digest, now, line=0)


def anchors_read(path: Path | None = None) -> list[Anchor]:
    """Every anchor in the file, in the order written; a missing file has none.

    Raises `AnchorFileError` naming the line for anything that is not an anchor.
    """
    path = path or anchor_path()
    if not path.exists():
        return []
    anchors = []
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
                anchor = Anchor(
                    int(record["sequence"]),
                    str(record["hash"]),
                    datetime.fromisoformat(record["recorded_at"]),
                    number,
                )
            except (ValueError, KeyError, TypeError) as error:
                raise AnchorFileError(
                    f"{path}, line {number}: not an anchor ({error}); expected "
                    '{"sequence": N, "hash": "<64 hex>", "recorded_at": "<ISO time>"}'
                ) from error
            if anchor.sequence < 0 or len(anchor.hash) != 64:
                raise AnchorFileError(
                    f"{path}, line {number}: sequence {anchor.sequence!r} or hash "
                    f"{anchor.hash!r} is not an anchor's (a number and 64 hex digits)"
                )
            anchors.append(anchor)
    return anchors
