"""Read the SSDA903 return in its XML form (one file, as some councils' case systems export it)
into exactly the tables the CSV reader gives (`reader.read_directory`).

The layout (docs/returns.md, "The 903 XML form")::

    EXPSSDA903
      CHILD*
        HEADER     CHILDID, UPN, SEX, DOB, ETHNIC, UASC, DUC, MOTHER, MC_DOB,
                   IN_TOUCH, ACTIV, ACCOM,                                   (OC3)
                   DATE_INT, DATE_MATCH, FOSTER_CARE, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR, (AD1)
                   AREVIEW*    {REVIEW, REVIEW_CODE}                         (Reviews)
                   AMISSING*   {MISSING, MIS_START, MIS_END}                 (Missing)
                   PERMANENCE  {PREV_PERM, LA_PERM, DATE_PERM}               (PrevPerm)
                   OC2         {SDQ_SCORE, SDQ_REASON, CONVICTED, ...}       (OC2)
                   AD_PLACED*  {DATE_PLACED, DATE_PLACED_CEASED, REASON_PLACED_CEASED}
                   SW_EPISODE* {SW_ID, SW_DECOM, SW_DEC, SW_REASON}          (SWEpisodes)
        EPISODE*   DECOM, RNE, LS, CIN, PL, PL_POST, HOME_POST, URN, PLACE_PROVIDER, DEC, REC,
                   REASON_PLACE_CHANGE

CHILDID is the tables' CHILD and PL their PLACE; DOB (and SEX for UASC) is copied from the
HEADER into each of the child's rows, as the CSV tables repeat it. A child has an OC3 row when
its HEADER carries any care-leaver field, an AD1 row when it carries any adoption field, and a
UASC row when its UASC flag is set (1, true, Y) or it gives DUC. Element names are matched
without regard to case or namespace; elements the layout does not name are ignored, as extra
CSV columns are.

The file is parsed as a stream (one CHILD in memory at a time), with entities and DTDs never
loaded. Faults are located by line and element path, e.g. ``EXPSSDA903/CHILD[12]/HEADER``.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from lxml import etree

from sightline.returns.ssda903 import spec
from sightline.returns.ssda903.reader import ReadProblem, ReturnReadError, prepare_table

__all__ = ["read_xml"]

ROOT = "EXPSSDA903"
# XML element name -> table column, where they differ.
_RENAMED = {"CHILDID": "CHILD", "PL": "PLACE"}
_OC3 = ("IN_TOUCH", "ACTIV", "ACCOM")
_AD1 = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
# Repeating (or once-only) groups inside HEADER: element -> the table its rows go to.
_GROUPS = {
    "AREVIEW": "Reviews",
    "AMISSING": "Missing",
    "PERMANENCE": "PrevPerm",
    "OC2": "OC2",
    "AD_PLACED": "PlacedAdoption",
    "SW_EPISODE": "SWEpisodes",
}
_ONCE = {"PERMANENCE", "OC2"}
_YES = {"1", "TRUE", "Y", "YES"}
# Problems listed before the reader stops looking: enough to fix a file's pattern of faults.
_PROBLEMS_MAX = 100


def _name(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or processing instruction
        return ""
    # "{namespace}name" -> "NAME"; string work, as QName() costs more than the rest of a row.
    return tag.rpartition("}")[2].strip().upper()


def _fields(element) -> dict[str, str | None]:
    """The element's simple children as column -> text (stripped; blanks as None)."""
    found: dict[str, str | None] = {}
    for child in element:
        name = _name(child)
        if not name or len(child):
            continue
        text = (child.text or "").strip()
        found[_RENAMED.get(name, name)] = text or None
    return found


