"""The shape of every recording screen: a form, then check your answers, then the action.

Each page opens the child's record (the audited gate), so only a user who may see the child
gets a form about them; the write itself goes through an action, which checks again. What is
typed is kept as a draft on the server from the first keystroke until it is saved.

A screen that changes an existing record (an assessment completed, then authorised) carries the
record's version (``sightline.actions.record_version``) in the form and in its draft. When
someone else saves the record after the user opened it, the save is refused with both versions
on one page; the user's answers stay in their draft until they choose what to keep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import MultipleChoiceField
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sightline.access.policies import Capability, actor_can
from sightline.actions import EditConflict, record_version
from sightline.drafts.selectors import draft_for
from sightline.drafts.services import draft_discard, draft_save
from sightline.web.views import record_page

__all__ = ["Recording", "answer_rows", "check_page", "form_page"]


def may_record(user) -> None:
    if not actor_can(user, Capability.RECORD_WORK):
        raise PermissionDenied("Your role cannot record work on a child's record.")


@dataclass(frozen=True)
class Recording:
    """One recording screen.

    ``name`` is its draft form and URL prefix (``visit`` → ``visit-new``, ``visit-check``);
    ``save(request, record, form, target)`` runs the action and returns the success message;
    ``done(child, target)`` is where the user goes afterwards. A screen about an existing record
    has ``target(child, **ids)`` (the record, 404 if it is not this child's) and
    ``initial(target)`` (the record's values as form data); its form has hidden ``record`` and
    ``version`` fields.
    """

    name: str
    form_class: type
    template: str
    save: Callable
    done: Callable
    check_template: str = "casework/check_answers.html"
    check_heading: str = "Check your answers before saving"
    save_label: str = "Save"
    target: Callable | None = None
    initial: Callable | None = None
    allowed: Callable = field(default=may_record)
    extra: Callable | None = None  # extra(target) -> more context for the form page
    section: str = "clocks"  # the record's sub navigation item the pages sit under

    def url(self, step: str, child_id: int, ids: dict) -> str:
        return reverse(f"{self.name}-{step}", kwargs={"child_id": child_id, **ids})


def _target(recording: Recording, child, ids: dict):
    if recording.target is None:
        return None
    target = recording.target(child, **ids)
    if target is None:
        raise Http404("No such record for this child")
    return target


def _draft(recording: Recording, user, child, target):
    """The user's draft of this screen, unless it was typed about another record."""
    draft = draft_for(user=user, form=recording.name, child_id=child.pk)
    if draft is not None and target is not None and draft.data.get("record") != str(target.pk):
        return None
    return draft


def _saved_values(recording: Recording, target) -> dict:
    data = dict(recording.initial(target)) if recording.initial else {}
    data.update(record=str(target.pk), version=record_version(target))
    return data


def form_page(request, child_id: int, recording: Recording, **ids):
    """Page 1 of 2: the details. A saved draft is put back into the form."""
    recording.allowed(request.user)
    record, context = record_page(request, child_id, recording.section)
    child = record.child
    target = _target(recording, child, ids)
    restored = None
    if request.method == "POST":
        form = recording.form_class(request.POST, child=child, target=target)
        draft_save(user=request.user, form=recording.name, child_id=child.pk, data=request.POST)
        if form.is_valid():
            return redirect(recording.url("check", child.pk, ids))
    else:
        draft = _draft(recording, request.user, child, target)
        if draft is not None:
            initial = draft.data
            restored = timezone.localtime(draft.saved_at)
        else:
            initial = _saved_values(recording, target) if target is not None else None
        form = recording.form_class(child=child, target=target, initial=initial)
    context.update(
        form=form,
        target=target,
        restored=restored,
        form_url=recording.url("new", child.pk, ids),
        draft_url=_draft_url(recording, child),
        **(recording.extra(target) if recording.extra else {}),
    )
    return render(request, recording.template, context)


def check_page(request, child_id: int, recording: Recording, **ids):
    """Page 2 of 2: check your answers, then run the action and go where the screen says."""
    recording.allowed(request.user)
    record, context = record_page(request, child_id, recording.section)
    child = record.child
    target = _target(recording, child, ids)
    draft = _draft(recording, request.user, child, target)
    form = recording.form_class(draft.data if draft else {}, child=child, target=target)
    form_url = recording.url("new", child.pk, ids)
    if draft is None or not form.is_valid():
        return redirect(form_url)
    context.update(
        form=form,
        target=target,
        rows=answer_rows(form),
        form_url=form_url,
        check_url=recording.url("check", child.pk, ids),
        heading=recording.check_heading,
        save_label=recording.save_label,
    )
    if request.method == "POST":
        if target is not None and request.POST.get("resolve"):
            return _resolve(request, recording, child, target, draft, form_url)
        try:
            message = recording.save(request, record, form, target)
        except EditConflict as conflict:
            return _conflict(request, context, recording, form, conflict.current)
        except ValidationError as error:
            # The action refused what the form let through (a late assessment needs a reason):
            # back to the form, the message on its field, the draft kept.
            form = recording.form_class(draft.data, child=child, target=target)
            form.is_valid()
            _add_errors(form, error)
            context.update(
                form=form,
                restored=None,
                draft_url=_draft_url(recording, child),
                **(recording.extra(target) if recording.extra else {}),
            )
            return render(request, recording.template, context)
        draft_discard(user=request.user, form=recording.name, child_id=child.pk)
        messages.success(request, message)
        return redirect(recording.done(child, target))
    return render(request, recording.check_template, context)


def _draft_url(recording: Recording, child) -> str:
    return reverse("drafts:autosave", args=[recording.name, child.pk])


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _conflict(request, context, recording: Recording, form, current):
    """Refuse a save made on a stale copy: show what the user typed beside what is saved."""
    saved = recording.form_class(_saved_values(recording, current), child=context["child"])
    latest = current.history.select_related("history_user").first()
    context.update(
        mine=answer_rows(form),
        theirs=answer_rows(saved),
        changed_by=latest.history_user if latest else None,
        changed_at=timezone.localtime(latest.history_date) if latest else None,
    )
    return render(request, "casework/conflict.html", context, status=409)


def _resolve(request, recording: Recording, child, target, draft, form_url):
    """After a conflict: keep my answers on top of the saved version, or start from it."""
    if request.POST["resolve"] == "mine":
        data = dict(draft.data, version=record_version(target))
        draft_save(user=request.user, form=recording.name, child_id=child.pk, data=data)
        messages.info(
            request,
            "Your answers are kept. Compare them with the saved version, change what you need "
            "and continue.",
        )
    else:
        draft_discard(user=request.user, form=recording.name, child_id=child.pk)
        messages.info(request, "Your answers were discarded. The form shows the saved version.")
    return redirect(form_url)


def answer_rows(form) -> list[dict]:
    """The answers of a form as summary-list rows: label, the answer in words, the field id.

    Read from the form's data as typed, so it works for answers that are not yet valid (the
    saved version in a conflict); a date's three boxes are one row.
    """
    rows = []
    data = form.data
    for bound in form:
        name = bound.name
        if bound.is_hidden or name.endswith(("_month", "_year")):
            continue
        if name.endswith("_day"):
            prefix = name.removesuffix("_day")
            parts = [
                str(data.get(f"{prefix}_{part}", "") or "") for part in ("day", "month", "year")
            ]
            rows.append(
                {
                    "label": form.DATE_LABELS.get(prefix, prefix),
                    "value": _date_words(parts),
                    "id": bound.id_for_label,
                }
            )
            continue
        choices = dict(getattr(bound.field, "choices", ()) or ())
        if isinstance(bound.field, MultipleChoiceField):
            raw = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
            value = "; ".join(_words(choices, v) for v in raw) or "None"
        else:
            raw = data.get(name, "")
            value = _words(choices, raw) if choices else str(raw or "")
        rows.append(
            {
                "label": form.SUMMARY_LABELS.get(name, bound.label),
                "value": value or "Not recorded",
                "id": bound.id_for_label,
            }
        )
    return rows


def _words(choices: dict, value) -> str:
    """A coded answer in words: "Child in need plan", not "CIN_PLAN: Child in need plan"."""
    label = str(choices.get(value, value))
    return label.removeprefix(f"{value}: ")


def _date_words(parts: list[str]) -> str:
    try:
        day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except (TypeError, ValueError):
        return " ".join(p for p in parts if p) or "Not recorded"
    return f"{day.day} {day:%B %Y}"
