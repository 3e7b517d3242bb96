"""Tests for the indicator catalogue, RAG ratings and the targets and comparators CSV files."""

import io

import pytest

from sightline.standards.indicators import (
    INDICATORS,
    IndicatorFileError,
    Polarity,
    indicator,
    load_comparators,
    load_targets,
    rag,
    with_targets,
)

DOMAIN_IDS = [
    "K-CONTACTS",
    "K-CONTACT-1WD",
    "K-CONVERSION",
    "K-REFERRALS",
    "K-REREFERRAL",
    "K-REFERRAL-NFA",
    "K-ASSESS-45",
    "K-ASSESS-NOT-IN-NEED",
    "K-REPEAT-CONTACT",
    "K-S47",
    "K-ICPC-15",
    "K-CPP-RATE",
    "K-CPP-REPEAT",
    "K-CPP-2YR",
    "K-CPP-REVIEW",
    "K-CP-VISITS",
    "K-SEEN-ALONE",
    "K-CLA-RATE",
    "K-CLA-3PLACE",
    "K-CLA-STABLE",
    "K-LAC-REVIEW",
    "K-LAC-VISITS",
    "K-HEALTH",
    "K-DENTAL",
    "K-DEV-CHECK",
    "K-MISSING",
    "K-RHI",
    "K-PERMANENCE",
    "K-DISTANCE",
    "K-PROCEEDINGS-26",
    "K-CL-TOUCH",
    "K-CL-ACCOM",
    "K-CL-EET",
    "K-CL-PATHWAY",
    "K-A1",
    "K-A2",
    "K-CASELOAD",
    "K-UNALLOCATED",
    "K-WORKER-CHANGES",
    "K-OVERSIGHT",
    "K-SUPERVISION",
    "K-OVERDUE",
    "K-AUDIT-GOOD",
    "K-DRIFT",
]


def test_catalogue_holds_every_indicator_of_the_domain_file_once_in_order():
    assert [i.id for i in INDICATORS] == DOMAIN_IDS


def test_every_england_figure_names_its_year_and_source():
    for item in INDICATORS:
        if item.england is not None:
            assert item.england.year and item.england.source, item.id


def test_unavailable_indicators_say_what_the_dataset_lacks():
    missing = [i for i in INDICATORS if not i.available]
    assert {i.id for i in missing} == {
        "K-DISTANCE",
        "K-CL-ACCOM",
        "K-CL-EET",
        "K-AUDIT-GOOD",
        "K-DRIFT",
    }
    assert all(i.caveats.startswith("Not available from this dataset") for i in missing)


def test_rag_higher_is_better_green_at_target_amber_within_tolerance_red_beyond():
    rate = dict(target=85.0, tolerance=5.0, polarity=Polarity.HIGHER_IS_BETTER)
    assert rag(85.0, **rate) == "green"
    assert rag(80.0, **rate) == "amber"
    assert rag(79.9, **rate) == "red"


def test_rag_lower_is_better_turns_red_above_target_plus_tolerance():
    rate = dict(target=22.6, tolerance=3.0, polarity=Polarity.LOWER_IS_BETTER)
    assert rag(20.0, **rate) == "green"
    assert rag(25.6, **rate) == "amber"
    assert rag(25.7, **rate) == "red"


def test_context_indicators_and_missing_values_have_no_rag():
    assert rag(50.0, target=10.0, tolerance=1.0, polarity=Polarity.CONTEXT) is None
    assert rag(None, target=10.0, tolerance=1.0, polarity=Polarity.HIGHER_IS_BETTER) is None


def test_targets_file_replaces_the_default_target_and_tolerance():
    targets = load_targets(io.StringIO("indicator_id,target,tolerance\nK-ASSESS-45,90,2\n"))
    assert targets == {"K-ASSESS-45": (90.0, 2.0)}
    changed = {i.id: i for i in with_targets(targets)}
    assert (changed["K-ASSESS-45"].target, changed["K-ASSESS-45"].tolerance) == (90.0, 2.0)
    assert changed["K-ICPC-15"].target == indicator("K-ICPC-15").target


def test_targets_file_lists_every_bad_row_with_line_column_and_value():
    text = (
        "indicator_id,target,tolerance\n"
        "K-ASSESS-45,ninety,5\n"
        "K-NOPE,10,1\n"
        "K-ICPC-15,101,1\n"
        "K-ASSESS-45,90,5\n"
    )
    with pytest.raises(IndicatorFileError) as raised:
        load_targets(io.StringIO(text), name="targets.csv")
    problems = [(p.file, p.line, p.column, p.value) for p in raised.value.problems]
    assert problems == [
        ("targets.csv", 2, "target", "ninety"),
        ("targets.csv", 3, "indicator_id", "K-NOPE"),
        ("targets.csv", 4, "target", "101"),
    ]
    assert "targets.csv, line 2, column 'target': 'ninety'" in str(raised.value)


def test_a_repeated_indicator_in_targets_is_refused_on_its_second_line():
    text = "indicator_id,target,tolerance\nK-ASSESS-45,90,5\nK-ASSESS-45,80,5\n"
    with pytest.raises(IndicatorFileError) as raised:
        load_targets(io.StringIO(text), name="t.csv")
    assert [(p.line, p.column) for p in raised.value.problems] == [(3, "indicator_id")]


def test_targets_file_with_wrong_header_is_refused_naming_the_missing_column():
    with pytest.raises(IndicatorFileError) as raised:
        load_targets(io.StringIO("indicator_id,target\nK-ASSESS-45,90\n"), name="t.csv")
    problem = raised.value.problems[0]
    assert (problem.line, problem.column) == (1, "(header)")
    assert "missing: tolerance" in problem.expected


def test_comparators_file_reads_neighbours_and_region():
    text = (
        "indicator_id,comparator,year,value,source\n"
        "K-REREFERRAL,Statistical neighbours,2024-25,21.3,DfE CIN 2025\n"
        "K-REREFERRAL,North West,2024-25,20.1,DfE CIN 2025\n"
    )
    figures = load_comparators(io.StringIO(text))
    assert [(f.comparator, f.value) for f in figures] == [
        ("Statistical neighbours", 21.3),
        ("North West", 20.1),
    ]


def test_comparators_file_refuses_blank_source_and_duplicate_figure():
    text = (
        "indicator_id,comparator,year,value,source\n"
        "K-REREFERRAL,North West,2024-25,20.1,\n"
        "K-REREFERRAL,North West,2024-25,20.1,DfE\n"
        "K-REREFERRAL,north west,2024-25,19.0,DfE\n"
        "K-CPP-RATE,North West,2024-25,-1,DfE\n"
    )
    with pytest.raises(IndicatorFileError) as raised:
        load_comparators(io.StringIO(text), name="n.csv")
    assert [(p.line, p.column) for p in raised.value.problems] == [
        (2, "source"),
        (4, "comparator"),
        (5, "value"),
    ]


def test_a_row_with_too_many_values_is_refused_at_its_line(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("indicator_id,target,tolerance\nK-ASSESS-45,90,5,extra\n")
    with pytest.raises(IndicatorFileError) as raised:
        load_targets(path)
    assert (raised.value.problems[0].file, raised.value.problems[0].line) == ("targets.csv", 2)
