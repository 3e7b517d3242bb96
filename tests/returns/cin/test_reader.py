"""The CIN census reader: what it makes of a file, and the one located error for a bad one."""

from __future__ import annotations

import csv
from datetime import date
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sightline.returns.cin import CensusReadError, read_census, ruleset, validate_file
from sightline.returns.cin.synthetic import census_xml, example_children

CATALOGUE = Path("/work/shared/domain/cin-rules-2025-26.csv")


def document(children=None, **options) -> bytes:
    return census_xml(example_children() if children is None else children, **options).encode()


def read(data: bytes):
    return read_census(BytesIO(data), label="census.xml")


def test_reads_one_row_per_module_with_child_and_episode_order():
    tables = read(document()).tables
    assert tables["children"]["LAchildID"].to_list() == ["A1", "B2", "C3"]
    assert tables["cin_details"].select("LAchildID", "cin", "row").rows() == [
        ("A1", 0, 0),
        ("A1", 1, 1),
        ("B2", 0, 0),
        ("C3", 0, 0),
    ]
    assert tables["assessment_factors"].filter(pl.col("LAchildID") == "A1")[
        "AssessmentFactors"
    ].to_list() == ["3B", "4B"]
    assert tables["cp_reviews"]["CPPreviewDate"].to_list() == [date(2025, 8, 14)]
    assert tables["disabilities"].height == 9


def test_types_dates_booleans_and_counts():
    tables = read(document()).tables
    episode = tables["cin_details"].row(1, named=True)
    assert episode["CINreferralDate"] == date(2025, 5, 1)
    assert episode["ReferralNFA"] is False
    assert tables["cp_plans"]["NumberOfPreviousCPP"].to_list() == [1]


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("true", True), ("TRUE", True), ("1", True), ("false", False), ("FALSE", False), ("0", False)],
)
def test_accepts_every_boolean_form(written, read_as):
    children = example_children()
    children[2]["CINdetails"][0]["ReferralNFA"] = written
    assert read(document(children)).tables["cin_details"]["ReferralNFA"][-1] is read_as


def test_older_gender_current_and_newer_sex_both_give_sex():
    children = example_children()
    del children[0]["GenderCurrent"]
    children[0]["Sex"] = "F"
    sexes = read(document(children)).tables["children"]["Sex"].to_list()
    assert sexes == ["F", "U", "M"]  # Sex F; GenderCurrent 0 -> U; GenderCurrent 1 -> M


def test_optional_modules_absent_give_empty_tables():
    children = example_children()[1:2]
    tables = read(document(children)).tables
    assert tables["section47"].height == 0
    assert tables["cp_plans"].height == 0
    assert tables["disabilities"].height == 0
    assert tables["section47"].schema["DateOfInitialCPC"] == pl.Date


def test_keeps_the_2026_27_pre_proceedings_module():
    children = example_children()
    children[0]["CINdetails"][1]["PreProceedingsandFGDM"] = [
        {"PPStartDate": "2025-10-01", "FGDMMeetingOffer": "true", "PPOutcome": "2"}
    ]
    module = read(document(children)).tables["pre_proceedings"]
    assert module.select("LAchildID", "cin", "PPStartDate", "FGDMMeetingOffer").rows() == [
        ("A1", 1, date(2025, 10, 1), "true")
    ]


def test_namespaced_document_is_read():
    data = document().replace(b"<Message>", b'<Message xmlns="http://www.dfe.gov.uk/CIN">')
    assert read(data).tables["children"].height == 3


def test_impossible_date_is_located():
    children = example_children()
    children[2]["CINdetails"][0]["CINreferralDate"] = "2025-02-30"
    data = document(children)
    with pytest.raises(CensusReadError) as caught:
        read(data)
    fault = caught.value
    line = data.decode().splitlines().index("        <CINreferralDate>2025-02-30</CINreferralDate>")
    assert fault.line == line + 1
    assert fault.path == "Message/Children/Child[3]/CINdetails[1]/CINreferralDate[1]"
    assert fault.field == "CINreferralDate"
    assert fault.value == "2025-02-30"
    assert fault.child_id == "C3"
    assert "YYYY-MM-DD" in str(fault)


def test_bad_boolean_names_the_forms_expected():
    children = example_children()
    children[0]["CINdetails"][1]["Section47"][0]["ICPCnotRequired"] = "Y"
    with pytest.raises(CensusReadError) as caught:
        read(document(children))
    assert caught.value.path.endswith("CINdetails[2]/Section47[1]/ICPCnotRequired[1]")
    assert caught.value.expected == "true, false, TRUE, FALSE, 1 or 0"


def test_malformed_xml_gives_line():
    data = document().replace(b"</LAchildID>", b"</LAchild>", 1)
    with pytest.raises(CensusReadError) as caught:
        read(data)
    line = data.decode().splitlines().index("        <LAchildID>A1</LAchild>") + 1
    assert caught.value.line == line
    assert "not well-formed" in caught.value.problem


