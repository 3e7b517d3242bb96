"""Every CIN census rule, from its meaning: a record that passes, one that fails, boundaries.

Each case takes the clean three-child census of `example_children()` (which breaks no rule),
alters one thing, writes and reads the XML, runs the one rule and checks whether it fires.
Dates are worked out by hand: the census runs 1 April 2025 to 31 March 2026.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from io import BytesIO

import pytest

from sightline.returns.cin import read_census, ruleset
from sightline.returns.cin.synthetic import census_xml, example_children
from sightline.standards.identifiers import upn_check_letter

RULES = ruleset("2025-26")


def a(r):
    return r["children"][0]


def nfa(r):
    return a(r)["CINdetails"][0]


def ep(r):
    return a(r)["CINdetails"][1]


def asmt(r):
    return ep(r)["Assessments"][0]


def s47(r):
    return ep(r)["Section47"][0]


def cpp(r):
    return ep(r)["ChildProtectionPlans"][0]


def plan(r):
    return ep(r)["CINPlanDates"][0]


def b(r):
    return r["children"][1]


def bep(r):
    return b(r)["CINdetails"][0]


def c(r):
    return r["children"][2]


def cep(r):
    return c(r)["CINdetails"][0]


def casmt(r):
    return cep(r)["Assessments"][0]


def cplan(r):
    return cep(r)["CINPlanDates"][0]


def put(record, **values):
    for key, value in values.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value


def upn(serial: str, la: str = "873") -> str:
    return upn_check_letter(f"{la}{serial}") + f"{la}{serial}"


@dataclass
class Case:
    code: str
    fires: bool
    what: str
    alter: object  # callable taking the census dict

    def __str__(self) -> str:
        return f"{self.code}-{'fires' if self.fires else 'passes'}-{self.what}"


def F(code, what, alter):
    return Case(code, True, what, alter)


def P(code, what, alter):
    return Case(code, False, what, alter)


def _copies_of_c(r, n, sex="1"):
    for i in range(n):
        child = copy.deepcopy(c(r))
        put(child, LAchildID=f"X{i}", GenderCurrent=sex)
        r["children"].append(child)


def _second_assessment(r, **values):
    ep(r)["Assessments"].append({"AssessmentActualStartDate": "2025-06-01", **values})


CASES = [
    F("100", "header reference date a year early", lambda r: r.update(reference=date(2025, 3, 31))),
    F("100", "header without a reference date", lambda r: r.update(reference=None)),
    F(
        "1103",
        "assessment the day before referral",
        lambda r: put(asmt(r), AssessmentActualStartDate="2025-04-30"),
    ),
    P(
        "1103",
        "assessment on the referral day",
        lambda r: put(asmt(r), AssessmentActualStartDate="2025-05-01"),
    ),
    F(
        "1104",
        "S47 conference before referral",
        lambda r: put(s47(r), DateOfInitialCPC="2025-04-30"),
    ),
    F(
        "1104",
        "episode-level conference before referral",
        lambda r: put(ep(r), DateOfInitialCPC="2025-04-30"),
    ),
    P(
        "1104",
        "conference on the referral day",
        lambda r: put(s47(r), DateOfInitialCPC="2025-05-01"),
    ),
    F("1105", "CP plan before referral", lambda r: put(cpp(r), CPPstartDate="2025-04-30")),
    P("1105", "CP plan on the referral day", lambda r: put(cpp(r), CPPstartDate="2025-05-01")),
    F("1510", "wrong check letter", lambda r: put(a(r), UPN="A" + a(r)["UPN"][1:])),
    P("1510", "temporary UPN with its check letter", lambda r: put(a(r), UPN=upn("00000001A"))),
    F("1520", "two children share a UPN", lambda r: put(c(r), UPN=a(r)["UPN"], UPNunknown=None)),
    F("1530", "LA code 999", lambda r: put(a(r), UPN=upn("000000012", la="999"))),
    P("1530", "LA code 201 (the first)", lambda r: put(a(r), UPN=upn("000000012", la="201"))),
    F("1540", "letter among characters 5-12", lambda r: put(a(r), UPN="V8730000A0012")),
    F("1550", "character 13 is I", lambda r: put(a(r), UPN="V87300000001I")),
    P("1550", "character 13 is A", lambda r: put(a(r), UPN=upn("00000001A"))),
    F("1560Q", "former UPN too short", lambda r: put(a(r), FormerUPN="V87300")),
    P("1560Q", "former UPN well formed", lambda r: put(a(r), FormerUPN=upn("000000099"))),
    F("1570", "21-character id", lambda r: put(c(r), LAchildID="C" * 21)),
    P("1570", "20-character id", lambda r: put(c(r), LAchildID="C" * 20)),
    F("1580", "id with a hyphen", lambda r: put(c(r), LAchildID="C-3")),
    F("2886Q", "one of two born children has no sex", lambda r: put(c(r), GenderCurrent="0")),
    P(
        "2886Q",
        "exactly 2% (1 of 50 born)",
        lambda r: (_copies_of_c(r, 48), put(c(r), GenderCurrent="0")),
    ),
    F(
        "2886Q",
        "just over 2% (1 of 49 born)",
        lambda r: (_copies_of_c(r, 47), put(c(r), GenderCurrent="0")),
    ),
    P("2886Q", "unborn children are not counted", lambda r: put(a(r), GenderCurrent="1")),
    F(
        "2887Q",
        "seven disability codes",
        lambda r: put(a(r), Disabilities=a(r)["Disabilities"][:7]),
    ),
    F("2888Q", "every child one code", lambda r: put(a(r), Disabilities=["MOB"])),
    F("2889", "S47 before referral", lambda r: put(s47(r), S47ActualStartDate="2025-04-30")),
    P("2889", "S47 on the referral day", lambda r: put(s47(r), S47ActualStartDate="2025-05-01")),
    F(
        "2990",
        "RC8 with a CP plan",
        lambda r: put(ep(r), CINclosureDate="2026-03-01", ReasonForClosure="RC8"),
    ),
    F("2990", "RC9 with a CIN plan", lambda r: put(cep(r), ReasonForClosure="RC9")),
    F("2991Q", "S47 without assessment", lambda r: put(ep(r), Assessments=[])),
    F(
        "4000",
        "CIN plan on an NFA referral",
        lambda r: put(nfa(r), CINPlanDates=[{"CINPlanStartDate": "2025-04-10"}]),
    ),
    F("4001", "CIN and CP plans both open", lambda r: put(cpp(r), CPPendDate=None)),
    F("4003", "review during an open CIN plan", lambda r: cpp(r)["Reviews"].append("2025-10-01")),
    P(
        "4003",
        "review on the day the CIN plan starts",
        lambda r: cpp(r)["Reviews"].append("2025-09-01"),
    ),
    F(
        "4004",
        "two open CIN plans",
        lambda r: ep(r)["CINPlanDates"].append({"CINPlanStartDate": "2025-10-01"}),
    ),
    F("4008", "CIN plan starts after death", lambda r: put(a(r), PersonDeathDate="2025-08-31")),
    P(
        "4008",
        "CIN plan starts on the day of death",
        lambda r: put(a(r), PersonDeathDate="2025-09-01"),
    ),
    F("4009Q", "CIN plan ends after death", lambda r: put(c(r), PersonDeathDate="2026-02-26")),
    P(
        "4009Q",
        "CIN plan ends on the day of death",
        lambda r: put(c(r), PersonDeathDate="2026-02-27"),
    ),
    F("4010", "CIN plan start missing", lambda r: put(cplan(r), CINPlanStartDate=None)),
    F(
        "4010",
        "CIN plan starts after census",
        lambda r: put(cplan(r), CINPlanStartDate="2026-04-01"),
    ),
    P(
        "4010",
        "CIN plan starts on the census end",
        lambda r: put(cplan(r), CINPlanStartDate="2026-03-31"),
    ),
    F(
        "4011",
        "CIN plan ends before it starts",
        lambda r: put(cplan(r), CINPlanEndDate="2025-12-14"),
    ),
    P(
        "4011",
        "CIN plan ends the day it starts",
        lambda r: put(cplan(r), CINPlanEndDate="2025-12-15"),
    ),
    F(
        "4012Q",
        "CIN plan starts and ends the same day",
        lambda r: put(cplan(r), CINPlanEndDate="2025-12-15"),
    ),
    F("4013", "CIN plan ends after census", lambda r: put(cplan(r), CINPlanEndDate="2026-04-01")),
    F("4013", "CIN plan ended before census", lambda r: put(cplan(r), CINPlanEndDate="2025-03-31")),
    P(
        "4013",
        "CIN plan ends on the census end",
        lambda r: put(cplan(r), CINPlanEndDate="2026-03-31"),
    ),
    P(
        "4013",
        "CIN plan ends on the census start",
        lambda r: put(cplan(r), CINPlanEndDate="2025-04-01"),
    ),
    F(
        "4014",
        "second CIN plan inside the first",
        lambda r: cep(r)["CINPlanDates"].append(
            {"CINPlanStartDate": "2026-01-10", "CINPlanEndDate": "2026-02-20"}
        ),
    ),
    P(
        "4014",
        "second CIN plan starts as the first ends",
        lambda r: cep(r)["CINPlanDates"].append(
            {"CINPlanStartDate": "2026-02-27", "CINPlanEndDate": "2026-03-20"}
        ),
    ),
    F("4015", "CIN plan before referral", lambda r: put(cplan(r), CINPlanStartDate="2025-11-02")),
    P(
        "4015",
        "CIN plan on the referral day",
        lambda r: put(cplan(r), CINPlanStartDate="2025-11-03"),
    ),
    F(
        "4016",
        "CIN plan starts during the CP plan",
        lambda r: put(plan(r), CINPlanStartDate="2025-08-01"),
    ),
    F(
        "4017",
        "CP plan starts during a CIN plan",
        lambda r: put(plan(r), CINPlanStartDate="2025-05-01", CINPlanEndDate="2025-06-01"),
    ),
    P(
        "4017",
        "CIN plan ends the day the CP plan starts",
        lambda r: put(plan(r), CINPlanStartDate="2025-05-01", CINPlanEndDate="2025-05-22"),
    ),
    F("4180", "GenderCurrent 9 has no Sex", lambda r: put(c(r), GenderCurrent="9")),
    F("4180", "Sex X", lambda r: put(c(r), GenderCurrent=None, Sex="X")),
    F("4180", "no sex at all", lambda r: put(c(r), GenderCurrent=None)),
    P("4180", "Sex U for a born child", lambda r: put(c(r), GenderCurrent=None, Sex="U")),
    F("4220", "ethnicity WBR", lambda r: put(c(r), Ethnicity="WBR")),
    F("4220", "ethnicity missing", lambda r: put(c(r), Ethnicity=None)),
    P("4220", "ethnicity REFU", lambda r: put(c(r), Ethnicity="REFU")),
    F("8500", "no LAchildID", lambda r: put(c(r), LAchildID=None)),
    F("8510", "two children with one id", lambda r: put(c(r), LAchildID="A1")),
    F("8520", "born after the census", lambda r: put(c(r), PersonBirthDate="2026-04-01")),
    P("8520", "born on the census end", lambda r: put(c(r), PersonBirthDate="2026-03-31")),
    F("8525Q", "both birth dates", lambda r: put(a(r), ExpectedPersonBirthDate="2015-06-01")),
    F("8525Q", "neither birth date", lambda r: put(c(r), PersonBirthDate=None)),
    F("8530Q", "expected in February", lambda r: put(b(r), ExpectedPersonBirthDate="2026-02-28")),
    F("8530Q", "expected next January", lambda r: put(b(r), ExpectedPersonBirthDate="2027-01-01")),
    P("8530Q", "expected 1 March", lambda r: put(b(r), ExpectedPersonBirthDate="2026-03-01")),
    P("8530Q", "expected 31 December", lambda r: put(b(r), ExpectedPersonBirthDate="2026-12-31")),
    F("8535Q", "died before born", lambda r: put(c(r), PersonDeathDate="2022-02-02")),
    P("8535Q", "died the day born", lambda r: put(c(r), PersonDeathDate="2022-02-03")),
    F("8540", "invalid disability", lambda r: put(a(r), Disabilities=["XYZ"])),
    F("8540", "no disability for a born child acted on", lambda r: put(a(r), Disabilities=None)),
    P(
        "8540",
        "none needed for NFA only",
        lambda r: (put(c(r), Disabilities=None), put(cep(r), ReferralNFA="true")),
    ),
    F("8545Q", "died before the census", lambda r: put(c(r), PersonDeathDate="2025-03-31")),
    P("8545Q", "died on the census start", lambda r: put(c(r), PersonDeathDate="2025-04-01")),
    F("8555Q", "referred after death", lambda r: put(c(r), PersonDeathDate="2025-11-02")),
    P("8555Q", "referred on the day of death", lambda r: put(c(r), PersonDeathDate="2025-11-03")),
    F("8565", "CIN plan ends after closure", lambda r: put(cplan(r), CINPlanEndDate="2026-02-28")),
    F(
        "8565",
        "assessment authorised after closure",
        lambda r: put(casmt(r), AssessmentAuthorisationDate="2026-03-02"),
    ),
    F("8568", "ReferralNFA missing", lambda r: put(cep(r), ReferralNFA=None)),
    P("8568", "ReferralNFA written 0", lambda r: put(cep(r), ReferralNFA="0")),
    F(
        "8569Q",
        "NFA referral two working days before the census",
        lambda r: put(nfa(r), CINreferralDate="2025-03-28", CINclosureDate="2025-04-01"),
    ),
    P(
        "8569Q",
        "NFA referral one working day before",
        lambda r: put(nfa(r), CINreferralDate="2025-03-31", CINclosureDate="2025-04-01"),
    ),
    F("8585Q", "RC2 without date of death", lambda r: put(cep(r), ReasonForClosure="RC2")),
    P(
        "8585Q",
        "RC2 with date of death",
        lambda r: (put(cep(r), ReasonForClosure="RC2"), put(c(r), PersonDeathDate="2026-02-27")),
    ),
    F("8590", "child without an episode", lambda r: put(c(r), CINdetails=[])),
    F("8600", "referral date missing", lambda r: put(cep(r), CINreferralDate=None)),
    F("8600", "referral after census", lambda r: put(cep(r), CINreferralDate="2026-04-01")),
    P("8600", "referral on census end", lambda r: put(cep(r), CINreferralDate="2026-03-31")),
    F(
        "8606",
        "referral 40 weeks and a day before expected birth",
        lambda r: put(bep(r), CINreferralDate="2025-08-02"),
    ),
    P(
        "8606",
        "referral exactly 40 weeks before",
        lambda r: put(bep(r), CINreferralDate="2025-08-03"),
    ),
    F(
        "8608",
        "assessment starts after authorisation",
        lambda r: put(asmt(r), AssessmentActualStartDate="2025-06-11"),
    ),
    P(
        "8608",
        "assessment authorised the day it starts",
        lambda r: put(asmt(r), AssessmentActualStartDate="2025-06-10"),
    ),
    F("8610", "no need code, acted on", lambda r: put(cep(r), PrimaryNeedCode=None)),
    P("8610", "no need code on NFA", lambda r: put(nfa(r), PrimaryNeedCode=None)),
    F(
        "8614",
        "factors on an open assessment",
        lambda r: put(casmt(r), AssessmentAuthorisationDate=None),
    ),
    F(
        "8615",
        "S47 starts after its conference",
        lambda r: put(s47(r), S47ActualStartDate="2025-05-23"),
    ),
    F("8615", "S47 start missing", lambda r: put(s47(r), S47ActualStartDate=None)),
    P(
        "8615",
        "S47 starts on its conference day",
        lambda r: put(s47(r), S47ActualStartDate="2025-05-22"),
    ),
    F("8620", "closed after census", lambda r: put(cep(r), CINclosureDate="2026-04-01")),
    P("8620", "closed on census end", lambda r: put(cep(r), CINclosureDate="2026-03-31")),
    F("8630", "closed before referral", lambda r: put(cep(r), CINclosureDate="2025-11-02")),
    P("8630", "closed on the referral day", lambda r: put(cep(r), CINclosureDate="2025-11-03")),
    F("8640", "RC10", lambda r: put(cep(r), ReasonForClosure="RC10")),
    P("8640", "RC9", lambda r: put(cep(r), ReasonForClosure="RC9")),
    F("8650", "need NX", lambda r: put(cep(r), PrimaryNeedCode="NX")),
    P("8650", "need N0", lambda r: put(cep(r), PrimaryNeedCode="N0")),
    F(
        "8670Q",
        "open assessment 46 working days",
        lambda r: put(
            asmt(r), AssessmentActualStartDate="2026-01-26", AssessmentAuthorisationDate=None
        ),
    ),
    P(
        "8670Q",
        "open assessment 45 working days",
        lambda r: put(
            asmt(r), AssessmentActualStartDate="2026-01-27", AssessmentAuthorisationDate=None
        ),
    ),
    F(
        "8675Q",
        "open S47 16 working days",
        lambda r: put(s47(r), S47ActualStartDate="2026-03-09", DateOfInitialCPC=None),
    ),
    P(
        "8675Q",
        "open S47 15 working days",
        lambda r: put(s47(r), S47ActualStartDate="2026-03-10", DateOfInitialCPC=None),
    ),
    P(
        "8675Q",
        "conference not required",
        lambda r: put(
            s47(r), S47ActualStartDate="2026-03-09", DateOfInitialCPC=None, ICPCnotRequired="true"
        ),
    ),
    F(
        "8696",
        "authorised after census",
        lambda r: put(casmt(r), AssessmentAuthorisationDate="2026-04-01"),
    ),
    F(
        "8696",
        "authorised before census",
        lambda r: put(casmt(r), AssessmentAuthorisationDate="2025-03-31"),
    ),
    P(
        "8696",
        "authorised on census end",
        lambda r: put(casmt(r), AssessmentAuthorisationDate="2026-03-31"),
    ),
    F("8715", "conference after census", lambda r: put(s47(r), DateOfInitialCPC="2026-04-02")),
    F(
        "8715",
        "episode conference before census",
        lambda r: put(cep(r), DateOfInitialCPC="2025-03-31"),
    ),
    F("8720", "CP plan start missing", lambda r: put(cpp(r), CPPstartDate=None)),
    F("8720", "CP plan after census", lambda r: put(cpp(r), CPPstartDate="2026-04-01")),
    P("8720", "CP plan starts census end", lambda r: put(cpp(r), CPPstartDate="2026-03-31")),
    F("8730", "previous plans missing", lambda r: put(cpp(r), NumberOfPreviousCPP=None)),
    F(
        "8736",
        "open assessment started before census",
        lambda r: put(
            casmt(r), AssessmentActualStartDate="2025-03-31", AssessmentAuthorisationDate=None
        ),
    ),
    P(
        "8736",
        "open assessment started on census start",
        lambda r: put(
            casmt(r), AssessmentActualStartDate="2025-04-01", AssessmentAuthorisationDate=None
        ),
    ),
    F(
        "8740",
        "open S47 started before census",
        lambda r: put(s47(r), S47ActualStartDate="2025-03-31", DateOfInitialCPC=None),
    ),
    P(
        "8740",
        "S47 before census, conference not needed",
        lambda r: put(
            s47(r), S47ActualStartDate="2025-03-31", DateOfInitialCPC=None, ICPCnotRequired="TRUE"
        ),
    ),
    F("8750", "unborn with sex F", lambda r: put(b(r), GenderCurrent="2")),
    F("8770Q", "school-age child, no UPN or reason", lambda r: put(a(r), UPN=None)),
    F("8770Q", "school-age child with UN1", lambda r: put(a(r), UPN=None, UPNunknown="UN1")),
    P("8770Q", "school-age child with UN2", lambda r: put(a(r), UPN=None, UPNunknown="UN2")),
    F("8770Q", "6 on the census end", lambda r: put(a(r), UPN=None, PersonBirthDate="2020-03-31")),
    P("8770Q", "5 on the census end", lambda r: put(a(r), UPN=None, PersonBirthDate="2020-04-01")),
    F("8772", "UN7 for a child acted on", lambda r: put(c(r), UPNunknown="UN7")),
    P(
        "8772",
        "UN7 for an NFA-only child",
        lambda r: (put(c(r), UPNunknown="UN7"), put(cep(r), ReferralNFA="1")),
    ),
    F(
        "8775Q",
        "25th birthday the day before census end",
        lambda r: put(a(r), PersonBirthDate="2001-03-30"),
    ),
    P("8775Q", "25th birthday on census end", lambda r: put(a(r), PersonBirthDate="2001-03-31")),
    F("8790", "NONE with MOB", lambda r: put(c(r), Disabilities=["NONE", "MOB"])),
    F("8794", "MOB twice", lambda r: put(c(r), Disabilities=["MOB", "MOB"])),
    F("8805", "closure date without reason", lambda r: put(cep(r), ReasonForClosure=None)),
    F("8810", "reason without closure date", lambda r: put(cep(r), CINclosureDate=None)),
    F(
        "8815",
        "two open acted-on episodes",
        lambda r: put(nfa(r), CINclosureDate=None, ReasonForClosure=None, ReferralNFA="false"),
    ),
    P(
        "8815",
        "an open NFA beside an open episode",
        lambda r: put(nfa(r), CINclosureDate=None, ReasonForClosure=None),
    ),
    F(
        "8816",
        "open episode older than a closed one",
        lambda r: a(r)["CINdetails"].append(
            {
                "CINreferralDate": "2026-03-01",
                "ReferralSource": "1A",
                "PrimaryNeedCode": "N1",
                "CINclosureDate": "2026-03-02",
                "ReasonForClosure": "RC7",
                "ReferralNFA": "false",
            }
        ),
    ),
    F(
        "8820",
        "first episode closes after the second starts",
        lambda r: put(nfa(r), CINclosureDate="2025-05-02"),
    ),
    P(
        "8820",
        "second starts the day the first closes",
        lambda r: put(nfa(r), CINclosureDate="2025-05-01"),
    ),
    F("8825Q", "RC8 without an assessment", lambda r: put(nfa(r), ReasonForClosure="RC8")),
    F(
        "8831",
        "assessment on an NFA referral",
        lambda r: put(nfa(r), Assessments=[{"AssessmentActualStartDate": "2025-04-10"}]),
    ),
    F(
        "8831",
        "conference on an NFA referral",
        lambda r: put(nfa(r), DateOfInitialCPC="2025-04-10"),
    ),
    F("8832", "CP plan on an NFA referral", lambda r: put(ep(r), ReferralNFA="true")),
    F(
        "8839",
        "two S47s awaiting conference",
        lambda r: (
            put(s47(r), DateOfInitialCPC=None),
            ep(r)["Section47"].append(
                {"S47ActualStartDate": "2025-06-01", "ICPCnotRequired": "false"}
            ),
        ),
    ),
    P(
        "8839",
        "one awaiting, one not required",
        lambda r: (
            put(s47(r), DateOfInitialCPC=None),
            ep(r)["Section47"].append(
                {"S47ActualStartDate": "2025-06-01", "ICPCnotRequired": "true"}
            ),
        ),
    ),
    F("8840", "CP plan ends the day it starts", lambda r: put(cpp(r), CPPendDate="2025-05-22")),
    F("8841", "review on the plan's start day", lambda r: put(cpp(r), Reviews=["2025-05-22"])),
    P("8841", "review the day after", lambda r: put(cpp(r), Reviews=["2025-05-23"])),
    F("8842Q", "reviews group with no date", lambda r: put(cpp(r), Reviews=[])),
    F(
        "8863Q",
        "assessment starts during another",
        lambda r: _second_assessment(r, AssessmentAuthorisationDate="2025-07-01"),
    ),
    P(
        "8863Q",
        "assessment starts the day another ends",
        lambda r: ep(r)["Assessments"].append(
            {"AssessmentActualStartDate": "2025-06-10", "AssessmentAuthorisationDate": "2025-07-01"}
        ),
    ),
    F("8866", "source 11", lambda r: put(cep(r), ReferralSource="11")),
    F("8866", "source missing", lambda r: put(cep(r), ReferralSource=None)),
    P("8866", "source 5D", lambda r: put(cep(r), ReferralSource="5D")),
    F("8867", "closed, assessment open", lambda r: put(casmt(r), AssessmentAuthorisationDate=None)),
    F(
        "8868",
        "closed, S47 awaiting conference",
        lambda r: (
            put(ep(r), CINclosureDate="2026-03-01", ReasonForClosure="RC7"),
            put(s47(r), DateOfInitialCPC=None),
        ),
    ),
    P(
        "8868",
        "closed, conference not required",
        lambda r: (
            put(ep(r), CINclosureDate="2026-03-01", ReasonForClosure="RC7"),
            put(s47(r), DateOfInitialCPC=None, ICPCnotRequired="true"),
        ),
    ),
    F("8869", "21 with 16A", lambda r: put(casmt(r), AssessmentFactors=["21", "16A"])),
    F("8870Q", "target on a Saturday", lambda r: put(s47(r), InitialCPCtarget="2025-05-24")),
    F("8870Q", "target on a Sunday", lambda r: put(s47(r), InitialCPCtarget="2025-05-25")),
    P("8870Q", "target on a Friday", lambda r: put(s47(r), InitialCPCtarget="2025-05-23")),
    F("8873Q", "only 21, closed RC7", lambda r: put(bep(r), ReasonForClosure="RC7")),
    P("8873Q", "only 21, closed RC9", lambda r: put(bep(r), ReasonForClosure="RC9")),
    P(
        "8873Q",
        "only 21 but two assessments",
        lambda r: (
            put(bep(r), ReasonForClosure="RC7"),
            bep(r)["Assessments"].append(
                {
                    "AssessmentActualStartDate": "2026-02-10",
                    "AssessmentAuthorisationDate": "2026-02-10",
                    "AssessmentFactors": ["3B"],
                }
            ),
        ),
    ),
    F("8875", "conference on a Saturday", lambda r: put(s47(r), DateOfInitialCPC="2025-05-24")),
    F(
        "8875",
        "episode conference on a Sunday",
        lambda r: put(cep(r), DateOfInitialCPC="2025-11-09"),
    ),
    P(
        "8875",
        "conference on a bank-holiday Monday",
        lambda r: put(s47(r), DateOfInitialCPC="2025-05-26"),
    ),
    F(
        "8890",
        "S47 starts during another",
        lambda r: ep(r)["Section47"].append(
            {"S47ActualStartDate": "2025-05-10", "ICPCnotRequired": "true"}
        ),
    ),
    P(
        "8890",
        "S47 starts on the other's conference day",
        lambda r: ep(r)["Section47"].append(
            {"S47ActualStartDate": "2025-05-22", "ICPCnotRequired": "true"}
        ),
    ),
    F(
        "8896",
        "two open assessments in one episode",
        lambda r: (
            put(asmt(r), AssessmentAuthorisationDate=None, AssessmentFactors=None),
            _second_assessment(r),
        ),
    ),
    P("8896", "one open, one complete", lambda r: _second_assessment(r)),
    F(
        "8897Q",
        "completed assessment without factors",
        lambda r: put(casmt(r), AssessmentFactors=None),
    ),
    P(
        "8897Q",
        "open assessment without factors",
        lambda r: put(casmt(r), AssessmentFactors=None, AssessmentAuthorisationDate=None),
    ),
    F("8898", "3B twice", lambda r: put(asmt(r), AssessmentFactors=["3B", "3B"])),
    F("8905", "initial category XYZ", lambda r: put(cpp(r), InitialCategoryOfAbuse="XYZ")),
    F("8905", "initial category missing", lambda r: put(cpp(r), InitialCategoryOfAbuse=None)),
    P("8905", "initial category MUL", lambda r: put(cpp(r), InitialCategoryOfAbuse="MUL")),
    F("8910", "latest category XYZ", lambda r: put(cpp(r), LatestCategoryOfAbuse="XYZ")),
    F("8910", "latest category missing", lambda r: put(cpp(r), LatestCategoryOfAbuse=None)),
    F("8915", "CP plan starts after death", lambda r: put(a(r), PersonDeathDate="2025-05-21")),
    P(
        "8915",
        "CP plan starts on the day of death",
        lambda r: put(a(r), PersonDeathDate="2025-05-22"),
    ),
    F("8920", "CP plan ends after death", lambda r: put(a(r), PersonDeathDate="2025-08-31")),
    P(
        "8920",
        "CP plan ends on the day of death",
        lambda r: put(a(r), PersonDeathDate="2025-09-01"),
    ),
    F("8925", "CP plan ends before it starts", lambda r: put(cpp(r), CPPendDate="2025-05-21")),
    P("8925", "CP plan ends the day after", lambda r: put(cpp(r), CPPendDate="2025-05-23")),
    F("8930", "CP plan ends after census", lambda r: put(cpp(r), CPPendDate="2026-04-01")),
    P("8930", "CP plan ends on census end", lambda r: put(cpp(r), CPPendDate="2026-03-31")),
    F(
        "8935",
        "two open CP plans",
        lambda r: (
            put(cpp(r), CPPendDate=None),
            ep(r)["ChildProtectionPlans"].append({**cpp(r), "CPPstartDate": "2025-10-01"}),
        ),
    ),
    F(
        "8940",
        "CP plan inside another",
        lambda r: ep(r)["ChildProtectionPlans"].append(
            {**cpp(r), "CPPstartDate": "2025-08-01", "CPPendDate": "2025-08-20"}
        ),
    ),
    P(
        "8940",
        "CP plan starts as the other ends",
        lambda r: ep(r)["ChildProtectionPlans"].append(
            {**cpp(r), "CPPstartDate": "2025-09-01", "CPPendDate": "2025-10-20"}
        ),
    ),
    F("8945Q", "factor 18A", lambda r: put(casmt(r), AssessmentFactors=["18A"])),
    P("8945Q", "factor 18B", lambda r: put(casmt(r), AssessmentFactors=["18B"])),
    F("8950Q", "factor 19A", lambda r: put(casmt(r), AssessmentFactors=["19A"])),
    P("8950Q", "factor 19C", lambda r: put(casmt(r), AssessmentFactors=["19C"])),
    F(
        "2883",
        "two CP plans, one conference",
        lambda r: ep(r)["ChildProtectionPlans"].append(
            {**cpp(r), "CPPstartDate": "2025-10-01", "CPPendDate": "2025-12-01"}
        ),
    ),
    F(
        "2884",
        "same conference at both levels",
        lambda r: put(ep(r), DateOfInitialCPC="2025-05-22"),
    ),
    P(
        "2884",
        "episode-level conference only",
        lambda r: put(cep(r), DateOfInitialCPC="2025-11-20"),
    ),
    F(
        "2885",
        "CP plan starts the day after the conference",
        lambda r: put(cpp(r), CPPstartDate="2025-05-23"),
    ),
]


def census(alter=None) -> bytes:
    r = {"children": example_children(), "reference": date(2026, 3, 31)}
    if alter is not None:
        alter(r)
    return census_xml(r["children"], reference_date=r["reference"]).encode()


def flags_for(code: str, document: bytes):
    tables = read_census(BytesIO(document), collection_year="2025-26")
    return RULES.rules[code].check(tables)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_meaning(case):
    flags = flags_for(case.code, census(case.alter))
    assert (flags.height > 0) is case.fires, flags


def test_clean_census_breaks_no_rule():
    tables = read_census(BytesIO(census()))
    validation = RULES.run(tables)
    assert validation.issues.height == 0, validation.issues
    assert validation.rules_run == 109


def test_every_rule_has_a_case_that_fires():
    fired = {case.code for case in CASES if case.fires}
    assert sorted(set(RULES.rules) - fired) == []


def test_flag_names_the_child_table_row_and_value():
    flags = flags_for(
        "1103", census(lambda r: put(asmt(r), AssessmentActualStartDate="2025-04-30"))
    )
    assert flags.rows(named=True) == [
        {
            "child_id": "A1",
            "table": "assessments",
            "row": 0,
            "field": "AssessmentActualStartDate",
            "value": "2025-04-30",
        }
    ]


def test_second_module_of_a_kind_is_row_one():
    document = census(
        lambda r: ep(r)["ChildProtectionPlans"].append(
            {**cpp(r), "CPPstartDate": "2025-08-01", "CPPendDate": "2025-08-20"}
        )
    )
    flags = flags_for("8940", document)
    assert flags.select("child_id", "table", "row").rows() == [("A1", "cp_plans", 1)]


# --- Mutation test -------------------------------------------------------------------------
# The clean census is valid against the DfE's 2024 XSD. Each rule gets one injected fault (its
# first firing case above, or a fault below written to touch nothing else), the whole ruleset
# runs, and exactly the expected rules must fire.


def _cpp_for_c(r):
    cep(r)["ChildProtectionPlans"] = [
        {
            "CPPstartDate": "2025-11-20",
            "CPPendDate": "2025-12-15",
            "InitialCategoryOfAbuse": "EMO",
            "LatestCategoryOfAbuse": "EMO",
            "NumberOfPreviousCPP": "1",
        }
    ]


def _second_plan_with_conference(r, start, end, s47_start):
    ep(r)["Section47"].append(
        {
            "S47ActualStartDate": s47_start,
            "InitialCPCtarget": start,
            "DateOfInitialCPC": start,
            "ICPCnotRequired": "false",
        }
    )
    second = {**cpp(r), "CPPstartDate": start, "Reviews": []}
    put(second, CPPendDate=end, Reviews=None)
    ep(r)["ChildProtectionPlans"].append(second)


def _open_c_episode(r, referral):
    put(cep(r), CINreferralDate=referral, CINclosureDate=None, ReasonForClosure=None)


ISOLATED = {
    "1104": lambda r: put(cep(r), DateOfInitialCPC="2025-10-31"),
    "2883": _cpp_for_c,
    "2888Q": lambda r: (
        put(a(r), Disabilities=["MOB"]),
        _copies_of_c(r, 7),
        [
            put(child, Disabilities=[code])
            for child, code in zip(
                r["children"][3:], ["HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS"], strict=True
            )
        ],
    ),
    "4000": lambda r: (
        put(nfa(r), CINclosureDate="2025-04-20"),
        nfa(r).update(
            CINPlanDates=[{"CINPlanStartDate": "2025-04-10", "CINPlanEndDate": "2025-04-20"}]
        ),
    ),
    "4008": lambda r: (put(cplan(r), CINPlanEndDate=None), put(c(r), PersonDeathDate="2025-12-14")),
    "4013": lambda r: put(plan(r), CINPlanEndDate="2026-04-01"),
    "4016": lambda r: put(plan(r), CINPlanStartDate="2025-08-20"),
    "8525Q": lambda r: put(a(r), ExpectedPersonBirthDate="2026-05-01"),
    "8540": lambda r: put(c(r), Disabilities=["XYZ"]),
    "8555Q": lambda r: put(b(r), PersonDeathDate="2026-01-11"),
    "8614": lambda r: ep(r)["Assessments"].append(
        {"AssessmentActualStartDate": "2026-03-20", "AssessmentFactors": ["3B"]}
    ),
    "8630": lambda r: put(nfa(r), CINclosureDate="2025-04-09"),
    "8670Q": lambda r: put(
        asmt(r),
        AssessmentActualStartDate="2026-01-26",
        AssessmentAuthorisationDate=None,
        AssessmentFactors=None,
    ),
    "8675Q": lambda r: ep(r)["Section47"].append(
        {"S47ActualStartDate": "2026-03-09", "ICPCnotRequired": "false"}
    ),
    "8696": lambda r: put(asmt(r), AssessmentAuthorisationDate="2026-04-01"),
    "8715": lambda r: put(ep(r), DateOfInitialCPC="2026-04-02"),
    "8736": lambda r: (
        _open_c_episode(r, "2025-03-30"),
        put(casmt(r), AssessmentActualStartDate="2025-03-31", AssessmentAuthorisationDate=None),
        put(casmt(r), AssessmentFactors=None),
    ),
    "8740": lambda r: (
        _open_c_episode(r, "2025-03-30"),
        cep(r).update(Section47=[{"S47ActualStartDate": "2025-03-31", "ICPCnotRequired": "0"}]),
    ),
    "8831": lambda r: nfa(r).update(
        Assessments=[
            {
                "AssessmentActualStartDate": "2025-04-10",
                "AssessmentAuthorisationDate": "2025-04-10",
                "AssessmentFactors": ["3B"],
            }
        ]
    ),
    "8839": lambda r: ep(r)["Section47"].extend(
        [
            {"S47ActualStartDate": "2026-03-20", "ICPCnotRequired": "false"},
            {"S47ActualStartDate": "2026-03-23", "ICPCnotRequired": "false"},
        ]
    ),
    "8863Q": lambda r: _second_assessment(
        r, AssessmentAuthorisationDate="2025-07-01", AssessmentFactors=["3B"]
    ),
    "8867": lambda r: cep(r)["Assessments"].append({"AssessmentActualStartDate": "2026-02-20"}),
    "8868": lambda r: (
        put(cep(r), CINclosureDate="2026-03-27"),
        cep(r).update(Section47=[{"S47ActualStartDate": "2026-03-20", "ICPCnotRequired": "false"}]),
    ),
    "8875": lambda r: put(cep(r), DateOfInitialCPC="2025-11-09"),
    "8896": lambda r: ep(r)["Assessments"].extend(
        [{"AssessmentActualStartDate": "2026-03-20"}, {"AssessmentActualStartDate": "2026-03-23"}]
    ),
    "8920": lambda r: (put(a(r), PersonDeathDate="2025-08-31"), ep(r).pop("CINPlanDates")),
    "8930": lambda r: (put(cpp(r), CPPendDate="2026-04-01"), ep(r).pop("CINPlanDates")),
    "8935": lambda r: (
        put(cpp(r), CPPendDate=None),
        ep(r).pop("CINPlanDates"),
        _second_plan_with_conference(r, "2025-10-01", None, "2025-09-22"),
    ),
    "8940": lambda r: _second_plan_with_conference(r, "2025-08-01", "2025-08-20", "2025-07-21"),
}

# Rules whose fault cannot be injected without another rule rightly firing too.
ALSO_FIRES = {
    # A CP plan starts at its conference; one before the referral no longer matches it.
    "1105": ("2885",),
    # Two open CIN plans overlap; two open enquiries, assessments or CP plans likewise.
    "4004": ("4014",),
    "8839": ("8890",),
    "8896": ("8863Q",),
    "8935": ("8940",),
    # A death before a birth before the census, or before the census at all, precedes the
    # child's referral and plans, which all fall in the census year.
    "8535Q": ("4008", "4009Q", "8545Q", "8555Q"),
    "8545Q": ("4008", "4009Q", "8555Q"),
    # A plan starting after the child died also ends after; so does one that merely continues.
    "8915": ("4008", "8920"),
    # An assessment or enquiry still open from before the census start is more than 45 (or 15)
    # working days old at its end.
    "8736": ("8670Q",),
    "8740": ("8675Q",),
    # Two open acted-on episodes overlap and one is not the latest; an open episode that is not
    # the latest overlaps the later one.
    "8815": ("8816", "8820"),
    "8816": ("8820",),
    # A CP plan on an NFA referral sits beside its CIN plan and assessment in the same episode.
    "8832": ("4000", "8831"),
}

# Faults the XSD itself refuses (a missing required element, a value outside its code list or
# pattern): the rules still judge them, but such a file is not schema-valid.
NOT_XSD_VALID = frozenset(
    {
        "1540", "1560Q", "4010", "4220", "8500", "8540", "8568", "8590", "8600", "8640",
        "8650", "8720", "8730", "8842Q", "8866", "8905", "8910", "8945Q", "8950Q",
    }
)  # fmt: skip


def _first_firing_cases():
    chosen = {}
    for case in CASES:
        if case.fires and case.code not in chosen:
            chosen[case.code] = case
    for code, alter in ISOLATED.items():
        chosen[code] = Case(code, True, "isolated fault", alter)
    return [chosen[code] for code in sorted(chosen)]


MUTATIONS = _first_firing_cases()


def _xsd():
    from lxml import etree

    return etree.XMLSchema(etree.parse("/work/shared/domain/schemas/CIN_schema_2024.xsd"))


def test_clean_census_is_valid_against_the_xsd():
    from lxml import etree

    schema = _xsd()
    assert schema.validate(etree.fromstring(census())), schema.error_log


def test_one_mutation_per_rule():
    assert sorted(case.code for case in MUTATIONS) == sorted(RULES.rules)


@pytest.mark.parametrize("case", MUTATIONS, ids=lambda case: case.code)
def test_mutation_fires_exactly_its_rule(case):
    document = census(case.alter)
    issues = RULES.run(read_census(BytesIO(document))).issues
    assert set(issues["rule"]) == {case.code, *ALSO_FIRES.get(case.code, ())}


def test_mutated_files_are_schema_valid_unless_the_xsd_refuses_the_fault():
    from lxml import etree

    schema = _xsd()
    refused = {
        case.code for case in MUTATIONS if not schema.validate(etree.fromstring(census(case.alter)))
    }
    assert refused == NOT_XSD_VALID
