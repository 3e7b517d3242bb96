"""A small, clean, synthetic SSDA903 return for 2025-26 (and last year's), for rule tests.

Eight invented children, each a case the rules care about: C1 in care for years (OC2, a
placement move, a missing episode), C2 adopted in the year, C3 a care leaver, C4 an
unaccompanied asylum seeker, C5 a baby under an EPO then an ICO, C6 on short breaks, C7 a
mother with a temporary placement during her carer's holiday, C8 leaving on an SGO. Every rule
passes on it; each rule's test changes one thing and expects that rule to fire there.
"""

from __future__ import annotations

import copy
from pathlib import Path

import polars as pl

from sightline.returns.ssda903 import return_tables, spec
from sightline.returns.ssda903.reader import tables_from_rows

OWN_LA = "E09000033"
OTHER_LA = "E10000015"


def _episode(child, decom, rne, ls, cin, place, provider, dec, rec, **extra):
    row = {
        "CHILD": child,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "CIN": cin,
        "PLACE": place,
        "PLACE_PROVIDER": provider,
        "DEC": dec,
        "REC": rec,
        "REASON_PLACE_CHANGE": extra.get("rpc"),
        "HOME_POST": extra.get("home", "SW1A 1AA"),
        "PL_POST": extra.get("post"),
        "URN": extra.get("urn"),
        "PL_DISTANCE": extra.get("distance"),
        "PL_LA": extra.get("la"),
        "PL_LOCATION": extra.get("location"),
    }
    return row


def _placed(post, urn, distance="4.2", la=OWN_LA, location="IN"):
    return {"post": post, "urn": urn, "distance": distance, "la": la, "location": location}


C1_HOME = _placed("SE1 7PB", "SC123456")
C2_FOSTER = _placed("N1 9GU", "SC654321")
C2_ADOPT = _placed("E1 6AN", "SC900001", distance="12.5", la=OTHER_LA, location="OUT")
C7_FOSTER = _placed("W2 1HB", "SC333333")


