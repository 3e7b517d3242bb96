"""Django admin for staff, teams and allocations: system administrators only.

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


@admin.register(models.Service, models.Team)
class OrganisationAdmin(SystemAdministratorOnlyMixin, admin.ModelAdmin):
    pass


admin.site.register(models.Allocation, AuditedAdmin)
admin.site.register(models.Supervision, AuditedAdmin)
