"""Where documents' bytes are kept: one directory outside the web root, one file per document.

Files are named by a random token and spread over 256 subdirectories; they are written to a
temporary name and renamed into place, so a crash mid-write never leaves a half file under a
document's name.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from django.conf import settings


def root() -> Path:
    return Path(settings.SIGHTLINE_DOCUMENT_DIR)


def path_of(stored_name: str) -> Path:
    if not stored_name.isalnum():  # only ever a token this module made
        raise ValueError("not a stored document name")
    return root() / stored_name[:2] / stored_name


def store(content: bytes) -> str:
    """Write ``content`` under a new name and return it."""
    name = secrets.token_hex(16)
    target = path_of(name)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def read(stored_name: str) -> bytes:
    return path_of(stored_name).read_bytes()


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
