"""Template filters for how Sightline writes identifiers, codes and ages."""

import datetime as dt

from django import template
from django.utils import timezone

from sightline.standards import codes

register = template.Library()


@register.filter
def nhs_number(value: str) -> str:
    """An NHS number in the 3-3-4 grouping printed on NHS letters and cards: 485 777 3456."""
    if value and len(value) == 10 and value.isdigit():
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return value


@register.filter
def code_label(value: str, code_set: str) -> str:
    """The label of ``value`` in the code set named ``code_set`` in ``standards.codes``."""
    return getattr(codes, code_set).label(value) if value else ""


def _whole_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _whole_months(born: dt.date, on: dt.date) -> int:
    return (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)


@register.filter
def age(person) -> str:
    """A child's age as colleagues say it: "7 years", "5 months", "Unborn", "Died aged 3 years"."""
    born = person.date_of_birth
    if born is None:
        return "Unborn" if person.expected_date_of_birth else ""
    on = person.date_of_death or timezone.localdate()
    years = _whole_years(born, on)
    if years >= 2:
        said = f"{years} years"
    else:
        months = _whole_months(born, on)
        said = f"{months} month{'' if months == 1 else 's'}"
    return f"Died aged {said}" if person.date_of_death else said


@register.filter
def error_links(form) -> list[tuple[str, str]]:
    """(field id, message) pairs for a GOV.UK error summary, each linking to its field.

    An error about the form as a whole (such as a wrong password) links to its first field;
    a date's error links to the date's first box, which is where ``ChildSearchForm`` puts it.
    """
    if not form.errors:
        return []
    fields = list(form)
    links = [(fields[0].id_for_label, message) for message in form.non_field_errors()]
    for field in fields:
        links.extend((field.id_for_label, message) for message in field.errors)
    return links
