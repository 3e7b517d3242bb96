"""Stream a CIN census XML file into its raw tables in one linear pass.

lxml's ``iterparse`` hands over one ``Child`` element at a time; each is turned into rows and
then cleared, with the children already read removed from the tree, so memory holds one child
plus the growing column lists, and time is linear in the file's size. Any fault of the file
(malformed XML, an encoding it does not declare, a date that does not exist, a boolean or count
of the wrong form, a document that is not a CIN census) raises one `CensusReadError` naming the
line, element path, field, value and what was expected; nothing is returned half-read.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import IO

import polars as pl
from lxml import etree

from sightline.returns.cin.errors import CensusReadError
from sightline.returns.cin.period import census_reference_date
from sightline.returns.cin.tables import (
    BOOL,
    DATE,
    FIELDS,
    INT,
    KEYS,
    SEX_FROM_GENDER_CURRENT,
    TEXT,
    table_schema,
)
from sightline.returns.validation import ReturnTables

__all__ = ["read_census"]

_BOOLEANS = {"true": True, "TRUE": True, "1": True, "false": False, "FALSE": False, "0": False}
_BOOLEAN_FORMS = "true, false, TRUE, FALSE, 1 or 0"
# Rows are turned into Polars frames this many children at a time: a census of any size then
# holds at most one chunk's rows as Python objects.
_CHILDREN_PER_CHUNK = 20_000


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None  # a comment or processing instruction
    return tag.rsplit("}", 1)[1] if tag[:1] == "{" else tag


class _Columns:
    """The rows of one table read so far, each a dict of the fields its element carried."""

    __slots__ = ("add", "rows")

    def __init__(self, name: str) -> None:
        self.rows: list[dict] = []
        self.add = self.rows.append

    def frame(self, name: str) -> pl.DataFrame:
        # Polars builds the columns from the row dicts in one pass (fields a row lacks are
        # null, keys that are not columns are left out); every date was checked as it was
        # read, so its text converts in one pass too.
        schema = table_schema(name)
        wanted = {c: (pl.String if t == pl.Date else t) for c, t in schema.items()}
        frame = pl.from_dicts(self.rows, schema=wanted)
        dates = [c for c, t in schema.items() if t == pl.Date]
        return frame.with_columns(pl.col(c).str.to_date("%Y-%m-%d") for c in dates)


class _CensusReader:
    def __init__(self, label: str) -> None:
        self.label = label
        self.tables = {name: _Columns(name) for name in KEYS}
        self.done: dict[str, list[pl.DataFrame]] = {name: [] for name in KEYS}
        self.child_count = 0
        self.child_id: str | None = None
        self.use_namespace("")

    def use_namespace(self, namespace: str) -> None:
        """Match elements by their tags as written: plain, or all in the root's namespace."""
        self.spec = {
            table: {namespace + name: (name, kind) for name, kind in fields.items()}
            for table, fields in FIELDS.items()
        }
        names = (
            "ChildIdentifiers",
            "ChildCharacteristics",
            "LAchildID",
            "Disabilities",
            "Disability",
            "CINdetails",
            "Assessments",
            "FactorsIdentifiedAtAssessment",
            "AssessmentFactors",
            "CINPlanDates",
            "Section47",
            "PreProceedingsandFGDM",
            "ChildProtectionPlans",
            "Reviews",
            "CPPreviewDate",
            "CollectionDetails",
            "Source",
        )
        self.tag = {name: namespace + name for name in names}
        self.modules = {
            namespace + "CINPlanDates": "cin_plan_dates",
            namespace + "Section47": "section47",
            namespace + "PreProceedingsandFGDM": "pre_proceedings",
        }

    # --- faults ------------------------------------------------------------------------------

    def _path(self, element: etree._Element) -> str:
        parts = []
        node = element
        while node is not None and _local(node.tag) != "Child":
            tag = _local(node.tag)
            position = 1 + sum(
                1 for sibling in node.itersiblings(preceding=True) if sibling.tag == node.tag
            )
            parts.append(f"{tag}[{position}]" if node.getparent() is not None else tag)
            node = node.getparent()
        if node is None:
            return "/".join(reversed(parts))
        parts.append(f"Child[{self.child_count + 1}]")
        parts.append("Message/Children")
        return "/".join(reversed(parts))

    def fail(self, element, problem: str, *, value=None, expected=None) -> CensusReadError:
        return CensusReadError(
            file=self.label,
            problem=problem,
            line=element.sourceline,
            path=self._path(element),
            field=_local(element.tag),
            value=value,
            expected=expected,
            child_id=self.child_id,
        )

    # --- values ------------------------------------------------------------------------------

    def value(self, element, kind: str):
        text = element.text
        if text is None:
            return None
        text = text.strip()
        if not text:
            return None
        if kind == TEXT:
            return text
        if kind == DATE:
            if len(text) == 10 and text[4] == "-" and text[7] == "-":
                try:
                    date.fromisoformat(text)
                    return text
                except ValueError:
                    pass
            raise self.fail(
                element, "not a real date", value=text, expected="a date written YYYY-MM-DD"
            )
        if kind == BOOL:
            flag = _BOOLEANS.get(text)
            if flag is None:
                raise self.fail(element, "not a yes/no value", value=text, expected=_BOOLEAN_FORMS)
            return flag
        if kind == INT:
            if text.isascii() and text.isdigit():
                return int(text)
            raise self.fail(element, "not a whole number", value=text, expected="0, 1, 2, ...")
        return text

    def fields(self, element, table: str, row: dict) -> None:
        spec = self.spec[table]
        for part in element:
            found = spec.get(part.tag)
            if found is not None:
                name, kind = found
                if kind == TEXT:  # most fields: the text, stripped, or nothing
                    text = part.text
                    row[name] = (text.strip() or None) if text is not None else None
                else:
                    row[name] = self.value(part, kind)

    # --- modules -----------------------------------------------------------------------------

    def header(self, element) -> None:
        row: dict = {"line": element.sourceline}
        for part in element:
            if part.tag in (self.tag["CollectionDetails"], self.tag["Source"]):
                self.fields(part, "header", row)
        self.tables["header"].add(row)

    def child(self, element) -> None:
        self.child_id = None
        tag = self.tag
        for part in element:
            if part.tag == tag["ChildIdentifiers"]:
                for leaf in part:
                    if leaf.tag == tag["LAchildID"]:
                        self.child_id = self.value(leaf, TEXT)
        n = self.child_count
        counts = dict.fromkeys(KEYS, 0)
        person: dict = {
            "child": n,
            "LAchildID": self.child_id,
            "row": 0,
            "line": element.sourceline,
        }
        cin = 0
        for part in element:
            name = part.tag
            if name == tag["ChildIdentifiers"] or name == tag["ChildCharacteristics"]:
                self.fields(part, "children", person)
                for leaf in part:
                    if leaf.tag == tag["Disabilities"]:
                        self.disabilities(leaf, n, counts)
            elif name == tag["CINdetails"]:
                self.cin_details(part, n, cin, counts)
                cin += 1
        if person.get("Sex") is None and person.get("GenderCurrent") is not None:
            gender = person["GenderCurrent"]
            person["Sex"] = SEX_FROM_GENDER_CURRENT.get(gender, gender)
        self.tables["children"].add(person)
        self.child_count += 1

    def _row(self, table: str, element, n: int, counts: dict, **extra) -> dict:
        row = {
            "child": n,
            "LAchildID": self.child_id,
            "row": counts[table],
            "line": element.sourceline,
            **extra,
        }
        counts[table] += 1
        return row

    def disabilities(self, element, n: int, counts: dict) -> None:
        for leaf in element:
            if leaf.tag == self.tag["Disability"]:
                row = self._row("disabilities", leaf, n, counts)
                row["Disability"] = self.value(leaf, TEXT)
                self.tables["disabilities"].add(row)

    def cin_details(self, element, n: int, cin: int, counts: dict) -> None:
        episode = self._row("cin_details", element, n, counts, cin=cin)
        self.fields(element, "cin_details", episode)
        self.tables["cin_details"].add(episode)
        tag = self.tag
        for part in element:
            name = part.tag
            if name == tag["Assessments"]:
                row = self._row("assessments", part, n, counts, cin=cin)
                self.fields(part, "assessments", row)
                self.tables["assessments"].add(row)
                for group in part:
                    if group.tag == tag["FactorsIdentifiedAtAssessment"]:
                        for leaf in group:
                            if leaf.tag == tag["AssessmentFactors"]:
                                factor = self._row(
                                    "assessment_factors",
                                    leaf,
                                    n,
                                    counts,
                                    cin=cin,
                                    assessment_row=row["row"],
                                )
                                factor["AssessmentFactors"] = self.value(leaf, TEXT)
                                self.tables["assessment_factors"].add(factor)
            elif name in self.modules:
                table = self.modules[name]
                row = self._row(table, part, n, counts, cin=cin)
                self.fields(part, table, row)
                self.tables[table].add(row)
            elif name == tag["ChildProtectionPlans"]:
                plan = self._row("cp_plans", part, n, counts, cin=cin)
                self.fields(part, "cp_plans", plan)
                self.tables["cp_plans"].add(plan)
                for group in part:
                    if group.tag == tag["Reviews"]:
                        self.reviews(group, n, cin, plan["row"], counts)

    def reviews(self, element, n: int, cin: int, cpp_row: int, counts: dict) -> None:
        dates = [leaf for leaf in element if leaf.tag == self.tag["CPPreviewDate"]]
        if not dates:
            # A Reviews group with no date in it is itself a review record with a missing date.
            review = self._row("cp_reviews", element, n, counts, cin=cin, cpp_row=cpp_row)
            self.tables["cp_reviews"].add(review)
        for leaf in dates:
            review = self._row("cp_reviews", leaf, n, counts, cin=cin, cpp_row=cpp_row)
            review["CPPreviewDate"] = self.value(leaf, DATE)
            self.tables["cp_reviews"].add(review)

    def flush(self) -> None:
        """Turn the rows read so far into frames, so Python objects never pile up."""
        for name, columns in self.tables.items():
            self.done[name].append(columns.frame(name))
        self.tables = {name: _Columns(name) for name in KEYS}

    def frames(self) -> dict[str, pl.DataFrame]:
        self.flush()
        return {name: pl.concat(parts, rechunk=True) for name, parts in self.done.items()}


