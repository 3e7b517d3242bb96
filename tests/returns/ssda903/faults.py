"""One known fault per SSDA903 rule, each a small edit of the clean return (clean_return.py).

`Fault.edit(rows, previous)` changes the rows in place; `child` and `table` say where the rule
must flag it; `also` lists, honestly, the other rules the same fault also breaks (a date before
birth is also an episode starting before birth), so the mutation test can check that exactly
these rules fire and no others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .clean_return import OTHER_LA, OWN_LA

H, E, R, U, O2, O3, AD, PA, PP, M, SW = (
    "Header",
    "Episodes",
    "Reviews",
    "UASC",
    "OC2",
    "OC3",
    "AD1",
    "PlacedAdoption",
    "PrevPerm",
    "Missing",
    "SWEpisodes",
)


@dataclass(frozen=True)
class Fault:
    code: str
    edit: Callable
    child: str
    table: str
    also: frozenset[str] = field(default_factory=frozenset)
    needs_previous: bool = False


def e(table, index, **fields):
    """Set fields of one row (by its position in the table)."""

    def edit(rows, previous):
        rows[table][index].update(fields)

    return edit


def last_e(table, index, **fields):
    """Set fields of one row of last year's return."""

    def edit(rows, previous):
        previous[table][index].update(fields)

    return edit


def add(table, row, *, last=False):
    def edit(rows, previous):
        (previous if last else rows).setdefault(table, []).append(dict(row))

    return edit


def copy_row(table, index, **fields):
    def edit(rows, previous):
        rows[table].append({**rows[table][index], **fields})

    return edit


def drop(table, index, *, last=False):
    def edit(rows, previous):
        del (previous if last else rows)[table][index]

    return edit


def dob(child, value):
    """Change a child's date of birth everywhere the return records it."""

    def edit(rows, previous):
        for records in rows.values():
            for r in records:
                if r.get("CHILD") == child and "DOB" in r:
                    r["DOB"] = value

    return edit


def both(*edits):
    def edit(rows, previous):
        for one in edits:
            one(rows, previous)

    return edit


def F(code, edit, child, table, also=(), *, previous=False):  # noqa: N802
    return Fault(code, edit, child, table, frozenset(also), previous)


# Row positions in the clean return: Header C1..C8 = 0..7. Episodes: 0 C1 (U4, X1), 1 C1 (U6,
# open), 2 C2 (E1 U6, X1), 3 C2 (A6, adopted E11), 4 C4 (K2), 5 C5 (EPO), 6 C5 (ICO), 7-8 C6
# (short breaks), 9 C7 (U6, X1), 10 C7 (T3), 11 C7 (U6, open), 12 C8 (U1, SGO E45).
NEW_CHILD = {
    "CHILD": "C9",
    "SEX": "M",
    "DOB": "01/01/2015",
    "ETHNIC": "WBRI",
    "UPN": "F123456789012",
    "MOTHER": None,
    "MC_DOB": None,
    "UASC": "0",
}
EP_C8 = 12
FAULTS: list[Fault] = [
    # --- Header -------------------------------------------------------------------------------
    F("101", e(H, 0, SEX="X"), "C1", H),
    F("102", e(H, 0, DOB="31/02/2012"), "C1", H),
    F("103", e(H, 0, ETHNIC="XXXX"), "C1", H),
    F("105", e(H, 0, UASC="2"), "C1", H),
    F("168", e(H, 0, UPN="A12345"), "C1", H),
    F("171", e(H, 6, MC_DOB="2025-13-01"), "C7", H),
    F("174", e(H, 1, MC_DOB="01/01/2025"), "C2", H),
    F("209", e(H, 5, UPN="UN1"), "C6", H),
    F("210", e(H, 0, UPN="UN4"), "C1", H),
    F("231", e(H, 4, UASC="1"), "C5", H),
    F("232", e(H, 0, SEX="U"), "C1", H),
    F("301", dob("C5", "01/04/2026"), "C5", H),
    F("351", dob("C3", "01/01/2000"), "C3", H),
    F("442", e(H, 0, UPN=None), "C1", H),
    F("444", e(H, 5, UPN="A123456789012"), "C6", H),
    F("165", e(H, 0, MOTHER="2"), "C1", H),
    F("393", e(H, 0, MOTHER=None), "C1", H),
    F(
        "607",
        both(e(H, 3, SEX="F"), e(U, 0, SEX="F"), e(E, 4, DEC="01/02/2026", REC="E8")),
        "C4",
        H,
    ),
    F("611", e(H, 6, MC_DOB=None), "C7", H),
    F("612", e(H, 6, MOTHER="0"), "C7", H),
    F("620", e(H, 4, MOTHER="1", MC_DOB="01/02/2026"), "C5", H),
    F("621", e(H, 6, MC_DOB="01/01/2010"), "C7", H),
    F("625", e(H, 6, MC_DOB="01/04/2026"), "C7", H),
    F("628", e(H, 2, MOTHER="0"), "C3", H),
    F("INT32", copy_row(H, 7), "C8", H),
    F("EPI", add(H, NEW_CHILD), "C9", H),
    # --- Episodes: codes and fields -----------------------------------------------------------
    F("143", e(E, 1, RNE="Q"), "C1", E),
    F("144", e(E, EP_C8, LS="Z9"), "C8", E),
    F("145", e(E, EP_C8, CIN="N9"), "C8", E),
    F("146", e(E, EP_C8, PLACE="ZZ"), "C8", E),
    F("149", e(E, EP_C8, REC="E99"), "C8", E),
    F("178", e(E, EP_C8, PLACE_PROVIDER="PR9"), "C8", E),
    F("179", e(E, EP_C8, PL_LOCATION="MIDDLE"), "C8", E),
    F("1009", e(E, 0, REASON_PLACE_CHANGE="WHIM"), "C1", E),
    F("141", e(E, EP_C8, DECOM="32/01/2025"), "C8", E),
    F("147", e(E, EP_C8, DEC="2026-99-99"), "C8", E),
    F("148", e(E, EP_C8, REC=None), "C8", E),
    F("142", e(E, 0, DEC=None, REC=None, REASON_PLACE_CHANGE=None), "C1", E),
    F("164", e(E, EP_C8, PL_DISTANCE="far"), "C8", E),
    F("169", e(E, EP_C8, PL_LA="XYZ"), "C8", E),
    F("213", e(E, 10, PLACE_PROVIDER="PR4"), "C7", E),
    F("214", e(E, 10, PL_POST="W2 1HB"), "C7", E),
    F("217", both(e(E, 3, PLACE="A5"), e(AD, 0, FOSTER_CARE="1")), "C2", E),
    F("218", e(E, EP_C8, URN=None), "C8", E),
    F("222", e(E, 4, PLACE="R2"), "C4", E),
    F("225", e(E, 0, REASON_PLACE_CHANGE=None), "C1", E),
    F("226", e(E, 10, REASON_PLACE_CHANGE="OTHER"), "C7", E),
    F("233", e(E, 1, REASON_PLACE_CHANGE="CARPL"), "C1", E),
    F("234", e(E, 5, REASON_PLACE_CHANGE="CUSTOD"), "C5", E),
    F("1015", e(E, EP_C8, PL_LOCATION="OUT", PL_LA=OTHER_LA), "C8", E),
    F("392a", e(E, EP_C8, PL_DISTANCE=None), "C8", E),
    F("392b", e(E, EP_C8, HOME_POST=None), "C8", E),
    F("392c", e(E, EP_C8, HOME_POST="NOT A CODE"), "C8", E),
    F("392d", e(E, EP_C8, HOME_POST="SE11 4PG"), "C8", E),
    F("398", e(E, 7, HOME_POST="SW1A 1AA"), "C6", E),
    F("406", e(E, 4, PL_DISTANCE="10.0"), "C4", E),
    F("411", e(E, 4, PL_LOCATION="IN"), "C4", E),
    F("420", e(E, 7, PL_LA=OWN_LA), "C6", E),
    F("454", e(E, EP_C8, PL_DISTANCE="350.1"), "C8", E),
    F("526", e(E, EP_C8, PLACE_PROVIDER=None), "C8", E),
    F("527", e(E, 1, PLACE="R2", URN="XXXXXXX"), "C1", E),
    F("528", e(E, 1, PLACE="R2", URN="XXXXXXX", PLACE_PROVIDER="PR2"), "C1", E),
    F("529", e(E, 1, PLACE_PROVIDER="PR3", URN="XXXXXXX"), "C1", E),
    F("530", e(E, 1, PLACE="P1", PLACE_PROVIDER="PR4", URN="XXXXXXX"), "C1", E),
    F("531", e(E, 1, PLACE="P1", PLACE_PROVIDER="PR5", URN="XXXXXXX"), "C1", E),
    F("550", e(E, 1, PLACE_PROVIDER="PR0", URN="XXXXXXX"), "C1", E),
]


