"""Django admin for the care records (system administrators only)."""

from django.apps import apps
from django.contrib import admin

for model in apps.get_app_config("care").get_models():
    admin.site.register(model)
