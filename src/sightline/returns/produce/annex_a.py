"""The Ofsted Annex A workbook (Lists 1-11) from the live record, as at any date.

One sheet per list, named "List 1" … "List 11", the header in the first row with exactly the
columns of `returns.annex_a.spec`, dates as Excel dates shown dd/mm/yyyy, codes as `"x) label"`.
The window is the six months up to the as-at date unless another length is asked for. XlsxWriter
writes in constant-memory mode, one row at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import xlsxwriter

from sightline.returns.annex_a import spec
from sightline.returns.produce.annex_a_care import CareLists
from sightline.returns.produce.files import audit_return_export, staged
from sightline.returns.produce.record import LiveRecord
from sightline.returns.produce.years import AnnexAWindow


@dataclass(frozen=True)
class AnnexAWritten:
    path: Path
    rows: dict[int, int]
    children: int
    window: AnnexAWindow


def annex_a_lists(
    *, window: AnnexAWindow, record: LiveRecord | None = None
) -> dict[int, pl.DataFrame]:
    """Every list's rows for a window: the list's columns, plus `child_id`."""
    lists = CareLists(record or LiveRecord(), window)
    return {
        1: lists.contacts(),
        2: lists.early_help(),
        3: lists.referrals(),
        4: lists.assessments(),
        5: lists.section47(),
        6: lists.children_in_need(),
        7: lists.child_protection(),
        8: lists.children_in_care(),
        9: lists.care_leavers(),
        10: lists.adoption(),
        11: lists.adopters(),
    }


def _write_sheet(workbook, definition: spec.AnnexAList, frame: pl.DataFrame, header) -> None:
    sheet = workbook.add_worksheet(definition.sheet_name)
    sheet.write_row(0, 0, definition.column_names, header)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(frame.select(definition.column_names).iter_rows(), start=1):
        sheet.write_row(number, 0, row)


def annex_a_write(
    *, as_at: date, out: Path, months: int = 6, actor=None, request=None
) -> AnnexAWritten:
    """Write the Annex A workbook as at `as_at` to `out`, and audit the export."""
    window = AnnexAWindow.ending(as_at, months=months)
    lists = annex_a_lists(window=window)
    child_ids = (
        pl.concat([frame.select("child_id") for frame in lists.values()])
        .unique(maintain_order=True)
        .get_column("child_id")
        .to_list()
    )
    with staged([out]) as (temporary,):
        workbook = xlsxwriter.Workbook(
            str(temporary),
            {
                "constant_memory": True,
                "default_date_format": "dd/mm/yyyy",
                "strings_to_numbers": False,
            },
        )
        header = workbook.add_format({"bold": True})
        for number, definition in spec.LISTS.items():
            _write_sheet(workbook, definition, lists[number], header)
        workbook.close()
        audit_return_export(
            actor=actor,
            request=request,
            export="annex_a",
            child_ids=child_ids,
            detail={
                "as_at": as_at.isoformat(),
                "window_start": window.start.isoformat(),
                "row_count": sum(frame.height for frame in lists.values()),
            },
        )
    return AnnexAWritten(
        path=Path(out),
        rows={number: frame.height for number, frame in lists.items()},
        children=len(child_ids),
        window=window,
    )
