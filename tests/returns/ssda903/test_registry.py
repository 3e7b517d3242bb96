"""The 2025-26 ruleset holds every code of the DfE catalogue, each with its message and fields."""

from __future__ import annotations

import csv
from pathlib import Path

from sightline.returns.ssda903 import ruleset
from sightline.returns.ssda903.rules import CATALOGUE
from sightline.returns.ssda903.rules._base import CATALOGUE_PATH

SHARED = Path("/work/shared/domain/ssda903-rules-2025-26.csv")


def _codes(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def test_registered_codes_are_exactly_the_catalogue():
    registered = set(ruleset("2025-26").rules)
    catalogue = set(_codes(CATALOGUE_PATH))
    assert len(catalogue) == 311
    assert registered == catalogue


def test_catalogue_kept_in_the_package_matches_the_published_one():
    if SHARED.exists():
        assert SHARED.read_bytes() == CATALOGUE_PATH.read_bytes()
    assert len(CATALOGUE) == 311


def test_rules_carry_message_fields_year_and_type():
    for code, rule in ruleset().rules.items():
        assert rule.message == CATALOGUE[code]["message"].strip()
        assert rule.fields, code
        assert rule.years == ("2025-26",)
        assert rule.type == ("query" if code.endswith("Q") else "error")


def test_rules_needing_optional_inputs_say_which():
    needs = {code: rule.needs for code, rule in ruleset().rules.items() if rule.needs}
    assert needs["1008"] == frozenset({"providers"})
    assert needs["503A"] == frozenset({"previous"})
    assert needs["392a"] == frozenset({"placement_location"})
    assert "101" not in needs
