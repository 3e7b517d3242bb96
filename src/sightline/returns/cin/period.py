"""The census period of a CIN collection year: 1 April to 31 March."""

from __future__ import annotations

from datetime import date


def census_reference_date(collection_year: str) -> date:
    """The census end (31 March) of a collection year written "2025-26"."""
    try:
        start, end = collection_year.split("-")
        year = int(start) + 1
        if len(start) != 4 or len(end) != 2 or int(end) != year % 100:
            raise ValueError
    except ValueError:
        raise ValueError(
            f"collection year {collection_year!r} is not of the form 2025-26"
        ) from None
    return date(year, 3, 31)
