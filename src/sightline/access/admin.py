"""Read-only admin views: every change to these goes through `sightline.access.services`.

They name children, so they are scoped and audited like the case records; reading the audit
itself is audited as such (`view_audit`).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from sightline.access.admin_audit import AdminAuditMixin, SystemAdministratorOnlyMixin
from sightline.access.models import (
    AuditAction,
    AuditEvent,
    BreakGlassGrant,
    IGAlert,
    RestrictedRecord,
    RoleChange,
)
from sightline.access.role_changes import (
    role_change_approve,
    role_change_refuse,
    role_change_request,
)
from sightline.standards import codes


class ReadOnlyAdmin(AdminAuditMixin, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    admin_list_action = AuditAction.VIEW_AUDIT
    admin_view_action = AuditAction.VIEW_AUDIT
    list_display = ["sequence", "occurred_at", "actor_username", "actor_role", "action", "child_id"]
    list_filter = ["action"]
    search_fields = ["actor_username", "object_id"]
    # No joins: the actor and child may no longer exist, and the list must stay fast.
    list_select_related = False
    show_full_result_count = False


@admin.register(RestrictedRecord)
class RestrictedRecordAdmin(ReadOnlyAdmin):
    list_display = ["child_id", "reason", "created_by", "created_at"]


@admin.register(BreakGlassGrant)
class BreakGlassGrantAdmin(ReadOnlyAdmin):
    list_display = ["opened_at", "actor", "child_id", "expires_at"]


@admin.register(IGAlert)
class IGAlertAdmin(ReadOnlyAdmin):
    list_display = ["raised_at", "summary", "acknowledged_at", "acknowledged_by"]


class RoleChangeForm(forms.ModelForm):
    to_role = forms.ChoiceField(label="New role", choices=codes.ROLE.choices())

    class Meta:
        model = RoleChange
        fields = ["subject", "to_role", "reason"]


@admin.register(RoleChange)
class RoleChangeAdmin(SystemAdministratorOnlyMixin, admin.ModelAdmin):
    """Ask for a role change here; a second administrator approves or refuses it (actions).

    Saving the form calls `role_change_request`, never the user's role directly; a change once
    asked for is not edited or deleted, only decided.
    """

    form = RoleChangeForm
    list_display = ["requested_at", "subject", "from_role", "to_role", "requested_by", "status"]
    list_filter = ["status"]
    actions = ["approve", "refuse"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = role_change_request(
                actor=request.user,
                subject=form.cleaned_data["subject"],
                role=form.cleaned_data["to_role"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except (PermissionDenied, ValidationError) as error:
            raise PermissionDenied(" ".join(getattr(error, "messages", [str(error)]))) from error
        obj.pk = saved.pk

    def _decide(self, request, queryset, decide, verb: str) -> None:
        for change in queryset:
            try:
                decide(actor=request.user, change=change, request=request)
            except (PermissionDenied, ValidationError) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{change}: {text}", messages.ERROR)
            else:
                self.message_user(request, f"{change}: {verb}", messages.SUCCESS)

    @admin.action(description="Approve the selected role changes")
    def approve(self, request, queryset):
        self._decide(request, queryset, role_change_approve, "approved")

    @admin.action(description="Refuse the selected role changes")
    def refuse(self, request, queryset):
        self._decide(request, queryset, role_change_refuse, "refused")
