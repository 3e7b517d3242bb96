"""Django admin for the people records (system administrators only)."""

from django.apps import apps
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalChanges

for model in apps.get_app_config("people").get_models():
    # A record's earlier versions are read on its own "History" page, not as a model of their own.
    if issubclass(model, HistoricalChanges):
        continue
    tracked = hasattr(model._meta, "simple_history_manager_attribute")
    admin.site.register(model, SimpleHistoryAdmin if tracked else admin.ModelAdmin)
