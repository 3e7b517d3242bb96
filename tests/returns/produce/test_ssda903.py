"""The SSDA903 writer: file and column names, episode rows worked by hand, OC2 scope, audit."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from sightline.access.models import AuditAction, AuditEvent
from sightline.care.models import (
    CareLeaver,
    Conviction,
    HealthAssessment,
    LookedAfterEpisode,
    LookedAfterReview,
    SubstanceMisuse,
)
from sightline.returns.produce.files import ReturnError
from sightline.returns.produce.ssda903 import ssda903_write
from sightline.returns.produce.years import CollectionYear
from sightline.workforce.models import Allocation

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
        # The record keeps why the child moved on the placement moved to; the 903 on the
        # episode the move ended (rules 225, 233).
        ["LAC1", "01/05/2025", "S", "V2", "N4", "U6", "PR1", "15/08/2025", "X1", "CHILD",
         "DB1 1AA", "DB2 2BB", ""],
        ["LAC1", "15/08/2025", "P", "V2", "N4", "K2", "PR4", "", "", "", "DB1 1AA",
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
    # Health assessment within 12 months: 1; no dental check, no immunisation record, no
    # conviction or substance misuse recorded: 0; aged 14, so HEALTH_CHECK (under-fives' health
    # promotion) is empty; SDQ not recorded.
    assert table(tmp_path, "OC2")[1:] == [
        ["LAC3", "03/03/2012", "", "", "0", "", "0", "0", "1", "0", "", ""]
    ]
    # Only the review inside the year.
    assert table(tmp_path, "Reviews")[1:] == [["LAC3", "03/03/2012", "30/04/2025", "PN1"]]


def test_oc2_convictions_and_substance_misuse_in_the_twelve_months(make_child, tmp_path):
    older, younger = make_child("LAC7", born=date(2010, 6, 1)), make_child("LAC8")
    for child in (older, younger):
        episode(child, date(2024, 1, 10), "S", "U4")
    Conviction.objects.create(child=older, date=date(2025, 9, 1))
    SubstanceMisuse.objects.create(
        child=older, identified_on=date(2025, 5, 1), intervention_received=False,
        intervention_offered=True,
    )  # fmt: skip
    # Before the twelve months: not this year's problem.
    SubstanceMisuse.objects.create(
        child=younger, identified_on=date(2025, 3, 31), intervention_received=True
    )
    ssda903_write(year=YEAR, out=tmp_path)
    oc2 = {row[0]: row for row in table(tmp_path, "OC2")[1:]}
    columns = EXPECTED["OC2"].split(",")
    wanted = ("CONVICTED", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")
    pick = lambda row: [row[columns.index(c)] for c in wanted]  # noqa: E731
    assert pick(oc2["LAC7"]) == ["1", "1", "0", "1"]
    # Born 1 April 2015: 10 by 31 March 2026, so asked, and none is recorded in the year.
    assert pick(oc2["LAC8"]) == ["0", "0", "", ""]


def test_oc2_conviction_is_not_asked_under_10_and_sdq1_at_17(make_child, tmp_path):
    small = make_child("LAC9", born=date(2016, 4, 2))  # 9 on 31 March 2026
    turned_17 = make_child("LAC10", born=date(2008, 10, 1))  # 16 on 1 April 2025, then 17
    for child in (small, turned_17):
        episode(child, date(2024, 1, 10), "S", "U4")
    ssda903_write(year=YEAR, out=tmp_path)
    columns = EXPECTED["OC2"].split(",")
    oc2 = {row[0]: dict(zip(columns, row, strict=True)) for row in table(tmp_path, "OC2")[1:]}
    assert oc2["LAC9"]["CONVICTED"] == ""
    assert oc2["LAC9"]["SDQ_REASON"] == ""  # 8 to 9: an SDQ was due and none is recorded
    assert oc2["LAC10"]["SDQ_REASON"] == "SDQ1"


def test_social_worker_episodes_give_why_each_began(make_child, staff, tmp_path):
    child = make_child("LAC11")
    episode(child, date(2025, 5, 1), "S", "U4")
    Allocation.objects.create(
        child=child, team=staff.team, worker=staff.worker, start_date=date(2025, 4, 20),
        end_date=date(2025, 9, 1), end_reason="Worker left the team",
    )  # fmt: skip
    Allocation.objects.create(
        child=child, team=staff.team, worker=staff.worker, start_date=date(2025, 9, 1)
    )
    ssda903_write(year=YEAR, out=tmp_path)
    rows = [row[3:] for row in table(tmp_path, "SWEpisodes")[1:]]
    # First contact, then the change of worker because the first left.
    assert rows == [["20/04/2025", "01/09/2025", "FCONTA"], ["01/09/2025", "", "LEFTRL"]]


def test_motherhood_is_not_asked_of_a_care_leaver_not_looked_after_in_the_year(
    make_child, tmp_path
):
    leaver = make_child("CL1", born=date(2007, 6, 1))
    episode(leaver, date(2020, 1, 5), "S", "U4", end=date(2024, 6, 1), ceased="E4A")
    CareLeaver.objects.create(
        child=leaver, eligibility="FORMER_RELEVANT", eligible_from=date(2024, 6, 1)
    )
    ssda903_write(year=YEAR, out=tmp_path)
    assert [row[0] for row in table(tmp_path, "OC3")[1:]] == ["CL1"]
    assert table(tmp_path, "Header")[1:] == [["CL1", "F", "01/06/2007", "WBRI", "", "", ""]]


def test_temporary_and_other_placements_are_reported_without_provider_postcode_or_urn(
    make_child, tmp_path
):
    child = make_child("LAC12")
    episode(
        child, date(2025, 6, 1), "S", "Z11", placement_provider="PR4",
        placement_postcode="DB4 4DD", placement_urn="SC999999",
    )  # fmt: skip
    ssda903_write(year=YEAR, out=tmp_path)
    columns = EXPECTED["Episodes"].split(",")
    (row,) = [dict(zip(columns, r, strict=True)) for r in table(tmp_path, "Episodes")[1:]]
    assert (row["PLACE"], row["PLACE_PROVIDER"], row["PL_POST"], row["URN"]) == ("Z11", "", "", "")
    assert row["HOME_POST"] == "DB1 1AA"


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
