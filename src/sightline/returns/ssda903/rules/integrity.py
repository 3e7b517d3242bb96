"""Integrity checks between tables: every child known to the Header, DOB and sex agreeing with
it, and one row per child where a table allows only one.

Source: DfE SSDA903 validation rules 2025-26, checks INT01-INT36 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules._base import Context, D, flags, rule

KNOWN = {
    "INT01": "AD1",
    "INT02": "PlacedAdoption",
    "INT03": "Episodes",
    "INT04": "Missing",
    "INT05": "OC2",
    "INT06": "OC3",
    "INT07": "PrevPerm",
    "INT08": "Reviews",
    "INT09": "UASC",
}
SAME_DOB = {
    "INT11": "AD1",
    "INT12": "PlacedAdoption",
    "INT13": "Missing",
    "INT14": "OC2",
    "INT15": "OC3",
    "INT16": "PrevPerm",
    "INT17": "Reviews",
    "INT18": "UASC",
}
ONCE = {
    "INT31": "AD1",
    "INT33": "OC2",
    "INT34": "OC3",
    "INT35": "PrevPerm",
    "INT36": "UASC",
}


def _known(code: str, table: str):
    @rule(code)
    def check(c: Context):
        f = c.t(table).filter(~c.has("Header"))
        return flags(f, table, "CHILD")

    return check


def _same_dob(code: str, table: str):
    @rule(code)
    def check(c: Context):
        # Only against a Header DOB that reads as a date: an unreadable one is rule 102's.
        f = c.with_header(c.t(table)).filter(
            pl.col("DOB_h").is_not_null() & D("DOB").ne_missing(pl.col("DOB_h"))
        )
        return flags(f, table, "DOB")

    return check


def _once(code: str, table: str):
    @rule(code)
    def check(c: Context):
        f = c.t(table).filter(pl.col("CHILD").is_not_null())
        return flags(f.filter(pl.len().over("CHILD") > 1), table, "CHILD")

    return check


for _code, _table in KNOWN.items():
    _known(_code, _table)
for _code, _table in SAME_DOB.items():
    _same_dob(_code, _table)
for _code, _table in ONCE.items():
    _once(_code, _table)


@rule("INT21")
def uasc_sex_matches_header(c: Context):
    f = c.with_header(c.t("UASC")).filter(
        c.has("Header") & pl.col("SEX").ne_missing(pl.col("SEX_h"))
    )
    return flags(f, "UASC", "SEX")