def c7_with_holidays(count):
    """C7's episodes rebuilt with `count` short holiday (T3) placements in the year."""

    def edit(rows, previous):
        eps = [r for r in rows[E] if r["CHILD"] == "C7"]
        foster, temp = eps[0], eps[1]
        kept = [r for r in rows[E] if r["CHILD"] != "C7"]
        chain = [dict(foster, DEC="01/06/2025")]
        day = 1
        for n in range(count):
            start, end = f"{day:02d}/{6 + n}/2025", f"{day + 7:02d}/{6 + n}/2025"
            chain[-1]["DEC"] = start
            chain.append(dict(temp, DECOM=start, DEC=end))
            chain.append(
                dict(foster, DECOM=end, DEC=None, REC=None, RNE="P", REASON_PLACE_CHANGE=None)
            )
            if n < count - 1:
                chain[-1].update(
                    DEC=f"{day:02d}/{7 + n}/2025", REC="X1", REASON_PLACE_CHANGE="OTHER"
                )
        chain[0]["DEC"] = chain[1]["DECOM"]
        rows[E] = kept + chain

    return edit


def c6_breaks(nights: list[int]):
    """C6's short breaks rebuilt: one V3 episode a month from May, lasting these nights."""

    def edit(rows, previous):
        template = next(r for r in rows[E] if r["CHILD"] == "C6")
        kept = [r for r in rows[E] if r["CHILD"] != "C6"]
        import datetime as dt

        breaks = []
        for i, n in enumerate(nights):
            start = dt.date(2025, 5 + i, 1)
            end = start + dt.timedelta(days=n)
            breaks.append(
                dict(template, DECOM=start.strftime("%d/%m/%Y"), DEC=end.strftime("%d/%m/%Y"))
            )
        rows[E] = kept + breaks

    return edit


def c5_in_care_a_year(**oc2):
    """C5 in care since before the year (one ICO episode), so in the OC2 cohort, with an OC2
    row of the given fields (core health items filled unless overridden)."""
    row = {
        "CHILD": "C5",
        "DOB": "05/01/2024",
        "IMMUNISATIONS": "1",
        "TEETH_CHECK": "1",
        "HEALTH_ASSESSMENT": "1",
        "SUBSTANCE_MISUSE": "0",
        **oc2,
    }
    return both(e(E, 6, RNE="S", DECOM="10/03/2025"), drop(E, 5), add(O2, row))


