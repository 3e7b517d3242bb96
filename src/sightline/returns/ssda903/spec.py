"""The SSDA903 tables as DfE publishes them: file names, columns, and which columns hold dates.

Source: DfE SSDA903 guidance 2025-26 and shared/domain/formats.md §3. Columns marked optional are
not in the DfE CSV specification but are carried by the files some tools produce (placement
distance, placement LA and location, which the DfE portal derives from postcodes; the UASC flag
of the 903 XML form's header); rules that need them are skipped when a return lacks them.
"""

from __future__ import annotations

TABLES: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": (
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}

# Columns some files carry beyond the DfE specification, added empty when absent.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "Header": ("UASC",),
    "Episodes": ("PL_DISTANCE", "PL_LA", "PL_LOCATION"),
}

# The optional inputs named by the optional columns: present when a return's file carried them.
OPTIONAL_INPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "placement_location": ("Episodes", ("PL_DISTANCE", "PL_LA", "PL_LOCATION")),
    "header_uasc": ("Header", ("UASC",)),
}

DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "Header": ("DOB", "MC_DOB"),
    "Episodes": ("DECOM", "DEC"),
    "Reviews": ("DOB", "REVIEW"),
    "UASC": ("DOB", "DUC"),
    "OC2": ("DOB",),
    "OC3": ("DOB",),
    "AD1": ("DOB", "DATE_INT", "DATE_MATCH"),
    "PlacedAdoption": ("DOB", "DATE_PLACED", "DATE_PLACED_CEASED"),
    "PrevPerm": ("DOB", "DATE_PERM"),
    "Missing": ("DOB", "MIS_START", "MIS_END"),
    "SWEpisodes": ("DOB", "SW_DECOM", "SW_DEC"),
}

# Date forms councils' systems write: the DfE form first, then ISO, then others seen in exports.
DATE_FORMATS: tuple[str, ...] = (
    "%d/%m/%Y",
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)


def date_column(column: str) -> str:
    """The name of the parsed-date twin the reader adds beside a date column's text."""
    return f"{column}#date"
