"""Issue 11 row 7: the pseudonymised export generalises dates derived from birth dates and is
k-anonymous on birth month, sex, ethnicity and postcode sector, with a report beside it."""

import datetime as dt
import json

import polars as pl
import pytest

from sightline.access.k_anonymity import k_anonymise
from sightline.access.pseudonymise import pseudonymised_export

from .full_record import full_record_make

KEY = "a-test-pseudonymisation-key-of-forty-characters!!"


def _children(rows):
    return pl.DataFrame(
        rows,
        schema={
            "child_id": pl.String,
            "date_of_birth": pl.Date,
            "sex": pl.String,
            "ethnicity": pl.String,
            "postcode_sector": pl.String,
        },
        orient="row",
    )


MARCH = dt.date(2012, 3, 1)


def test_a_class_of_five_is_left_as_it_is():
    rows = [(f"c{n}", MARCH, "F", "WBRI", "LS12 3") for n in range(5)]
    result = k_anonymise(_children(rows), k=5)
    assert result.children.equals(_children(rows))
    assert result.report["children_below_k_before"] == 0
    assert result.removed_child_ids == []


def test_small_classes_are_coarsened_to_the_district_when_that_is_enough():
    # Three in sector LS12 3 and two in LS12 4: neither is five, LS12 together is.
    rows = [(f"a{n}", MARCH, "F", "WBRI", "LS12 3") for n in range(3)]
    rows += [(f"b{n}", MARCH, "F", "WBRI", "LS12 4") for n in range(2)]
    result = k_anonymise(_children(rows), k=5)
    assert set(result.children["postcode_sector"]) == {"LS12"}
    assert set(result.children["date_of_birth"]) == {MARCH}
    assert result.report["postcode_to_district"] == 5
    assert result.report["birth_date_to_year"] == 0
    assert result.report["smallest_class_after"] == 5


def test_then_the_birth_month_goes_to_the_year_then_suppression_then_removal():
    rows = [(f"m{n}", dt.date(2012, 1 + n, 1), "F", "WBRI", "LS12 3") for n in range(5)]
    rows += [("lone", dt.date(2009, 7, 1), "M", "ABAN", "BD7 1")]
    result = k_anonymise(_children(rows), k=5)
    kept = result.children.sort("child_id")
    assert kept["child_id"].to_list() == [f"m{n}" for n in range(5)]
    assert set(kept["date_of_birth"]) == {dt.date(2012, 1, 1)}
    assert set(kept["postcode_sector"]) == {"LS12"}
    assert result.year_only_child_ids == [f"m{n}" for n in range(5)]
    assert result.removed_child_ids == ["lone"]
    assert result.report["removed"] == 1


@pytest.mark.django_db
def test_the_export_writes_a_k_anonymity_report_and_applies_it(council, tmp_path, settings):
    settings.SIGHTLINE_PSEUDONYMISATION_KEY = KEY
    full_record_make(council)
    export = pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path)
    report = json.loads((tmp_path / "k_anonymity.json").read_text())
    assert report["k"] == 5
    # Two children in the test council: no class of five is possible, both are left out.
    assert report["children_in"] == 2
    assert report["removed"] == 2
    assert export.children == 0
    assert pl.read_csv(tmp_path / "children.csv").height == 0
    assert tmp_path / "k_anonymity.json" in export.files


@pytest.mark.django_db
def test_dates_derived_from_a_birth_date_are_generalised_like_it(council, tmp_path, settings):
    settings.SIGHTLINE_PSEUDONYMISATION_KEY = KEY
    record = full_record_make(council)
    from sightline.care.models import CareLeaver

    born = record.child.date_of_birth
    sixteenth = born.replace(year=born.year + 16)
    CareLeaver.objects.update_or_create(
        child=record.child, defaults={"eligibility": "ELIGIBLE", "eligible_from": sixteenth}
    )
    pseudonymised_export(actor=council.users["analyst"], out_dir=tmp_path, k=1)
    leavers = pl.read_csv(tmp_path / "care_leavers.csv", try_parse_dates=True)
    assert leavers["eligible_from"].to_list() == [sixteenth.replace(day=1)]
    text = "\n".join(p.read_text() for p in tmp_path.glob("*.csv"))
    assert sixteenth.isoformat() not in text