def c3_in_care(**episode):
    """C3 (the care leaver) back in care this year, with the previous permanence asked."""
    row = {
        "CHILD": "C3",
        "DECOM": "10/04/2025",
        "RNE": "S",
        "LS": "V2",
        "CIN": "N1",
        "PLACE": "K2",
        "PLACE_PROVIDER": "PR1",
        "DEC": None,
        "REC": None,
        "REASON_PLACE_CHANGE": None,
        "HOME_POST": "SW1A 1AA",
        "PL_POST": "SE1 1AA",
        "URN": "SC222222",
        "PL_DISTANCE": "1.0",
        "PL_LA": OWN_LA,
        "PL_LOCATION": "IN",
        **episode,
    }
    perm = {"CHILD": "C3", "DOB": "20/08/2007", "PREV_PERM": "Z1"}
    return both(add(E, row), add(PP, perm), e(H, 2, MOTHER="0"))


def last_dob(child_index, value):
    return last_e(H, child_index, DOB=value)


def unknown(table, **fields):
    return add(table, {"CHILD": "C99", "DOB": "01/01/2015", **fields})


AD1_ROW = {
    "DOB": "01/01/2016",
    "DATE_INT": "01/06/2025",
    "DATE_MATCH": "01/07/2025",
    "FOSTER_CARE": "0",
    "NB_ADOPTR": "1",
    "SEX_ADOPTR": "F1",
    "LS_ADOPTR": "L0",
}
C4_LAST = {
    "CHILD": "C4",
    "SEX": "M",
    "DOB": "05/05/2009",
    "ETHNIC": "OOTH",
    "UPN": "UN2",
    "MOTHER": None,
    "MC_DOB": None,
}
ADOPT_AGAIN = {"DATE_PLACED": "01/02/2024", "DATE_PLACED_CEASED": None}

