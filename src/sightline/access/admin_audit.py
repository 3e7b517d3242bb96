"""The Django admin over personal data: system administrators only, scoped and audited.

The admin reads records outside the selectors, so it must do here what they do: write an access
audit event for every list and record shown (through `audit_event_record`, the same chain), and
leave restricted children, and every record that names them, out of its querysets unless the
administrator is on the child's allow-list. Every app registers its models with
`audited_admin_for` (or a subclass of `AdminAuditMixin`), and
`tests/access/test_admin_audit.py` fails when a model holding people's data is registered
without it.
"""

from __future__ import annotations

import re

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import router
from django.db.models import Model
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from sightline.access.models import AuditAction, RestrictedRecord
from sightline.access.policies import Role
from sightline.access.services import audit_event_record, audit_listing_record
from sightline.people.models import Person

# Models that hold people's data without a direct relation to `Person`, and how to reach the
# people from them (the restriction filter follows these paths).
INDIRECT_PERSON_PATHS: dict[str, tuple[str, ...]] = {
    "people.household": ("members__person",),
    "people.householdaddress": ("household__members__person",),
    "access.igalert": ("grant__child",),
}

# Admin list parameters are recorded by name only (the search box's text may be a child's name).
_PARAMETER_NAME = re.compile(r"[A-Za-z0-9_]{1,60}")


def is_system_administrator(user) -> bool:
    """A superuser, or a staff user whose role is system administrator: who may use the admin."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and (user.is_superuser or getattr(user, "role", "") == Role.ADMIN)
    )


def _person_fields(model: type[Model]) -> list:
    """The model's own relations (foreign key, one-to-one, many-to-many) to `Person`."""
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model is not None
        and field.related_model is Person
    ]


def person_paths(model: type[Model]) -> tuple[str, ...]:
    """The lookups from a row of ``model`` to the people it is about; empty if none."""
    if model is Person:
        return ("pk",)
    direct = tuple(field.name for field in _person_fields(model))
    return direct + INDIRECT_PERSON_PATHS.get(model._meta.label_lower, ())


def holds_personal_data(model: type[Model]) -> bool:
    """Whether rows of ``model`` are about people in the case record (children or adults)."""
    return bool(person_paths(model))


def _hidden_children(actor) -> list[int]:
    """Children whose record is restricted and whose allow-list does not name ``actor``."""
    return list(
        RestrictedRecord.objects.exclude(allow_list=actor).values_list("child_id", flat=True)
    )


# What the delete confirmation says of a row about a restricted child hidden from the
# administrator (issue 11 row 10), and the "permission" it lacks, which refuses the delete: an
# administrator may not delete records of a child they may not see.
WITHHELD_ROW = "withheld (restricted record)"
WITHHELD_PERMISSION = "records of a restricted child"


def _names_hidden_child(obj, hidden: set[int]) -> bool:
    """Whether ``obj`` is, or is about, one of the ``hidden`` children."""
    model = type(obj)
    if isinstance(obj, Person):
        return obj.pk in hidden
    attnames = [field.attname for field in _person_fields(model) if not field.many_to_many]
    if any(getattr(obj, attname) in hidden for attname in attnames):
        return True
    indirect = INDIRECT_PERSON_PATHS.get(model._meta.label_lower, ())
    many = [field.name for field in _person_fields(model) if field.many_to_many]
    paths = (*indirect, *many)
    return bool(paths) and any(
        model._default_manager.filter(pk=obj.pk, **{f"{path}__in": hidden}).exists()
        for path in paths
    )


def deleted_objects_withheld(objs, request, admin_site):
    """Django admin's ``get_deleted_objects``, naming no child hidden from the administrator.

    Django lists everything a delete would take with it by each row's own text, which names
    the child (a household member, an agency check about a restricted child). Here a row that
    is about a child the administrator may not see reads "withheld (restricted record)", with
    no link, and its presence refuses the delete (``perms_needed``).
    """
    try:
        first = objs[0]
    except IndexError:
        return [], {}, set(), []
    hidden = set(_hidden_children(request.user))
    collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed: set[str] = set()

    def format_callback(obj):
        opts = obj._meta
        label = capfirst(opts.verbose_name)
        if hidden and _names_hidden_child(obj, hidden):
            perms_needed.add(WITHHELD_PERMISSION)
            return f"{label}: {WITHHELD_ROW}"
        if not admin_site.is_registered(type(obj)):
            return f"{label}: {obj}"
        if not admin_site.get_model_admin(type(obj)).has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=(quote(obj.pk),),
            )
        except NoReverseMatch:
            return f"{label}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', label, url, obj)

    to_delete = collector.nested(format_callback)
    protected = [format_callback(obj) for obj in collector.protected]
    model_count = {
        model._meta.verbose_name_plural: len(rows) for model, rows in collector.model_objs.items()
    }
    return to_delete, model_count, perms_needed, protected


def _basis(user) -> str:
    return "Django admin: superuser" if user.is_superuser else "Django admin: system administrator"