def test_undeclared_encoding_is_refused():
    data = document().replace(b"AIND", "AÏND".encode("latin-1"))
    with pytest.raises(CensusReadError) as caught:
        read(data)
    assert "well-formed" in caught.value.problem


def test_declared_latin1_encoding_is_read():
    text = census_xml(example_children()).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("<SoftwareCode>Sightline synthetic", "<SoftwareCode>Sïghtline")
    tables = read(text.encode("latin-1"))
    assert tables.tables["header"]["SoftwareCode"].to_list() == ["Sïghtline"]


def test_wrong_root_is_not_a_census():
    with pytest.raises(CensusReadError) as caught:
        read(b"<EXPSSDA903><CHILD><HEADER/></CHILD></EXPSSDA903>")
    assert caught.value.value == "EXPSSDA903"
    assert "not a CIN census" in caught.value.problem


def test_census_without_children_is_refused():
    with pytest.raises(CensusReadError) as caught:
        read(b"<Message><Header/><Children/></Message>")
    assert "no Child records" in caught.value.problem


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(CensusReadError):
        read_census(tmp_path / "absent.xml")


def test_validate_file_reads_and_validates(tmp_path):
    children = example_children()
    children[2]["LAchildID"] = "A1"
    path = tmp_path / "census.xml"
    path.write_bytes(document(children))
    tables, validation = validate_file(path)
    assert tables.reference_date == date(2026, 3, 31)
    assert validation.issues.filter(pl.col("rule") == "8510")["child_id"].to_list() == ["A1"] * 2
    assert validation.has_errors


def test_unknown_collection_year_is_refused(tmp_path):
    path = tmp_path / "census.xml"
    path.write_bytes(document())
    with pytest.raises(KeyError, match="2019-20"):
        validate_file(path, collection_year="2019-20")


def test_registered_rules_match_the_catalogue():
    with CATALOGUE.open(encoding="utf-8") as handle:
        catalogue = {row["code"]: row for row in csv.DictReader(handle)}
    rules = ruleset("2025-26").rules
    assert sorted(rules) == sorted(catalogue)
    for code, rule in rules.items():
        assert rule.type == catalogue[code]["type"].lower(), code
        assert rule.message == catalogue[code]["message"].strip(), code


_CLEAN = document()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(_CLEAN) - 1), st.integers(0, 3), st.binary(max_size=6)),
        min_size=1,
        max_size=4,
    )
)
def test_any_corruption_reads_or_gives_one_located_error(edits):
    data = bytearray(_CLEAN)
    for position, removed, inserted in edits:
        data[position : position + removed] = inserted
    try:
        tables = read(bytes(data))
    except CensusReadError as fault:
        assert fault.file == "census.xml"
        assert fault.problem
        assert fault.line is not None or fault.path is not None or "Child" in fault.problem
    else:
        ruleset().run(tables)  # whatever was read, the rules run over it without failing


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["CINreferralDate", "CPPstartDate", "PersonBirthDate"]), st.text(max_size=12)
)
def test_any_text_in_a_date_reads_or_is_located(field, text):
    data = _CLEAN.decode()
    start = data.index(f"<{field}>") + len(field) + 2
    end = data.index(f"</{field}>")
    corrupted = (data[:start] + escape(text) + data[end:]).encode("utf-8", "surrogatepass")
    try:
        read(corrupted)
    except CensusReadError as fault:
        assert fault.line is not None


def test_reading_in_chunks_gives_the_same_tables(monkeypatch):
    from sightline.returns.cin import reader

    whole = read(document()).tables
    monkeypatch.setattr(reader, "_CHILDREN_PER_CHUNK", 2)
    chunked = read(document()).tables
    for name, frame in whole.items():
        assert chunked[name].equals(frame), name


def test_census_period_follows_the_collection_year():
    from sightline.returns.cin import census_reference_date

    assert census_reference_date("2025-26") == date(2026, 3, 31)
    assert census_reference_date("2026-27") == date(2027, 3, 31)
    for wrong in ("2025-27", "2025", "25-26", "2025-2026"):
        with pytest.raises(ValueError, match="2025-26"):
            census_reference_date(wrong)


def test_tables_without_a_reference_date_take_the_collection_years():
    from sightline.returns.validation import ReturnTables

    read_tables = read(document())
    bare = ReturnTables(kind="cin", collection_year="2025-26", tables=read_tables.tables)
    assert ruleset().run(bare).issues.height == 0
    late = ReturnTables(kind="cin", collection_year="2024-25", tables=read_tables.tables)
    assert "8600" in set(ruleset().run(late).issues["rule"])  # referrals after 31 March 2025
