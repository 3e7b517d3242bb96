"""A statutory return produced from the live record for the Returns pages, as a download.

The same writers as ``sightline returns`` write the return into a private directory under
``SIGHTLINE_RETURNS_UPLOAD_DIR``; each writer records the export in the access audit (every
child named, with the page and address of the request) before its files are moved into place.
The finished file is opened and the directory deleted at once: the open file is streamed to the
browser and vanishes with it, so no copy of the return stays on the server.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from sightline.returns.produce.annex_a import annex_a_write
from sightline.returns.produce.cin import cin_census_write
from sightline.returns.produce.ssda903 import ssda903_write
from sightline.returns.produce.years import CollectionYear
from sightline.returns.uploads import private_directory

__all__ = ["ProducedReturn", "produce_return"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ProducedReturn:
    file: BinaryIO
    filename: str
    content_type: str
    children: int


def produce_return(
    *,
    kind: str,
    actor,
    request=None,
    year: CollectionYear | None = None,
    as_at: date | None = None,
    months: int = 6,
) -> ProducedReturn:
    """Write one return and hand back its open file; ``ReturnError`` if there is none to write."""
    with private_directory() as directory:
        if kind == "cin":
            path = directory / f"cin-census-{year.label}.xml"
            written = cin_census_write(year=year, out=path, actor=actor, request=request)
            children, content_type = written.children, "application/xml"
        elif kind == "ssda903":
            tables = directory / "tables"
            tables.mkdir()
            written = ssda903_write(year=year, out=tables, actor=actor, request=request)
            path = directory / f"ssda903-{year.label}.zip"
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
                for csv in sorted(tables.iterdir()):
                    zipped.write(csv, arcname=csv.name)
            children, content_type = written.children, "application/zip"
        elif kind == "annex-a":
            path = directory / f"annex-a-{as_at.isoformat()}.xlsx"
            written = annex_a_write(
                as_at=as_at, out=path, months=months, actor=actor, request=request
            )
            children, content_type = written.children, XLSX
        else:
            raise ValueError(f"unknown return {kind!r}")
        # Opened before the directory goes: the handle keeps the file until it is closed.
        handle = path.open("rb")
    return ProducedReturn(handle, path.name, content_type, children)
