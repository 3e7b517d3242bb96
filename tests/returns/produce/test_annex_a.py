"""The Annex A writer: sheets, columns, rows worked by hand, and a round trip through the reader."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from sightline.care.models import LookedAfterEpisode
from sightline.casework import models as casework
from sightline.returns.annex_a import spec
from sightline.returns.annex_a.reader import read_annex_a
from sightline.returns.produce.annex_a import annex_a_write

AS_AT = date(2026, 3, 31)  # window: 1 October 2025 to 31 March 2026


def sheet_rows(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_the_workbook_has_eleven_list_sheets_with_the_template_headers(db, tmp_path):
    out = tmp_path / "annex-a.xlsx"
    annex_a_write(as_at=AS_AT, out=out)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == [f"List {n}" for n in range(1, 12)]
    # Two lists typed out from formats.md §1, the rest as defined once in the spec.
    assert sheet_rows(out, "List 3")[0] == [
        "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
        "Date of referral", "Referral Source", "Referral NFA?",
        "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker",
    ]  # fmt: skip
    assert sheet_rows(out, "List 11")[0][:3] == [
        "Individual adopter identifier", "Family identifier", "Gender",
    ]  # fmt: skip
    for number, definition in spec.LISTS.items():
        assert sheet_rows(out, f"List {number}")[0] == list(definition.column_names)


def test_contacts_and_referrals_in_the_window_give_these_rows(
    staff, make_child, allocate, tmp_path
):
    child = make_child("LA1")  # born 1 April 2015: still 10 on 31 March 2026
    allocate(child)
    for received in (
        datetime(2025, 9, 1, 10, tzinfo=UTC),
        datetime(2026, 1, 5, 16, 55, tzinfo=UTC),
    ):
        casework.Contact.objects.create(
            child=child, received_at=received, source="2A", concerns="x"
        )
    for day in (date(2025, 6, 1), date(2026, 1, 6)):
        casework.Referral.objects.create(
            child=child, referral_date=day, source="2A", closure_date=day, closure_reason="RC8"
        )
    out = tmp_path / "annex-a.xlsx"
    annex_a_write(as_at=AS_AT, out=out)
    assert sheet_rows(out, "List 1")[1:] == [
        ["LA1", "b) Female", "a) WBRI", date(2015, 4, 1), 10.0, date(2026, 1, 5), "e) 2A: Schools"]
    ]
    # Two referrals in the 12 months to 6 January 2026 (1 June 2025 and itself).
    assert sheet_rows(out, "List 3")[1:] == [
        ["LA1", "b) Female", "a) WBRI", date(2015, 4, 1), 10.0, date(2026, 1, 6), "e) 2A: Schools",
         "b) No", 2.0, "East CP team", "Ed Worker"],
    ]  # fmt: skip


def test_a_child_protection_plan_gives_its_visit_review_and_previous_plans(
    staff, make_child, allocate, tmp_path
):
    child = make_child("LA2")
    allocate(child)
    referral = casework.Referral.objects.create(
        child=child, referral_date=date(2025, 6, 2), source="6", primary_need="N1"
    )
    plan = casework.ChildProtectionPlan.objects.create(
        child=child, referral=referral, start_date=date(2025, 6, 25), initial_category="NEG",
        latest_category="EMO",
    )  # fmt: skip
    casework.ChildProtectionConference.objects.create(
        child=child, referral=referral, plan=plan, kind="REVIEW", date=date(2025, 9, 24),
        outcome="CONTINUE",
    )  # fmt: skip
    for day, alone in ((date(2026, 2, 16), False), (date(2026, 3, 2), True)):
        casework.Visit.objects.create(child=child, date=day, kind="CP", seen_alone=alone)
    out = tmp_path / "annex-a.xlsx"
    annex_a_write(as_at=AS_AT, out=out)
    assert sheet_rows(out, "List 7")[1:] == [
        ["LA2", "b) Female", "a) WBRI", date(2015, 4, 1), 10.0, "c) Unknown", date(2025, 6, 25),
         "a) Neglect", "d) Emotional abuse", date(2026, 3, 2), "a) Yes", date(2025, 9, 24), "",
         "b) No", 0.0, "East CP team", "Ed Worker"],
    ]  # fmt: skip
    # The open plan also makes the CIN episode's status "Child Protection plan" in List 6.
    assert sheet_rows(out, "List 6")[1][11] == "b) Child Protection plan"


def test_a_child_in_care_with_a_placement_change_has_two_placements(
    staff, make_child, allocate, tmp_path
):
    child = make_child("LA3")
    allocate(child)
    common = {"legal_status": "C2", "category_of_need": "N1", "home_postcode": "DB1 1AA"}
    LookedAfterEpisode.objects.create(
        child=child, start_date=date(2025, 5, 1), reason_new_episode="S", placement_type="U6",
        placement_provider="PR1", placement_postcode="DB2 2BB", end_date=date(2025, 8, 15),
        reason_ceased="X1", **common,
    )  # fmt: skip
    LookedAfterEpisode.objects.create(
        child=child, start_date=date(2025, 8, 15), reason_new_episode="P", placement_type="K2",
        placement_provider="PR4", placement_postcode="ZZ9 9ZZ", placement_urn="SC123456",
        **common,
    )  # fmt: skip
    out = tmp_path / "annex-a.xlsx"
    annex_a_write(as_at=AS_AT, out=out)
    header, row = sheet_rows(out, "List 8")
    cells = dict(zip(header, row, strict=True))
    assert cells["Date Started to be Looked After"] == date(2025, 5, 1)
    assert cells["Start date of current legal status"] == date(2025, 5, 1)
    assert cells["Child's Legal Status"] == "C2: Full care order"
    assert cells["Number of Placements in the Last 12 months"] == 2.0
    assert cells["Start Date of Most Recent Placement"] == date(2025, 8, 15)
    assert cells["Placement Type"] == spec.PLACEMENT_TYPE_OF_CODE["K2"]
    assert cells["Placement Provider"] == "e) PR4"
    assert cells["URN of Placement"] == "SC123456"
    # No resident of the council lives in postcode district ZZ9: out of area, LA unknown.
    assert cells["Placement Location"] == "b) Out"
    assert cells["LA of Placement"] == ""
    assert cells["Date Ceased to be Looked After"] == ""


@pytest.mark.django_db(transaction=True)
def test_round_trip_the_reader_gives_back_the_databases_children_and_dates(seeded, tmp_path):
    out = tmp_path / "annex-a.xlsx"
    written = annex_a_write(as_at=AS_AT, out=out)
    read = read_annex_a(out)
    assert read.ok, read.errors[:3]
    assert {n: f.height for n, f in read.lists.items()} == written.rows

    start = written.window.start
    contacts = Counter(
        (la_child_id, received.date())
        for la_child_id, received in casework.Contact.objects.values_list(
            "child__la_child_id", "received_at"
        )
        if start <= received.date() <= AS_AT
    )
    assert contacts  # the seeded council has contacts in the window
    assert Counter(read.lists[1].select("Child Unique ID", "Date of Contact").rows()) == contacts

    plans = Counter(
        casework.ChildProtectionPlan.objects.filter(start_date__lte=AS_AT)
        .exclude(end_date__lt=start)
        .values_list("child__la_child_id", "start_date")
    )
    assert (
        Counter(read.lists[7].select("Child Unique ID", "Child Protection Plan Start Date").rows())
        == plans
    )  # noqa: E501

    in_care = set(
        LookedAfterEpisode.objects.filter(start_date__lte=AS_AT)
        .exclude(end_date__lt=start)
        .values_list("child__la_child_id", flat=True)
    )
    assert set(read.lists[8].get_column("Child Unique ID")) == in_care


# --- Every list's columns exactly as formats.md §1 names them --------------------------------

FORMATS = Path("/work/shared/domain/formats.md")
_COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
# formats.md writes two pairs of columns in one phrase each.
_SPELT_OUT = {
    "Initial / Latest Category of Abuse": ["Initial Category of Abuse", "Latest Category of Abuse"],
    "same for 'Absent'": [
        "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
    ],
}


def _top_level_parts(text: str) -> list[str]:
    """Split on semicolons outside the [annotations]."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def documented_columns() -> dict[int, list[str]]:
    text = FORMATS.read_text()
    section = text[text.index("## 1. Ofsted ILACS Annex A") : text.index("## 2. CIN census")]
    lists = {}
    for number, body in re.findall(r"^(\d+)\. (.*)$", section, re.M):
        body, _, newer = body.partition(". SSD version adds")
        names = []
        for part in _top_level_parts(body):
            name = re.sub(r"\[[^\]]*\]", "", part).strip().rstrip(".").strip()
            if name:
                names += _SPELT_OUT.get(name, [name])
        lists[int(number)] = names
    return lists


def test_every_list_has_exactly_the_columns_formats_md_names(db, tmp_path):
    documented = documented_columns()
    assert sorted(documented) == list(range(1, 12))
    # The newer build's List 9 additions (formats.md §1, second paragraph).
    documented[9] += ["UASC", "Allocated Personal Advisor", "Latest Pathway Plan", "Latest Contact"]
    out = tmp_path / "annex-a.xlsx"
    annex_a_write(as_at=AS_AT, out=out)
    for number, own in documented.items():
        expected = set(own)
        if number <= 10:
            expected |= set(_COMMON)
        if 3 <= number <= 9:
            expected |= {"Allocated Team", "Allocated Worker"}
        if 4 <= number <= 10:
            expected.add("Does the Child have a Disability")
        header = sheet_rows(out, f"List {number}")[0]
        assert len(header) == len(set(header)), number
        assert set(header) == expected, (number, set(header) ^ expected)
        # The list's own columns keep the order formats.md gives them.
        assert [name for name in header if name in own] == own, number
