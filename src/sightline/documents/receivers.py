"""A document's file goes when its row does (a record disposed of at the end of retention), and
only once that deletion has committed: a disposal rolled back keeps the files."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from sightline.documents import storage
from sightline.documents.models import Document


@receiver(post_delete, sender=Document)
def _remove_file(sender, instance: Document, **kwargs) -> None:
    name = instance.stored_name
    transaction.on_commit(lambda: storage.remove(name), robust=True)
