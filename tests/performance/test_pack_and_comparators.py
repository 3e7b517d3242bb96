"""`sightline pack` and `sightline indicators load-comparators|load-targets` on a seeded council."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from sightline.performance.models import ComparatorFigure, LocalTarget
from sightline.workforce.models import User

pytestmark = pytest.mark.django_db


def test_pack_command_writes_the_workbook_and_pdf(seeded, tmp_path):
    out, err = StringIO(), StringIO()
    call_command(
        "pack", "--as-at", seeded.isoformat(), "--out", str(tmp_path), stdout=out, stderr=err
    )
    xlsx = tmp_path / f"performance-pack-{seeded}.xlsx"
    pdf = tmp_path / f"performance-pack-{seeded}.pdf"
    assert CalamineWorkbook.from_path(str(xlsx)).sheet_names[:2] == ["Summary", "What got worse"]
    assert "What got worse" in PdfReader(pdf).pages[0].extract_text()
    assert "[1/3]" in err.getvalue() and "[3/3]" in err.getvalue()


def test_comparators_load_and_show_on_the_indicator_page(seeded, tmp_path):
    path = tmp_path / "neighbours.csv"
    path.write_text(
        "indicator_id,comparator,year,value,source\n"
        "K-REREFERRAL,Statistical neighbours,2024-25,21.3,DfE CIN 2025 table C1\n"
    )
    out = StringIO()
    call_command("indicators", "load-comparators", str(path), stdout=out)
    assert "Loaded 1 rows" in out.getvalue()
    client = Client()
    client.force_login(User.objects.get(username="demo.director"))
    page = client.get(f"/performance/indicators/K-REREFERRAL/?as_at={seeded}").content.decode()
    assert "Statistical neighbours" in page and "21.3 (2024-25)" in page


def test_a_bad_comparators_file_changes_nothing_and_says_where(seeded, tmp_path):
    ComparatorFigure.objects.create(
        indicator_id="K-ASSESS-45", comparator="Region", year="2024-25", value=80, source="DfE"
    )
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator_id,comparator,year,value,source\n"
        "K-ASSESS-45,Region,2024-25,81,DfE\n"
        "K-NOPE,Region,2024-25,ninety,DfE\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("indicators", "load-comparators", str(path))
    assert "bad.csv, line 3, column 'indicator_id': 'K-NOPE'" in str(refused.value)
    assert "line 3, column 'value': 'ninety'" in str(refused.value)
    assert list(ComparatorFigure.objects.values_list("value", flat=True)) == [80]


def test_local_targets_change_the_rating_on_screen(seeded, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("indicator_id,target,tolerance\nK-SEEN-ALONE,0,0\n")
    call_command("indicators", "load-targets", str(path), stdout=StringIO())
    assert LocalTarget.objects.get().target == 0
    client = Client()
    client.force_login(User.objects.get(username="demo.director"))
    page = client.get(f"/performance/?as_at={seeded}").content.decode()
    assert 'data-indicator="K-SEEN-ALONE" data-rag="green"' in page
