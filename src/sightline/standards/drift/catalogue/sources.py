"""Citations and threshold shorthands shared by the drift catalogue's modules."""

from __future__ import annotations

from sightline.standards.timescales import Duration, Unit

__all__ = ["CIN_CENSUS", "LOCAL", "OFSTED", "SSDA903", "months", "weeks", "years"]


def months(n: int) -> Duration:
    """``n`` calendar months."""
    return Duration(n, Unit.MONTHS)


def years(n: int) -> Duration:
    """``n`` years, counted as calendar months so that a council can write "18M" instead."""
    return Duration(12 * n, Unit.MONTHS)


def weeks(n: int) -> Duration:
    """``n`` weeks."""
    return Duration(n, Unit.WEEKS)


LOCAL = "Local standard"
CIN_CENSUS = "DfE children in need census and 'Characteristics of children in need' statistics"
SSDA903 = "DfE SSDA903 return and 'Children looked after in England' statistics"
OFSTED = (
    "Ofsted ILACS judgement on the inspected council: insufficient management oversight and "
    "scrutiny let children experience significant drift and delay"
)
