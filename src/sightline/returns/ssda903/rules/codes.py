"""The 903 code lists the 2025-26 rules check against, taken from `standards.codes` where the
house already keeps them, and from the DfE SSDA903 2025-26 guidance where it does not.
"""

from __future__ import annotations

from sightline.standards import codes as std

YEAR = 2026  # the 2025-26 collection, named (as in standards.codes) by the year it ends

SEX = tuple(std.SEX.values)
ETHNIC = tuple(std.ETHNICITY.values)
UPN_UNKNOWN_903 = ("UN1", "UN2", "UN3", "UN4", "UN5")  # rule 168: UN6, UN7 are CIN only
RNE = tuple(std.REASON_NEW_EPISODE.values)
LS = tuple(std.LEGAL_STATUS.values)
CIN = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
PLACE = tuple(std.PLACEMENT_TYPE.values_in(YEAR))
PLACE_PROVIDER = tuple(std.PLACEMENT_PROVIDER.values)
REC = tuple(std.REASON_CEASED.values)
REASON_PLACE_CHANGE = tuple(std.REASON_PLACE_CHANGE.values)
REVIEW_CODE = tuple(std.REVIEW_PARTICIPATION.values)
SDQ_REASON = tuple(std.SDQ_REASON.values)
MISSING = tuple(std.MISSING_TYPE.values)
REASON_PLACED_CEASED = tuple(std.ADOPTION_STOPPED_REASON.values)
IN_TOUCH = tuple(std.IN_TOUCH.values)
ACTIV = (*std.ACTIVITY.values, "0")
ACCOM = (*(f"{a}{s}" for a in std.ACCOMMODATION.values for s in ("1", "2")), "0")
SEX_ADOPTR = ("M1", "F1", "MM", "FF", "MF")
LS_ADOPTR = ("L0", "L11", "L12", "L2", "L3", "L4")
NB_ADOPTR = ("1", "2")
PREV_PERM = ("P1", "P2", "P3", "P4", "Z1")
PL_LOCATION = ("IN", "OUT")
SW_REASON = (
    "MANAGE",
    "FCONTA",
    "LEFTRL",
    "ORGRST",
    "TSPROC",
    "ABSENC",
    "CHCHAN",
    "PCCHAN",
    "SWDIED",
    "OTHERS",
)
# Places of care outside an English LA that stand in for an LA code (PL_LA, LA_PERM).
NON_LA_PLACES = ("NIR", "WAL", "SCO", "NUK")

TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")
FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
RESPITE = ("V3", "V4")
ADOPTED = ("E11", "E12")
SGO = ("E45", "E46", "E47", "E48")
# Placements that take no provider code, postcode or URN (rules 213, 214, 526: temporary and
# "other" placements).
NO_PROVIDER = ("T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14")
# Placements that are not Ofsted-registered settings and take no URN (DfE 903 guidance: the
# URN is required for settings Ofsted regulates; parents, NHS, YOI, temporary and other places
# are unregistered and must be "XXXXXXX" or blank).
NO_URN = ("P1", "P3", "R2", "R5", "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14")
