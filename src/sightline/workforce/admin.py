"""Django admin for staff, teams and allocations (system administrators only)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from sightline.workforce import models


@admin.register(models.User)
class StaffUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Sightline", {"fields": ("role", "team", "job_title", "is_agency_worker", "qualified_on")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "team", "is_active")
    list_filter = ("role", "team", "is_active")


admin.site.register(models.Service)
admin.site.register(models.Team)
admin.site.register(models.Allocation)
admin.site.register(models.Supervision)
