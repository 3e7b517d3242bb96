"""Citations and duration shorthands shared by the catalogue's modules."""

from __future__ import annotations

from sightline.standards.timescales.durations import Duration, Unit

__all__ = [
    "ADOPTION",
    "CPPCR",
    "EDUCATION",
    "HEALTH",
    "LEAVERS",
    "LOCAL",
    "PLO",
    "PRIVATE_FOSTERING",
    "WT",
    "days",
    "months",
    "wd",
    "weeks",
]


def wd(n: int) -> Duration:
    """``n`` working days."""
    return Duration(n, Unit.WORKING_DAYS)


def days(n: int) -> Duration:
    """``n`` calendar days."""
    return Duration(n, Unit.CALENDAR_DAYS)


def weeks(n: int) -> Duration:
    """``n`` weeks."""
    return Duration(n, Unit.WEEKS)


def months(n: int) -> Duration:
    """``n`` calendar months."""
    return Duration(n, Unit.MONTHS)


# The sources most rules cite, spelled once.
WT = "Working Together to Safeguard Children 2023, ch. 3"
CPPCR = "Care Planning, Placement and Case Review (England) Regulations 2010"
HEALTH = "Promoting the health and well-being of looked-after children (statutory guidance, 2015)"
EDUCATION = (
    "Promoting the education of looked-after children and previously looked-after children "
    "(statutory guidance, 2018)"
)
LEAVERS = "Care Leavers (England) Regulations 2010"
LOCAL = "Local standard"
ADOPTION = "Adoption Agencies Regulations 2005"
PRIVATE_FOSTERING = "Children (Private Arrangements for Fostering) Regulations 2005"
PLO = (
    "Public Law Outline (Practice Direction 12A) and the Public Law Working Group's "
    "pre-proceedings best-practice guidance (2021)"
)