FAULTS += [
    # --- Episodes: dates, durations, ages, chains ---------------------------------------------
    F("302", e(E, 5, DECOM="01/01/2024"), "C5", E),
    F("352", dob("C4", "01/01/2007"), "C4", E),
    F("353", e(E, EP_C8, DECOM="01/01/1990"), "C8", E),
    F("354", e(E, EP_C8, DECOM="01/04/2026", DEC=None, REC=None), "C8", E),
    F("385", e(E, EP_C8, DEC="01/04/2026"), "C8", E),
    F("355", e(E, EP_C8, DEC="20/04/2025"), "C8", E),
    F("356", e(E, EP_C8, DEC="19/04/2025"), "C8", E),
    F("357", e(E, 4, RNE="P"), "C4", E),
    F("358", e(E, 5, LS="J1"), "C5", E),
    F("371", e(E, 1, PLACE="K3", URN="XXXXXXX"), "C1", E),
    F("372", e(E, EP_C8, PLACE="R5", URN="XXXXXXX", PLACE_PROVIDER="PR4", REC="E8"), "C8", E),
    F("373", both(e(E, 5, PLACE="S1", URN="XXXXXXX"), e(E, 6, PLACE="S1", URN="XXXXXXX")), "C5", E),
    F("374", e(E, 1, PLACE="P3", URN="XXXXXXX", PLACE_PROVIDER="PR4"), "C1", E),
    F("359", both(dob("C4", "01/01/2008"), e(E, 4, PLACE="U6", URN="XXXXXXX")), "C4", E),
    F("361", e(E, 5, LS="L1"), "C5", E),
    F("362", both(e(E, 5, DEC="12/10/2025"), e(E, 6, DECOM="12/10/2025")), "C5", E),
    F("363", both(e(E, 5, LS="L3", DEC="23/09/2025"), e(E, 6, DECOM="23/09/2025")), "C5", E),
    F("364", e(E, 5, LS="J2"), "C5", E),
    F("365", e(E, 7, DEC="19/05/2025"), "C6", E),
    F("366", e(E, 8, RNE="P"), "C6", E),
    F("367", c6_breaks([16, 16, 16, 16, 16]), "C6", E),
    F("375", both(e(E, 10, PLACE="T1", DEC="27/08/2025"), e(E, 11, DECOM="27/08/2025")), "C7", E),
    F("376", both(e(E, 10, DEC="23/07/2025"), e(E, 11, DECOM="23/07/2025")), "C7", E),
    F("379", e(E, 10, PLACE="T4"), "C7", E),
    F("377", c7_with_holidays(3), "C7", E),
    F("378", e(E, 4, PLACE="P1", PLACE_PROVIDER="PR0", URN="XXXXXXX"), "C4", E),
    F("382", e(E, 7, PLACE="T0", PLACE_PROVIDER=None, URN=None), "C6", E),
    F("384", e(E, 7, PLACE="U4", URN="XXXXXXX"), "C6", E),
    F(
        "380",
        e(
            E,
            4,
            PLACE="T0",
            PLACE_PROVIDER=None,
            URN=None,
            PL_POST=None,
            PL_LA=None,
            PL_LOCATION=None,
        ),
        "C4",
        E,
    ),
    F(
        "381",
        e(
            E,
            EP_C8,
            PLACE="T0",
            PLACE_PROVIDER=None,
            URN=None,
            PL_POST=None,
            PL_LA=None,
            PL_LOCATION=None,
            PL_DISTANCE=None,
            REC="E8",
        ),
        "C8",
        E,
    ),
    F("383", e(E, 11, PL_POST="SE5 8AA", URN="SC123457", PLACE_PROVIDER="PR1"), "C7", E),
    F(
        "386",
        both(
            dob("C4", "01/01/2008"), e(E, 4, DEC="01/02/2026", REC="E11", PLACE="A4", URN="XXXXXXX")
        ),
        "C4",
        E,
    ),
    F("387", e(E, EP_C8, REC="E5"), "C8", E),
    F("389", e(E, EP_C8, REC="E7"), "C8", E),
    F("390", e(E, EP_C8, REC="E11"), "C8", E),
    F(
        "407",
        both(
            dob("C4", "01/01/2008"), e(E, 4, DEC="01/02/2026", REC="E45", PLACE="U1", URN="XXXXXXX")
        ),
        "C4",
        E,
    ),
    F("460", e(E, EP_C8, REC="E17"), "C8", E),
    F("388", e(E, EP_C8, REC="X1"), "C8", E),
    F("437", e(E, 0, REC="E2"), "C1", E),
    F("431", e(E, 6, RNE="S"), "C5", E),
    F("432", e(E, 5, REC="E4A"), "C5", E),
    F("433", e(E, 6, DECOM="21/09/2025"), "C5", E),
    F("434", e(E, 6, PLACE="U6"), "C5", E),
    F("435", e(E, 1, PLACE="U4", PL_POST="SE1 7PB", URN="SC123456"), "C1", E),
    F("436", e(E, 6, RNE="B"), "C5", E),
    F("501", e(E, 0, DEC="02/09/2025"), "C1", E),
    F("504", e(E, 1, CIN="N2"), "C1", E),
    F("446", both(e(E, 2, DECOM="01/01/2005"), last_e(E, 1, DECOM="01/01/2005")), "C2", E),
    F("408", e(E, 3, LS="C2"), "C2", E),
    F("426", e(E, 8, LS="V4"), "C6", E),
    F("516", e(E, EP_C8, PLACE="K2", URN="XXXXXXX"), "C8", E),
    # --- OC2 ----------------------------------------------------------------------------------
    F("157", e(O2, 0, SDQ_SCORE=None, SDQ_REASON="SDQ1"), "C1", O2),
    F("158", e(O2, 1, INTERVENTION_RECEIVED="1"), "C7", O2),
    F("159", e(O2, 1, INTERVENTION_OFFERED=None), "C7", O2),
    F("180", e(O2, 0, SDQ_SCORE="41"), "C1", O2),
    F("181", e(O2, 0, CONVICTED="2"), "C1", O2),
    F("182", e(O2, 0, TEETH_CHECK=None), "C1", O2),
    F("185", add(O2, {"CHILD": "C2", "DOB": "10/02/2021", "SDQ_SCORE": "10"}), "C2", O2),
    F("186", e(O2, 0, SDQ_SCORE=None), "C1", O2),
    F(
        "197B",
        both(dob("C1", "15/06/2008"), last_dob(0, "15/06/2008"), e(O2, 0, SDQ_SCORE=None)),
        "C1",
        O2,
    ),
    F(
        "187",
        add(
            O3,
            {"CHILD": "C1", "DOB": "15/06/2012", "IN_TOUCH": "YES", "ACTIV": "F2", "ACCOM": "U1"},
        ),
        "C1",
        O3,
    ),
    F("188", add(O2, {"CHILD": "C5", "DOB": "05/01/2024", "SDQ_REASON": "SDQ1"}), "C5", O2),
    F("189", both(dob("C1", "01/01/2008"), last_dob(0, "01/01/2008")), "C1", O2),
    F(
        "190",
        add(
            O2,
            {
                "CHILD": "C8",
                "DOB": "01/01/2016",
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "0",
            },
        ),
        "C8",
        O2,
    ),
    F("191", drop(O2, 0), "C1", E),
    F("192", e(O2, 1, INTERVENTION_RECEIVED=None), "C7", O2),
    F("193", e(O2, 0, INTERVENTION_RECEIVED="0"), "C1", O2),
    F("196", e(O2, 0, SDQ_SCORE=None, SDQ_REASON="SDQ9"), "C1", O2),
    F("197a", e(O2, 0, SDQ_REASON="SDQ2"), "C1", O2),
    F("198", add(O2, {"CHILD": "C8", "DOB": "01/01/2016", "SDQ_REASON": "SDQ2"}), "C8", O2),
    F(
        "542",
        add(
            O2,
            {
                "CHILD": "C5",
                "DOB": "05/01/2024",
                "CONVICTED": "0",
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "0",
            },
        ),
        "C5",
        O2,
    ),
    F("543", e(O2, 0, CONVICTED=None), "C1", O2),
    F("544", e(O2, 0, HEALTH_ASSESSMENT=None), "C1", O2),
    F("545", c5_in_care_a_year(), "C5", O2),
    F("546", e(O2, 0, HEALTH_CHECK="1"), "C1", O2),
    F("547", c5_in_care_a_year(HEALTH_CHECK="1", TEETH_CHECK=None), "C5", O2),
    F(
        "215",
        add(
            O2,
            {
                "CHILD": "C3",
                "DOB": "20/08/2007",
                "IMMUNISATIONS": "1",
                "TEETH_CHECK": "1",
                "HEALTH_ASSESSMENT": "1",
                "SUBSTANCE_MISUSE": "0",
            },
        ),
        "C3",
        O2,
    ),
    # --- OC3 ----------------------------------------------------------------------------------
    F("131", e(O3, 0, IN_TOUCH="MAYBE"), "C3", O3),
    F("132", e(O3, 0, ACTIV="Z9"), "C3", O3),
    F("133", e(O3, 0, ACCOM="Q1"), "C3", O3),
    F("153", e(O3, 0, ACCOM=None), "C3", O3),
    F("134", add(AD, {"CHILD": "C3", **AD1_ROW, "DOB": "20/08/2007"}), "C3", AD),
    F("344", e(O3, 0, IN_TOUCH="DIED"), "C3", O3),
    F("345", e(O3, 0, ACTIV="0"), "C3", O3),
    F(
        "347",
        both(dob("C3", "20/08/2008"), last_dob(2, "20/08/2008"), e(O3, 0, ACCOM="T1")),
        "C3",
        O3,
    ),
    F("391", both(dob("C3", "20/08/2003"), last_dob(2, "20/08/2003")), "C3", O3),
    F(
        "3001",
        both(dob("C3", "20/08/2008"), last_dob(2, "20/08/2008"), e(O3, 0, ACCOM="Z1")),
        "C3",
        O3,
    ),
    F("1000", c3_in_care(DEC="01/06/2025", REC="E2"), "C3", O3),
    F("1011", c3_in_care(DEC="01/06/2025", REC="E3"), "C3", O3),
    F(
        "1007",
        both(
            c3_in_care(),
            add(
                SW,
                {
                    "CHILD": "C3",
                    "DOB": "20/08/2007",
                    "SW_ID": "SW009",
                    "SW_DECOM": "01/03/2025",
                    "SW_REASON": "MANAGE",
                },
            ),
        ),
        "C3",
        O3,
    ),
    F("1016", c3_in_care(DEC="01/10/2025", REC="E8"), "C3", O3),
    F(
        "1012",
        add(R, {"CHILD": "C3", "DOB": "20/08/2007", "REVIEW": "01/06/2025", "REVIEW_CODE": "PN1"}),
        "C3",
        R,
    ),
    F("1014", add(U, {"CHILD": "C3", "SEX": "F", "DOB": "20/08/2007", "DUC": None}), "C3", U),
    F("1001", last_e(E, 3, DECOM="10/12/2024"), "C3", O3),
    F("1002", drop(E, 3, last=True), "C3", O3),
    F("1010", last_e(E, 3, DEC=None, REC=None), "C3", O3),
    F(
        "348",
        add(O3, {"CHILD": "C3", "DOB": "20/08/2007", "IN_TOUCH": "DIED"}, last=True),
        "C3",
        O3,
    ),
    # --- AD1 and PlacedAdoption ---------------------------------------------------------------
    F("112", e(AD, 0, DATE_INT="99/99/2023"), "C2", AD),
    F("113", e(AD, 0, DATE_MATCH="notadate"), "C2", AD),
    F("114", e(AD, 0, FOSTER_CARE="3"), "C2", AD),
    F("175", e(AD, 0, NB_ADOPTR="3"), "C2", AD),
    F("176", e(AD, 0, SEX_ADOPTR="XY"), "C2", AD),
    F("177", e(AD, 0, LS_ADOPTR="L9"), "C2", AD),
    F("115", e(PA, 0, DATE_PLACED="2023-02-30"), "C2", PA),
    F("116", e(PA, 0, DATE_PLACED_CEASED="31/31/2025"), "C2", PA),
    F("120", e(PA, 0, REASON_PLACED_CEASED="RD9"), "C2", PA),
    F("511", e(AD, 0, SEX_ADOPTR="M1", LS_ADOPTR="L0"), "C2", AD),
    F("514", e(AD, 0, LS_ADOPTR="L0"), "C2", AD),
    F("517", e(AD, 0, LS_ADOPTR="L3", SEX_ADOPTR="FF"), "C2", AD),
    F("518", e(AD, 0, LS_ADOPTR="L4"), "C2", AD),
    F("519", e(AD, 0, LS_ADOPTR="L2", SEX_ADOPTR="F1"), "C2", AD),
    F("520", e(AD, 0, SEX_ADOPTR="FF"), "C2", AD),
    F("524", e(AD, 0, LS_ADOPTR="L12"), "C2", AD),
    F("151", e(AD, 0, NB_ADOPTR=None), "C2", AD),
    F("119", e(PA, 0, REASON_PLACED_CEASED="RD1"), "C2", PA),
    F("117", e(PA, 0, DATE_PLACED_CEASED="01/12/2025", REASON_PLACED_CEASED="RD4"), "C2", PA),
    F("118", e(PA, 0, DATE_PLACED_CEASED="01/03/2025", REASON_PLACED_CEASED="RD1"), "C2", PA),
    F("1003", add(PA, {"CHILD": "C4", "DOB": "05/05/2009", "DATE_PLACED": "01/01/2025"}), "C4", PA),
    F("184", add(PA, {"CHILD": "C1", "DOB": "15/06/2012", "DATE_PLACED": "01/01/2012"}), "C1", PA),
    F("331", e(AD, 0, DATE_MATCH="02/05/2025"), "C2", AD),
    F("521", e(AD, 0, DATE_INT="02/05/2025"), "C2", AD),
    F("333", e(AD, 0, DATE_INT="11/04/2025"), "C2", AD),
    F("334", e(E, 2, RNE="S"), "C2", AD),
    F("335", e(AD, 0, FOSTER_CARE="1"), "C2", AD),
    F(
        "336",
        both(
            e(E, 2, PLACE="K2", URN="XXXXXXX"),
            last_e(E, 1, PLACE="K2", URN="XXXXXXX"),
            e(E, 3, PLACE="A3", RNE="T"),
            e(AD, 0, FOSTER_CARE="1"),
        ),
        "C2",
        E,
    ),
    F("522", e(PA, 0, DATE_PLACED_CEASED="01/10/2023", REASON_PLACED_CEASED="RD1"), "C2", PA),
    F("523", e(AD, 0, DATE_INT="02/11/2023"), "C2", AD),
    F("525", e(PA, 0, DATE_PLACED_CEASED="01/10/2025", REASON_PLACED_CEASED="RD1"), "C2", AD),
    F("551", drop(PA, 0), "C2", E),
    F("553", e(E, 6, LS="E1"), "C5", E),
    F(
        "552",
        both(
            e(PA, 0, DATE_PLACED="02/05/2025"),
            e(AD, 0, DATE_INT="02/05/2025", DATE_MATCH="02/05/2025"),
        ),
        "C2",
        PA,
    ),
    F(
        "554",
        both(
            e(PA, 0, DATE_PLACED="01/02/2024"),
            e(AD, 0, DATE_INT="01/02/2024"),
            last_e(PA, 0, DATE_PLACED="01/02/2024"),
        ),
        "C2",
        PA,
    ),
    F("557", add(PA, {"CHILD": "C8", "DOB": "01/01/2016", "DATE_PLACED": "01/06/2025"}), "C8", PA),
    F("558", e(PA, 0, DATE_PLACED_CEASED="01/10/2025", REASON_PLACED_CEASED="RD1"), "C2", PA),
    F(
        "563",
        add(
            PA,
            {
                "CHILD": "C8",
                "DOB": "01/01/2016",
                "DATE_PLACED_CEASED": "01/06/2025",
                "REASON_PLACED_CEASED": "RD4",
            },
        ),
        "C8",
        PA,
    ),
    F(
        "579",
        both(
            e(PA, 0, DATE_PLACED_CEASED="01/03/2024", REASON_PLACED_CEASED="RD1"),
            add(PA, {"CHILD": "C2", "DOB": "10/02/2021", **ADOPT_AGAIN}),
        ),
        "C2",
        PA,
    ),
    F("583", add(PA, {"CHILD": "C2", "DOB": "10/02/2021", **ADOPT_AGAIN}), "C2", PA),
    F("601", drop(AD, 0), "C2", E),
    F("602", add(AD, {"CHILD": "C8", **AD1_ROW}), "C8", AD),
    F("582", e(AD, 0, DATE_MATCH="20/11/2025"), "C2", AD),
    F("559", last_e(PA, 0, DATE_PLACED="01/12/2023"), "C2", PA),
    F(
        "560",
        both(
            e(PA, 0, DATE_PLACED="01/05/2025"),
            e(AD, 0, DATE_INT="01/05/2025", DATE_MATCH="01/05/2025"),
        ),
        "C2",
        PA,
    ),
    F("561", last_e(PA, 0, DATE_PLACED_CEASED="01/02/2025", REASON_PLACED_CEASED="RD1"), "C2", PA),
    F(
        "584",
        both(
            last_e(PA, 0, DATE_PLACED_CEASED="01/06/2024", REASON_PLACED_CEASED="RD1"),
            e(PA, 0, DATE_PLACED="01/05/2024"),
            e(AD, 0, DATE_INT="01/05/2024"),
        ),
        "C2",
        PA,
    ),
    # --- Missing ------------------------------------------------------------------------------
    F("1004", e(M, 0, MIS_START="32/07/2025"), "C1", M),
    F("1005", e(M, 0, MIS_END="xx"), "C1", M),
    F("1006", e(M, 0, MISSING="X"), "C1", M),
    F("564", e(M, 0, MIS_START=None), "C1", M),
    F("565", e(M, 0, MISSING=None), "C1", M),
    F("566", e(M, 0, MISSING=None, MIS_START=None), "C1", M),
    F("567", e(M, 0, MIS_END="30/06/2025"), "C1", M),
    F("570", e(M, 2, MIS_START="01/04/2026"), "C7", M),
    F("571", e(M, 0, MIS_END="01/04/2026"), "C1", M),
    F("574", e(M, 1, MIS_END=None), "C7", M),
    F("575", e(M, 0, MIS_END=None), "C1", M),
    F(
        "577",
        add(M, {"CHILD": "C8", "DOB": "01/01/2016", "MISSING": "M", "MIS_START": "01/06/2025"}),
        "C8",
        M,
    ),
    F(
        "578",
        add(
            M,
            {
                "CHILD": "C8",
                "DOB": "01/01/2016",
                "MISSING": "M",
                "MIS_START": "01/02/2026",
                "MIS_END": "03/02/2026",
            },
        ),
        "C8",
        M,
    ),
    F(
        "580",
        add(
            M,
            {
                "CHILD": "C8",
                "DOB": "01/01/2016",
                "MISSING": "M",
                "MIS_START": "05/01/2026",
                "MIS_END": "15/01/2026",
            },
        ),
        "C8",
        E,
    ),
    F(
        "581",
        add(
            M,
            {
                "CHILD": "C8",
                "DOB": "01/01/2016",
                "MISSING": "M",
                "MIS_START": "01/03/2025",
                "MIS_END": "02/03/2025",
            },
        ),
        "C8",
        M,
    ),
    F(
        "586",
        add(
            M,
            {
                "CHILD": "C5",
                "DOB": "05/01/2024",
                "MISSING": "M",
                "MIS_START": "01/01/2024",
                "MIS_END": "02/01/2024",
            },
        ),
        "C5",
        M,
    ),
    F(
        "576",
        add(
            M,
            {"CHILD": "C1", "DOB": "15/06/2012", "MISSING": "M", "MIS_START": "01/03/2025"},
            last=True,
        ),
        "C1",
        M,
    ),
    # --- Reviews, UASC, PrevPerm --------------------------------------------------------------
    F("166", e(R, 0, REVIEW=None), "C1", R),
    F("167", e(R, 0, REVIEW_CODE="PN9"), "C1", R),
    F("440", e(R, 1, REVIEW_CODE="PN0"), "C2", R),
    F("441", e(R, 1, REVIEW="01/01/2025"), "C2", R),
    F(
        "399",
        add(R, {"CHILD": "C6", "DOB": "03/03/2015", "REVIEW": "02/05/2025", "REVIEW_CODE": "PN1"}),
        "C6",
        R,
    ),
    F("104", e(U, 0, DUC="notadate"), "C4", U),
    F(
        "303",
        add(U, {"CHILD": "C1", "SEX": "F", "DOB": "15/06/2012", "DUC": "01/06/2025"}),
        "C1",
        U,
    ),
    F("304", e(U, 0, DUC="06/05/2027"), "C4", U),
    F("630", drop(PP, 2), "C8", E),
    F("631", e(PP, 0, PREV_PERM="P9"), "C4", PP),
    F("632", e(PP, 0, PREV_PERM="P1", DATE_PERM="01/01/2026"), "C4", PP),
    F("633", e(PP, 0, PREV_PERM="P1", LA_PERM="ABCD"), "C4", PP),
    F("634", add(PP, {"CHILD": "C2", "DOB": "10/02/2021", "PREV_PERM": "P2"}), "C2", PP),
    F("635", e(PP, 0, LA_PERM="882"), "C4", PP),
    # --- Integrity ----------------------------------------------------------------------------
    F("INT01", unknown(AD, **AD1_ROW), "C99", AD),
    F("INT02", unknown(PA, DATE_PLACED="01/06/2025"), "C99", PA),
    F(
        "INT03",
        unknown(
            E,
            DECOM="01/06/2025",
            RNE="S",
            LS="V2",
            CIN="N1",
            PLACE="K2",
            PLACE_PROVIDER="PR1",
            HOME_POST="SW1A 1AA",
            PL_POST="SE1 1AA",
            URN="SC222222",
            PL_DISTANCE="1.0",
            PL_LA=OWN_LA,
            PL_LOCATION="IN",
        ),
        "C99",
        E,
    ),
    F("INT04", unknown(M, MISSING="M", MIS_START="01/06/2025", MIS_END="02/06/2025"), "C99", M),
    F("INT05", unknown(O2), "C99", O2),
    F("INT06", unknown(O3), "C99", O3),
    F("INT07", unknown(PP, PREV_PERM="Z1"), "C99", PP),
    F("INT08", unknown(R, REVIEW="01/06/2025", REVIEW_CODE="PN1"), "C99", R),
    F("INT09", unknown(U, SEX="M"), "C99", U),
    F("INT11", e(AD, 0, DOB="01/01/2001"), "C2", AD),
    F("INT12", e(PA, 0, DOB="01/01/2001"), "C2", PA),
    F("INT13", e(M, 0, DOB="01/01/2001"), "C1", M),
    F("INT14", e(O2, 0, DOB="01/01/2001"), "C1", O2),
    F("INT15", e(O3, 0, DOB="01/01/2001"), "C3", O3),
    F("INT16", e(PP, 0, DOB="01/01/2001"), "C4", PP),
    F("INT17", e(R, 0, DOB="01/01/2001"), "C1", R),
    F("INT18", e(U, 0, DOB="01/01/2001"), "C4", U),
    F("INT21", e(U, 0, SEX="F"), "C4", U),
    F("INT31", copy_row(AD, 0), "C2", AD),
    F("INT33", copy_row(O2, 0), "C1", O2),
    F("INT34", copy_row(O3, 0), "C3", O3),
    F("INT35", copy_row(PP, 0), "C4", PP),
    F("INT36", copy_row(U, 0), "C4", U),
    # --- Compared with last year --------------------------------------------------------------
    F("202", last_e(H, 0, SEX="M"), "C1", H),
    F("203", last_e(H, 0, DOB="16/06/2012"), "C1", H),
    F("204", last_e(H, 0, ETHNIC="WIRI"), "C1", H),
    F("207", last_e(H, 0, MOTHER="1"), "C1", H),
    F("208", last_e(H, 0, UPN="A999999999999"), "C1", H),
    F("624", last_e(H, 3, MC_DOB="01/11/2025"), "C7", H),
    F("626", e(H, 6, MC_DOB="01/03/2025"), "C7", H),
    F("205A", last_e(H, 0, UASC="1"), "C1", H),
    F(
        "205B",
        both(
            add(H, {**C4_LAST, "UASC": "1"}, last=True),
            add(
                U, {"CHILD": "C4", "SEX": "M", "DOB": "05/05/2009", "DUC": "05/05/2027"}, last=True
            ),
        ),
        "C4",
        H,
    ),
    F(
        "205C",
        add(U, {"CHILD": "C1", "SEX": "F", "DOB": "15/06/2012", "DUC": "01/01/2025"}, last=True),
        "C1",
        H,
    ),
    F("205D", add(H, {**C4_LAST, "UASC": "0"}, last=True), "C4", H),
    F("452", last_e(E, 0, PL_LA=OTHER_LA), "C1", E),
    F("453", last_e(E, 0, PL_DISTANCE="9.9"), "C1", E),
    F("502", last_e(E, 0, DECOM="11/05/2020"), "C1", E),
    F("503A", last_e(E, 0, RNE="P"), "C1", E),
    F("503B", last_e(E, 0, LS="C1"), "C1", E),
    F("503C", last_e(E, 0, CIN="N2"), "C1", E),
    F("503D", last_e(E, 0, PLACE="U5"), "C1", E),
    F("503E", last_e(E, 0, PLACE_PROVIDER="PR4"), "C1", E),
    F("503F", last_e(E, 0, URN="SC000001"), "C1", E),
    F("503G", last_e(E, 0, PL_DISTANCE="9.9"), "C1", E),
    F("503H", last_e(E, 0, PL_LA=OTHER_LA), "C1", E),
    F("503J", last_e(E, 0, PL_LOCATION="OUT"), "C1", E),
    F("562", last_e(E, 0, DECOM="01/01/2019", DEC="10/05/2020", REC="X1"), "C1", E),
    F("NoE", drop(E, 0, last=True), "C1", E),
    F(
        "199",
        add(
            E,
            {
                "CHILD": "C8",
                "DECOM": "01/01/2020",
                "RNE": "S",
                "LS": "E1",
                "CIN": "N1",
                "PLACE": "A4",
                "DEC": "01/06/2021",
                "REC": "E11",
            },
            last=True,
        ),
        "C8",
        E,
    ),
    # --- Social worker episodes ---------------------------------------------------------------
    F("SW01aSTG1", e(SW, 2, SW_ID=None), "C2", SW),
    F("SW01bSTG1", e(SW, 2, SW_REASON=None), "C2", SW),
    F("SW02STG1", e(SW, 2, SW_ID="AB003"), "C2", SW),
    F("SW04STG1", e(SW, 2, SW_DECOM="99/99/2024"), "C2", SW),
    F("SW05STG1", e(SW, 2, SW_DEC="nope"), "C2", SW),
    F("SW06STG2", e(SW, 6, SW_DECOM="01/04/2026"), "C7", SW),
    F("SW07STG2", e(SW, 2, SW_DEC="01/04/2026"), "C2", SW),
    F("SW08STG2", e(SW, 0, SW_DEC=None), "C1", SW),
    F("SW09STG2", e(SW, 2, SW_DEC="15/01/2024"), "C2", SW),
    F("SW10STG2", e(SW, 0, SW_DEC="02/10/2025"), "C1", SW),
    F("SW11bSTG2", e(SW, 6, SW_DEC="01/03/2026"), "C7", SW),
    # C5 came into care on 15/09/2025: a social worker from the day after is too late.
    F("SW12STG2", e(SW, 5, SW_DECOM="16/09/2025"), "C5", E),
    F("SW13STG1", e(SW, 2, SW_REASON="BORED"), "C2", SW),
    F("SW17STG2", e(SW, 1, SW_DEC="31/03/2026"), "C1", E),
]


