"""The Django admin site, for system administrators only.

Django lets any active staff user into the admin and leaves each page to the model's
permissions. Sightline narrows the whole site: only a superuser or a staff user whose role is
system administrator gets in, so pages Sightline does not define itself (sign-in attempts,
two-factor devices, groups) are no wider than the audited record pages
(`access.admin_audit`).
"""

from __future__ import annotations

import functools

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SightlineAdminSite(admin.AdminSite):
    site_header = "Sightline administration"
    site_title = "Sightline administration"

    def has_permission(self, request) -> bool:
        # Imported here: this module is loaded with the app configs, before any model is.
        from sightline.access.admin_audit import is_system_administrator

        return is_system_administrator(request.user)

    def admin_view(self, view, cacheable=False):
        """Every admin page, with a refused signed-in user audited (once per request)."""
        inner = super().admin_view(view, cacheable)

        @functools.wraps(inner)
        def audited(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                from sightline.access.services import refusal_record

                refusal_record(request=request, what="administration")
            return inner(request, *args, **kwargs)

        return audited


class SightlineAdminConfig(AdminConfig):
    default_site = "sightline.access.admin_site.SightlineAdminSite"
