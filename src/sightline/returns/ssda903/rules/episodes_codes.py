"""Episode rules about the codes and fields of each episode on its own.

Source: DfE SSDA903 validation rules 2025-26 (catalogue beside this module).
"""

from __future__ import annotations

import polars as pl

from sightline.returns.ssda903.rules import codes
from sightline.returns.ssda903.rules._base import Context, D, age, bad_date, flags, not_in, rule

E = "Episodes"
POSTCODE = r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$"
LOCATION = {"placement_location"}


def _code_rule(code: str, field: str, values, *, blank_ok: bool, needs=()):
    @rule(code, needs=needs)
    def check(c: Context):
        return flags(c.t(E).filter(not_in(field, values, blank_ok=blank_ok)), E, field)

    return check


_code_rule("143", "RNE", codes.RNE, blank_ok=False)
_code_rule("144", "LS", codes.LS, blank_ok=False)
_code_rule("145", "CIN", codes.CIN, blank_ok=False)
_code_rule("146", "PLACE", codes.PLACE, blank_ok=False)
_code_rule("149", "REC", codes.REC, blank_ok=True)
_code_rule("178", "PLACE_PROVIDER", codes.PLACE_PROVIDER, blank_ok=True)
_code_rule("179", "PL_LOCATION", codes.PL_LOCATION, blank_ok=True, needs=LOCATION)
_code_rule("1009", "REASON_PLACE_CHANGE", codes.REASON_PLACE_CHANGE, blank_ok=True)


@rule("141")
def decom_valid(c: Context):
    ep = c.t(E)
    return flags(ep.filter(pl.col("DECOM").is_null() | bad_date("DECOM")), E, "DECOM")


@rule("147")
def dec_valid(c: Context):
    return flags(c.t(E).filter(bad_date("DEC")), E, "DEC")


@rule("148")
def dec_and_rec_together(c: Context):
    ep = c.t(E)
    return flags(ep.filter(pl.col("DEC").is_null() != pl.col("REC").is_null()), E, "DEC")


@rule("142")
def earlier_episode_open(c: Context):
    ep = c.episodes.filter(~pl.col("is_last") & (pl.col("DEC").is_null()))
    return flags(ep, E, "DEC")


@rule("164", needs=LOCATION)
def distance_valid(c: Context):
    ep = c.t(E)
    miles = pl.col("PL_DISTANCE").cast(pl.Float64, strict=False)
    bad = pl.col("PL_DISTANCE").is_not_null() & ~miles.is_between(0, 999.9).fill_null(False)
    return flags(ep.filter(bad), E, "PL_DISTANCE")


@rule("169", needs=LOCATION)
def placement_la_valid(c: Context):
    ep = c.t(E)
    ons = pl.col("PL_LA").str.contains(r"^[EWSN]\d{8}$") | pl.col("PL_LA").is_in(
        codes.NON_LA_PLACES
    )
    missing = pl.col("PL_LA").is_null() & pl.col("PL_POST").is_not_null()
    return flags(ep.filter(missing | (pl.col("PL_LA").is_not_null() & ~ons)), E, "PL_LA")


@rule("213")
def provider_not_required(c: Context):
    ep = c.t(E).filter(
        pl.col("PLACE").is_in(codes.NO_PROVIDER) & pl.col("PLACE_PROVIDER").is_not_null()
    )
    return flags(ep, E, "PLACE_PROVIDER")


@rule("214")
def location_not_required(c: Context):
    ep = c.t(E).filter(pl.col("PLACE").is_in(codes.NO_PROVIDER))
    post = flags(ep.filter(pl.col("PL_POST").is_not_null()), E, "PL_POST")
    urn = ep.filter(pl.col("URN").is_not_null() & (pl.col("URN") != "XXXXXXX"))
    return pl.concat([post, flags(urn, E, "URN")])


@rule("217")
def adoption_with_foster_carer_rne(c: Context):
    # From 1 April 2015, when A3/A5 placements began to be recorded this way.
    ep = c.t(E).filter(
        pl.col("PLACE").is_in(["A3", "A5"])
        & (D("DECOM") >= pl.date(2015, 4, 1))
        & ~pl.col("RNE").is_in(["S", "T", "U"])
    )
    return flags(ep, E, "RNE")


@rule("218")
def urn_required(c: Context):
    ep = c.t(E).filter(
        pl.col("PLACE").is_not_null()
        & ~pl.col("PLACE").is_in(codes.NO_URN)
        & pl.col("PLACE").is_in(codes.PLACE)
        & pl.col("URN").is_null()
    )
    return flags(ep, E, "URN")


@rule("222")
def urn_not_for_placement(c: Context):
    ep = c.t(E).filter(
        pl.col("PLACE").is_in(codes.NO_URN)
        & pl.col("URN").is_not_null()
        & (pl.col("URN") != "XXXXXXX")
    )
    return flags(ep, E, "URN")


@rule("225")
def placement_change_reason_required(c: Context):
    ep = c.episodes.filter(
        (pl.col("REC") == "X1")
        & pl.col("next_rne").is_in(["P", "B", "T", "U"])
        & ~pl.col("PLACE").is_in(codes.TEMPORARY)
        & pl.col("REASON_PLACE_CHANGE").is_null()
    )
    return flags(ep, E, "REASON_PLACE_CHANGE")


@rule("226")
def placement_change_reason_temporary(c: Context):
    ep = c.t(E).filter(
        pl.col("PLACE").is_in(codes.TEMPORARY) & pl.col("REASON_PLACE_CHANGE").is_not_null()
    )
    return flags(ep, E, "REASON_PLACE_CHANGE")