def clean_rows() -> dict[str, list[dict]]:
    """This year's return (2025-26), as the text a council's CSVs hold."""
    header = [
        ("C1", "F", "15/06/2012", "WBRI", "A123456789012", "0", None, "0"),
        ("C2", "M", "10/02/2021", "BAFR", "UN1", None, None, "0"),
        ("C3", "F", "20/08/2007", "WIRI", "B123456789012", None, None, "0"),
        ("C4", "M", "05/05/2009", "OOTH", "UN2", None, None, "1"),
        ("C5", "F", "05/01/2024", "MWBC", "UN1", None, None, "0"),
        ("C6", "M", "03/03/2015", "AIND", "C123456789012", None, None, "0"),
        ("C7", "F", "10/10/2010", "WBRI", "D123456789012", "1", "01/12/2025", "0"),
        ("C8", "M", "01/01/2016", "CHNE", "E123456789012", None, None, "0"),
    ]
    dob = {h[0]: h[2] for h in header}
    episodes = [
        _episode(
            "C1",
            "10/05/2020",
            "S",
            "C2",
            "N1",
            "U4",
            "PR1",
            "01/09/2025",
            "X1",
            rpc="CARPL",
            **C1_HOME,
        ),
        _episode(
            "C1",
            "01/09/2025",
            "P",
            "C2",
            "N1",
            "U6",
            "PR1",
            None,
            None,
            **_placed("SE5 8AA", "SC123457"),
        ),
        _episode(
            "C2",
            "15/01/2024",
            "L",
            "E1",
            "N1",
            "U6",
            "PR1",
            "01/05/2025",
            "X1",
            rpc="CARPL",
            **C2_FOSTER,
        ),
        _episode("C2", "01/05/2025", "P", "E1", "N1", "A6", "PR2", "20/11/2025", "E11", **C2_ADOPT),
        _episode(
            "C4",
            "10/06/2025",
            "S",
            "V2",
            "N4",
            "K2",
            "PR4",
            None,
            None,
            post="M1 1AE",
            urn="SC777777",
            la=OTHER_LA,
            location="OUT",
        ),
        _episode(
            "C5",
            "15/09/2025",
            "S",
            "L2",
            "N1",
            "U3",
            "PR1",
            "20/09/2025",
            "X1",
            **_placed("SE1 9SG", "SC111111"),
        ),
        _episode(
            "C5",
            "20/09/2025",
            "L",
            "C1",
            "N1",
            "U3",
            "PR1",
            None,
            None,
            **_placed("SE1 9SG", "SC111111"),
        ),
        _episode(
            "C6",
            "01/05/2025",
            "S",
            "V3",
            "N2",
            "K2",
            "PR1",
            "05/05/2025",
            "E8",
            home=None,
            urn="SC222222",
        ),
        _episode(
            "C6",
            "01/08/2025",
            "S",
            "V3",
            "N2",
            "K2",
            "PR1",
            "04/08/2025",
            "E8",
            home=None,
            urn="SC222222",
        ),
        _episode(
            "C7",
            "01/11/2024",
            "S",
            "C2",
            "N1",
            "U6",
            "PR4",
            "01/07/2025",
            "X1",
            rpc="OTHER",
            **C7_FOSTER,
        ),
        _episode("C7", "01/07/2025", "P", "C2", "N1", "T3", None, "15/07/2025", "X1"),
        _episode("C7", "15/07/2025", "P", "C2", "N1", "U6", "PR4", None, None, **C7_FOSTER),
        _episode(
            "C8",
            "20/04/2025",
            "S",
            "V2",
            "N5",
            "U1",
            "PR1",
            "10/01/2026",
            "E45",
            **_placed("SE11 4PG", "SC444444"),
        ),
    ]
    return {
        "Header": [
            dict(
                zip(
                    ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB", "UASC"),
                    h,
                    strict=True,
                )
            )
            for h in header
        ],
        "Episodes": episodes,
        "Reviews": [
            {"CHILD": "C1", "DOB": dob["C1"], "REVIEW": "01/06/2025", "REVIEW_CODE": "PN1"},
            {"CHILD": "C2", "DOB": dob["C2"], "REVIEW": "01/06/2025", "REVIEW_CODE": "PN4"},
            {"CHILD": "C5", "DOB": dob["C5"], "REVIEW": "20/10/2025", "REVIEW_CODE": "PN0"},
            {"CHILD": "C7", "DOB": dob["C7"], "REVIEW": "01/05/2025", "REVIEW_CODE": "PN1"},
            {"CHILD": "C7", "DOB": dob["C7"], "REVIEW": "01/11/2025", "REVIEW_CODE": "PN5"},
        ],
        "UASC": [{"CHILD": "C4", "SEX": "M", "DOB": dob["C4"], "DUC": None}],
        "OC2": [
            {
                "CHILD": "C1",
                "DOB": dob["C1"],
                "SDQ_SCORE": "12",
                "SDQ_REASON": None,
                "CONVICTED": "0",
                "HEALTH_CHECK": None,
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "0",
                "INTERVENTION_RECEIVED": None,
                "INTERVENTION_OFFERED": None,
            },
            {
                "CHILD": "C7",
                "DOB": dob["C7"],
                "SDQ_SCORE": "20",
                "SDQ_REASON": None,
                "CONVICTED": "0",
                "HEALTH_CHECK": None,
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "0",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "1",
                "INTERVENTION_RECEIVED": "0",
                "INTERVENTION_OFFERED": "1",
            },
        ],
        "OC3": [{"CHILD": "C3", "DOB": dob["C3"], "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "U1"}],
        "AD1": [
            {
                "CHILD": "C2",
                "DOB": dob["C2"],
                "DATE_INT": "01/11/2023",
                "DATE_MATCH": "10/04/2025",
                "FOSTER_CARE": "0",
                "NB_ADOPTR": "2",
                "SEX_ADOPTR": "MF",
                "LS_ADOPTR": "L11",
            }
        ],
        "PlacedAdoption": [
            {
                "CHILD": "C2",
                "DOB": dob["C2"],
                "DATE_PLACED": "01/11/2023",
                "DATE_PLACED_CEASED": None,
                "REASON_PLACED_CEASED": None,
            }
        ],
        "PrevPerm": [
            {"CHILD": c, "DOB": dob[c], "PREV_PERM": "Z1", "LA_PERM": None, "DATE_PERM": None}
            for c in ("C4", "C5", "C8")
        ],
        "Missing": [
            {
                "CHILD": "C1",
                "DOB": dob["C1"],
                "MISSING": "M",
                "MIS_START": "01/07/2025",
                "MIS_END": "03/07/2025",
            },
            {
                "CHILD": "C7",
                "DOB": dob["C7"],
                "MISSING": "A",
                "MIS_START": "01/12/2025",
                "MIS_END": "02/12/2025",
            },
            {
                "CHILD": "C7",
                "DOB": dob["C7"],
                "MISSING": "M",
                "MIS_START": "01/02/2026",
                "MIS_END": None,
            },
        ],
        "SWEpisodes": [
            _sw("C1", "SW001", "01/01/2024", "01/10/2025", "MANAGE", dob),
            _sw("C1", "SW002", "01/10/2025", None, "LEFTRL", dob),
            _sw("C2", "SW003", "15/01/2024", "20/11/2025", "MANAGE", dob),
            _sw("C4", "XX0001", "01/04/2025", "10/06/2025", "OTHERS", dob),
            _sw("C4", "SW004", "10/06/2025", None, "MANAGE", dob),
            _sw("C5", "SW005", "01/03/2025", None, "MANAGE", dob),
            _sw("C7", "SW006", "01/11/2024", None, "MANAGE", dob),
        ],
    }


def _sw(child, sw_id, start, end, reason, dob):
    return {
        "CHILD": child,
        "DOB": dob[child],
        "SW_ID": sw_id,
        "SW_DECOM": start,
        "SW_DEC": end,
        "SW_REASON": reason,
    }


def previous_rows() -> dict[str, list[dict]]:
    """Last year's return (2024-25) for the children this year's return continues."""
    now = clean_rows()
    header = [h for h in now["Header"] if h["CHILD"] in ("C1", "C2", "C3", "C7")]
    header = copy.deepcopy(header)
    for h in header:
        if h["CHILD"] == "C7":
            h["MOTHER"], h["MC_DOB"] = "0", None
    continuing = [copy.deepcopy(e) for e in now["Episodes"]]
    first = {}
    for e in continuing:
        first.setdefault(e["CHILD"], e)
    episodes = []
    for child in ("C1", "C2", "C7"):
        e = dict(first[child])
        e.update(DEC=None, REC=None, REASON_PLACE_CHANGE=None)
        episodes.append(e)
    episodes.append(
        _episode(
            "C3",
            "10/01/2023",
            "S",
            "C2",
            "N1",
            "U4",
            "PR1",
            "01/02/2025",
            "E6",
            **_placed("NW1 2DB", "SC555555"),
        )
    )
    return {
        "Header": header,
        "Episodes": episodes,
        "PlacedAdoption": copy.deepcopy(now["PlacedAdoption"]),
    }


def providers() -> pl.DataFrame:
    """Ofsted's provider list for the URNs the clean return uses."""
    foster = "U1 U2 U3 U4 U5 U6 A3 A4 A5 A6"
    rows = [
        ("SC123456", foster, "SE1 7PB", "PR1", OWN_LA),
        ("SC123457", foster, "SE5 8AA", "PR1", OWN_LA),
        ("SC654321", foster, "N1 9GU", "PR1", OWN_LA),
        ("SC900001", foster, "E1 6AN", "PR1 PR2", OTHER_LA),
        ("SC777777", "K2", "M1 1AE", "PR4", OTHER_LA),
        ("SC111111", foster, "SE1 9SG", "PR1", OWN_LA),
        ("SC222222", "K2", "SE1 1AA", "PR1", OWN_LA),
        ("SC333333", foster, "W2 1HB", "PR4", OWN_LA),
        ("SC444444", foster, "SE11 4PG", "PR1", OWN_LA),
    ]
    return pl.DataFrame(
        {
            "URN": [r[0] for r in rows],
            "PLACE_CODES": [r[1] for r in rows],
            "POSTCODE": [r[2] for r in rows],
            "PROVIDER_CODES": [r[3] for r in rows],
            "REG_DATE": ["01/01/2010"] * len(rows),
            "CLOSE_DATE": [None] * len(rows),
            "LA": [r[4] for r in rows],
        }
    )


def build(rows=None, previous=None, *, with_previous=True, with_providers=True):
    """ReturnTables of the clean return (or of rows changed from it)."""
    rows = clean_rows() if rows is None else rows
    if previous is None and with_previous:
        previous = previous_rows()
    last = tables_from_rows(previous) if previous is not None else None
    lookups = {"providers": providers()} if with_providers else {}
    return return_tables(tables_from_rows(rows), previous=last, lookups=lookups)


def write_csvs(rows: dict[str, list[dict]], directory: Path) -> Path:
    """Write rows as a council's 903 files: one CSV per table, named as DfE names them."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, columns in spec.TABLES.items():
        records = rows.get(name, [])
        extra = [c for r in records for c in r if c not in columns]
        header = [*columns, *dict.fromkeys(extra)]
        lines = [",".join(header)]
        for r in records:
            lines.append(",".join("" if r.get(c) is None else str(r[c]) for c in header))
        (directory / f"{name}.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return directory
