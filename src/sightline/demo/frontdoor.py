"""Writing the front door: contacts, their decisions, agency checks and referrals.

A contact about a sibling group is one contact row per child with the same time, source and
decision, as a front door records it. Agency checks go to police, health and school for each
child, and to police and GP for each adult in the household; most are answered in time
(often "nothing held"), some late. A few go unanswered: they are chased, then answered or closed
by a manager with a reason. Only in the declining service area (`decline`) are a few left open,
forgotten, which is what oversight must catch.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sightline.casework.models import AgencyCheck, AgencyCheckChase, Contact, Referral
from sightline.demo import rates
from sightline.demo.context import age_on, collection_year
from sightline.demo.plans import ChildCasePlan, ContactPlan
from sightline.demo.records import ChildRecord
from sightline.demo.texts import source_for_age

_OUTCOME_NOTES = {
    "REFERRAL": "Threshold for social care met: referred for a child and family assessment.",
    "STRATEGY": "Reasonable cause to suspect significant harm: strategy discussion convened.",
}
_ADULT_EXTRA_CHECKS = (("PROBATION", 0.10), ("MENTAL_HEALTH", 0.15), ("ADULT_SOCIAL_CARE", 0.05))
_NAMED_ROLES = ("MOTHER", "FATHER", "PARTNER")
# How a manager ends a check the agency never answered: (closure, reason, weight).
_CHECK_CLOSURES = (
    (("WITHDRAWN", "Information obtained at the strategy discussion instead."), 35),
    (("WITHDRAWN", "Contact closed with no further action; check no longer needed."), 30),
    (("NOT_REQUIRED", "Person not registered with this agency; checked with the right one."), 20),
    (("NOT_REQUIRED", "Adult no longer part of the household."), 15),
)


class FrontDoorRecords:
    """Mixin of `CouncilRecords`: contacts, agency checks and referrals."""

    def write_contact(self, child: ChildRecord, contact: ContactPlan) -> tuple[int | None, bool]:
        """Write ``contact`` about ``child``; return (contact id, decided by the as-at date)."""
        if contact.received > self.as_at_end:
            return None, False
        if not contact.concern:
            self._settle(contact, child)
        decided = contact.decided <= self.as_at_end
        if decided:
            decision, decided_at, decided_by = (
                contact.decision,
                self.utc(contact.decided),
                contact.decided_by,
            )
            notes = _OUTCOME_NOTES.get(decision) or self.text.advice()
        else:
            decision, decided_at, decided_by, notes = "", None, None, ""
        name, agency = contact.referrer
        if contact.source == "1C":
            name = f"{child.first_name} {child.family.surname} (self)"
        contact_id = self.next_id(Contact)
        self.add(Contact, (
            contact_id, child.id, self.utc(contact.received), contact.source, name, agency,
            self.text.concern(contact.concern, child.first_name), contact.harm, decision,
            decided_at, decided_by, notes,
        ))  # fmt: skip
        if contact.names_adults:
            through = Contact.people_named.through
            for adult, role in child.family.adults:
                if role in _NAMED_ROLES:
                    self.add(through, (self.next_id(through), contact_id, adult))
        if contact.checks:
            self._agency_checks(child, contact, contact_id)
        return contact_id, decided

    def _settle(self, contact: ContactPlan, child: ChildRecord) -> None:
        """Draw what the plan left open (source, concern, referrer, decider) once per contact."""
        chance, directory = self.chance, self.directory
        day = contact.received.date()
        dob = child.plan.dob
        age = age_on(dob, day) if dob <= day else -1
        if not contact.source:
            source = source_for_age(chance.pick(rates.REFERRAL_SOURCES), age)
            # "Early help" became a referral source in the 2023-24 collection.
            contact.source = "5B" if source == "5D" and collection_year(day) < 2024 else source
        contact.concern = "9A" if child.plan.uasc else chance.pick(rates.ASSESSMENT_FACTORS)
        source = contact.source
        if source in ("9", "10"):
            name = ""
        else:
            _, group = directory.ethnicity()
            first = directory.first_name(group, "F" if self.rng.random() < 0.6 else "M")
            name = f"{first} {directory.surname(group)}"
            if source == "6":
                name = f"PC {name}"
        town = self.rng.choice(("Ashworth", "Kingsmoor", "Oakbridge", "Thornley", "Millbrook"))
        contact.referrer = (name, self.text.referrer_agency(source, town, age))
        decided_day = contact.decided.date()
        if decided_day >= self.workforce.begin:
            team = self.workforce.team_for("FRONT_DOOR", child.family.area)
            member = self.workforce.practitioner_on(team, decided_day) or self.workforce.manager_on(
                team, decided_day
            )
            contact.decided_by = member.id

    def _agency_checks(self, child: ChildRecord, contact: ContactPlan, contact_id: int) -> None:
        rng = self.rng
        received = contact.received
        clock = self.wd.clock_start(received)
        if clock == received.date():
            requested = received + timedelta(minutes=rng.randint(10, 90))
        else:
            requested = self.moment(clock, 9, 11)
        urgent = contact.harm
        subjects = [(child.id, agency) for agency in self._child_agencies(child, clock)]
        if not contact.adults_checked:
            contact.adults_checked = True
            for adult, _ in child.family.adults:
                subjects += [(adult, "POLICE"), (adult, "GP")]
                subjects += [
                    (adult, agency) for agency, share in _ADULT_EXTRA_CHECKS if rng.random() < share
                ]
        due = self.wd.add(requested.date(), 1 if urgent else 3)
        area = child.family.area
        stuck_share = self.ctx.decline.share(area, clock, 0.0, rates.DECLINING_CHECK_STUCK)
        for subject, agency in subjects:
            check = self.next_id(AgencyCheck)
            roll = self.rng.random()
            responded = closed = None
            if roll < stuck_share:
                # Left unanswered and never closed: the declining service's forgotten checks.
                self._chase(check, requested, due, area, escalate=False)
            elif roll < stuck_share + rates.AGENCY_CHECK_UNANSWERED:
                responded, closed = self._chased_to_an_end(check, requested, due, area)
            else:
                responded = self._response_time(requested, due, urgent)
            nothing_held = responded is not None and rng.random() < rates.AGENCY_CHECK_NOTHING_HELD
            if responded is None:
                response = ""
            else:
                response = "Nothing held." if nothing_held else self.text.finding(agency)
            closure = ("", "", None) if closed is None else closed[1:]
            self.add(AgencyCheck, (
                check, child.id, contact_id, subject, agency, urgent, self.utc(requested), due,
                self.utc(responded) if responded else None, nothing_held, response,
                self.utc(closed[0]) if closed else None, *closure,
            ))  # fmt: skip

    def _chase(self, check: int, requested: datetime, due, area: float, *, escalate: bool):
        """Chase an unanswered check a working day or two after it was due; return when."""
        rng, wd = self.rng, self.wd
        day = wd.add(due, rng.randint(1, 3))
        chased = self.moment(day, 9, 17)
        if chased > self.as_at_end:
            return None
        team = self.workforce.team_for("FRONT_DOOR", area)
        chaser = self.workforce.practitioner_on(team, day)
        self.add(AgencyCheckChase, (
            self.next_id(AgencyCheckChase), check, self.utc(chased),
            chaser.id if chaser else None, False, "Reminder sent to the agency's duty inbox.",
        ))  # fmt: skip
        if escalate:
            later = self.moment(wd.add(day, rng.randint(3, 6)), 9, 17)
            if later <= self.as_at_end:
                manager = self.workforce.manager_on(team, later.date())
                self.add(AgencyCheckChase, (
                    self.next_id(AgencyCheckChase), check, self.utc(later), manager.id, True,
                    "Escalated to the agency's safeguarding lead.",
                ))  # fmt: skip
                chased = later
        return chased

    def _chased_to_an_end(self, check: int, requested: datetime, due, area: float):
        """An unanswered check, chased, then answered late or closed by a manager with a reason.

        Return (responded, closed) where closed is (when, closure, reason, by) or None; either
        may be None if it comes after the as-at date.
        """
        rng, wd = self.rng, self.wd
        chased = self._chase(check, requested, due, area, escalate=rng.random() < 0.4)
        if chased is None:
            return None, None
        later = self.moment(wd.add(chased.date(), rng.randint(1, 15)), 9, 17)
        if later > self.as_at_end:
            return None, None
        if rng.random() < 0.55:
            return later, None
        closure, reason = self.chance.pick(_CHECK_CLOSURES)
        team = self.workforce.team_for("FRONT_DOOR", area)
        manager = self.workforce.manager_on(team, later.date())
        return None, (later, closure, reason, manager.id)

    def _child_agencies(self, child: ChildRecord, day) -> list[str]:
        dob = child.plan.dob
        if dob > day:
            return ["HEALTH"]
        agencies = ["POLICE", "HEALTH" if self.rng.random() < 0.6 else "GP"]
        if age_on(dob, day) >= 4:
            agencies.append("EDUCATION")
        return agencies

    def _response_time(self, requested: datetime, due, urgent: bool) -> datetime | None:
        rng = self.rng
        if rng.random() < rates.AGENCY_CHECK_LATE:
            day = self.wd.add(due, rng.randint(1, 5))
        else:
            day = self.wd.add(requested.date(), rng.randint(0, 1 if urgent else 3))
        answered = self.moment(day, 9, 17)
        if answered <= requested:
            answered = requested + timedelta(minutes=rng.randint(30, 240))
        return answered if answered <= self.as_at_end else None

    def write_prior_contacts(self, child: ChildRecord, case: ChildCasePlan, earliest) -> None:
        """Contacts that came before a referral and did not lead to one (not planned ahead)."""
        rng = self.rng
        if rng.random() >= rates.PRIOR_CONTACTS_BEFORE_REFERRAL:
            return
        for _ in range(1 if rng.random() < 0.7 else 2):
            day = case.referral_date - timedelta(days=rng.randint(14, 300))
            if day <= earliest:
                continue
            contact = self.contacts.advice_contact(day, area=child.family.area)
            if contact.decided.date() < case.referral_date:
                self.write_contact(child, contact)

    def write_referral(self, child: ChildRecord, case: ChildCasePlan, contact_id: int) -> int:
        """Write the CIN episode; it stays open when it closes after the as-at date."""
        referral = self.next_id(Referral)
        closed = case.closure <= self.as_at
        self.add(Referral, (
            referral, child.id, contact_id, case.referral_date, case.contact.source, case.need,
            case.decided_on, case.nfa, case.closure if closed else None,
            case.closure_reason if closed else "", self._harm_flagged_at(case),
        ))  # fmt: skip
        return referral

    def _harm_flagged_at(self, case: ChildCasePlan) -> datetime | None:
        """When significant harm came to be suspected during the assessment, if it did.

        Such a case's strategy discussion is held the day its assessment ends; the concern is
        flagged on the referral that morning. A contact flagged at the front door needs no
        referral flag. No random draw, so the rest of the seed is unchanged.
        """
        if case.contact.harm or case.strategy is None:
            return None
        if not any(outcome == "STRATEGY" for *_, outcome, _ in case.assessments):
            return None
        held = case.strategy[0]
        return self.utc(datetime.combine(held, time(9, 30))) if held <= self.as_at else None
