"""The raw tables a CIN census file is read into: their names, columns and types.

One table per module of the census XML (formats.md §2), each row carrying the child's LAchildID
and stable per-file identifiers, because the XML itself has no identifiers below the child:

- ``child``: the child's 0-based order in the file;
- ``cin``: the 0-based order of the CINdetails episode within the child (nested modules only);
- ``row``: the 0-based order of this kind of element within the child, which is how a
  validation issue is located (``row`` 2 of ``assessments`` is the child's third assessment,
  counting across episodes in document order);
- ``line``: the line of the element in the file, for a person looking it up.

Coded values stay as the text the file carries (rules judge them); dates are ``pl.Date``,
booleans ``pl.Boolean``, counts ``pl.Int64``, because a value of the wrong type is a fault of
the file (the XSD rejects it) and the reader reports it rather than a rule.
"""

from __future__ import annotations

import polars as pl

TEXT = "text"
DATE = "date"
BOOL = "bool"
INT = "int"

POLARS_TYPE = {TEXT: pl.String, DATE: pl.Date, BOOL: pl.Boolean, INT: pl.Int64}

# The identifying columns each table starts with, before its fields.
KEYS: dict[str, tuple[str, ...]] = {
    "header": ("line",),
    "children": ("child", "LAchildID", "row", "line"),
    "disabilities": ("child", "LAchildID", "row", "line"),
    "cin_details": ("child", "LAchildID", "cin", "row", "line"),
    "assessments": ("child", "LAchildID", "cin", "row", "line"),
    "assessment_factors": ("child", "LAchildID", "cin", "assessment_row", "row", "line"),
    "cin_plan_dates": ("child", "LAchildID", "cin", "row", "line"),
    "section47": ("child", "LAchildID", "cin", "row", "line"),
    "cp_plans": ("child", "LAchildID", "cin", "row", "line"),
    "cp_reviews": ("child", "LAchildID", "cin", "cpp_row", "row", "line"),
    "pre_proceedings": ("child", "LAchildID", "cin", "row", "line"),
}

KEY_TYPES = {
    "child": pl.Int64,
    "LAchildID": pl.String,
    "cin": pl.Int64,
    "row": pl.Int64,
    "line": pl.Int64,
    "assessment_row": pl.Int64,
    "cpp_row": pl.Int64,
}

# Each table's fields, by element name, with their types.
FIELDS: dict[str, dict[str, str]] = {
    "header": {
        "Collection": TEXT,
        "Year": TEXT,
        "ReferenceDate": DATE,
        "SourceLevel": TEXT,
        "LEA": TEXT,
        "SoftwareCode": TEXT,
        "Release": TEXT,
        "SerialNo": TEXT,
        "DateTime": TEXT,
    },
    "children": {
        "UPN": TEXT,
        "FormerUPN": TEXT,
        "UPNunknown": TEXT,
        "PersonBirthDate": DATE,
        "ExpectedPersonBirthDate": DATE,
        "GenderCurrent": TEXT,
        "Sex": TEXT,
        "PersonDeathDate": DATE,
        "Ethnicity": TEXT,
    },
    "disabilities": {"Disability": TEXT},
    "cin_details": {
        "CINreferralDate": DATE,
        "ReferralSource": TEXT,
        "PrimaryNeedCode": TEXT,
        "CINclosureDate": DATE,
        "ReasonForClosure": TEXT,
        "DateOfInitialCPC": DATE,
        "ReferralNFA": BOOL,
    },
    "assessments": {
        "AssessmentActualStartDate": DATE,
        "AssessmentInternalReviewDate": DATE,
        "AssessmentAuthorisationDate": DATE,
    },
    "assessment_factors": {"AssessmentFactors": TEXT},
    "cin_plan_dates": {"CINPlanStartDate": DATE, "CINPlanEndDate": DATE},
    "section47": {
        "S47ActualStartDate": DATE,
        "InitialCPCtarget": DATE,
        "DateOfInitialCPC": DATE,
        "ICPCnotRequired": BOOL,
    },
    "cp_plans": {
        "CPPstartDate": DATE,
        "CPPendDate": DATE,
        "InitialCategoryOfAbuse": TEXT,
        "LatestCategoryOfAbuse": TEXT,
        "NumberOfPreviousCPP": INT,
    },
    "cp_reviews": {"CPPreviewDate": DATE},
    # The 2026-27 pre-proceedings and family group decision making module has no published
    # schema yet: its dates are read as dates and everything else kept as text.
    "pre_proceedings": {
        "PPStartDate": DATE,
        "LBPSentDate": DATE,
        "FGDMMeetingOffer": TEXT,
        "FGDMMeetingFac": TEXT,
        "InitialPPMeetingDate": DATE,
        "ReviewMeetingsCount": TEXT,
        "StepDecisionDate": DATE,
        "PPOutcome": TEXT,
        "CourtAppDate": DATE,
        "LetterInitCPDate": DATE,
    },
}

# The `Sex` column the 2025-26 rules read holds the `Sex` element where given, otherwise the
# older `GenderCurrent` mapped 1 -> M, 2 -> F, 0 -> U (0 is "not recorded or unborn").
# GenderCurrent 9 (indeterminate) has no Sex equivalent, so it is kept as "9" for rule 4180.
SEX_FROM_GENDER_CURRENT = {"1": "M", "2": "F", "0": "U"}


def table_schema(name: str) -> dict[str, pl.DataType]:
    """The column names and Polars types of one raw table, keys first."""
    schema: dict[str, pl.DataType] = {key: KEY_TYPES[key] for key in KEYS[name]}
    schema.update({f: POLARS_TYPE[kind] for f, kind in FIELDS[name].items()})
    return schema


def empty_tables() -> dict[str, pl.DataFrame]:
    """Every raw table, empty, with its schema."""
    return {name: pl.DataFrame(schema=table_schema(name)) for name in KEYS}
