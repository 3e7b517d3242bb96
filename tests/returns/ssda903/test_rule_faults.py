"""The mutation test: a clean synthetic return passes every rule; one injected fault per rule
makes exactly that rule fire, at the child and table faulted, beside only the rules the fault
itself also breaks (listed and reviewed in faults.ALSO).

Rules the mutation test cannot cover: none of the 311 — the rules that need last year's return
or the Ofsted provider list are covered by giving them (`previous_rows`, `providers`).
"""

from __future__ import annotations

import pytest

from sightline.returns.ssda903 import return_tables, validate_tables
from sightline.returns.ssda903.reader import tables_from_rows
from sightline.returns.ssda903.rules import CATALOGUE, RULESET

from .clean_return import build, clean_rows, previous_rows, providers
from .faults import ALSO, FAULTS, PROVIDER_FAULTS

ALL = [(f, None) for f in FAULTS] + PROVIDER_FAULTS


def _validate(fault, provider_edit):
    rows, previous = clean_rows(), previous_rows()
    fault.edit(rows, previous)
    listing = providers() if provider_edit is None else provider_edit(providers())
    tables = return_tables(
        tables_from_rows(rows),
        previous=tables_from_rows(previous),
        lookups={"providers": listing},
    )
    return validate_tables(tables)


def test_clean_return_passes_every_rule():
    validation = validate_tables(build())
    assert validation.issues.height == 0, validation.issues.to_dicts()[:5]
    assert validation.rules_run == len(RULESET.rules) == 311
    assert validation.skipped == {}


def test_every_rule_has_exactly_one_fault():
    codes = [f.code for f, _ in ALL]
    assert len(codes) == len(set(codes))
    assert set(codes) == set(CATALOGUE)


def test_also_lists_only_faulted_rules():
    assert set(ALSO) <= {f.code for f, _ in ALL}
    assert all(code not in others for code, others in ALSO.items())


@pytest.mark.parametrize(("fault", "provider_edit"), ALL, ids=[f.code for f, _ in ALL])
def test_injected_fault_fires_exactly_its_rule(fault, provider_edit):
    validation = _validate(fault, provider_edit)
    fired = set(validation.issues["rule"].to_list())
    assert fired == {fault.code} | ALSO.get(fault.code, set())
    mine = validation.issues.filter(validation.issues["rule"] == fault.code)
    assert (fault.child, fault.table) in set(zip(mine["child_id"], mine["table"], strict=True))


def _fired_sw12(edit) -> set[str]:
    rows = clean_rows()
    edit(rows)
    tables = return_tables(tables_from_rows(rows))
    issues = validate_tables(tables).issues
    return set(issues.filter(issues["rule"] == "SW12STG2")["child_id"].to_list())


def _sw_start(child: str, start: str):
    def edit(rows):
        first = next(r for r in rows["SWEpisodes"] if r["CHILD"] == child)
        first["SW_DECOM"] = start

    return edit


def test_sw12_social_workers_from_the_day_a_child_came_into_care_are_the_full_year():
    # C5 came into care on 15/09/2025: a social worker from that day reports all there was.
    assert _fired_sw12(_sw_start("C5", "15/09/2025")) == set()
    assert _fired_sw12(_sw_start("C5", "16/09/2025")) == {"C5"}


def test_sw12_a_child_in_care_all_year_needs_social_workers_from_the_first_day():
    # C7 has been looked after since before the year: episodes must start by 1 April.
    assert _fired_sw12(_sw_start("C7", "01/04/2025")) == set()
    assert _fired_sw12(_sw_start("C7", "02/04/2025")) == {"C7"}
