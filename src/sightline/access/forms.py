"""Forms of the access pages: break-glass reason, one-time codes, alert acknowledgement."""

from django import forms

from sightline.access.services import BREAK_GLASS_REASON_MIN_LENGTH


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need this record now?",
        help_text=(
            "Information governance will review this. Say what has happened and why it cannot "
            "wait for the allocated worker or their manager."
        ),
        min_length=BREAK_GLASS_REASON_MIN_LENGTH,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class OneTimeCodeForm(forms.Form):
    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Enter the 6-digit code shown in your authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class AlertAcknowledgeForm(forms.Form):
    note = forms.CharField(
        label="What did you find?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
