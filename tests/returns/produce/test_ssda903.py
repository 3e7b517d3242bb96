"""The SSDA903 writer: file and column names, episode rows worked by hand, OC2 scope, audit."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from sightline.access.models import AuditAction, AuditEvent
from sightline.care.models import HealthAssessment, LookedAfterEpisode, LookedAfterReview
from sightline.returns.produce.files import ReturnError
from sightline.returns.produce.ssda903 import ssda903_write
from sightline.returns.produce.years import CollectionYear

YEAR = CollectionYear.parse("2025-26")

# shared/domain/formats.md §3, typed out again here so that a change to the writer's table
# cannot pass unnoticed.
EXPECTED = {
    "Header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "Episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN",
    "Reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "UASC": "CHILD,SEX,DOB,DUC",
    "OC2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
    "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "OC3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "AD1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "PlacedAdoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "PrevPerm": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
    "Missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "SWEpisodes": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
}


def table(directory, name) -> list[list[str]]:
    with open(directory / f"{name}.csv", newline="") as handle:
        return list(csv.reader(handle))


def episode(child, start, rne, placement, *, end=None, ceased="", **fields):
    return LookedAfterEpisode.objects.create(
        child=child,
        start_date=start,
        reason_new_episode=rne,
        legal_status=fields.pop("legal_status", "V2"),
        category_of_need="N4",
        placement_type=placement,
        home_postcode="DB1 1AA",
        end_date=end,
        reason_ceased=ceased,
        **fields,
    )


def test_a_placement_change_gives_exactly_two_episode_rows(make_child, tmp_path):
    child = make_child("LAC1")
    episode(
        child, date(2025, 5, 1), "S", "U6", end=date(2025, 8, 15), ceased="X1",
        placement_provider="PR1", placement_postcode="DB2 2BB",
    )  # fmt: skip
    episode(
        child, date(2025, 8, 15), "P", "K2", placement_provider="PR4",
        placement_postcode="DB3 3CC", placement_urn="SC123456", reason_place_change="CHILD",
    )  # fmt: skip
    ssda903_write(year=YEAR, out=tmp_path)
    assert table(tmp_path, "Episodes") == [
        EXPECTED["Episodes"].split(","),
        ["LAC1", "01/05/2025", "S", "V2", "N4", "U6", "PR1", "15/08/2025", "X1", "", "DB1 1AA",
         "DB2 2BB", ""],
        ["LAC1", "15/08/2025", "P", "V2", "N4", "K2", "PR4", "", "", "CHILD", "DB1 1AA",
         "DB3 3CC", "SC123456"],
    ]  # fmt: skip
    assert table(tmp_path, "Header")[1:] == [["LAC1", "F", "01/04/2015", "WBRI", "", "0", ""]]
    # Started to be looked after in the year: a PrevPerm row; no earlier order is recorded.
    assert table(tmp_path, "PrevPerm")[1:] == [["LAC1", "01/04/2015", "Z1", "", ""]]


def test_every_table_is_written_with_exactly_its_columns(make_child, tmp_path):
    episode(make_child("LAC2"), date(2025, 6, 1), "S", "U4")
    ssda903_write(year=YEAR, out=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in EXPECTED)
    for name, header in EXPECTED.items():
        assert table(tmp_path, name)[0] == header.split(","), name


def test_oc2_holds_only_children_looked_after_for_the_whole_year(make_child, tmp_path):
    long_stay, newcomer = make_child("LAC3", born=date(2012, 3, 3)), make_child("LAC4")
    episode(long_stay, date(2024, 1, 10), "S", "U4")
    episode(newcomer, date(2025, 5, 1), "S", "U4")
    HealthAssessment.objects.create(child=long_stay, date=date(2025, 7, 1), kind="REVIEW")
    LookedAfterReview.objects.create(child=long_stay, date=date(2025, 4, 30), participation="PN1")
    LookedAfterReview.objects.create(child=long_stay, date=date(2025, 3, 30), participation="PN1")
    ssda903_write(year=YEAR, out=tmp_path)
    # Health assessment within 12 months: 1; no dental check, no immunisation record: 0; aged
    # 13, so HEALTH_ASSESSMENT (under-fives' checks) is empty; SDQ not recorded.
    assert table(tmp_path, "OC2")[1:] == [
        ["LAC3", "03/03/2012", "", "", "", "1", "0", "0", "", "", "", ""]
    ]
    # Only the review inside the year.
    assert table(tmp_path, "Reviews")[1:] == [["LAC3", "03/03/2012", "30/04/2025", "PN1"]]


def test_an_episode_ended_before_the_year_is_not_in_the_return(make_child, tmp_path):
    episode(make_child("LAC5"), date(2023, 1, 5), "S", "U4", end=date(2024, 2, 1), ceased="E4A")
    with pytest.raises(ReturnError, match="No child was looked after"):
        ssda903_write(year=YEAR, out=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_return_is_audited_as_an_export_of_its_children(make_child, tmp_path):
    child = make_child("LAC6")
    episode(child, date(2025, 6, 1), "S", "U4")
    ssda903_write(year=YEAR, out=tmp_path)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail["export"] == "ssda903"
    assert event.detail["result_ids"] == [child.pk]


@pytest.mark.django_db(transaction=True)
def test_a_seeded_council_gives_every_table_with_dates_as_dd_mm_yyyy(seeded, tmp_path):
    written = ssda903_write(year=YEAR, out=tmp_path)
    assert written.rows["Episodes"] > 5
    for name, header in EXPECTED.items():
        rows = table(tmp_path, name)
        assert rows[0] == header.split(",")
        assert len(rows) - 1 == written.rows[name]
    for row in table(tmp_path, "Episodes")[1:]:
        day, month, year = row[1].split("/")
        assert len(day) == 2 and len(month) == 2 and len(year) == 4
        assert date(int(year), int(month), int(day)) <= date(2026, 3, 31)
