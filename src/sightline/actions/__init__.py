"""One write pattern for every change to a child's record: check, validate, save, audit, refresh.

Each change is an action object (as Wagtail's action classes and Zulip's ``do_*`` functions are):

1. **check**, before any transaction opens: the actor's role must allow the change (a manager's
   decision needs a manager) and the child's record must be theirs to change. A refusal is
   written to the audit on its own and stands, since no write's rollback can take it with it,
   then the user is told (404 for a child they may not know of, 403 otherwise);
2. inside one transaction: the check again (allocations can end between the two), then
   ``perform``, which validates with ``full_clean()`` and saves, then the audit event of the
   change, naming the record;
3. after the transaction commits, the child's clocks that read the changed record's frames are
   recalculated; the frames come from the model written (``dataset_loader.frames_for_model``),
   never from a string the action repeats.

Subclasses set ``doing`` (words for refusals: "record visits"), ``audit_action`` and
``managers_only``, and implement ``perform``.

A change to an existing record is a ``RecordUpdateAction``: it locks the row and, given the
version the user's form was opened on (``record_version``), refuses with ``EditConflict`` when
someone else has saved the record since, so nothing is overwritten silently (ADR 0019).
"""

from __future__ import annotations

import hashlib
import json
from typing import ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from sightline.access.models import AuditAction
from sightline.access.policies import ACTION_CAPABILITY, actor_can, child_access
from sightline.access.services import audit_event_record, child_read_authorise
from sightline.oversight.dataset_loader import frames_for_model
from sightline.oversight.services import deadlines_refresh_for_child
from sightline.people.models import Person
from sightline.standards import codes

__all__ = [
    "ChildRecordAction",
    "EditConflict",
    "MANAGER_ROLES",
    "RecordUpdateAction",
    "record_version",
]

_ROLE = codes.ROLE.enum
# Working Together 2023: managers authorise assessments and record management oversight.
MANAGER_ROLES = frozenset({_ROLE.TEAM_MANAGER, _ROLE.HEAD_OF_SERVICE})


class _ScopeChanged(Exception):
    """The actor's access to the child ended between the check and the write."""


class ChildRecordAction:
    """One change to one child's record by one actor; ``execute()`` runs it."""

    doing: ClassVar[str]
    audit_action: ClassVar[str] = AuditAction.CREATE
    managers_only: ClassVar[bool] = False

    def __init__(self, *, actor, child: Person, request=None) -> None:
        self.actor = actor
        self.child = child
        self.request = request

    # -- the steps -----------------------------------------------------------------------------

    def check(self) -> None:
        """Refuse, with a standing audit event, unless the actor may make this change."""
        refusal = self._role_refusal()
        if refusal is not None:
            self._audit(allowed=False, basis=refusal)
            raise PermissionDenied(refusal)
        if not self.child.is_child_record:
            raise ValidationError("This person has no LA child ID, so is not a child known to us.")
        if not child_access(self.actor, self.child, action=self.audit_action).allowed:
            # The single gate writes the refused attempt and raises the error that reveals no
            # more than the actor may know.
            child_read_authorise(
                actor=self.actor, child=self.child, action=self.audit_action, request=self.request
            )
            raise PermissionDenied("You cannot change this child's record.")  # pragma: no cover

    def perform(self) -> models.Model:
        """Validate and save the change; return the record written. Runs in the transaction."""
        raise NotImplementedError

    def execute(self) -> models.Model:
        """Check, then validate, save and audit in one transaction; refresh clocks after it."""
        self.check()
        try:
            with transaction.atomic():
                decision = child_access(self.actor, self.child, action=self.audit_action)
                if not decision.allowed:
                    raise _ScopeChanged
                record = self.perform()
                self._audit(allowed=True, basis=decision.basis, obj=record)
                frames = frames_for_model(type(record))
                child_id = self.child.pk
                if frames:
                    transaction.on_commit(
                        # robust: the write has committed; a failed recalculation is logged
                        # and the nightly tick recalculates every child anyway.
                        lambda: deadlines_refresh_for_child(child_id, changed=frames),
                        robust=True,
                    )
        except _ScopeChanged:
            self.check()
            raise PermissionDenied("You cannot change this child's record.") from None
        return record

    # -- helpers -------------------------------------------------------------------------------

    def _role_refusal(self) -> str | None:
        capability = ACTION_CAPABILITY[self.audit_action]
        if not actor_can(self.actor, capability):
            return f"Your role cannot {self.doing}."
        if self.managers_only and self.actor.role not in MANAGER_ROLES:
            return f"Only a team manager or head of service can {self.doing}."
        return None

    def _audit(self, *, allowed: bool, basis: str, obj=None) -> None:
        audit_event_record(
            actor=self.actor,
            action=self.audit_action,
            child=self.child,
            obj=obj,
            detail={"allowed": allowed, "basis": basis},
            request=self.request,
        )


def record_version(record: models.Model) -> str:
    """A short token of the record's saved values: it changes whenever any field does.

    Computed from the row rather than kept in a column, so every model with a page that edits
    it has one without a migration, and an edit through the admin or a command changes it too.
    """
    values = {
        field.attname: field.value_to_string(record)
        for field in record._meta.concrete_fields
        if not field.primary_key
    }
    payload = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(payload).hexdigest()[:20]


class EditConflict(Exception):
    """The record was saved by someone else after the user opened it; ``current`` is as saved."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("This record was changed by someone else after you opened it.")
        self.current = current


class RecordUpdateAction(ChildRecordAction):
    """A change to one existing record, locked for the length of the change.

    ``expected_version`` is the ``record_version`` the user's form was opened on; when given and
    the locked row no longer has it, ``perform`` raises ``EditConflict`` before changing
    anything (optimistic concurrency: no lock is held while the user types).
    """

    audit_action = AuditAction.UPDATE
    model: type[models.Model]

    def __init__(
        self, *, record: models.Model, changes: dict, expected_version: str | None = None, **kw
    ) -> None:
        super().__init__(child=record.child, **kw)
        self.record_id = record.pk
        self.changes = changes
        self.expected_version = expected_version

    def locked(self):
        record = self.model.objects.select_for_update(of=("self",)).get(pk=self.record_id)
        if self.expected_version is not None and record_version(record) != self.expected_version:
            raise EditConflict(record)
        # The change's author in its history row, whether or not a request is running.
        record._history_user = self.actor
        return record
