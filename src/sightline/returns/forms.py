"""Forms of the Returns pages: which return to produce for which year, and a file to check.

Messages are written the GOV.UK way (say what to do). A date is asked for as three boxes, like
every other date in the service; the collection year is chosen from the years a council can
still be asked about (this one and the three before it).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from sightline.returns.produce.years import CollectionYear

RETURN_CHOICES = (
    ("cin", "CIN census (XML)"),
    ("ssda903", "SSDA903 looked-after children (zip of CSV tables)"),
    ("annex-a", "Ofsted Annex A (Excel workbook)"),
)
CHECK_CHOICES = (
    ("cin", "CIN census (an XML file)"),
    ("ssda903", "SSDA903 (a zip of the CSV tables, or the XML form)"),
    ("annex-a", "Ofsted Annex A (an .xlsx workbook)"),
)
# What each kind of upload may be called, checked before a byte of it is read.
ACCEPTED_SUFFIXES = {"cin": (".xml",), "ssda903": (".zip", ".xml"), "annex-a": (".xlsx",)}


def collection_year_choices(today: dt.date | None = None) -> list[tuple[str, str]]:
    """This collection year and the three before it, newest first ("2025-26")."""
    today = today or timezone.localdate()
    first = today.year if today.month >= 4 else today.year - 1
    labels = [f"{year}-{(year + 1) % 100:02d}" for year in range(first, first - 4, -1)]
    return [(label, label) for label in labels]


class _DateParts(forms.Form):
    """An optional date typed as day, month and year; ``cleaned_data["as_at"]`` is the date."""

    as_at_day = forms.CharField(label="Day", required=False, max_length=2)
    as_at_month = forms.CharField(label="Month", required=False, max_length=2)
    as_at_year = forms.CharField(label="Year", required=False, max_length=4)

    date_label = "the as-at date"

    def _as_at(self) -> dt.date | None:
        parts = [self.cleaned_data.get(f"as_at_{n}", "").strip() for n in ("day", "month", "year")]
        if not any(parts):
            return None
        missing = [n for n, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            self.add_error(
                "as_at_day", f"{self.date_label.capitalize()} must include a {missing[0]}"
            )
            return None
        if not all(part.isascii() and part.isdigit() for part in parts):
            self.add_error("as_at_day", f"Enter {self.date_label} using numbers, like 31 3 2026")
            return None
        try:
            day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self.add_error("as_at_day", f"{self.date_label.capitalize()} must be a real date")
            return None
        if day > timezone.localdate():
            self.add_error(
                "as_at_day", f"{self.date_label.capitalize()} must be today or in the past"
            )
            return None
        return day


class ProduceForm(_DateParts):
    """Which return to produce, for which collection year, as at which day."""

    kind = forms.ChoiceField(
        label="Which return",
        choices=RETURN_CHOICES,
        error_messages={"required": "Select which return to produce"},
    )
    year = forms.ChoiceField(
        label="Collection year",
        choices=(),
        error_messages={"required": "Select the collection year"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = collection_year_choices()
        self.fields["year"].error_messages["invalid_choice"] = (
            "Select a collection year from the list"
        )
        self.fields["kind"].error_messages["invalid_choice"] = "Select a return from the list"

    def clean(self):
        cleaned = super().clean()
        as_at = self._as_at()
        cleaned["as_at"] = as_at
        kind, label = cleaned.get("kind"), cleaned.get("year")
        if kind is None or label is None or self.has_error("as_at_day"):
            return cleaned
        if kind == "annex-a":
            # Annex A is the six months up to a day; without a day, up to today or the year's end.
            year = CollectionYear.parse(label)
            cleaned["as_at"] = as_at or min(year.reference_date, timezone.localdate())
            if cleaned["as_at"] < year.start:
                self.add_error("as_at_day", f"The as-at date must be in the {label} year")
            return cleaned
        try:
            cleaned["collection_year"] = CollectionYear.parse(
                label, as_at=as_at or min(CollectionYear.parse(label).reference_date, _today())
            )
        except ValueError as error:
            self.add_error("as_at_day", _sentence(str(error)))
        return cleaned


class CheckForm(_DateParts):
    """A council's return file to check: which return it is, its year and the file."""

    kind = forms.ChoiceField(
        label="Which return is the file",
        choices=CHECK_CHOICES,
        error_messages={"required": "Select which return the file is"},
    )
    year = forms.ChoiceField(
        label="Collection year",
        choices=(),
        error_messages={"required": "Select the collection year of the file"},
    )
    file = forms.FileField(
        label="Upload the file",
        error_messages={
            "required": "Select the return file to check",
            "empty": "The selected file is empty",
            "invalid": "Select the return file to check",
        },
    )

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["year"].choices = collection_year_choices()
        self.fields["year"].error_messages["invalid_choice"] = (
            "Select a collection year from the list"
        )
        self.fields["kind"].error_messages["invalid_choice"] = "Select a return from the list"

    def clean(self):
        cleaned = super().clean()
        as_at = self._as_at()
        label, kind, upload = cleaned.get("year"), cleaned.get("kind"), cleaned.get("file")
        if label is not None and not self.has_error("as_at_day"):
            year = CollectionYear.parse(label)
            # Clocks are judged at the end of the year's census, or today while it runs.
            cleaned["as_at"] = as_at or min(year.reference_date, _today())
            if cleaned["as_at"] < year.start:
                self.add_error("as_at_day", f"The as-at date must be in the {label} year")
        if upload is not None and kind is not None:
            self._check_file(kind, upload)
        return cleaned

    def _check_file(self, kind: str, upload) -> None:
        suffixes = ACCEPTED_SUFFIXES[kind]
        name = (upload.name or "").lower()
        if not name.endswith(suffixes):
            named = " or ".join(s.lstrip(".").upper() for s in suffixes)
            self.add_error("file", f"The selected file must be {_a(named)} {named} file")
            return
        if upload.size > self.max_bytes:
            self.add_error(
                "file",
                f"The selected file must be smaller than {self.max_bytes // (1024 * 1024)} MB",
            )
            return
        head = upload.read(512)
        upload.seek(0)
        looks = _looks_like(head)
        wanted = "xml" if name.endswith(".xml") else "zip"
        if looks != wanted:
            what = {"xml": "an XML file", "zip": "a zip or Excel file"}[wanted]
            self.add_error(
                "file", f"The selected file is not {what} inside: check it is the return"
            )


def _looks_like(head: bytes) -> str | None:
    """ "xml" or "zip" by the file's first bytes, or None."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"\xff\xfe") or text.startswith(b"\xfe\xff"):
        return "xml"  # UTF-16 with a byte-order mark: the reader says what it expected
    return "xml" if text.startswith(b"<") else None


def _a(word: str) -> str:
    return "an" if word[:1] in "AEIOUX" else "a"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _today() -> dt.date:
    return timezone.localdate()
