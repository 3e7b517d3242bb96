"""Django admin for staff, teams and allocations: system administrators only.

A user's role, staff and superuser flags, groups and permissions are read-only here: they are
changed through `sightline.access.role_changes` (a request, a second administrator's approval,
the hash-chained audit and an IG alert).

Allocations name children and supervision notes discuss them, so reading either is audited like
the case records (`sightline.access.admin_audit`).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sightline.access.admin_audit import AuditedAdmin, SystemAdministratorOnlyMixin
from sightline.workforce import models


@admin.register(models.User)
class StaffUserAdmin(SystemAdministratorOnlyMixin, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "Sightline",
            {"fields": ("role", "team", "job_title", "is_agency_worker", "qualified_on")},
        ),
    )
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")

    # What a user may see is their role (and staff/superuser for the admin itself): changed only
    # through an audited role change that a second administrator approves
    # (`sightline.access.role_changes`, "Role changes" in this admin), never on this form.
    access_fields = ("role", "is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.access_fields)


@admin.register(models.Service, models.Team)
class OrganisationAdmin(SystemAdministratorOnlyMixin, admin.ModelAdmin):
    pass


admin.site.register(models.Allocation, AuditedAdmin)
admin.site.register(models.Supervision, AuditedAdmin)
