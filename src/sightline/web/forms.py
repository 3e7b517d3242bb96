"""Forms for the shell of the service: sign in and child search, with GOV.UK error messages."""

import datetime as dt
import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from sightline.people.selectors import ChildSearchQuery


class SignInForm(AuthenticationForm):
    """Django's sign-in form with messages written the GOV.UK way: say what to do."""

    error_messages = {
        # Never say which of the two was wrong: that would confirm a username exists.
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account has been disabled. Contact your system administrator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


_NHS_NUMBER = re.compile(r"[0-9]{10}")


class ChildSearchForm(forms.Form):
    """Search by a single box (as in the page header) or by specific details."""

    q = forms.CharField(
        label="Name, LA child ID, NHS number or date of birth", required=False, max_length=200
    )
    first_name = forms.CharField(label="First name", required=False, max_length=100)
    last_name = forms.CharField(label="Last name", required=False, max_length=100)
    la_child_id = forms.CharField(label="LA child ID", required=False, max_length=20)
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=20)
    dob_day = forms.CharField(label="Day", required=False, max_length=2)
    dob_month = forms.CharField(label="Month", required=False, max_length=2)
    dob_year = forms.CharField(label="Year", required=False, max_length=4)

    DETAIL_FIELDS = ("first_name", "last_name", "la_child_id", "nhs_number")
    DATE_FIELDS = ("dob_day", "dob_month", "dob_year")

    def clean_nhs_number(self) -> str:
        digits = re.sub(r"[\s-]", "", self.cleaned_data["nhs_number"])
        if digits and not _NHS_NUMBER.fullmatch(digits):
            raise forms.ValidationError("Enter an NHS number with 10 digits, like 485 777 3456")
        return digits

    def clean(self):
        cleaned = super().clean()
        parts = [cleaned.get(name, "").strip() for name in self.DATE_FIELDS]
        cleaned["date_of_birth"] = None
        if any(parts):
            day, month, year = parts
            missing = [
                n for n, part in zip(("day", "month", "year"), parts, strict=True) if not part
            ]
            if missing:
                self.add_error("dob_day", f"Date of birth must include a {' and '.join(missing)}")
            else:
                try:
                    if len(year) != 4:
                        raise ValueError
                    cleaned["date_of_birth"] = dt.date(int(year), int(month), int(day))
                except ValueError:
                    self.add_error("dob_day", "Date of birth must be a real date")
        if not self.errors and self.to_query().is_empty:
            self.add_error("q", "Enter a name, LA child ID, NHS number or date of birth")
        return cleaned

    @property
    def uses_details(self) -> bool:
        """Whether any specific detail was given, so the page shows those fields open."""
        data = self.data if self.is_bound else {}
        return any(data.get(name) for name in self.DETAIL_FIELDS + self.DATE_FIELDS)

    def to_query(self) -> ChildSearchQuery:
        """The search as the selector takes it; only call once the form is valid."""
        data = self.cleaned_data
        return ChildSearchQuery(
            text=data.get("q", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            la_child_id=data.get("la_child_id", ""),
            nhs_number=data.get("nhs_number", ""),
            date_of_birth=data.get("date_of_birth"),
        )