def provider(urn, **fields):
    """Change one URN's row of the Ofsted provider list."""

    def edit(frame):
        import polars as pl

        return frame.with_columns(
            pl.when(pl.col("URN") == urn).then(pl.lit(v)).otherwise(pl.col(k)).alias(k)
            for k, v in fields.items()
        )

    return edit


# Faults in the Ofsted provider list rather than the return: (fault, edit of the list).
PROVIDER_FAULTS: list[tuple[Fault, Callable]] = [
    (F("1008", e(E, EP_C8, URN="SC000000"), "C8", E), None),
    (F("219", e(E, 4, PLACE="K1"), "C4", E), None),
    (F("221", e(E, EP_C8, PL_POST="SE11 4PH"), "C8", E), None),
    (F("224", e(E, 4, PLACE_PROVIDER="PR5"), "C4", E), None),
    (F("227", both(), "C8", E), provider("SC444444", REG_DATE="01/05/2025")),
    (F("228", both(), "C8", E), provider("SC444444", CLOSE_DATE="01/01/2026")),
    (F("229", both(), "C8", E), provider("SC444444", LA=OTHER_LA)),
]


# The other rules each fault also breaks, reviewed one by one: each is a consequence of the
# fault itself (an invalid sex also differs from last year's; an adoption placement without a
# decision also lacks one for its placement order), not a rule misfiring on the clean return.
ALSO = {
    "101": {"202"},
    "103": {"204"},
    "168": {"208"},
    "210": {"208"},
    "231": {"406"},
    "232": {"202"},
    "301": {"302"},
    "351": {"203", "391"},
    "442": {"168"},
    "621": {"626"},
    "146": {"219"},
    "178": {"224"},
    "141": {"634"},
    "142": {"433"},
    "169": {"411"},
    "214": {"169"},
    "222": {"219"},
    "302": {"191", "362", "NoE"},
    "353": {"227", "302", "634", "NoE"},
    "385": {"SW12STG2", "SW17STG2"},
    "357": {"634"},
    "364": {"358"},
    "366": {"432", "433", "435"},
    "382": {"380", "381"},
    "381": {"380"},
    "386": {"359", "551", "601"},
    "390": {"601"},
    "407": {"359"},
    "437": {"432"},
    "436": {"225"},
    "501": {"433"},
    "446": {"227", "302", "554"},
    "408": {"435"},
    "182": {"191", "544"},
    "186": {"197B"},
    "187": {"1001", "215", "391"},
    "188": {"198"},
    "189": {"359"},
    "542": {"190"},
    "544": {"182", "191"},
    "545": {"NoE"},
    "547": {"182", "191", "NoE"},
    "215": {"1012", "190"},
    "134": {"1012", "602"},
    "176": {"511", "520"},
    "115": {"523", "560"},
    "116": {"119", "525", "558"},
    "120": {"119"},
    "519": {"511"},
    "151": {"601"},
    "117": {"525", "558"},
    "118": {"525", "558"},
    "1003": {"559"},
    "184": {"1003", "559"},
    "521": {"333", "523"},
    "333": {"523"},
    "334": {"1003", "503A"},
    "522": {"118", "525", "558"},
    "525": {"558"},
    "551": {"553"},
    "552": {"331", "521", "554", "560"},
    "558": {"525"},
    "579": {"118", "559"},
    "583": {"559", "579"},
    "582": {"331"},
    "559": {"560"},
    "560": {"554"},
    "584": {"554", "559"},
    "565": {"566"},
    "577": {"575", "580"},
    "581": {"571"},
    "586": {"571", "581"},
    "303": {"205C", "406"},
    "INT01": {"602"},
    "INT03": {"630", "SW12STG2", "SW17STG2"},
    "INT07": {"634"},
    "452": {"503H"},
    "453": {"503G"},
    "502": {"562"},
    "503G": {"453"},
    "503H": {"452"},
    "SW06STG2": {"SW12STG2", "SW17STG2"},
    "SW09STG2": {"SW07STG2"},
    "SW11bSTG2": {"SW17STG2"},
}
