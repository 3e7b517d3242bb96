"""Help and protection clocks (Working Together to Safeguard Children 2023, chapter 3)."""

from __future__ import annotations

from sightline.standards.timescales.catalogue.sources import LOCAL, PLO, WT, months, wd, weeks
from sightline.standards.timescales.rules import Kind, TimescaleRule

__all__ = ["HELP_AND_PROTECTION"]

HELP_AND_PROTECTION: tuple[TimescaleRule, ...] = (
    TimescaleRule(
        id="T-CONTACT-DECISION",
        title="Decide what happens to a contact",
        source=f"{WT}: a decision on next steps within one working day",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every contact received about a child",
        clock_start=(
            "Contact received; at or after the end of the working day (17:00 by default) or on "
            "a non-working day, the next working day"
        ),
        deadline=wd(1),
        met_by="A decision recorded on the contact",
        recurs=False,
        record_type="contacts",
    ),
    TimescaleRule(
        id="T-REFERRAL-DECISION",
        title="Decide on a referral",
        source=f"{WT}: a decision on the type of response within one working day",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every referral accepted by children's social care",
        clock_start="Referral date",
        deadline=wd(1),
        met_by="Referral decision recorded (no further action, assessment or strategy)",
        recurs=False,
        record_type="referrals",
    ),
    TimescaleRule(
        id="T-STRATEGY",
        title="Hold a strategy discussion",
        source=(
            f"{LOCAL} ({WT} requires a strategy discussion whenever there is reasonable cause "
            "to suspect significant harm, but sets no timescale)"
        ),
        kind=Kind.LOCAL,
        applies_to=(
            "Contacts, and referrals not arising from a flagged contact, flagged 'reasonable "
            "cause to suspect significant harm'"
        ),
        clock_start=(
            "Contact received, or referral flagged (with the same end-of-day rule as "
            "T-CONTACT-DECISION)"
        ),
        deadline=wd(1),
        met_by=(
            "A strategy discussion held for the child, or a manager's recorded decision that "
            "one was considered and not held, with the reason"
        ),
        recurs=False,
        record_type="contacts",
    ),
    TimescaleRule(
        id="T-STRATEGY-ESCALATION",
        title="Hold a strategy discussion on new information about an open case",
        source=(
            f"{LOCAL} ({WT}: a strategy discussion whenever there is reasonable cause to suspect "
            "significant harm, including on a case already open; no timescale is set)"
        ),
        kind=Kind.LOCAL,
        applies_to=(
            "Open cases where new information gives reasonable cause to suspect significant harm"
        ),
        clock_start=(
            "Concern recorded on the open case (with the same end-of-day rule as "
            "T-CONTACT-DECISION)"
        ),
        deadline=wd(1),
        met_by=(
            "A strategy discussion held for the child, or a manager's recorded decision that "
            "one was considered and not held, with the reason (as T-STRATEGY)"
        ),
        recurs=False,
        record_type="harm_concerns",
    ),
    TimescaleRule(
        id="T-ASSESSMENT",
        title="Complete the child and family assessment",
        source=f"{WT}: no longer than 45 working days from the point of referral",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every child and family assessment; reasons must be recorded when exceeded",
        clock_start=(
            "The referral's date for the referral's first assessment; a later assessment in the "
            "same episode from its own start"
        ),
        deadline=wd(45),
        met_by="Assessment authorised (completed)",
        recurs=False,
        record_type="assessments",
    ),
    TimescaleRule(
        id="T-ASSESSMENT-SEEN",
        title="See the child during the assessment",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Every child and family assessment",
        clock_start="Assessment start date",
        deadline=wd(5),
        met_by="Child seen: the assessment's 'child seen' date or a visit with the child seen",
        recurs=False,
        record_type="assessments",
    ),
    TimescaleRule(
        id="T-ICPC",
        title="Hold the initial child protection conference",
        source=(
            f"{WT}: within 15 working days of the strategy discussion at which the section 47 "
            "enquiry was started"
        ),
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Section 47 enquiries, unless the enquiry found that no conference is needed",
        clock_start="Strategy discussion that started the section 47 enquiry",
        deadline=wd(15),
        met_by="Initial child protection conference held",
        recurs=False,
        record_type="section47_enquiries",
    ),
    TimescaleRule(
        id="T-CORE-GROUP-1",
        title="Hold the first core group",
        source=f"{WT}: first core group within 10 working days of the initial conference",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every child protection plan",
        clock_start="Initial child protection conference (the plan's start date)",
        deadline=wd(10),
        met_by="First core group meeting",
        recurs=False,
        record_type="cp_plans",
    ),
    TimescaleRule(
        id="T-CORE-GROUP",
        title="Hold the next core group",
        source=f"{LOCAL} ({WT} requires regular core groups; the interval is local)",
        kind=Kind.LOCAL,
        applies_to="Children on a child protection plan, until the plan ends",
        clock_start="Previous core group",
        deadline=weeks(6),
        met_by="Next core group meeting",
        recurs=True,
        record_type="cp_plans",
    ),
    TimescaleRule(
        id="T-RCPC-1",
        title="Hold the first review conference",
        source=f"{WT}: first review conference within three months of the initial conference",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Every child protection plan",
        clock_start="Initial child protection conference (the plan's start date)",
        deadline=months(3),
        met_by="First review conference",
        recurs=False,
        record_type="cp_plans",
    ),
    TimescaleRule(
        id="T-RCPC",
        title="Hold the next review conference",
        source=f"{WT}: further reviews at intervals of not more than six months",
        kind=Kind.STATUTORY_GUIDANCE,
        applies_to="Children on a child protection plan, until the plan ends",
        clock_start="Previous review conference",
        deadline=months(6),
        met_by="Next review conference",
        recurs=True,
        record_type="cp_plans",
    ),
    TimescaleRule(
        id="T-CP-VISIT",
        title="Visit the child on a child protection plan",
        source=f"{LOCAL} ({WT} requires the child to be seen regularly; frequency is local)",
        kind=Kind.LOCAL,
        applies_to="Children on a child protection plan, until the plan ends",
        clock_start="Plan start, then each visit",
        deadline=wd(10),
        met_by="A social work visit with the child seen (seen alone is recorded separately)",
        recurs=True,
        record_type="cp_plans",
    ),
    TimescaleRule(
        id="T-CIN-VISIT",
        title="Visit the child on a child in need plan",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Children on a child in need plan, until the plan ends",
        clock_start="Plan start, then each visit",
        deadline=wd(20),
        met_by="A social work visit with the child seen",
        recurs=True,
        record_type="cin_plans",
    ),
    TimescaleRule(
        id="T-CIN-PLAN-REVIEW",
        title="Review the child in need plan",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Children on a child in need plan, until the plan ends",
        clock_start="Plan start, then each review",
        deadline=months(3),
        met_by="Child in need plan review",
        recurs=True,
        record_type="cin_plans",
    ),
    TimescaleRule(
        id="T-AGENCY-CHECK",
        title="Get a partner agency's response to a check",
        source=LOCAL,
        kind=Kind.LOCAL,
        applies_to="Every agency check requested; urgent checks have the shorter deadline",
        clock_start="Check requested (with the same end-of-day rule as T-CONTACT-DECISION)",
        deadline=wd(3),
        variants=(("urgent", wd(1)),),
        met_by=(
            "Response recorded, including 'nothing held'; a check withdrawn or marked not "
            "required (with a reason, by whom and when) ends instead"
        ),
        recurs=False,
        record_type="agency_checks",
    ),
    TimescaleRule(
        id="T-PRE-PROCEEDINGS-REVIEW",
        title="Review pre-proceedings and decide whether to issue",
        source=f"{LOCAL} ({PLO}: review meeting at 6 weeks, a decision by 16 weeks)",
        kind=Kind.LOCAL,
        applies_to="Children in pre-proceedings under the Public Law Outline",
        clock_start="The first pre-proceedings meeting",
        deadline=weeks(6),
        variants=(("decision", weeks(16)),),
        met_by=(
            "Review meeting held; for the 'decision' clock, the decision to issue proceedings or "
            "step down"
        ),
        recurs=False,
        record_type="pre_proceedings",
    ),
)
