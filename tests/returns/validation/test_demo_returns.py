"""Sightline's own returns validate: a seeded demo council's CIN census and SSDA903 return,
written by the return writers, break no DfE error rule; the queries they raise are the ones
docs/returns.md ("## Validation", "Queries on the demo council's returns") lists and explains.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.test import override_settings
from lxml import etree

from sightline.returns import cin
from sightline.returns.produce.cin import cin_census_write, cin_schema
from sightline.returns.produce.ssda903 import ssda903_write
from sightline.returns.produce.years import CollectionYear
from sightline.returns.ssda903 import validate_directory

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = CollectionYear.parse("2025-26")
LA = "873"  # a real LA code: UPNs carry it, and rule 1530 checks it is one

# The queries the seeded council may raise, each explained in docs/returns.md. A query outside
# these is a new fault of the writer or the demo data, and fails the test.
CIN_QUERIES_EXPLAINED = frozenset({"2887Q", "8670Q", "8873Q"})
SSDA903_QUERIES_EXPLAINED: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def council(django_db_setup, django_db_blocker, tmp_path_factory):
    """A small seeded council's 2025-26 returns, written once for the module."""
    from sightline.demo.council import seed_council

    folder = tmp_path_factory.mktemp("returns")
    with django_db_blocker.unblock(), override_settings(SIGHTLINE_COUNCIL_CODE=LA):
        seed_council(population=1500, years=2, seed=3, as_at=date(2026, 3, 31), la_code=LA)
        try:
            census = folder / "cin.xml"
            cin_census_write(year=YEAR, out=census)
            ssda903 = folder / "ssda903"
            ssda903.mkdir()
            ssda903_write(year=YEAR, out=ssda903)
        finally:
            call_command("flush", interactive=False, verbosity=0)
    return census, ssda903


def _summary(issues):
    return issues.group_by("rule", "type").len().sort("rule").rows()


def _described(issues) -> str:
    """Each rule broken, how often, and its first issue: enough to find the fault."""
    counts = dict(issues.group_by("rule").len().rows())
    first = issues.unique("rule", keep="first", maintain_order=True).sort("rule")
    return "\n".join(
        f"{d['rule']} x{counts[d['rule']]}: {d['child_id']} {d['table']}[{d['row']}] "
        f"{d['field']}={d['value']!r} - {d['message']}"
        for d in first.to_dicts()
    )


def test_the_demo_councils_cin_census_has_no_errors(council):
    census, _ = council
    tables, validation = cin.validate_file(census)
    assert tables.tables["children"].height > 50
    errors = validation.issues.filter(validation.issues["type"] == "error")
    assert errors.height == 0, _described(errors)
    queries = set(validation.issues["rule"])
    assert queries <= CIN_QUERIES_EXPLAINED, _described(validation.issues)


def test_the_demo_councils_cin_census_fits_the_xsd(council):
    census, _ = council
    schema = cin_schema(YEAR)
    assert schema.validate(etree.parse(str(census))), schema.error_log.filter_from_errors()[:3]


def test_the_demo_councils_ssda903_return_has_no_errors(council):
    _, directory = council
    tables, validation = validate_directory(directory)
    assert tables.tables["Header"].height > 20
    # The OC2 rows carry the conviction and substance misuse items, and the episodes their URNs.
    assert tables.tables["OC2"]["SUBSTANCE_MISUSE"].is_not_null().any()
    assert tables.tables["Episodes"]["URN"].is_not_null().any()
    errors = validation.issues.filter(validation.issues["type"] == "error")
    assert errors.height == 0, _described(errors)
    queries = set(validation.issues.filter(validation.issues["type"] == "query")["rule"])
    assert queries <= SSDA903_QUERIES_EXPLAINED, _described(validation.issues)
