"""Read-only admin views: every change to these goes through `sightline.access.services`.

They name children, so they are scoped and audited like the case records; reading the audit
itself is audited as such (`view_audit`).
"""

from django.contrib import admin

from sightline.access.admin_audit import AdminAuditMixin
from sightline.access.models import (
    AuditAction,
    AuditEvent,
    BreakGlassGrant,
    IGAlert,
    RestrictedRecord,
)


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
