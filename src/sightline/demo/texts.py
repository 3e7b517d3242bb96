"""Short, plausible practice writing for the synthetic records.

Every sentence is a template filled from the record (first name, factor, date) so that a note
reads as being about that child; nothing is a real case. The child's voice is written for the
child's age, because the first thing an inspector reads is whether the child was heard.
"""

from __future__ import annotations

import random

CONCERNS = {
    "3B": "Police attended a domestic incident at the home overnight; {name} was present.",
    "3A": "{name} disclosed at school that they were hurt during an argument at home.",
    "4B": "Mother's mental health has deteriorated; concern about her ability to care for {name}.",
    "4A": "{name} is self-isolating and has spoken about not wanting to be here.",
    "17A": "Reports of {name} being shouted at and belittled by adults in the home.",
    "16A": "{name} has arrived at school hungry and in unwashed clothes on several days.",
    "2B": "Concerns that a parent is using drugs while caring for {name}.",
    "1B": "A parent was found intoxicated while {name} was in their sole care.",
    "18C": "{name} has an unexplained bruise to the upper arm.",
    "19C": "{name} made a disclosure of sexual harm by an adult known to the family.",
    "5B": "A parent's learning disability may be affecting care of {name}; support needed.",
    "6B": "A parent's illness means {name} is caring for younger siblings.",
    "15A": "{name} attended A&E after self-harm.",
    "10A": "{name} has been reported missing twice in the last month.",
    "11A": "Concerns that {name} is being exploited by older adults met online.",
    "24A": "{name} has been found carrying cash and a second phone; exploitation suspected.",
    "13A": "{name} is associating with a group linked to serious violence.",
    "7A": "{name} appears to be the main carer for a parent.",
    "14A": "{name}'s behaviour at school has escalated; exclusion being considered.",
    "20": "Family in crisis after losing their tenancy; {name} sleeping on a relative's sofa.",
    "9A": "{name} arrived in the borough unaccompanied and is seeking asylum.",
}
_ADVICE = (
    "Information passed to school; no role for children's social care at present.",
    "Advice given to the referrer; family signposted to the family hub.",
    "Threshold for social care not met; early help assessment offered.",
    "Consent-based early help offer accepted by parent.",
    "No further action: concern already addressed by the school.",
)
_VOICE_YOUNG = (
    "Too young to share views in words; observed to go readily to {carer} for comfort.",
    "Babbling and smiling during the visit; settled in {carer}'s arms.",
    "Played with the blocks throughout and showed the worker a drawing.",
)
_VOICE_CHILD = (
    '"I like it when mum picks me up from school. I don\'t like the shouting."',
    '"I want to see my dad more. I miss him."',
    '"School is good. My best friend is called {friend}."',
    '"I get scared at night when the grown-ups argue."',
    '"I like living here. {carer} makes pancakes on Saturdays."',
    'Said they were "fine" but would not talk about home; will try again with the worker alone.',
)
_VOICE_TEEN = (
    '"I just want everyone to stop asking me the same questions."',
    '"I\'m doing better at college. I want to be a mechanic."',
    '"I don\'t feel safe going back there. I want to stay where I am."',
    '"My phone is my life. Don\'t take it."',
    "Did not want to talk today; agreed to a walk and a chat next week instead.",
    '"I want more say in where I live and who I see."',
)
_CARERS = ("mum", "dad", "nan", "the foster carer", "grandad", "their aunt")
_FRIENDS = ("Amara", "Leo", "Jayden", "Ruby", "Zain", "Maisie", "Oskar", "Ava")
# What a visit note says: the child was visited, and seen or not. Calls and conversations with
# other agencies are case notes, never visits.
_VISIT_NOTES = (
    "Home visit. {name} seen in their bedroom; room clean and warm. Plan discussed with parent.",
    "Visited after school. {name} seen alone. No new concerns; actions from the plan on track.",
    "Joint visit with the family support worker; {name} seen. Routines chart agreed for mornings.",
    "Unannounced visit. {name} seen with their carer; home warm, food in the cupboards.",
    "Parent cancelled the planned visit; unannounced visit completed instead, {name} seen.",
    "Visited at home. {name} showed the worker their room and talked about school.",
)
_NOT_SEEN_NOTES = (
    "Visited; {name} not seen (on a school trip). Revisit booked for this week.",
    "Home visit: no answer at the door. Card left; revisit booked and school informed.",
    "Visited; {name} asleep after a hospital appointment, not seen. Revisit booked.",
)
_CASE_NOTES = (
    "Phone call with school: attendance 92% this half term; {name} engaging well.",
    "Spoke with the health visitor: weight gain good; next developmental check booked.",
    "Reflected on the visit with the team manager; next steps for {name} agreed.",
    "Recorded {name}'s wishes and feelings from the visit; shared with the parent.",
    "Emailed the GP for an update on the parent's treatment; reply awaited.",
    "Chronology updated after the visit; no new incidents for {name}.",
)
_HARM_CONCERNS = (
    "Police notification: domestic incident at the home last night; {name} present.",
    "School reports {name} has an unexplained injury to the face.",
    "{name} disclosed to a teacher that an adult at home hit them.",
    "Hospital reports {name} brought in late with an injury not matching the explanation.",
    "New partner found to have a history of violence towards children; living at the home.",
)
OVERSIGHT = (
    "Case discussed. Risks from {factor} remain; the plan is progressing.",
    "Reviewed chronology and recent visits; {name} is being seen regularly.",
    "Plan not yet making a difference; consider escalation to a strategy discussion.",
    "Good evidence of {name}'s voice in recent recording.",
    "Drift identified: review outstanding; worker to book a date this week.",
)
DIRECTIONS = (
    "Social worker to complete a visit, seeing {name} alone, within 10 working days.",
    "Update the chronology and genogram before the next review.",
    "Request police and health checks on the new partner.",
    "Book the review and invite the school and GP.",
    "Complete the assessment and bring it for authorisation by the end of the month.",
)
SUPERVISION = (
    "Caseload reviewed child by child; two visits overdue and rebooked.",
    "Reflective discussion about a complex family; wellbeing check completed.",
    "Training needs discussed; court skills course booked.",
    "Workload high; two cases to be reallocated within the team.",
)
AGENCY_FINDINGS = {
    "POLICE": "Two domestic incidents recorded in the last 12 months; no charges.",
    "HEALTH": "Missed two health appointments; immunisations incomplete.",
    "GP": "Registered with the practice; attends regularly; no concerns noted.",
    "EDUCATION": "Attendance 81%; arrives late most days; staff concerned about hunger.",
    "PROBATION": "Subject to a community order for an assault in 2023.",
    "MENTAL_HEALTH": "Open to the community mental health team; last seen six weeks ago.",
    "ADULT_SOCIAL_CARE": "Known for a carer's assessment; no current involvement.",
}
REFERRER_AGENCIES = {
    "6": "{county} Police",
    "2A": "{town} {school}",
    "2B": "{town} Education Welfare Service",
    "3A": "{town} Medical Practice",
    "3B": "{town} Health Visiting Team",
    "3C": "{town} School Nursing Service",
    "3D": "{town} Community Health Services",
    "3E": "{county} General Hospital Emergency Department",
    "3F": "{county} Maternity Services",
    "4": "{county} Housing Options",
    "5A": "Children's Social Care",
    "5B": "Youth Justice Service",
    "5C": "Another local authority",
    "5D": "{town} Family Hub",
    "7": "Probation Service",
    "8": "Voluntary sector",
}


