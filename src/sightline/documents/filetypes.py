"""What a document may be: its type told from its first bytes, not from its name alone.

A file's name says what its sender claims; its first bytes say what it is. Both must agree on one
of the types below, so a program renamed ``letter.pdf`` is refused before it is stored, and a
download is served as the type that was checked (with ``nosniff``), never as what a browser
guesses.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

__all__ = ["ACCEPTED", "FileRefused", "file_type"]


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("PDF", "application/pdf", (".pdf",))
PNG = FileType("PNG image", "image/png", (".png",))
JPEG = FileType("JPEG image", "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileType(
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "Excel workbook",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = FileType("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
TEXT = FileType("Plain text", "text/plain; charset=utf-8", (".txt",))

ACCEPTED: tuple[FileType, ...] = (PDF, DOCX, ODT, XLSX, JPEG, PNG, TEXT)

_OOXML_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


class FileRefused(ValueError):
    """The file is not one Sightline keeps; the message says why, in the user's terms."""


def _zip_names(head: bytes, content: bytes) -> set[str] | None:
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _matches(kind: FileType, content: bytes) -> bool:
    head = content[:8]
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind is PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if kind is TEXT:
        return _is_text(content)
    names = _zip_names(head, content)
    if names is None:
        return False
    if kind is ODT:
        return "mimetype" in names and "content.xml" in names
    return "[Content_Types].xml" in names and _OOXML_PART[kind] in names


def file_type(name: str, content: bytes, *, max_bytes: int) -> FileType:
    """The accepted type of a file named ``name`` with these bytes, or ``FileRefused``."""
    if not content:
        raise FileRefused("The selected file is empty.")
    if len(content) > max_bytes:
        raise FileRefused(
            f"The selected file must be smaller than {max_bytes // (1024 * 1024)} MB."
        )
    extension = PurePath(name).suffix.lower()
    kind = next((kind for kind in ACCEPTED if extension in kind.extensions), None)
    if kind is None:
        allowed = ", ".join(ext for kind in ACCEPTED for ext in kind.extensions)
        raise FileRefused(f"The selected file must be one of: {allowed}.")
    if not _matches(kind, content):
        raise FileRefused(
            f"The selected file is called {extension} but is not a {kind.label}. "
            "Save it again as that type, or choose the right file."
        )
    return kind
