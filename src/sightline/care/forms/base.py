"""What every care recording form shares: date boxes, optional dates, and a layout the one
care form template renders (``templates/care/record_form.html``)."""

from __future__ import annotations

import datetime as dt

from django import forms

from sightline.casework.forms import DateParts, RecordingForm, VersionedForm

__all__ = ["CareForm", "CareVersionedForm", "date_boxes", "select_choices"]


def date_boxes() -> tuple[forms.CharField, forms.CharField, forms.CharField]:
    """The day, month and year boxes of one GOV.UK date input."""
    return (
        forms.CharField(label="Day", required=False, max_length=2),
        forms.CharField(label="Month", required=False, max_length=2),
        forms.CharField(label="Year", required=False, max_length=4),
    )


def select_choices(code_set, *, blank: str) -> list[tuple[str, str]]:
    """A code set's choices for a select, led by a blank option that says what to do."""
    return [("", blank), *code_set.choices()]


class _Layout:
    """The page's fields in order, each one of the kinds the template knows how to draw.

    ``LAYOUT`` holds ``("date", prefix, legend, hint)``, ``("radios", name, hint, inline)``,
    ``("select", name, hint)``, ``("text", name, hint, width class)`` or
    ``("textarea", name, hint)``.
    """

    HEADING = ""
    LAYOUT: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Check your answers lists the answers in the order the page asks them.
        order = []
        for kind, name, *_ in self.LAYOUT:
            order += (
                [f"{name}_{part}" for part in ("day", "month", "year")]
                if kind == "date"
                else [name]
            )
        self.order_fields(order)

    def layout(self) -> list[dict]:
        items = []
        for kind, name, *rest in self.LAYOUT:
            if kind == "date":
                legend, hint = rest
                items.append(
                    {
                        "kind": kind,
                        "day": self[f"{name}_day"],
                        "month": self[f"{name}_month"],
                        "year": self[f"{name}_year"],
                        "legend": legend,
                        "hint": hint,
                    }
                )
                continue
            hint = rest[0] if rest else ""
            extra = rest[1] if len(rest) > 1 else ""
            items.append({"kind": kind, "field": self[name], "hint": hint, "extra": extra})
        return items

    def date_on(self, prefix: str, label: str, *, optional: bool = False) -> dt.date | None:
        """The date in the boxes: today or earlier, not before the child was born.

        An ``optional`` date left wholly blank is None without an error.
        """
        parts = [self.data.get(f"{prefix}_{part}", "") for part in ("day", "month", "year")]
        if optional and not any(str(p).strip() for p in parts):
            return None
        born = self.child.date_of_birth if self.child is not None else None
        words = f"the child was born ({born.day} {born:%B %Y})" if born else ""
        return self.date(prefix, label, not_before=born, not_before_words=words)


class CareForm(_Layout, RecordingForm):
    """A care recording form that creates a record."""


class CareVersionedForm(_Layout, VersionedForm):
    """A care recording form that changes an existing record (it carries its version)."""


def date_parts(day: dt.date | None, prefix: str) -> dict[str, str]:
    """A saved date as the three boxes' initial values."""
    return {
        f"{prefix}_day": str(day.day) if day else "",
        f"{prefix}_month": str(day.month) if day else "",
        f"{prefix}_year": str(day.year) if day else "",
    }


__all__ += ["DateParts", "date_parts"]
