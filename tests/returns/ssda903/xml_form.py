"""The 903 XML form of a return given as CSV rows, written as councils' systems export it, for
the XML reader's tests (docs/returns.md, "The 903 XML form")."""

from __future__ import annotations

from xml.sax.saxutils import escape

_RENAMED = {"CHILD": "CHILDID", "PLACE": "PL"}
_IN_HEADER = {"OC3": ("IN_TOUCH", "ACTIV", "ACCOM"), "UASC": ("DUC",)}
_AD1 = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")
_GROUPS = {
    "Reviews": "AREVIEW",
    "Missing": "AMISSING",
    "PrevPerm": "PERMANENCE",
    "OC2": "OC2",
    "PlacedAdoption": "AD_PLACED",
    "SWEpisodes": "SW_EPISODE",
}
_SKIP = {"CHILD", "DOB", "row"}


def _element(name: str, value) -> str:
    if value is None or value == "":
        return f"<{name}/>"
    return f"<{name}>{escape(str(value))}</{name}>"


def xml_from_rows(rows: dict[str, list[dict]]) -> bytes:
    """One EXPSSDA903 document holding every table's rows, child by child."""

    def mine(table, child):
        return [r for r in rows.get(table, []) if r["CHILD"] == child]

    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<EXPSSDA903>"]
    for header in rows["Header"]:
        child = header["CHILD"]
        out.append("  <CHILD>")
        parts = [_element(_RENAMED.get(k, k), v) for k, v in header.items() if k != "row"]
        for table, columns in _IN_HEADER.items():
            for row in mine(table, child)[:1]:
                parts += [_element(c, row.get(c)) for c in columns]
        for row in mine("AD1", child)[:1]:
            parts += [_element(c, row.get(c)) for c in _AD1]
        for table, group in _GROUPS.items():
            for row in mine(table, child):
                inner = "".join(_element(k, v) for k, v in row.items() if k not in _SKIP)
                parts.append(f"<{group}>{inner}</{group}>")
        out.append("    <HEADER>" + "".join(parts) + "</HEADER>")
        for row in mine("Episodes", child):
            inner = "".join(
                _element(_RENAMED.get(k, k), v) for k, v in row.items() if k not in _SKIP
            )
            out.append(f"    <EPISODE>{inner}</EPISODE>")
        out.append("  </CHILD>")
    out.append("</EXPSSDA903>")
    return ("\n".join(out) + "\n").encode("utf-8")
