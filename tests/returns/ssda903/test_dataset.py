"""The SSDA903 tables as the engine's `Dataset`: numbering, episodes, reviews, adoption dates."""

from __future__ import annotations

from datetime import date

from sightline.returns.ssda903.dataset import ssda903_dataset
from sightline.returns.ssda903.reader import tables_from_rows


def _episode(child, decom, ls, place, dec=None, rec=None, rne="S"):
    return {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "CIN": "N1", "PLACE": place,
            "PLACE_PROVIDER": "PR1", "DEC": dec, "REC": rec}  # fmt: skip


def test_an_adopted_child_and_a_child_in_care_become_frames():
    tables = tables_from_rows(
        {
            # Written out of order: children are numbered by CHILD, not by row.
            "Header": [
                {"CHILD": "Z9", "SEX": "F", "DOB": "01/02/2015", "ETHNIC": "WBRI"},
                {"CHILD": "A1", "SEX": "M", "DOB": "03/04/2020", "ETHNIC": "WBRI"},
            ],
            "Episodes": [
                _episode("A1", "01/05/2024", "C2", "U4", "10/12/2024", "X1"),
                _episode("A1", "10/12/2024", "E1", "U4", "20/03/2025", "X1", rne="L"),
                _episode("A1", "20/03/2025", "E1", "A6", "15/01/2026", "E11", rne="P"),
                _episode("Z9", "2025-06-01", "V2", "K2"),
            ],
            "Reviews": [
                {"CHILD": "Z9", "DOB": "01/02/2015", "REVIEW": "25/06/2025"},
                {"CHILD": "Z9", "DOB": "01/02/2015", "REVIEW": "not a date"},
            ],
            "PlacedAdoption": [{"CHILD": "A1", "DOB": "03/04/2020", "DATE_PLACED": "01/09/2024"}],
            "AD1": [
                {
                    "CHILD": "A1",
                    "DOB": "03/04/2020",
                    "DATE_INT": "01/09/2024",
                    "DATE_MATCH": "01/03/2025",
                }
            ],  # fmt: skip
            "Missing": [
                {
                    "CHILD": "Z9",
                    "DOB": "01/02/2015",
                    "MISSING": "m",
                    "MIS_START": "01/07/2025",
                    "MIS_END": "02/07/2025",
                }
            ],  # fmt: skip
            "SWEpisodes": [
                {"CHILD": "Z9", "DOB": "01/02/2015", "SW_ID": "SW1", "SW_DECOM": "01/06/2025"}
            ],  # fmt: skip
        }
    )
    dataset = ssda903_dataset(tables)
    assert dataset["children"].select("child_id", "la_child_id", "date_of_birth").rows() == [
        (1, "A1", date(2020, 4, 3)),
        (2, "Z9", date(2015, 2, 1)),
    ]
    episodes = dataset["lac_episodes"].select("child_id", "start_date", "legal_status").rows()
    assert episodes[-1] == (2, date(2025, 6, 1), "V2")  # an ISO date is read too
    assert len(episodes) == 4
    # A review whose date cannot be read is left out, not guessed.
    assert dataset["lac_reviews"]["date"].to_list() == [date(2025, 6, 25)]
    assert dataset["missing_episodes"].select("kind", "end_date").rows() == [
        ("M", date(2025, 7, 2))
    ]
    adoption = dataset["adoptions"].row(0, named=True)
    assert adoption["child_id"] == 1
    assert adoption["decision_date"] == date(2024, 9, 1)
    assert adoption["placement_order_date"] == date(2024, 12, 10)  # first E1 episode
    assert adoption["matched_date"] == date(2025, 3, 1)
    assert adoption["placed_date"] == date(2025, 3, 20)  # first A3-A6 placement
    assert adoption["adoption_order_date"] == date(2026, 1, 15)  # ceased E11
    assert dataset["workers"]["name"].to_list() == ["SW1"]
    assert dataset["allocations"].select("child_id", "start_date", "end_date").rows() == [
        (2, date(2025, 6, 1), None)
    ]
