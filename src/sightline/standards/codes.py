"""Code sets of the statutory returns and of Sightline's own records, one table each.

Every coded field in the system takes its values from a `CodeSet` defined here, never from
literal strings scattered through the code. Statutory codes carry the collection years in which
they are valid, so that the same set can validate a 2023-24 return and a 2025-26 one.

Collection years are named by the calendar year in which they end: 2025 is the 2024-25
collection (reference date 31 March 2025). Sources: DfE CIN census and SSDA903 guidance, Ofsted
ILACS Annex A (see shared/domain/formats.md).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    """One value of a code set, with the collection years (inclusive) in which it is valid."""

    value: str
    label: str
    valid_from: int | None = None
    valid_to: int | None = None

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        if self.valid_from is not None and year < self.valid_from:
            return False
        return not (self.valid_to is not None and year > self.valid_to)


def _member_name(value: str) -> str:
    name = re.sub(r"\W", "_", value.upper())
    return f"C{name}" if name[0].isdigit() else name


class CodeSet:
    """An ordered, named set of codes; also exposed as a `StrEnum` for use in code."""

    def __init__(self, name: str, codes: list[Code]):
        self.name = name
        self._codes = {code.value: code for code in codes}
        if len(self._codes) != len(codes):
            raise ValueError(f"{name}: duplicate code values")
        self.enum = enum.StrEnum(name, {_member_name(c.value): c.value for c in codes})

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, value: object) -> bool:
        return value in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def __repr__(self) -> str:
        return f"<CodeSet {self.name}: {len(self)} codes>"

    @property
    def values(self) -> list[str]:
        return list(self._codes)

    def values_in(self, year: int | None) -> list[str]:
        """The values valid in a collection year (all values when year is None)."""
        return [c.value for c in self if c.valid_in(year)]

    def is_valid(self, value: str, year: int | None = None) -> bool:
        code = self._codes.get(value)
        return code is not None and code.valid_in(year)

    def label(self, value: str) -> str:
        code = self._codes.get(value)
        return code.label if code else value

    def choices(self, year: int | None = None) -> list[tuple[str, str]]:
        """Django-style (value, "value: label") pairs; every code when year is None."""
        return [(c.value, f"{c.value}: {c.label}") for c in self if c.valid_in(year)]

    @property
    def max_length(self) -> int:
        return max(len(v) for v in self._codes)


def _codes(*rows: tuple) -> list[Code]:
    return [Code(*row) for row in rows]


# --- People ------------------------------------------------------------------------------------

SEX = CodeSet("Sex", _codes(("M", "Male"), ("F", "Female"), ("U", "Unknown or unborn")))

ETHNICITY = CodeSet(
    "Ethnicity",
    _codes(
        ("WBRI", "White British"),
        ("WIRI", "White Irish"),
        ("WIRT", "Traveller of Irish heritage"),
        ("WOTH", "Any other White background"),
        ("WROM", "Gypsy/Roma"),
        ("MWBC", "White and Black Caribbean"),
        ("MWBA", "White and Black African"),
        ("MWAS", "White and Asian"),
        ("MOTH", "Any other mixed background"),
        ("AIND", "Indian"),
        ("APKN", "Pakistani"),
        ("ABAN", "Bangladeshi"),
        ("AOTH", "Any other Asian background"),
        ("BCRB", "Caribbean"),
        ("BAFR", "African"),
        ("BOTH", "Any other Black background"),
        ("CHNE", "Chinese"),
        ("OOTH", "Any other ethnic group"),
        ("REFU", "Refused"),
        ("NOBT", "Information not yet obtained"),
    ),
)

DISABILITY = CodeSet(
    "Disability",
    _codes(
        ("NONE", "No disability"),
        ("MOB", "Mobility"),
        ("HAND", "Hand function"),
        ("PC", "Personal care"),
        ("INC", "Incontinence"),
        ("COMM", "Communication"),
        ("LD", "Learning"),
        ("HEAR", "Hearing"),
        ("VIS", "Vision"),
        ("BEH", "Behaviour"),
        ("CON", "Consciousness"),
        ("AUT", "Autism or Asperger syndrome"),
        ("DDA", "Other disability"),
    ),
)

UPN_UNKNOWN = CodeSet(
    "UpnUnknown",
    _codes(
        ("UN1", "Child not of school age and not attending an educational setting"),
        ("UN2", "Child has never attended a maintained school in England"),
        ("UN3", "Child is educated outside England"),
        ("UN4", "Child newly looked after; UPN not yet known"),
        ("UN5", "Sources collating UPNs reflect discrepancy"),
        ("UN6", "Child is an unborn baby or has no UPN for another reason"),
        ("UN7", "Referral with no further action"),
    ),
)

RELATIONSHIP = CodeSet(
    "Relationship",
    _codes(
        ("MOTHER", "Mother"),
        ("FATHER", "Father"),
        ("STEP_PARENT", "Step-parent"),
        ("GRANDPARENT", "Grandparent"),
        ("OTHER_RELATIVE", "Other relative"),
        ("CARER", "Carer (not a parent)"),
        ("SIBLING", "Sibling"),
        ("HALF_SIBLING", "Half-sibling"),
        ("PARTNER", "Partner"),
        ("HOUSEHOLD_MEMBER", "Other household member"),
    ),
)

# --- Front door and children in need -----------------------------------------------------------

REFERRAL_SOURCE = CodeSet(
    "ReferralSource",
    _codes(
        ("1A", "Individual: family member, relative or carer"),
        ("1B", "Individual: acquaintance (including neighbours and child minders)"),
        ("1C", "Individual: self"),
        ("1D", "Individual: other, including strangers and MPs"),
        ("2A", "Schools"),
        ("2B", "Education services"),
        ("3A", "Health services: GP"),
        ("3B", "Health services: health visitor"),
        ("3C", "Health services: school nurse"),
        ("3D", "Health services: other primary health services"),
        ("3E", "Health services: A&E"),
        ("3F", "Health services: other"),
        ("4", "Housing"),
        ("5A", "LA services: social care"),
        ("5B", "LA services: other internal department"),
        ("5C", "LA services: another local authority"),
        ("5D", "LA services: early help", 2024, None),
        ("6", "Police"),
        ("7", "Other legal agency"),
        ("8", "Other"),
        ("9", "Anonymous"),
        ("10", "Unknown"),
    ),
)

NEED = CodeSet(
    "Need",
    _codes(
        ("N1", "Abuse or neglect"),
        ("N2", "Child's disability"),
        ("N3", "Parental disability or illness"),
        ("N4", "Family in acute stress"),
        ("N5", "Family dysfunction"),
        ("N6", "Socially unacceptable behaviour"),
        ("N7", "Low income"),
        ("N8", "Absent parenting"),
        ("N9", "Cases other than children in need"),
        ("N0", "Not stated"),
    ),
)

CLOSURE_REASON = CodeSet(
    "ClosureReason",
    _codes(
        ("RC1", "Adopted"),
        ("RC2", "Died"),
        ("RC3", "Child arrangements order"),
        ("RC4", "Special guardianship order"),
        ("RC5", "Transferred to services of another local authority"),
        ("RC6", "Transferred to adult social care services"),
        ("RC7", "Services ceased for any other reason, including child no longer in need"),
        ("RC8", "Case closed after assessment, no further action"),
        ("RC9", "Case closed after assessment, referred to early help", 2024, None),
    ),
)

ABUSE_CATEGORY = CodeSet(
    "AbuseCategory",
    _codes(
        ("NEG", "Neglect"),
        ("PHY", "Physical abuse"),
        ("SAB", "Sexual abuse"),
        ("EMO", "Emotional abuse"),
        ("MUL", "Multiple/not recommended"),
    ),
)

ASSESSMENT_FACTOR = CodeSet(
    "AssessmentFactor",
    _codes(
        ("1A", "Alcohol misuse: child"),
        ("1B", "Alcohol misuse: parent or carer"),
        ("1C", "Alcohol misuse: other person in the household"),
        ("2A", "Drug misuse: child"),
        ("2B", "Drug misuse: parent or carer"),
        ("2C", "Drug misuse: other person in the household"),
        ("3A", "Domestic violence: child"),
        ("3B", "Domestic violence: parent or carer"),
        ("3C", "Domestic violence: other person in the household"),
        ("4A", "Mental health: child"),
        ("4B", "Mental health: parent or carer"),
        ("4C", "Mental health: other person in the household"),
        ("5A", "Learning disability: child"),
        ("5B", "Learning disability: parent or carer"),
        ("5C", "Learning disability: other person in the household"),
        ("6A", "Physical disability or illness: child"),
        ("6B", "Physical disability or illness: parent or carer"),
        ("6C", "Physical disability or illness: other person in the household"),
        ("7A", "Young carer"),
        ("8B", "Privately fostered: overseas child, parents intend to return"),
        ("8C", "Privately fostered: overseas child, parents intend to stay"),
        ("8D", "Privately fostered: UK child in education or training"),
        ("8E", "Privately fostered: UK child, parents cannot care"),
        ("8F", "Privately fostered: other"),
        ("9A", "Unaccompanied asylum-seeking child"),
        ("10A", "Going or being missing"),
        ("11A", "Child sexual exploitation"),
        ("12A", "Trafficking"),
        ("13A", "Gangs"),
        ("14A", "Socially unacceptable behaviour"),
        ("15A", "Self-harm"),
        ("16A", "Abuse or neglect: neglect"),
        ("17A", "Abuse or neglect: emotional abuse"),
        ("18A", "Abuse or neglect: physical abuse (legacy)", None, 2023),
        ("18B", "Abuse or neglect: physical abuse, child on child"),
        ("18C", "Abuse or neglect: physical abuse, adult on child"),
        ("19A", "Abuse or neglect: sexual abuse (legacy)", None, 2023),
        ("19B", "Abuse or neglect: sexual abuse, child on child"),
        ("19C", "Abuse or neglect: sexual abuse, adult on child"),
        ("20", "Other"),
        ("21", "No factors identified"),
        ("22A", "Female genital mutilation"),
        ("23A", "Abuse linked to faith or belief"),
        ("24A", "Child criminal exploitation", 2022, None),
    ),
)

# --- Looked-after children (SSDA903) -----------------------------------------------------------

REASON_NEW_EPISODE = CodeSet(
    "ReasonNewEpisode",
    _codes(
        ("S", "Started to be looked after"),
        ("L", "Change of legal status only"),
        ("P", "Change of placement and carer(s) only"),
        ("T", "Change of placement, same carer(s)"),
        ("B", "Change of legal status and placement and carer(s)"),
        ("U", "Change of legal status and placement, same carer(s)"),
    ),
)

LEGAL_STATUS = CodeSet(
    "LegalStatus",
    _codes(
        ("C1", "Interim care order"),
        ("C2", "Full care order"),
        ("D1", "Freeing order granted"),
        ("E1", "Placement order granted"),
        ("V2", "Single period of accommodation under section 20"),
        ("V3", "Accommodated under an agreed series of short-term breaks, episodes recorded"),
        ("V4", "Accommodated under an agreed series of short-term breaks, agreements recorded"),
        ("L1", "Under police protection and in local authority accommodation"),
        ("L2", "Emergency protection order"),
        ("L3", "Under child assessment order and in local authority accommodation"),
        ("J1", "Remanded to local authority accommodation or youth detention accommodation"),
        ("J2", "Placed in local authority accommodation under PACE"),
        ("J3", "Sentenced to a youth rehabilitation order with residence requirement"),
    ),
)

PLACEMENT_TYPE = CodeSet(
    "PlacementType",
    _codes(
        ("A3", "Placed for adoption with parental consent with current foster carer(s)"),
        ("A4", "Placed for adoption with parental consent not with current foster carer(s)"),
        ("A5", "Placed for adoption with placement order with current foster carer(s)"),
        ("A6", "Placed for adoption with placement order not with current foster carer(s)"),
        ("H5", "Semi-independent living accommodation not subject to regulation", None, 2025),
        ("K1", "Secure children's home"),
        ("K2", "Children's home"),
        ("K3", "Supported accommodation", 2024, None),
        ("P1", "Placed with own parent(s) or other person(s) with parental responsibility"),
        ("P2", "Independent living", None, 2025),
        ("P3", "Residential employment"),
        ("R1", "Residential care home"),
        ("R2", "NHS or health trust or other establishment providing medical or nursing care"),
        ("R3", "Family centre or mother and baby unit"),
        ("R5", "Young offender institution or prison"),
        ("S1", "All residential schools, except where dual-registered as a children's home"),
        ("T0", "Temporary placement: all types"),
        ("T1", "Temporary periods in hospital"),
        ("T2", "Temporary absences of the child on holiday"),
        ("T3", "Temporary accommodation whilst normal foster carer(s) is/are on holiday"),
        ("T4", "Temporary accommodation of seven days or less"),
        ("U1", "Foster placement with relative or friend: long-term fostering"),
        ("U2", "Foster placement with relative or friend: fostering for adoption or concurrent"),
        ("U3", "Foster placement with relative or friend: not long-term or FFA"),
        ("U4", "Foster placement with other foster carer: long-term fostering"),
        ("U5", "Foster placement with other foster carer: fostering for adoption or concurrent"),
        ("U6", "Foster placement with other foster carer: not long-term or FFA"),
        ("Z1", "Other placements", None, 2025),
        ("Z11", "Other placement (Z11)", 2026, None),
        ("Z12", "Other placement (Z12)", 2026, None),
        ("Z13", "Other placement (Z13)", 2026, None),
        ("Z14", "Other placement (Z14)", 2026, None),
    ),
)

PLACEMENT_PROVIDER = CodeSet(
    "PlacementProvider",
    _codes(
        ("PR0", "Parent(s) or other person(s) with parental responsibility"),
        ("PR1", "Own provision (by the local authority)"),
        ("PR2", "Other local authority provision"),
        ("PR3", "Other public provision (for example a PCT)"),
        ("PR4", "Private provision"),
        ("PR5", "Voluntary or third sector provision"),
    ),
)

REASON_CEASED = CodeSet(
    "ReasonCeased",
    _codes(
        ("X1", "Episode ceases, new episode begins on same day"),
        ("E11", "Adopted: application unopposed"),
        ("E12", "Adopted: consent dispensed with by the court"),
        ("E2", "Died"),
        ("E3", "Care taken over by another local authority in the UK"),
        ("E4A", "Returned home to live with parents or relatives, as part of the care plan"),
        ("E4B", "Returned home to live with parents or relatives, not part of the care plan"),
        ("E13", "Left care to live with a parent or relative without parental responsibility"),
        ("E41", "Residence order or child arrangements order granted"),
        ("E45", "Special guardianship order made to former foster carer(s), a relative or friend"),
        ("E46", "Special guardianship order made to former foster carer(s), other"),
        (
            "E47",
            "Special guardianship order made to carer(s) other than former foster carer(s), "
            "a relative or friend",
        ),
        (
            "E48",
            "Special guardianship order made to carer(s) other than former foster carer(s), other",
        ),  # noqa: E501
        ("E5", "Moved into independent living arrangement with formalised support"),
        ("E6", "Moved into independent living arrangement without formalised support"),
        ("E7", "Transferred to residential care funded by adult social care"),
        ("E8", "Period of being looked after ceased for any other reason"),
        ("E9", "Sentenced to custody"),
        ("E14", "Accommodation on remand ended"),
        ("E15", "Age assessment determined child is aged 18 or over"),
        ("E16", "Child moved abroad"),
        ("E17", "Aged 18 or over and remained with current carers (staying put)"),
    ),
)

REASON_PLACE_CHANGE = CodeSet(
    "ReasonPlaceChange",
    _codes(
        ("CARPL", "Change to or implementation of the care plan"),
        ("CLOSE", "Resignation or closure of provision"),
        ("ALLEG", "Allegation (s47)"),
        ("STAND", "Standards of care concern"),
        ("APPRR", "Approval removed"),
        ("CREQB", "Carer requests placement end due to child's behaviour"),
        ("CREQO", "Carer requests placement end, other than behaviour"),
        ("CHILD", "Child requests placement end"),
        ("LAREQ", "Responsible or area authority requests placement end"),
        ("PLACE", "Change of placement status only"),
        ("CUSTOD", "Child arrested and placed in custody"),
        ("OTHER", "Other"),
    ),
)

REVIEW_PARTICIPATION = CodeSet(
    "ReviewParticipation",
    _codes(
        ("PN0", "Child aged under 4 at the time of the review"),
        ("PN1", "Child physically attends and speaks for themselves"),
        ("PN2", "Child physically attends; an advocate speaks on their behalf"),
        ("PN3", "Child attends and conveys views symbolically (non-verbally)"),
        ("PN4", "Child physically attends but does not contribute"),
        ("PN5", "Child does not attend but briefs an advocate to speak for them"),
        ("PN6", "Child does not attend but conveys views by another medium"),
        ("PN7", "Child does not attend, nor are views conveyed to the review"),
    ),
)

SDQ_REASON = CodeSet(
    "SdqReason",
    _codes(
        ("SDQ1", "No form returned as child was aged under 4 or over 17"),
        ("SDQ2", "Carer refused to complete and return the questionnaire"),
        ("SDQ3", "Not possible owing to the severity of the child's disability"),
        ("SDQ4", "Other"),
        ("SDQ5", "Child or young person refuses to allow an SDQ to be completed"),
    ),
)

MISSING_TYPE = CodeSet(
    "MissingType", _codes(("M", "Missing"), ("A", "Away from placement without authorisation"))
)

PERMANENCE_PLAN = CodeSet(
    "PermanencePlan",
    _codes(
        ("RETURN_HOME", "Return to family"),
        ("ADOPTION", "Adoption"),
        ("SGO_CAO", "Special guardianship or child arrangements order"),
        ("SUPPORTED_LIVING", "Supported living in the community"),
        ("LONG_TERM_RESIDENTIAL", "Long-term residential placement"),
        ("LONG_TERM_FOSTERING", "Long-term fostering"),
        ("OTHER", "Other"),
    ),
)

ADOPTION_STOPPED_REASON = CodeSet(
    "AdoptionStoppedReason",
    _codes(
        ("RD1", "The child's needs changed after the decision"),
        ("RD2", "The court did not make a placement order"),
        ("RD3", "Prospective adopters could not be found"),
        ("RD4", "Any other reason"),
    ),
)

# --- Care leavers ------------------------------------------------------------------------------

CARE_LEAVER_ELIGIBILITY = CodeSet(
    "CareLeaverEligibility",
    _codes(
        ("ELIGIBLE", "Eligible child (16-17, still looked after)"),
        ("RELEVANT", "Relevant child"),
        ("FORMER_RELEVANT", "Former relevant child"),
        ("QUALIFYING", "Qualifying care leaver"),
    ),
)

IN_TOUCH = CodeSet(
    "InTouch",
    _codes(
        ("YES", "In touch"),
        ("NO", "Not in touch"),
        ("DIED", "Died"),
        ("REFU", "Young person refuses contact"),
        ("NREQ", "No longer requires services"),
        ("RHOM", "Returned home (relevant child)"),
    ),
)

ACTIVITY = CodeSet(
    "Activity",
    _codes(
        ("F1", "Full time in higher education"),
        ("P1", "Part time in higher education"),
        ("F2", "Full time in education other than higher education"),
        ("P2", "Part time in education other than higher education"),
        ("F4", "Full time in training"),
        ("P4", "Part time in training"),
        ("F5", "Full time in employment"),
        ("P5", "Part time in employment"),
        ("G4", "Not in education, training or employment: illness or disability"),
        ("G5", "Not in education, training or employment: other reasons"),
        ("G6", "Not in education, training or employment: pregnancy or parenting"),
    ),
)

ACCOMMODATION = CodeSet(
    "Accommodation",
    _codes(
        ("B", "With parents or relatives"),
        ("C", "Community home or other form of residential care"),
        ("D", "Semi-independent, transitional accommodation"),
        ("E", "Supported lodgings"),
        ("G", "Gone abroad"),
        ("H", "Deported"),
        ("K", "Ordinary lodgings, without formal support"),
        ("R", "Residence not known"),
        ("S", "No fixed abode or homeless"),
        ("T", "Foyers and similar supported accommodation"),
        ("U", "Independent living"),
        ("V", "Emergency accommodation"),
        ("W", "Bed and breakfast"),
        ("X", "In custody"),
        ("Y", "Other accommodation"),
        ("Z", "With former foster carers"),
    ),
)

# --- Sightline's own record-keeping sets (local, not statutory) --------------------------------

CONTACT_DECISION = CodeSet(
    "ContactDecision",
    _codes(
        ("REFERRAL", "Referral to children's social care"),
        ("STRATEGY", "Referral and strategy discussion (significant harm suspected)"),
        ("EARLY_HELP", "Early help"),
        ("ADVICE", "Information and advice"),
        ("NFA", "No further action"),
    ),
)

ASSESSMENT_OUTCOME = CodeSet(
    "AssessmentOutcome",
    _codes(
        ("CIN_PLAN", "Child in need: child in need plan"),
        ("STRATEGY", "Strategy discussion (significant harm suspected)"),
        ("LOOKED_AFTER", "Child to become looked after"),
        ("EARLY_HELP", "Not in need of social care: step down to early help"),
        ("NFA", "Not in need: no further action"),
    ),
)

STRATEGY_DECISION = CodeSet(
    "StrategyDecision",
    _codes(
        ("S47", "Section 47 enquiry"),
        ("SINGLE_AGENCY", "No section 47: single-agency (social care) response"),
        ("NFA", "No further action"),
    ),
)

S47_OUTCOME = CodeSet(
    "S47Outcome",
    _codes(
        ("ICPC", "Concerns substantiated: initial child protection conference"),
        ("CIN", "Concerns substantiated, child not at continuing risk: child in need"),
        ("NOT_SUBSTANTIATED", "Concerns not substantiated"),
    ),
)

CONFERENCE_KIND = CodeSet(
    "ConferenceKind",
    _codes(("INITIAL", "Initial child protection conference"), ("REVIEW", "Review conference")),
)

CONFERENCE_OUTCOME = CodeSet(
    "ConferenceOutcome",
    _codes(
        ("PLAN", "Child protection plan"),
        ("NO_PLAN", "No child protection plan"),
        ("CONTINUE", "Plan continues"),
        ("END", "Plan ends"),
    ),
)

VISIT_KIND = CodeSet(
    "VisitKind",
    _codes(
        ("ASSESSMENT", "Assessment visit"),
        ("CIN", "Child in need visit"),
        ("CP", "Child protection statutory visit"),
        ("LAC", "Looked-after child statutory visit"),
        ("IRO", "Independent reviewing officer contact"),
        ("PATHWAY", "Personal adviser contact"),
        ("ADOPTION", "Adoption placement visit"),
        ("PRIVATE_FOSTERING", "Private fostering visit"),
    ),
)

PERSON_WARNING = CodeSet(
    "PersonWarning",
    _codes(
        ("VIOLENCE", "Risk of violence to staff"),
        ("CHILD_RISK", "Risk to children"),
        ("ADDRESS", "Address must not be shared"),
        ("ANIMAL", "Dangerous animal at the address"),
        ("HEALTH", "Health or infection risk on visits"),
        ("OTHER", "Other warning"),
    ),
)

PROFESSIONAL_ROLE = CodeSet(
    "ProfessionalRole",
    _codes(
        ("GP", "GP"),
        ("SCHOOL", "School (designated safeguarding lead)"),
        ("HEALTH_VISITOR", "Health visitor"),
        ("SCHOOL_NURSE", "School nurse"),
        ("NURSERY", "Nursery or early years setting"),
        ("CAMHS", "Child and adolescent mental health services"),
        ("POLICE", "Police"),
        ("YOUTH_JUSTICE", "Youth justice"),
        ("VIRTUAL_SCHOOL", "Virtual school"),
        ("OTHER", "Other agency worker"),
    ),
)

AGENCY_CHECK_CLOSURE = CodeSet(
    "AgencyCheckClosure",
    _codes(
        ("WITHDRAWN", "Withdrawn: no longer needed"),
        ("NOT_REQUIRED", "Marked not required"),
    ),
)

CARE_LEAVER_CONTACT_KIND = CodeSet(
    "CareLeaverContactKind",
    _codes(
        ("VISIT", "Visit at the young person's accommodation"),
        ("MEETING", "Meeting in person elsewhere"),
        ("CALL", "Phone or video call"),
        ("MESSAGE", "Message or letter"),
    ),
)

LEAVING_CARE_ACCOMMODATION = CodeSet(
    "LeavingCareAccommodation",
    _codes(
        ("S23B", "Children Act 1989 s23B: provided for a relevant child"),
        ("S24B", "Children Act 1989 s24B: provided for a former relevant child in education"),
    ),
)

AGENCY = CodeSet(
    "Agency",
    _codes(
        ("POLICE", "Police"),
        ("HEALTH", "Health"),
        ("GP", "GP"),
        ("EDUCATION", "School or education"),
        ("PROBATION", "Probation"),
        ("HOUSING", "Housing"),
        ("ADULT_SOCIAL_CARE", "Adult social care"),
        ("MENTAL_HEALTH", "Mental health services"),
        ("SOCIAL_CARE", "Children's social care"),
        ("OTHER_LA", "Another local authority"),
        ("OTHER", "Other"),
    ),
)

HEALTH_ASSESSMENT_KIND = CodeSet(
    "HealthAssessmentKind",
    _codes(("INITIAL", "Initial health assessment"), ("REVIEW", "Review health assessment")),
)

PROCEEDINGS_ORDER = CodeSet(
    "ProceedingsOrder",
    _codes(
        ("CARE_ORDER", "Care order"),
        ("SUPERVISION_ORDER", "Supervision order"),
        ("SGO", "Special guardianship order"),
        ("CAO", "Child arrangements order"),
        ("PLACEMENT_ORDER", "Care and placement orders"),
        ("NO_ORDER", "No order"),
        ("WITHDRAWN", "Application withdrawn"),
    ),
)

PRE_PROCEEDINGS_OUTCOME = CodeSet(
    "PreProceedingsOutcome",
    _codes(
        ("DIVERTED", "Diverted from proceedings: concerns reduced"),
        ("PROCEEDINGS", "Care proceedings issued"),
        ("OTHER", "Other"),
    ),
)

TEAM_KIND = CodeSet(
    "TeamKind",
    _codes(
        ("FRONT_DOOR", "Front door (MASH)"),
        ("ASSESSMENT", "Assessment"),
        ("CP_CIN", "Child protection and children in need"),
        ("LOOKED_AFTER", "Children in care"),
        ("CARE_LEAVERS", "Care leavers"),
        ("IRO", "Independent reviewing and conferences"),
        ("DISABILITY", "Children with disabilities"),
    ),
)

ROLE = CodeSet(
    "Role",
    _codes(
        ("SOCIAL_WORKER", "Social worker"),
        ("SENIOR_PRACTITIONER", "Senior practitioner"),
        ("TEAM_MANAGER", "Team manager"),
        ("HEAD_OF_SERVICE", "Head of service"),
        ("DIRECTOR", "Director"),
        ("FRONT_DOOR", "Front-door practitioner"),
        ("IRO", "IRO / conference chair"),
        ("QA_AUDITOR", "Quality assurance auditor"),
        ("ANALYST", "Performance analyst"),
        ("PARTNER", "Partner-agency user"),
        ("IG_OFFICER", "Information governance officer"),
        ("ADMIN", "System administrator"),
        ("PERSONAL_ADVISER", "Personal adviser"),
    ),
)
