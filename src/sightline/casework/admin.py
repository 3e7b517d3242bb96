"""Django admin for the casework records (system administrators only)."""

from django.apps import apps
from django.contrib import admin

for model in apps.get_app_config("casework").get_models():
    admin.site.register(model)