class Writer:
    """Draw templated text with the seed's random source."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def concern(self, factor: str, name: str) -> str:
        return CONCERNS.get(factor, CONCERNS["20"]).format(name=name)

    def advice(self) -> str:
        return self.rng.choice(_ADVICE)

    def voice(self, age: int) -> str:
        rng = self.rng
        if age < 4:
            pool = _VOICE_YOUNG
        elif age < 12:
            pool = _VOICE_CHILD
        else:
            pool = _VOICE_TEEN
        return rng.choice(pool).format(carer=rng.choice(_CARERS), friend=rng.choice(_FRIENDS))

    def visit_note(self, name: str, seen: bool) -> str:
        return self.rng.choice(_VISIT_NOTES if seen else _NOT_SEEN_NOTES).format(name=name)

    def case_note(self, name: str) -> str:
        return self.rng.choice(_CASE_NOTES).format(name=name)

    def harm_concern(self, name: str) -> str:
        return self.rng.choice(_HARM_CONCERNS).format(name=name)

    def oversight(self, name: str, factor: str) -> tuple[str, str]:
        rng = self.rng
        return rng.choice(OVERSIGHT).format(name=name, factor=factor), rng.choice(
            DIRECTIONS
        ).format(name=name)

    def supervision(self) -> str:
        return self.rng.choice(SUPERVISION)

    def finding(self, agency: str) -> str:
        return AGENCY_FINDINGS.get(agency, "Known to the service; details shared securely.")

    def referrer_agency(self, source: str, town: str, age: int) -> str:
        """The referrer's organisation; a school is the one a child of ``age`` attends."""
        template = REFERRER_AGENCIES.get(source, "")
        school = "Primary School" if age < 11 else "Academy" if age < 16 else "College"
        return template.format(town=town, county="Demoshire", school=school)


def source_for_age(source: str, age: int) -> str:
    """A referral source that fits a child of ``age`` (-1 for an unborn baby).

    Health visitors and maternity services see babies and young children, schools see children
    of school age, and young people refer themselves or come to the youth justice service.
    """
    if source == "3B" and age >= 5:
        return "3C" if age < 16 else "3A"
    if source == "3F" and age >= 1:
        return "3A"
    if source in ("2A", "2B", "3C") and age < 4:
        return "3B"
    if source == "1C" and age < 11:
        return "1A"
    if source == "5B" and age < 10:
        return "5A"
    return source