class _Reader:
    def __init__(self, path: Path, lines: dict[str, list[int]] | None):
        self.path = path
        self.file = str(path)
        # Column by column (a list per column, not a dict per row): a fifth of the memory.
        self.columns: dict[str, dict[str, list]] = {
            name: {c: [] for c in (*columns, *spec.OPTIONAL_COLUMNS.get(name, ()))}
            for name, columns in spec.TABLES.items()
        }
        self.lines = lines if lines is not None else {}
        for name in spec.TABLES:
            self.lines.setdefault(name, [])
        self.problems: list[ReadProblem] = []

    def problem(self, line, field, value, expected) -> None:
        if len(self.problems) < _PROBLEMS_MAX:
            self.problems.append(ReadProblem(self.file, line, field, value, expected))

    def add(self, table: str, row: dict, line: int | None) -> None:
        for column, values in self.columns[table].items():
            values.append(row.get(column))
        self.lines[table].append(line or 0)

    def child(self, element, number: int) -> None:
        where = f"{ROOT}/CHILD[{number}]"
        headers = [e for e in element if _name(e) == "HEADER"]
        if len(headers) != 1:
            found = "no HEADER" if not headers else f"{len(headers)} HEADER elements"
            self.problem(element.sourceline, where, found, "one HEADER in each CHILD")
            return
        header = headers[0]
        fields = _fields(header)
        child_id = fields.get("CHILD")
        if child_id is None:
            self.problem(header.sourceline, f"{where}/HEADER/CHILDID", None, "the child's CHILDID")
            return
        line = header.sourceline
        dob = fields.get("DOB")
        self.add("Header", {**fields, "CHILD": child_id}, line)
        if any(fields.get(c) is not None for c in _OC3):
            self.add("OC3", {"CHILD": child_id, "DOB": dob, **_pick(fields, _OC3)}, line)
        if any(fields.get(c) is not None for c in _AD1):
            self.add("AD1", {"CHILD": child_id, "DOB": dob, **_pick(fields, _AD1)}, line)
        uasc = (fields.get("UASC") or "").upper() in _YES
        if uasc or fields.get("DUC") is not None:
            self.add(
                "UASC",
                {"CHILD": child_id, "SEX": fields.get("SEX"), "DOB": dob, "DUC": fields["DUC"]},
                line,
            )
        seen: set[str] = set()
        for group in header:
            name = _name(group)
            if name not in _GROUPS:
                continue
            if name in _ONCE and name in seen:
                self.problem(
                    group.sourceline,
                    f"{where}/HEADER/{name}",
                    None,
                    f"at most one {name} in a child's HEADER",
                )
                continue
            seen.add(name)
            row = {**_fields(group), "CHILD": child_id, "DOB": dob}
            self.add(_GROUPS[name], row, group.sourceline)
        for episode in element:
            if _name(episode) == "EPISODE":
                self.add("Episodes", {**_fields(episode), "CHILD": child_id}, episode.sourceline)

    def read(self) -> dict[str, pl.DataFrame]:
        try:
            self._parse()
        except etree.XMLSyntaxError as error:
            line = error.lineno or 1  # an empty file: its first line
            message = (error.msg or str(error)).strip()
            self.problem(line, None, None, f"well-formed XML ({message})")
        except OSError as error:
            self.problem(None, None, None, f"a readable file ({error})")
        except (etree.LxmlError, ValueError) as error:  # e.g. an encoding lxml cannot decode
            self.problem(None, None, None, f"an XML file lxml can read ({error})")
        if self.problems:
            raise ReturnReadError(self.problems)
        if not self.columns["Header"]["CHILD"]:
            raise ReturnReadError(
                [ReadProblem(self.file, None, ROOT, None, "at least one CHILD with a HEADER")]
            )
        tables = {}
        for name, columns in self.columns.items():
            frame = pl.DataFrame(columns, schema={c: pl.String for c in columns})
            columns.clear()
            tables[name] = prepare_table(name, frame, source=self.file)
        return tables

    def _parse(self) -> None:
        parser_options = {
            # End events only: one Python step per element, not two.
            "events": ("end",),
            "resolve_entities": False,
            "load_dtd": False,
            "no_network": True,
            "huge_tree": True,
            "remove_comments": True,
            "remove_pis": True,
        }
        root = None
        number = 0
        for _event, element in etree.iterparse(str(self.path), **parser_options):
            parent = element.getparent()
            if root is None:
                root = element if parent is None else element.getroottree().getroot()
                if _name(root) != ROOT:
                    self.problem(
                        root.sourceline,
                        None,
                        _name(root) or None,
                        f"the root element {ROOT} (the 903 XML form)",
                    )
                    return
            if parent is not root:
                continue  # inside a CHILD (read whole at its end), or the root itself
            if _name(element) == "CHILD":
                number += 1
                self.child(element, number)
            # One CHILD in memory at a time: drop it, and what came before it.
            element.clear()
            while element.getprevious() is not None:
                del root[0]


def _pick(fields: dict, columns: tuple[str, ...]) -> dict:
    return {c: fields.get(c) for c in columns}


def read_xml(path: Path | str, *, lines: dict[str, list[int]] | None = None) -> dict:
    """The 903 tables of one XML file; raises `ReturnReadError`, located, for a faulty file.

    Given ``lines`` (a dict), it is filled with each table's XML line numbers, row by row, so a
    fault found later in a table's row can be located in the file.
    """
    return _Reader(Path(path), lines).read()
