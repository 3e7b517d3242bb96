"""Rules checking placements against Ofsted's provider list (optional lookup "providers").

The lookup is a frame with one row per Ofsted URN: URN, PLACE_CODES (the 903 placement types
the provider's registration allows, separated by spaces or semicolons), POSTCODE,
PROVIDER_CODES (903 provider codes it can be, likewise), REG_DATE and CLOSE_DATE (dates, either
blank), LA (the ONS code of the LA the provider is in). Without it these rules are skipped.

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module); Ofsted's
children's social care provider list.
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.reader import parse_dates
from sightline.returns.ssda903.rules._base import Context, D, flags, rule

NEEDS = {"providers"}


def _providers(c: Context) -> pl.DataFrame:
    p = c.lookup("providers").select(
        pl.col("URN").cast(pl.String).str.strip_chars(),
        pl.col("PLACE_CODES")
        .cast(pl.String)
        .str.replace_all(";", " ")
        .str.split(" ")
        .alias("places"),
        pl.col("POSTCODE")
        .cast(pl.String)
        .str.replace_all(" ", "")
        .str.to_uppercase()
        .alias("p_post"),
        pl.col("PROVIDER_CODES")
        .cast(pl.String)
        .str.replace_all(";", " ")
        .str.split(" ")
        .alias("p_codes"),
        parse_dates(pl.col("REG_DATE").cast(pl.String)).alias("reg"),
        parse_dates(pl.col("CLOSE_DATE").cast(pl.String)).alias("close"),
        pl.col("LA").cast(pl.String).alias("p_la"),
    )
    return p.unique("URN")


def _placements(c: Context) -> pl.DataFrame:
    """Episodes with a URN (other than the "not registered" XXXXXXX) and its provider's row."""
    ep = c.t("Episodes").filter(pl.col("URN").is_not_null() & (pl.col("URN") != "XXXXXXX"))
    return ep.join(_providers(c), on="URN", how="left")


@rule("1008", needs=NEEDS)
def urn_known(c: Context):
    known = _providers(c)["URN"].implode()
    ep = c.t("Episodes").filter(
        pl.col("URN").is_not_null() & (pl.col("URN") != "XXXXXXX") & ~pl.col("URN").is_in(known)
    )
    return flags(ep, "Episodes", "URN")


@rule("219", needs=NEEDS)
def urn_matches_placement(c: Context):
    ep = _placements(c).filter(
        pl.col("places").is_not_null() & ~pl.col("places").list.contains(pl.col("PLACE"))
    )
    return flags(ep, "Episodes", "URN")


@rule("221", needs=NEEDS)
def urn_matches_postcode(c: Context):
    post = pl.col("PL_POST").str.replace_all(" ", "").str.to_uppercase()
    ep = _placements(c).filter(
        pl.col("p_post").is_not_null()
        & pl.col("PL_POST").is_not_null()
        & (post != pl.col("p_post"))
    )
    return flags(ep, "Episodes", "PL_POST")


@rule("224", needs=NEEDS)
def urn_matches_provider(c: Context):
    ep = _placements(c).filter(
        pl.col("p_codes").is_not_null()
        & pl.col("PLACE_PROVIDER").is_not_null()
        & ~pl.col("p_codes").list.contains(pl.col("PLACE_PROVIDER"))
    )
    return flags(ep, "Episodes", "PLACE_PROVIDER")


@rule("227", needs=NEEDS)
def urn_open_at_start(c: Context):
    ep = _placements(c).filter(
        (pl.col("reg") > D("DECOM")).fill_null(False)
        | (pl.col("close") < D("DECOM")).fill_null(False)
    )
    return flags(ep, "Episodes", "URN")


@rule("228", needs=NEEDS)
def urn_open_at_end(c: Context):
    ep = _placements(c).filter(pl.col("close") < D("DEC").fill_null(pl.lit(c.end)))
    return flags(ep, "Episodes", "URN")


@rule("229", needs={"providers", "placement_location"})
def provider_la_matches(c: Context):
    # The return's own LA is the placement LA its IN placements most often record (as in 411).
    inside = c.t("Episodes").filter((pl.col("PL_LOCATION") == "IN") & pl.col("PL_LA").is_not_null())
    ep = _placements(c)
    if inside.height == 0:
        return flags(ep.head(0), "Episodes", "PLACE_PROVIDER")
    own = inside["PL_LA"].mode().sort()[0]
    bad = ((pl.col("PLACE_PROVIDER") == "PR1") & (pl.col("p_la") != own)) | (
        (pl.col("PLACE_PROVIDER") == "PR2") & (pl.col("p_la") == own)
    )
    return flags(ep.filter(bad.fill_null(False)), "Episodes", "PLACE_PROVIDER")