def _check_root(reader: _CensusReader, root) -> None:
    if _local(root.tag) != "Message":
        raise CensusReadError(
            file=reader.label,
            problem="this is not a CIN census file",
            line=root.sourceline,
            path=_local(root.tag),
            value=_local(root.tag),
            expected="a document whose root element is Message (the CIN census XML)",
        )


def read_census(
    source: str | os.PathLike | IO[bytes],
    *,
    collection_year: str = "2025-26",
    label: str | None = None,
) -> ReturnTables:
    """Read a CIN census XML file (a path or a binary file object) into `ReturnTables`.

    ``collection_year`` sets the census period the rules use; the file's own header
    ReferenceDate is kept in the ``header`` table for rule 100 to judge. Raise
    `CensusReadError` for any file that cannot be read.
    """
    reference = census_reference_date(collection_year)
    if label is None:
        label = str(source) if isinstance(source, str | os.PathLike) else "CIN census file"
    if isinstance(source, str | os.PathLike):
        source = Path(source)
        if not source.is_file():
            raise CensusReadError(file=label, problem="no such file")
        source = str(source)
    reader = _CensusReader(label)
    events = etree.iterparse(
        source,
        events=("end",),
        tag=("{*}Child", "{*}Header"),
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
    )
    checked_root = False
    try:
        for _event, element in events:
            if not checked_root:
                root = element.getroottree().getroot()
                _check_root(reader, root)
                if root.tag[:1] == "{":
                    reader.use_namespace(root.tag[: root.tag.index("}") + 1])
                checked_root = True
            if element.tag[-5:] == "Child":
                reader.child(element)
                if reader.child_count % _CHILDREN_PER_CHUNK == 0:
                    reader.flush()
            else:
                reader.header(element)
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
        root = events.root
    except etree.XMLSyntaxError as fault:
        # An empty or cut-short file has no line of its own: the fault is at its start.
        line = fault.lineno if fault.lineno else 1
        raise CensusReadError(
            file=label,
            problem=f"the file is not well-formed XML ({fault.msg})",
            line=line,
            expected="well-formed XML in the encoding the file declares (UTF-8 if none)",
        ) from None
    except OSError as fault:
        raise CensusReadError(file=label, problem=f"the file cannot be read ({fault})") from None
    if not checked_root:
        _check_root(reader, root)
    if reader.child_count == 0:
        raise CensusReadError(
            file=label,
            problem="the census has no Child records",
            line=root.sourceline,
            path="Message/Children",
            expected="at least one Message/Children/Child element",
        )
    return ReturnTables(
        kind="cin",
        collection_year=collection_year,
        tables=reader.frames(),
        reference_date=reference,
    )
