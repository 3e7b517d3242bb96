"""The upload form: what the document is, its date, and the file."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone

from sightline.casework.forms import DateParts
from sightline.documents.models import DocumentKind


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=DocumentKind.choices,
        error_messages={"required": "Select what kind of document it is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter a title, such as 'School report, summer term'",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    dated_day = forms.CharField(required=False, max_length=2)
    dated_month = forms.CharField(required=False, max_length=2)
    dated_year = forms.CharField(required=False, max_length=4)
    file = forms.FileField(
        label="File",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.SIGHTLINE_DOCUMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // (1024 * 1024)} MB"
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        dated = DateParts.read(self, "dated", "date of the document")
        if dated is not None and dated > timezone.localdate():
            self.add_error("dated_day", "The date of the document must be today or in the past")
            dated = None
        cleaned["dated"] = dated
        return cleaned
