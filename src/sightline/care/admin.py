"""Django admin for the care records: system administrators only, every read audited."""

from django.apps import apps
from django.contrib import admin
from simple_history.models import HistoricalChanges

from sightline.access.admin_audit import audited_admin_for

for model in apps.get_app_config("care").get_models():
    # A record's earlier versions are read on its own "History" page, not as a model of their own.
    if issubclass(model, HistoricalChanges):
        continue
    admin.site.register(model, audited_admin_for(model))
