"""Forms of the data-protection pages: subject access export and disposal approval."""

from django import forms

from sightline.access.sar.export import REFERENCE_MAX_LENGTH


class SubjectAccessForm(forms.Form):
    la_child_id = forms.CharField(label="LA child ID", max_length=20, strip=True)
    reference = forms.CharField(
        label="Request reference (optional)",
        help_text="From the subject access request log, e.g. SAR-2025-0142",
        max_length=REFERENCE_MAX_LENGTH,
        required=False,
        strip=True,
    )
    file_format = forms.ChoiceField(choices=[("pdf", "PDF"), ("json", "JSON")])
