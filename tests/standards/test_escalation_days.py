"""Escalation days: the defaults, a council's own, and settings that cannot apply."""

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from sightline.oversight.checks import escalation_standards_check
from sightline.oversight.findings.standards import caseload_weights, escalation_standards
from sightline.standards.drift import Severity
from sightline.standards.drift.escalation import escalation_days


def test_the_defaults_are_one_five_and_ten_working_days():
    assert escalation_days() == {Severity.CRITICAL: 1, Severity.SERIOUS: 5, Severity.WARNING: 10}


def test_a_council_sets_some_and_keeps_the_default_of_the_rest():
    days = escalation_days("serious=3, warning=15WD")
    assert days == {Severity.CRITICAL: 1, Severity.SERIOUS: 3, Severity.WARNING: 15}


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("urgent=2", "unknown severity 'urgent'"),
        ("serious", "write severity=working days"),
        ("serious=0", "from 1 to 60"),
        ("serious=61", "from 1 to 60"),
        ("serious=2.5", "from 1 to 60"),
        ("serious=2,serious=3", "serious is set twice"),
    ],
)
def test_a_setting_that_cannot_apply_is_refused_naming_the_entry(setting, message):
    with pytest.raises(ValueError, match=message):
        escalation_days(setting)


def test_the_system_check_stops_start_up_on_a_bad_setting(settings):
    settings.SIGHTLINE_ESCALATION_DAYS = "critical=none"
    errors = escalation_standards_check()
    assert [error.id for error in errors] == ["sightline.E003"]
    assert errors[0].level == checks.ERROR
    with pytest.raises(ImproperlyConfigured):
        escalation_standards()


def test_caseload_weights_take_a_councils_own_and_refuse_nonsense(settings):
    settings.SIGHTLINE_CASELOAD_WEIGHTS = "CP=2,cin=0.8"
    weights = caseload_weights()
    assert (weights["CP"], weights["CIN"], weights["LAC"]) == (2.0, 0.8, 1.5)
    settings.SIGHTLINE_CASELOAD_WEIGHTS = "CP=-1"
    assert [error.id for error in escalation_standards_check()] == ["sightline.E004"]
    settings.SIGHTLINE_CASELOAD_WEIGHTS = "SEN=1"
    with pytest.raises(ImproperlyConfigured, match="TYPE one of"):
        caseload_weights()
