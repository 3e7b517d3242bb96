"""Adding a document to a child's record, through the action layer (ADR 0011).

The role and the child's record are checked before anything is stored; the file's type and size
are checked before its bytes are written; the bytes are written, then the row is saved and the
upload audited in one transaction. If anything after the write fails, the file is removed, so a
refused or failed upload leaves neither a row nor a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.utils import timezone

from sightline.actions import ChildRecordAction
from sightline.documents import storage
from sightline.documents.filetypes import file_type
from sightline.documents.models import Document

__all__ = ["document_add"]


class DocumentAdd(ChildRecordAction):
    doing = "add documents to a child's record"

    def __init__(self, *, kind: str, title: str, dated: dt.date, name: str, content: bytes, **kw):
        super().__init__(**kw)
        self.kind, self.title, self.dated = kind, title, dated
        self.name, self.content = name, content
        self.stored_name: str | None = None

    def perform(self) -> Document:
        accepted = file_type(
            self.name, self.content, max_bytes=settings.SIGHTLINE_DOCUMENT_MAX_BYTES
        )
        document = Document(
            child=self.child,
            kind=self.kind,
            title=self.title,
            dated=self.dated,
            original_name=self.name[-255:],
            content_type=accepted.content_type,
            size=len(self.content),
            sha256=hashlib.sha256(self.content).hexdigest(),
            stored_name="pending",
            uploaded_by=self.actor,
            uploaded_at=timezone.now(),
        )
        document.full_clean(exclude=["stored_name"])
        self.stored_name = document.stored_name = storage.store(self.content)
        document.save()
        return document

    def execute(self) -> Document:
        try:
            return super().execute()
        except BaseException:
            if self.stored_name is not None:
                storage.remove(self.stored_name)
            raise


def document_add(
    *, actor, child, kind: str, title: str, dated: dt.date, name: str, content: bytes, request=None
) -> Document:
    """Add the file ``name`` with ``content`` to ``child``'s record; ``FileRefused`` or
    ``ValidationError`` for a file or details that cannot be kept, ``PermissionDenied`` or
    ``Http404`` for an actor who may not."""
    return DocumentAdd(
        actor=actor,
        child=child,
        request=request,
        kind=kind,
        title=title,
        dated=dated,
        name=name,
        content=content,
    ).execute()
