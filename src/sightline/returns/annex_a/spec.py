"""The Ofsted ILACS Annex A lists: their titles, columns, types and code sets, defined once.

The writer (`returns.produce.annex_a`) lays its sheets out from these definitions and the reader
(`returns.annex_a.reader`) checks councils' workbooks against them, so the two cannot disagree.
Source: the Ofsted ILACS Annex A template, as summarised in shared/domain/formats.md §1 (the
newer build: six-month window, List 9 with the Standard Safeguarding Dataset's four extra
columns). Codes are written `"x) label"`; statutory codes and labels come from
`sightline.standards.codes`.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Literal

from sightline.standards import codes

Kind = Literal["text", "date", "int", "code"]


def _lettered(labels: list[str]) -> tuple[str, ...]:
    """Prefix labels with a), b), … z), aa), ab), …"""
    letters = list(string.ascii_lowercase) + [f"a{c}" for c in string.ascii_lowercase]
    return tuple(f"{letters[i]}) {label}" for i, label in enumerate(labels))


GENDER = ("a) Male", "b) Female", "c) Not stated/recorded", "d) Neither")
GENDER_OF_SEX = {"M": GENDER[0], "F": GENDER[1], "U": GENDER[2]}
# Letters follow the ethnicity order of formats.md §0; Refused and Not obtained share "s".
_ETHNIC_CODES = codes.ETHNICITY.values
ETHNICITY = _lettered(_ETHNIC_CODES[:18]) + ("s) REFU", "s) NOBT")
ETHNICITY_OF_CODE = dict(zip(_ETHNIC_CODES, ETHNICITY, strict=True))
YES_NO_UNKNOWN = ("a) Yes", "b) No", "c) Unknown")
YES, NO, UNKNOWN = YES_NO_UNKNOWN

_SOURCE_GROUPS = {
    "1": "Individual",
    "2A": "Schools",
    "2B": "Education services",
    "3": "Health services",
    "4": "Housing",
    "5": "LA services",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}
# The template predates source 5D (early help, 2023-24): it has no letter for it.
_SOURCE_CODES = [c for c in codes.REFERRAL_SOURCE.values if c != "5D"]


def _source_group(code: str) -> str:
    return _SOURCE_GROUPS.get(code) or _SOURCE_GROUPS[code[0]]


SOURCE = _lettered([f"{c}: {_source_group(c)}" for c in _SOURCE_CODES])
SOURCE_OF_CODE = dict(zip(_SOURCE_CODES, SOURCE, strict=True))
# Early help is an internal LA service: the nearest code the template has (docs/returns.md).
SOURCE_OF_CODE["5D"] = SOURCE_OF_CODE["5B"]

NEED = tuple(f"{c.value} - {c.label}" for c in codes.NEED)
NEED_OF_CODE = dict(zip(codes.NEED.values, NEED, strict=True))
CLOSURE = tuple(f"{c.value} - {c.label}" for c in codes.CLOSURE_REASON)
CLOSURE_OF_CODE = dict(zip(codes.CLOSURE_REASON.values, CLOSURE, strict=True))
CASE_STATUS = (
    "a) Looked after child",
    "b) Child Protection plan",
    "c) Child in need plan",
    "d) Open assessment",
    "e) Closed episode",
)
ABUSE = _lettered([c.label for c in codes.ABUSE_CATEGORY])
ABUSE_OF_CODE = dict(zip(codes.ABUSE_CATEGORY.values, ABUSE, strict=True))
LEGAL_STATUS = tuple(f"{c.value}: {c.label}" for c in codes.LEGAL_STATUS)
LEGAL_STATUS_OF_CODE = dict(zip(codes.LEGAL_STATUS.values, LEGAL_STATUS, strict=True))
_PERMANENCE_LABELS = {
    "RETURN_HOME": "Return to family",
    "ADOPTION": "Adoption",
    "SGO_CAO": "SGO/CAO",
    "SUPPORTED_LIVING": "Supported living in the community",
    "LONG_TERM_RESIDENTIAL": "Long-term residential placement",
    "LONG_TERM_FOSTERING": "Long-term fostering",
    "OTHER": "other",
}
PERMANENCE = _lettered([_PERMANENCE_LABELS[c] for c in codes.PERMANENCE_PLAN.values])
PERMANENCE_OF_CODE = dict(zip(codes.PERMANENCE_PLAN.values, PERMANENCE, strict=True))
# X1 (a new episode the same day) is not a reason for ceasing to be looked after.
_CEASED_CODES = [c for c in codes.REASON_CEASED if c.value != "X1"]
REASON_CEASED = _lettered([f"{c.value}: {c.label}" for c in _CEASED_CODES])
REASON_CEASED_OF_CODE = dict(zip([c.value for c in _CEASED_CODES], REASON_CEASED, strict=True))
PLACEMENT_TYPE = _lettered([f"{c.value}: {c.label}" for c in codes.PLACEMENT_TYPE])
PLACEMENT_TYPE_OF_CODE = dict(zip(codes.PLACEMENT_TYPE.values, PLACEMENT_TYPE, strict=True))
PROVIDER = _lettered(codes.PLACEMENT_PROVIDER.values)
PROVIDER_OF_CODE = dict(zip(codes.PLACEMENT_PROVIDER.values, PROVIDER, strict=True))
LOCATION = ("a) In", "b) Out")
ELIGIBILITY = ("a) Relevant child", "b) Former relevant child", "c) Qualifying care leaver")
ELIGIBILITY_OF_CODE = dict(
    zip(("RELEVANT", "FORMER_RELEVANT", "QUALIFYING"), ELIGIBILITY, strict=True)
)  # noqa: E501
IN_TOUCH = ("a) Yes", "b) No", "c) Died", "d) Refu", "e) NREQ", "f) Rhom")
IN_TOUCH_OF_CODE = dict(zip(codes.IN_TOUCH.values, IN_TOUCH, strict=True))
ACCOMMODATION = tuple(f"{c.value}: {c.label}" for c in codes.ACCOMMODATION)
ACCOMMODATION_OF_CODE = dict(zip(codes.ACCOMMODATION.values, ACCOMMODATION, strict=True))
SUITABILITY = ("a) Suitable", "b) Unsuitable")
# The template keeps the older activity codes: training and employment together as F3/P3.
ACTIVITY = ("F1", "P1", "F2", "P2", "F3", "P3", "G4", "G5", "G6")
ACTIVITY_OF_CODE = {"F4": "F3", "F5": "F3", "P4": "P3", "P5": "P3"} | {
    c: c for c in ("F1", "P1", "F2", "P2", "G4", "G5", "G6")
}
NO_LONGER_PLACED = tuple(codes.ADOPTION_STOPPED_REASON.values)
LEFT_ADOPTION = (
    "1 - Adopter withdrew from process",
    "2 - Process put on hold",
    "3 - Application refused",
)


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"
    required: bool = False
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnnexAList:
    number: int
    title: str
    columns: tuple[Column, ...]

    @property
    def sheet_name(self) -> str:
        return f"List {self.number}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _date(name: str, required: bool = False) -> Column:
    return Column(name, "date", required)


def _int(name: str, required: bool = False) -> Column:
    return Column(name, "int", required)


def _code(name: str, values: tuple[str, ...], required: bool = False) -> Column:
    return Column(name, "code", required, values)


_COMMON = (
    Column("Child Unique ID", required=True),
    _code("Gender", GENDER, required=True),
    _code("Ethnicity", ETHNICITY, required=True),
    _date("Date of Birth"),
    _int("Age of Child (Years)"),
)
_DISABILITY = (_code("Does the Child have a Disability", YES_NO_UNKNOWN, required=True),)
_ALLOCATED = (Column("Allocated Team", required=True), Column("Allocated Worker", required=True))
_YN = YES_NO_UNKNOWN

LISTS: dict[int, AnnexAList] = {
    spec.number: spec
    for spec in (
        AnnexAList(1, "Contacts", _COMMON + (
            _date("Date of Contact", True), _code("Contact Source", SOURCE, True),
        )),
        AnnexAList(2, "Early Help Assessments", _COMMON + (
            _date("Assessment start date", True), _date("Assessment completion date"),
            Column("Organisation completing assessment", required=True),
        )),
        AnnexAList(3, "Referrals", _COMMON + (
            _date("Date of referral", True), _code("Referral Source", SOURCE, True),
            _code("Referral NFA?", _YN, True), _int("Number of Referrals in Last 12 Months", True),
        ) + _ALLOCATED),
        AnnexAList(4, "Assessments", _COMMON + _DISABILITY + (
            _date("Continuous Assessment Start Date", True),
            _code("Child Seen During Continuous Assessment", _YN, True),
            _date("Continuous Assessment Date of Authorisation"),
            _code("Was the child assessed as requiring LA children's social care support?", _YN),
        ) + _ALLOCATED),
        AnnexAList(5, "Section 47 Enquiries and ICPC", _COMMON + _DISABILITY + (
            _date("Strategy discussion initiating Section 47 Enquiry Start Date", True),
            _code("Was an Initial Child Protection Conference deemed unnecessary?", _YN),
            _date("Date of Initial Child Protection Conference"),
            _code("Did the Initial Child Protection Conference Result in a Child Protection Plan", _YN),  # noqa: E501
            _int("Number of Section 47 Enquiries in the last 12 months", True),
            _int("Number of ICPCs in the last 12 months", True),
        ) + _ALLOCATED),
        AnnexAList(6, "Children in Need", _COMMON + _DISABILITY + (
            _date("CIN Start Date"), _code("Primary Need Code", NEED, True),
            _date("Date Child Was Last Seen"), _date("CIN Closure Date"),
            _code("Reason for Closure", CLOSURE), _code("Case Status", CASE_STATUS, True),
        ) + _ALLOCATED),
        AnnexAList(7, "Child protection", _COMMON + _DISABILITY + (
            _date("Child Protection Plan Start Date", True),
            _code("Initial Category of Abuse", ABUSE, True),
            _code("Latest Category of Abuse", ABUSE, True),
            _date("Date of the Last Statutory Visit"), _code("Was the Child Seen Alone?", _YN),
            _date("Date of latest review conference"), _date("Child Protection Plan End Date"),
            _code(
                "Subject to Emergency Protection Order or Protected Under Police Powers in Last "
                "Six Months (Y/N)", _YN, True,
            ),
            _int("Number of Previous Child Protection Plans", True),
        ) + _ALLOCATED),
        AnnexAList(8, "Children in Care", _COMMON + _DISABILITY + (
            _code("Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)", _YN, True),  # noqa: E501
            _date("Date Started to be Looked After", True),
            _code("Child's Category of Need", NEED, True),
            _code(
                "Is this a second or subsequent period of being a Looked After Child within the "
                "last 12 months (Y/N)", _YN, True,
            ),
            _date("Start date of current legal status", True),
            _code("Child's Legal Status", LEGAL_STATUS, True),
            _date("Date of Latest Statutory Review"), _date("Date of Last Social Work Visit"),
            _code("What is the permanence plan for this child?", PERMANENCE),
            _date("Date of Last IRO Visit / Contact to the Child"),
            _date("Date of Last Health Assessment"), _date("Date of Last Dental Check"),
            _int("Number of Placements in the Last 12 months", True),
            _date("Date Ceased to be Looked After"),
            _code("Reason Ceased to be Looked After", REASON_CEASED),
            _date("Start Date of Most Recent Placement", True),
            _code("Placement Type", PLACEMENT_TYPE, True),
            _code("Placement Provider", PROVIDER, True),
            Column("Placement postcode", required=True), Column("URN of Placement"),
            _code("Placement Location", LOCATION, True), Column("LA of Placement", required=True),
            _int(
                "Number of Episodes the Child has been 'Missing' from their Placement in the last "
                "12 months", True,
            ),
            _int(
                "Number of Episodes the Child has been 'Absent' from their Placement in the last "
                "12 months", True,
            ),
            _code("Was the child offered a Return Interview after their last missing episode (Y/N)?", _YN),  # noqa: E501
            _code("Did the child accept a Return Interview after their last missing episode (Y/N)?", _YN),  # noqa: E501
        ) + _ALLOCATED),
        AnnexAList(9, "Leaving Care Services", _COMMON + _DISABILITY + (
            _code("Eligibility Category", ELIGIBILITY, True), _code("LA in Touch", IN_TOUCH, True),
            _code("Type of Accommodation", ACCOMMODATION),
            _code("Suitability of Accommodation", SUITABILITY),
            _code("Activity Status", ACTIVITY), _code("UASC", _YN),
            Column("Allocated Personal Advisor"), _date("Latest Pathway Plan"),
            _date("Latest Contact"),
        ) + _ALLOCATED),
        AnnexAList(10, "Adoption", _COMMON + _DISABILITY + (
            Column("Family identifier"), _date("Date the Child Entered Care", True),
            _date("Date of Decision that Child Should be Placed for Adoption", True),
            _date("Date of Placement Order"),
            _date("Date of Matching Child and Prospective Adopters"),
            _date("Date Placed for Adoption"), _date("Date of Adoption Order"),
            _date("Date of Decision that Child Should No Longer be Placed for Adoption"),
            _code("Reason Why Child No Longer Placed for Adoption", NO_LONGER_PLACED),
            _date("Date the child was placed for fostering in FFA or concurrent planning placement"),  # noqa: E501
        )),
        AnnexAList(11, "Adopters", (
            Column("Individual adopter identifier", required=True), Column("Family identifier"),
            _code("Gender", GENDER), _code("Ethnicity", ETHNICITY), _code("Disability", _YN),
            _code("Is the (prospective) adopter fostering for adoption?", _YN, True),
            _date("Date enquiry received", True), _date("Date Stage 1 started"),
            _date("Date Stage 1 ended"), _date("Date Stage 2 started"), _date("Date Stage 2 ended"),
            _date("Date application submitted"), _date("Date application approved"),
            _date("Date adopter matched with child(ren)"),
            _date("Date child/children placed with adopter(s)"), _int("No. of children placed"),
            _date("Date of Adoption Order"), _date("Date of leaving adoption process"),
            _code("Reason for leaving adoption process", LEFT_ADOPTION),
        )),
    )
}  # fmt: skip
