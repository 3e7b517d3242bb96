"""Annex A lists into the engine's `Dataset`: numbering, codes back to the rulebook's, linking."""

from __future__ import annotations

from datetime import UTC, date, datetime

import xlsxwriter

from sightline.returns.annex_a.dataset import annex_a_dataset
from sightline.returns.annex_a.reader import read_annex_a
from sightline.returns.annex_a.spec import LISTS


def write(path, rows_by_list: dict[int, list[dict]]) -> str:
    book = xlsxwriter.Workbook(str(path), {"default_date_format": "dd/mm/yyyy"})
    for number, rows in rows_by_list.items():
        sheet = book.add_worksheet(f"List {number}")
        names = LISTS[number].column_names
        sheet.write_row(0, 0, names)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, [row.get(name) for name in names])
    book.close()
    return str(path)


PERSON = {"Gender": "b) Female", "Ethnicity": "a) WBRI", "Date of Birth": date(2015, 4, 1)}


def test_lists_become_frames_with_numbered_children_and_statutory_codes(tmp_path):
    path = write(
        tmp_path / "a.xlsx",
        {
            1: [{"Child Unique ID": "B2", **PERSON, "Date of Contact": date(2026, 1, 5),
                 "Contact Source": "q) 6: Police"}],
            3: [
                {"Child Unique ID": "A1", **PERSON, "Date of referral": date(2025, 11, 3),
                 "Referral Source": "e) 2A: Schools", "Referral NFA?": "b) No",
                 "Number of Referrals in Last 12 Months": 1, "Allocated Team": "East",
                 "Allocated Worker": "Ed Worker"},
            ],
            4: [{"Child Unique ID": "A1", **PERSON, "Continuous Assessment Start Date": date(2025, 11, 4),  # noqa: E501
                 "Child Seen During Continuous Assessment": "a) Yes",
                 "Continuous Assessment Date of Authorisation": date(2025, 12, 1)}],
            6: [{"Child Unique ID": "A1", **PERSON, "CIN Start Date": date(2025, 11, 3),
                 "Primary Need Code": "N1 - Abuse or neglect", "CIN Closure Date": date(2026, 2, 2),
                 "Reason for Closure": "RC8 - Case closed after assessment, no further action",
                 "Case Status": "e) Closed episode"}],
        },
    )  # fmt: skip
    dataset = annex_a_dataset(read_annex_a(path), as_at=date(2026, 3, 31))
    # Children are numbered in order of their IDs: A1 is 1, B2 is 2.
    assert dataset["children"].select("child_id", "la_child_id").rows() == [(1, "A1"), (2, "B2")]
    assert dataset["contacts"].select("child_id", "received_at", "source").rows() == [
        (2, datetime(2026, 1, 5, tzinfo=UTC), "6")
    ]
    # List 3's referral and List 6's CIN episode are one referral: same child, same date.
    assert dataset["referrals"].select(
        "referral_id", "child_id", "referral_date", "source", "no_further_action",
        "closure_date", "closure_reason",
    ).rows() == [(1, 1, date(2025, 11, 3), "2A", False, date(2026, 2, 2), "RC8")]  # fmt: skip
    assert dataset["assessments"].select(
        "referral_id", "child_id", "start_date", "authorised_on"
    ).rows() == [(1, 1, date(2025, 11, 4), date(2025, 12, 1))]
    assert dataset["allocations"].select("child_id", "team_id", "worker_id").rows() == [(1, 1, 1)]
    assert dataset["teams"]["name"].to_list() == ["East"]
    assert dataset.source == "Ofsted Annex A"
    assert dataset.notes


def test_an_empty_workbook_gives_an_empty_dataset(tmp_path):
    path = write(tmp_path / "a.xlsx", {1: []})
    dataset = annex_a_dataset(read_annex_a(path))
    assert all(frame.height == 0 for frame in dataset.frames.values())
