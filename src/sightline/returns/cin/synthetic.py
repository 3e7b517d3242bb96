"""Synthetic CIN census files for tests and benchmarks: no real child is described.

`census_xml` writes children given as nested dicts (keys are the census element names, lists
for repeated modules) in the XSD's element order. `clean_child` makes one random child whose
record breaks no DfE rule, with assessments, section 47 enquiries, conferences, CP plans and CIN
plans in realistic proportions; `write_census` streams as many as asked to a file.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from sightline.standards.calendar import default_calendar
from sightline.standards.identifiers import upn_check_letter

__all__ = ["census_xml", "clean_child", "write_census"]

_IDENTIFIERS = (
    "LAchildID",
    "UPN",
    "FormerUPN",
    "UPNunknown",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
    "GenderCurrent",
    "Sex",
    "PersonDeathDate",
)
_EPISODE_HEAD = (
    "CINreferralDate",
    "ReferralSource",
    "PrimaryNeedCode",
    "CINclosureDate",
    "ReasonForClosure",
    "DateOfInitialCPC",
)
_ASSESSMENT = (
    "AssessmentActualStartDate",
    "AssessmentInternalReviewDate",
    "AssessmentAuthorisationDate",
)
_PLAN_DATES = ("CINPlanStartDate", "CINPlanEndDate")
_S47 = ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
_CPP = (
    "CPPstartDate",
    "CPPendDate",
    "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse",
    "NumberOfPreviousCPP",
)
_PRE_PROCEEDINGS = (
    "PPStartDate",
    "LBPSentDate",
    "FGDMMeetingOffer",
    "FGDMMeetingFac",
    "InitialPPMeetingDate",
    "ReviewMeetingsCount",
    "StepDecisionDate",
    "PPOutcome",
    "CourtAppDate",
    "LetterInitCPDate",
)


def _leaves(out: list[str], record: dict, names: Iterable[str], indent: str) -> None:
    for name in names:
        value = record.get(name)
        if value is not None:
            out.append(f"{indent}<{name}>{escape(str(value))}</{name}>\n")


def _child(out: list[str], child: dict) -> None:
    out.append("    <Child>\n      <ChildIdentifiers>\n")
    _leaves(out, child, _IDENTIFIERS, "        ")
    out.append("      </ChildIdentifiers>\n      <ChildCharacteristics>\n")
    _leaves(out, child, ("Ethnicity",), "        ")
    if child.get("Disabilities"):
        out.append("        <Disabilities>\n")
        for code in child["Disabilities"]:
            out.append(f"          <Disability>{escape(code)}</Disability>\n")
        out.append("        </Disabilities>\n")
    out.append("      </ChildCharacteristics>\n")
    for episode in child.get("CINdetails", ()):
        out.append("      <CINdetails>\n")
        _leaves(out, episode, _EPISODE_HEAD, "        ")
        for assessment in episode.get("Assessments", ()):
            out.append("        <Assessments>\n")
            _leaves(out, assessment, _ASSESSMENT, "          ")
            if assessment.get("AssessmentFactors"):
                out.append("          <FactorsIdentifiedAtAssessment>\n")
                for code in assessment["AssessmentFactors"]:
                    out.append(
                        f"            <AssessmentFactors>{escape(code)}</AssessmentFactors>\n"
                    )
                out.append("          </FactorsIdentifiedAtAssessment>\n")
            out.append("        </Assessments>\n")
        for plan in episode.get("CINPlanDates", ()):
            out.append("        <CINPlanDates>\n")
            _leaves(out, plan, _PLAN_DATES, "          ")
            out.append("        </CINPlanDates>\n")
        for enquiry in episode.get("Section47", ()):
            out.append("        <Section47>\n")
            _leaves(out, enquiry, _S47, "          ")
            out.append("        </Section47>\n")
        _leaves(out, episode, ("ReferralNFA",), "        ")
        for plan in episode.get("ChildProtectionPlans", ()):
            out.append("        <ChildProtectionPlans>\n")
            _leaves(out, plan, _CPP, "          ")
            if "Reviews" in plan:
                out.append("          <Reviews>\n")
                for review in plan["Reviews"]:
                    out.append(f"            <CPPreviewDate>{review}</CPPreviewDate>\n")
                out.append("          </Reviews>\n")
            out.append("        </ChildProtectionPlans>\n")
        for module in episode.get("PreProceedingsandFGDM", ()):
            out.append("        <PreProceedingsandFGDM>\n")
            _leaves(out, module, _PRE_PROCEEDINGS, "          ")
            out.append("        </PreProceedingsandFGDM>\n")
        out.append("      </CINdetails>\n")
    out.append("    </Child>\n")


def _head(reference_date: date | None, lea: str) -> str:
    reference = (
        f"      <ReferenceDate>{reference_date.isoformat()}</ReferenceDate>\n"
        if reference_date
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n'
        "    <CollectionDetails>\n      <Collection>CIN</Collection>\n"
        f"      <Year>{reference_date.year if reference_date else 2026}</Year>\n{reference}"
        "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n"
        f"      <LEA>{lea}</LEA>\n      <SoftwareCode>Sightline synthetic</SoftwareCode>\n"
        "      <Release>1</Release>\n      <SerialNo>001</SerialNo>\n"
        "      <DateTime>2026-04-02T09:00:00</DateTime>\n    </Source>\n  </Header>\n"
        "  <Children>\n"
    )


_TAIL = "  </Children>\n</Message>\n"


def census_xml(
    children: Iterable[dict], *, reference_date: date | None = date(2026, 3, 31), lea: str = "873"
) -> str:
    """A whole census document for `children`, with a header for `reference_date`."""
    out = [_head(reference_date, lea)]
    for child in children:
        _child(out, child)
    out.append(_TAIL)
    return "".join(out)


_ETHNICITIES = ("WBRI", "WBRI", "WBRI", "WOTH", "MWBC", "AIND", "APKN", "BAFR", "BCRB", "CHNE")
_DISABILITIES = ("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT")
_SOURCES = ("1A", "1B", "2A", "3A", "3E", "5A", "5D", "6", "8", "10")
_FACTORS = ("1B", "2B", "3A", "3B", "4B", "5B", "6B", "14A", "16A", "17A", "18C", "24A")
_CATEGORIES = ("NEG", "PHY", "SAB", "EMO", "MUL")
_CENSUS_START = date(2025, 4, 1)


def _day(d: date) -> str:
    return d.isoformat()


def clean_child(n: int, rng: random.Random, *, lea: str = "873") -> dict:
    """A random child whose record breaks no 2025-26 rule (census ending 31 March 2026)."""
    calendar = default_calendar()
    child: dict = {"LAchildID": f"C{n:07d}", "Ethnicity": rng.choice(_ETHNICITIES)}
    referral = _CENSUS_START + timedelta(days=rng.randrange(0, 180))
    unborn = rng.random() < 0.02
    if unborn:
        referral = date(2025, 12, 1) + timedelta(days=rng.randrange(0, 40))
        child.update(
            ExpectedPersonBirthDate=_day(date(2026, 4, 1) + timedelta(days=rng.randrange(150))),
            Sex="U",
            UPNunknown="UN1",
        )
    else:
        birth = date(2008, 6, 1) + timedelta(days=rng.randrange(0, 16 * 365))
        child.update(PersonBirthDate=_day(birth), Sex=rng.choice("MF"))
        if birth > date(2021, 1, 1):
            child["UPNunknown"] = "UN1"
        else:
            digits = f"{lea}{n % 100_000_000:08d}{n % 10}"
            child["UPN"] = upn_check_letter(digits) + digits
        spread = rng.random()
        if spread < 0.7:
            child["Disabilities"] = ["NONE"]
        else:
            child["Disabilities"] = rng.sample(_DISABILITIES, rng.randint(1, 3))
    episodes = []
    kind = rng.random()
    if kind < 0.15 and not unborn:
        # A referral closed without further action, then a later one acted on.
        episodes.append(
            {
                "CINreferralDate": _day(referral),
                "ReferralSource": rng.choice(_SOURCES),
                "PrimaryNeedCode": "N9",
                "CINclosureDate": _day(referral),
                "ReasonForClosure": "RC7",
                "ReferralNFA": "true",
            }
        )
        referral += timedelta(days=rng.randrange(1, 20))
        kind = rng.random()
    episode: dict = {
        "CINreferralDate": _day(referral),
        "ReferralSource": rng.choice(_SOURCES),
        "PrimaryNeedCode": rng.choice(("N1", "N1", "N2", "N3", "N4", "N5", "N6", "N8")),
        "ReferralNFA": "false",
    }
    start = calendar.add_working_days(referral, 1)
    authorised = calendar.add_working_days(start, rng.randint(10, 40))
    factors = sorted(rng.sample(_FACTORS, rng.randint(1, 4)))
    assessment = {
        "AssessmentActualStartDate": _day(start),
        "AssessmentAuthorisationDate": _day(authorised),
        "AssessmentFactors": factors,
    }
    episode["Assessments"] = [assessment]
    if unborn or kind < 0.45:
        # Assessed, nothing further needed.
        assessment["AssessmentFactors"] = ["21"]
        episode.update(CINclosureDate=_day(authorised), ReasonForClosure="RC8")
    elif kind < 0.75:
        episode["CINPlanDates"] = [{"CINPlanStartDate": _day(authorised)}]
    else:
        conference = calendar.add_working_days(start, 15)
        episode["Section47"] = [
            {
                "S47ActualStartDate": _day(start),
                "InitialCPCtarget": _day(conference),
                "DateOfInitialCPC": _day(conference),
                "ICPCnotRequired": "false",
            }
        ]
        category = rng.choice(_CATEGORIES)
        plan = {
            "CPPstartDate": _day(conference),
            "InitialCategoryOfAbuse": category,
            "LatestCategoryOfAbuse": category,
            "NumberOfPreviousCPP": str(rng.choice((0, 0, 0, 1, 2))),
            "Reviews": [_day(conference + timedelta(days=rng.randint(80, 100)))],
        }
        episode["ChildProtectionPlans"] = [plan]
        if kind < 0.85:
            ended = conference + timedelta(days=rng.randint(100, 130))
            plan["CPPendDate"] = _day(ended)
            episode["CINPlanDates"] = [{"CINPlanStartDate": _day(ended)}]
    episodes.append(episode)
    child["CINdetails"] = episodes
    return child


def write_census(path: str | Path, children: int, *, seed: int = 1, lea: str = "873") -> Path:
    """Write a clean synthetic census of `children` children to `path`, streaming."""
    rng = random.Random(seed)
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        out.write(_head(date(2026, 3, 31), lea))
        batch: list[str] = []
        for n in range(children):
            _child(batch, clean_child(n, rng, lea=lea))
            if len(batch) > 20_000:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))
        out.write(_TAIL)
    return path


def _example_upn(serial: str, la: str = "873") -> str:
    digits = f"{la}{serial}"
    return upn_check_letter(digits) + digits


def example_children() -> list[dict]:
    """Three children whose 2025-26 census breaks no rule, using every module between them.

    Child "A1" (born 2015) has a referral closed with no further action, then an episode with an
    assessment, a section 47 enquiry, a conference on 22 May 2025 that starts a CP plan, the plan
    ending on 1 September 2025 and a CIN plan starting that day. "B2" is unborn (expected
    10 May 2026), assessed and closed RC8 with no factors. "C3" (born 2022, under school age) is
    assessed and on a CIN plan that ended when the episode closed. Written with the older
    `GenderCurrent`, so the document is valid against the 2024 XSD. Tests copy and alter it.
    """
    return [
        {
            "LAchildID": "A1",
            "UPN": _example_upn("000000012"),
            "PersonBirthDate": "2015-06-01",
            "GenderCurrent": "2",
            "Ethnicity": "WBRI",
            "Disabilities": ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS"],
            "CINdetails": [
                {
                    "CINreferralDate": "2025-04-10",
                    "ReferralSource": "1A",
                    "PrimaryNeedCode": "N9",
                    "CINclosureDate": "2025-04-10",
                    "ReasonForClosure": "RC7",
                    "ReferralNFA": "true",
                },
                {
                    "CINreferralDate": "2025-05-01",
                    "ReferralSource": "2A",
                    "PrimaryNeedCode": "N1",
                    "Assessments": [
                        {
                            "AssessmentActualStartDate": "2025-05-02",
                            "AssessmentAuthorisationDate": "2025-06-10",
                            "AssessmentFactors": ["3B", "4B"],
                        }
                    ],
                    "CINPlanDates": [{"CINPlanStartDate": "2025-09-01"}],
                    "Section47": [
                        {
                            "S47ActualStartDate": "2025-05-02",
                            "InitialCPCtarget": "2025-05-27",
                            "DateOfInitialCPC": "2025-05-22",
                            "ICPCnotRequired": "false",
                        }
                    ],
                    "ReferralNFA": "false",
                    "ChildProtectionPlans": [
                        {
                            "CPPstartDate": "2025-05-22",
                            "CPPendDate": "2025-09-01",
                            "InitialCategoryOfAbuse": "NEG",
                            "LatestCategoryOfAbuse": "NEG",
                            "NumberOfPreviousCPP": "1",
                            "Reviews": ["2025-08-14"],
                        }
                    ],
                },
            ],
        },
        {
            "LAchildID": "B2",
            "UPNunknown": "UN1",
            "ExpectedPersonBirthDate": "2026-05-10",
            "GenderCurrent": "0",
            "Ethnicity": "NOBT",
            "CINdetails": [
                {
                    "CINreferralDate": "2026-01-12",
                    "ReferralSource": "3B",
                    "PrimaryNeedCode": "N2",
                    "CINclosureDate": "2026-02-10",
                    "ReasonForClosure": "RC8",
                    "Assessments": [
                        {
                            "AssessmentActualStartDate": "2026-01-13",
                            "AssessmentAuthorisationDate": "2026-02-10",
                            "AssessmentFactors": ["21"],
                        }
                    ],
                    "ReferralNFA": "false",
                }
            ],
        },
        {
            "LAchildID": "C3",
            "UPNunknown": "UN1",
            "PersonBirthDate": "2022-02-03",
            "GenderCurrent": "1",
            "Ethnicity": "AIND",
            "Disabilities": ["NONE"],
            "CINdetails": [
                {
                    "CINreferralDate": "2025-11-03",
                    "ReferralSource": "6",
                    "PrimaryNeedCode": "N4",
                    "CINclosureDate": "2026-02-27",
                    "ReasonForClosure": "RC7",
                    "Assessments": [
                        {
                            "AssessmentActualStartDate": "2025-11-04",
                            "AssessmentAuthorisationDate": "2025-12-15",
                            "AssessmentFactors": ["16A"],
                        }
                    ],
                    "CINPlanDates": [
                        {"CINPlanStartDate": "2025-12-15", "CINPlanEndDate": "2026-02-27"}
                    ],
                    "ReferralNFA": "false",
                }
            ],
        },
    ]