@rule("233")
def placement_change_reason_open(c: Context):
    ep = c.t(E).filter(pl.col("DEC").is_null() & pl.col("REASON_PLACE_CHANGE").is_not_null())
    return flags(ep, E, "REASON_PLACE_CHANGE")


@rule("234")
def custody_under_10(c: Context):
    ep = c.with_header(c.t(E)).filter(
        (pl.col("REASON_PLACE_CHANGE") == "CUSTOD") & (age(pl.col("DOB_h"), D("DEC")) < 10)
    )
    return flags(ep, E, "REASON_PLACE_CHANGE")


@rule("1015", needs=LOCATION)
def own_provision_out_of_area(c: Context):
    ep = c.t(E).filter((pl.col("PLACE_PROVIDER") == "PR1") & (pl.col("PL_LOCATION") == "OUT"))
    return flags(ep, E, "PL_LA")


def _needs_location(c: Context, frame: pl.DataFrame) -> pl.DataFrame:
    """Episodes of children in care for whom placement location is asked: not short breaks,
    not temporary or "other" placements, not unaccompanied asylum seekers."""
    return frame.filter(
        ~pl.col("LS").is_in(codes.RESPITE)
        & ~pl.col("PLACE").is_in(codes.NO_PROVIDER)
        & ~pl.col("CHILD").is_in(c.uasc_children.implode())
    )


@rule("392a", needs=LOCATION)
def distance_missing(c: Context):
    ep = _needs_location(c, c.t(E)).filter(pl.col("PL_DISTANCE").is_null())
    return flags(ep, E, "PL_DISTANCE")


@rule("392b")
def postcodes_missing(c: Context):
    ep = _needs_location(c, c.t(E))
    home = flags(ep.filter(pl.col("HOME_POST").is_null()), E, "HOME_POST")
    place = flags(ep.filter(pl.col("PL_POST").is_null()), E, "PL_POST")
    return pl.concat([home, place])


@rule("392c")
def postcodes_valid(c: Context):
    ep = c.t(E)
    found = []
    for field in ("HOME_POST", "PL_POST"):
        bad = pl.col(field).is_not_null() & ~pl.col(field).str.to_uppercase().str.contains(POSTCODE)
        found.append(flags(ep.filter(bad), E, field))
    return pl.concat(found)


@rule("392d")
def home_is_placement(c: Context):
    same = (
        pl.col("HOME_POST").str.replace_all(" ", "").str.to_uppercase()
        == pl.col("PL_POST").str.replace_all(" ", "").str.to_uppercase()
    )
    ep = c.t(E).filter(same & (pl.col("PLACE") != "P1"))
    return flags(ep, E, "PL_POST")


@rule("398")
def respite_postcodes(c: Context):
    ep = c.t(E).filter(
        pl.col("LS").is_in(codes.RESPITE)
        & (pl.col("HOME_POST").is_not_null() | pl.col("PL_POST").is_not_null())
    )
    return flags(ep, E, "LS")


@rule("406", needs=LOCATION)
def uasc_distance(c: Context):
    ep = c.t(E).filter(
        pl.col("CHILD").is_in(c.uasc_children.implode()) & pl.col("PL_DISTANCE").is_not_null()
    )
    return flags(ep, E, "PL_DISTANCE")


@rule("411", needs=LOCATION)
def location_disagrees_with_la(c: Context):
    # The return does not name its own LA: it is the placement LA most often recorded as IN.
    ep = c.t(E)
    inside = ep.filter((pl.col("PL_LOCATION") == "IN") & pl.col("PL_LA").is_not_null())
    if inside.height == 0:
        return flags(ep.head(0), E, "PL_LOCATION")
    own = inside["PL_LA"].mode().sort()[0]
    bad = ((pl.col("PL_LOCATION") == "IN") & (pl.col("PL_LA") != own)) | (
        (pl.col("PL_LOCATION") == "OUT") & (pl.col("PL_LA") == own)
    )
    return flags(ep.filter(bad), E, "PL_LOCATION")


@rule("420", needs=LOCATION)
def respite_placement_la(c: Context):
    ep = c.t(E).filter(pl.col("LS").is_in(codes.RESPITE) & pl.col("PL_LA").is_not_null())
    return flags(ep, E, "PL_LA")


@rule("454", needs=LOCATION)
def distance_over_350(c: Context):
    miles = pl.col("PL_DISTANCE").cast(pl.Float64, strict=False)
    return flags(c.t(E).filter(miles > 350), E, "PL_DISTANCE")


@rule("526")
def provider_missing(c: Context):
    ep = c.t(E).filter(
        pl.col("PLACE").is_in(codes.PLACE)
        & ~pl.col("PLACE").is_in(codes.NO_PROVIDER)
        & pl.col("PLACE_PROVIDER").is_null()
    )
    return flags(ep, E, "PLACE_PROVIDER")


def _provider_cannot(code: str, provider: str, places: tuple[str, ...]):
    @rule(code)
    def check(c: Context):
        ep = c.t(E).filter((pl.col("PLACE_PROVIDER") == provider) & pl.col("PLACE").is_in(places))
        return flags(ep, E, "PLACE_PROVIDER")

    return check


_provider_cannot("527", "PR1", ("P1", "R2", "R5"))
_provider_cannot("528", "PR2", ("P1", "R2", "R5"))
_provider_cannot("529", "PR3", ("P1", *codes.PLACED_FOR_ADOPTION, "K1", "K2", *codes.FOSTER))
_provider_cannot("530", "PR4", ("P1",))
_provider_cannot("531", "PR5", ("P1",))


@rule("550")
def parents_provider_only_p1(c: Context):
    ep = c.t(E).filter((pl.col("PLACE_PROVIDER") == "PR0") & (pl.col("PLACE") != "P1"))
    return flags(ep, E, "PLACE_PROVIDER")
