"""System checks: a council's local standards are read when Sightline starts, not first used.

A local standard that loosens a statutory timescale, names an unknown rule or cannot be read
stops `sightline check`, `migrate` and the server at start-up with the rule and regulation named,
rather than failing on the first page that counts a clock.
"""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def local_standards_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from sightline.oversight.services import council_standards

    try:
        council_standards()
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error),
                hint="Correct SIGHTLINE_LOCAL_STANDARDS; the Timescales page lists every rule.",
                id="sightline.E001",
            )
        ]
    return []


@checks.register()
def drift_standards_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from sightline.oversight.selectors.findings import drift_standards

    try:
        drift_standards()
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error),
                hint="Correct SIGHTLINE_DRIFT_STANDARDS; docs/findings.md lists every rule.",
                id="sightline.E002",
            )
        ]
    return []


@checks.register()
def escalation_standards_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from sightline.oversight.findings.standards import caseload_weights, escalation_standards

    errors = []
    for read, setting, code in (
        (escalation_standards, "SIGHTLINE_ESCALATION_DAYS", "sightline.E003"),
        (caseload_weights, "SIGHTLINE_CASELOAD_WEIGHTS", "sightline.E004"),
    ):
        try:
            read()
        except ImproperlyConfigured as error:
            errors.append(
                checks.Error(str(error), hint=f"Correct {setting}; see docs/findings.md.", id=code)
            )
    return errors