class SystemAdministratorOnlyMixin:
    """Admin pages for superusers and system administrators only, whatever else is staff.

    Being staff is not enough: a practitioner made staff by mistake would otherwise read every
    record through the admin, outside their caseload.
    """

    def has_module_permission(self, request):
        return is_system_administrator(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_system_administrator(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args, **kwargs):
        return is_system_administrator(request.user) and super().has_add_permission(
            request, *args, **kwargs
        )

    def has_change_permission(self, request, obj=None):
        return is_system_administrator(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_system_administrator(request.user) and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # What a delete confirmation lists (a team's allocations, a person's household rows)
        # names no restricted child hidden from the administrator, on every admin page.
        return deleted_objects_withheld(objs, request, self.admin_site)


class AdminAuditMixin(SystemAdministratorOnlyMixin):
    """Audit and scope the admin pages of a model that holds people's data.

    - A list page writes one event like a search (``admin_list_action``): which model, the
      names of the filters used, and the people on the page (``result_ids``).
    - A record's page (change, history, an earlier version, the delete confirmation) writes a
      view of it (``admin_view_action``), naming the child when the record is a child's or
      points at one; saving and deleting write ``update``, ``create`` or ``delete`` events.
    - Restricted children, and rows that point at them, are left out of every queryset unless
      the administrator is on the allow-list: to the admin they do not exist, as in a search.
    - Relations to people's records are edited by id (``raw_id_fields``), because a drop-down
      would list every person, restricted children included.
    - Deleting many rows at once is not offered: records go at the end of their retention
      through the disposal job and its IG approval. The delete confirmation names no hidden
      child among what would go with the row, and refuses the delete if there is one.
    """

    admin_list_action = AuditAction.SEARCH
    admin_view_action = AuditAction.VIEW
    # A list event names every person on the page (up to two a row): keep pages small enough
    # for the audit's size limit on an event's detail, "Show all" included.
    list_per_page = 50
    list_max_show_all = 50

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.person_paths = person_paths(model)
        self._person_attnames = [
            field.attname for field in _person_fields(model) if not field.many_to_many
        ]
        by_id = [
            field.name
            for field in model._meta.get_fields()
            if field.is_relation
            and not field.auto_created
            and (field.many_to_one or field.one_to_one or field.many_to_many)
            and field.related_model is not None
            and holds_personal_data(field.related_model)
        ]
        self.raw_id_fields = tuple(dict.fromkeys([*self.raw_id_fields, *by_id]))

    # --- Scope -------------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        hidden = _hidden_children(request.user)
        if hidden:
            for path in self.person_paths:
                queryset = queryset.exclude(**{f"{path}__in": hidden})
        return queryset

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- What a row is about -------------------------------------------------------------------

    def _people_on(self, obj) -> list[int]:
        """The ids of the people a row names directly, without a query."""
        if isinstance(obj, Person):
            return [obj.pk]
        ids = (getattr(obj, attname) for attname in self._person_attnames)
        return [person_id for person_id in ids if person_id is not None]

    def _child_of(self, obj) -> Person | None:
        """The child whose record this row is, or is part of; None for adults and households."""
        if isinstance(obj, Person):
            return obj if obj.is_child_record else None
        for person_id in self._people_on(obj):
            # Read afresh: the audit's own rows name people who may since have been disposed of.
            person = Person.objects.filter(pk=person_id).first()
            if person is not None and person.is_child_record:
                return person
        return None

    # --- Audit -------------------------------------------------------------------------------

    def _audit(self, request, *, action: str, obj, detail: dict | None = None) -> None:
        audit_event_record(
            actor=request.user,
            action=action,
            child=self._child_of(obj),
            obj=obj,
            detail={"allowed": True, "basis": _basis(request.user), **(detail or {})},
            request=request,
        )

    def _object_viewed(self, request, object_id: str, detail: dict | None = None):
        """The row the page shows, audited as viewed; None if it is missing or hidden."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            self._audit(request, action=self.admin_view_action, obj=obj, detail=detail)
        return obj

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            shown = list(changelist.result_list)
            detail = {
                "basis": _basis(request.user),
                "list": f"admin {self.model._meta.label_lower}",
                "criteria": sorted(name for name in request.GET if _PARAMETER_NAME.fullmatch(name)),
            }
            if not any(isinstance(obj, Person) or self._people_on(obj) for obj in shown):
                detail["object_ids"] = [str(obj.pk) for obj in shown]
            audit_listing_record(
                actor=request.user,
                action=self.admin_list_action,
                child_ids=[person_id for obj in shown for person_id in self._people_on(obj)],
                detail=detail,
                request=request,
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A POST is audited as the change it makes (save_model); the GET before it as a view.
        if request.method == "GET":
            self._object_viewed(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        # The confirmation page lists the record and everything that would go with it.
        if request.method == "GET":
            self._object_viewed(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history falls back to a deleted record's history: a restricted child
        # hidden from the queryset would show there, so a record not in it has no history here.
        if self._object_viewed(request, object_id, {"history": True}) is None:
            raise Http404("No such record")
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        version = {"version": int(version_id)} if str(version_id).isdigit() else {}
        if self._object_viewed(request, object_id, {"history": True, **version}) is None:
            raise Http404("No such record")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._audit(
            request,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            obj=obj,
            detail={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        # Audited first, while the row (and the child it names) still exists.
        self._audit(request, action=AuditAction.DELETE, obj=obj)
        super().delete_model(request, obj)


class AuditedAdmin(AdminAuditMixin, admin.ModelAdmin):
    """The admin of a model holding people's data."""


class AuditedHistoryAdmin(AdminAuditMixin, SimpleHistoryAdmin):
    """The admin of such a model that keeps its earlier versions (django-simple-history)."""


def audited_admin_for(model: type[Model]) -> type[admin.ModelAdmin]:
    """The audited admin class for a model: with a "History" page when it keeps versions."""
    tracked = hasattr(model._meta, "simple_history_manager_attribute")
    return AuditedHistoryAdmin if tracked else AuditedAdmin
