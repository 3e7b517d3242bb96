"""Writing the people of a family: children, parents and partners, their household and ties.

Children and adults share the person table (ADR 0005). Children get an LA child ID, an NHS number
from the 999 test range and, from school age, a UPN with the council's LA code; adults get NHS
numbers about half the time, as case records usually do.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sightline.demo.context import age_on, birthday
from sightline.demo.plans import FamilyPlan
from sightline.demo.records import ChildRecord, FamilyRecord
from sightline.people.models import (
    ChildDisability,
    Household,
    HouseholdAddress,
    HouseholdMember,
    Person,
    Relationship,
)
from sightline.standards.identifiers import generate_nhs_number, generate_upn

# What a placement is called, by the first letter of its SSDA903 placement type.
_PLACEMENT_HOMES = {
    "U": "Foster home", "A": "Adoptive family", "K": "Supported accommodation",
    "H": "Supported accommodation", "R": "Residential placement", "P": "Independent living",
    "S": "Residential school", "Z": "Placement",
}  # fmt: skip
_DISABILITIES = (
    ("AUT", 30), ("LD", 25), ("COMM", 15), ("BEH", 12), ("MOB", 5), ("HAND", 2), ("PC", 3),
    ("HEAR", 3), ("VIS", 2), ("CON", 1), ("INC", 1), ("DDA", 4),
)  # fmt: skip


class PeopleRecords:
    """Mixin of `CouncilRecords`: people, households and relationships."""

    def _init_people(self) -> None:
        self._nhs_numbers: set[str] = set()
        self._upns: set[str] = set()
        self._child_number = 0

    def _nhs_number(self) -> str:
        while True:
            number = generate_nhs_number(self.rng)
            if number not in self._nhs_numbers:
                self._nhs_numbers.add(number)
                return number

    def _upn(self) -> str:
        while True:
            upn = generate_upn(self.rng, self.ctx.la_code)
            if upn not in self._upns:
                self._upns.add(upn)
                return upn

    def write_people(self, family: FamilyPlan) -> FamilyRecord | None:
        """Write the family's people; return None when none of its children is known yet."""
        as_at = self.as_at
        children = [c for c in family.children if c.dob <= as_at or c.contacts]
        if not children:
            return None
        rng, directory = self.rng, self.directory
        ethnicity, group = directory.ethnicity(uasc=family.kind == "UASC")
        surname = directory.surname(group)
        first_known = min(self._first_record(c) for c in children)
        created = self.utc(first_known)
        record = FamilyRecord(None, surname, group, ethnicity, family.area, "")
        if family.kind not in ("UASC", "PRIVATE_FOSTERING"):
            self._household(family, record, children, first_known.date(), created)
        father_groups: dict[int, int] = {}
        for child in children:
            child_record = self._child(child, record, created)
            record.children.append(child_record)
            father_groups[child_record.id] = 0 if rng.random() < 0.75 else 1
        self._relationships(record, father_groups)
        return record

    def _first_record(self, child) -> datetime:
        moments = [contact.received for contact in child.contacts]
        moments += [case.contact.received for case in child.cases]
        if moments:
            return min(moments)
        return datetime.combine(max(child.dob, self.detail_start), time(9))

    def _household(
        self, family, record: FamilyRecord, children, first_known: date, created
    ) -> None:
        rng, directory, as_at = self.rng, self.directory, self.as_at
        household = self.next_id(Household)
        record.household_id = household
        self.add(Household, (household, f"{record.surname} family"))
        oldest = min(c.dob for c in children)
        moved_in = min(first_known, oldest, as_at) - timedelta(days=rng.randint(0, 1500))
        line_1, town, postcode = directory.address()
        moves = first_known + timedelta(days=rng.randint(30, 1500))
        if rng.random() < 0.3 and moves < as_at:
            self.add(
                HouseholdAddress,
                (
                    self.next_id(HouseholdAddress),
                    household,
                    line_1,
                    "",
                    town,
                    postcode,
                    moved_in,
                    moves,
                ),
            )
            line_1, town, postcode = directory.address()
            self.add(
                HouseholdAddress,
                (
                    self.next_id(HouseholdAddress),
                    household,
                    line_1,
                    "",
                    town,
                    postcode,
                    moves,
                    None,
                ),
            )
        else:
            self.add(
                HouseholdAddress,
                (
                    self.next_id(HouseholdAddress),
                    household,
                    line_1,
                    "",
                    town,
                    postcode,
                    moved_in,
                    None,
                ),
            )
        record.postcode = postcode
        adults = [("MOTHER", "F")]
        if family.kind != "CONTACT_ONLY":
            roll = rng.random()
            if roll < 0.4:
                adults.append(("FATHER", "M"))
            elif roll < 0.6:
                adults.append(("PARTNER", "M"))
            if rng.random() < 0.06:
                adults.append(("GRANDPARENT", "F" if rng.random() < 0.7 else "M"))
        for role, sex in adults:
            if role == "GRANDPARENT":
                dob = oldest - timedelta(days=rng.randint(38 * 365, 55 * 365))
            else:
                dob = oldest - timedelta(days=rng.randint(17 * 365, 40 * 365))
            last_name = (
                record.surname
                if role != "PARTNER" and rng.random() < 0.8
                else directory.surname(record.group)
            )
            person = self.next_id(Person)
            nhs = self._nhs_number() if rng.random() < 0.5 else ""
            self.add(Person, (
                person, None, directory.first_name(record.group, sex), last_name, "", dob, None,
                None, sex, "", record.ethnicity, nhs, "", "", "", False, None, created,
            ))  # fmt: skip
            record.adults.append((person, role))
            joined = moved_in
            left = None
            if role == "PARTNER":
                joined = max(moved_in, first_known - timedelta(days=rng.randint(0, 700)))
                if rng.random() < 0.3:
                    left_on = joined + timedelta(days=rng.randint(60, 900))
                    left = left_on if left_on < as_at else None
            self.add(
                HouseholdMember, (self.next_id(HouseholdMember), household, person, joined, left)
            )

    def _child(self, child, record: FamilyRecord, created) -> ChildRecord:
        rng, directory, as_at = self.rng, self.directory, self.as_at
        person = self.next_id(Person)
        self._child_number += 1
        la_child_id = f"{self.ctx.la_code}C{self._child_number:06d}"
        born = child.dob <= as_at
        if born:
            first_name = directory.first_name(record.group, child.sex)
            age = age_on(child.dob, as_at)
            if child.uasc:
                upn, reason = (self._upn(), "") if rng.random() < 0.5 else ("", "UN2")
            elif age >= 5:
                upn, reason = (self._upn(), "") if rng.random() < 0.95 else ("", "UN5")
            else:
                upn, reason = "", "UN1"
            nhs = self._nhs_number() if rng.random() < 0.97 else ""
            uasc_ceased = (
                birthday(child.dob, 18) if child.uasc and birthday(child.dob, 18) <= as_at else None
            )
            row = (
                person, la_child_id, first_name, record.surname, "", child.dob, child.edd, None,
                child.sex, "", record.ethnicity, nhs, upn, "", reason, child.uasc, uasc_ceased,
                created,
            )  # fmt: skip
        else:
            first_name = "Unborn"
            row = (
                person, la_child_id, first_name, record.surname, "", None, child.edd, None, "U", "",
                record.ethnicity, "", "", "", "UN6", False, None, created,
            )  # fmt: skip
        self.add(Person, row)
        if child.disabled and born:
            codes = {self.chance.pick(_DISABILITIES) for _ in range(1 if rng.random() < 0.7 else 2)}
            for code in sorted(codes):
                self.add(ChildDisability, (self.next_id(ChildDisability), person, code))
        return ChildRecord(person, child, first_name, la_child_id, record)

    def write_home(self, child: ChildRecord) -> None:
        """Where the child has lived: the family's household, except while placed away from
        home, when the placement is the child's household and address (after `write_care`)."""
        household = child.family.household_id
        if child.plan.dob > self.as_at:
            return
        start, at_home = child.plan.dob, household is not None
        periods = sorted(child.care_homes, key=lambda entry: entry[0][0][0])
        for number, (homes, follows, ended) in enumerate(periods):
            first = homes[0][0]
            if at_home and first > start:
                self._member(household, child.id, start, first)
            for index, (begin, end, placement, postcode) in enumerate(homes):
                last = index == len(homes) - 1
                if last and follows == "STAYS" and ended is not None:
                    # With adopters or guardians until (if ever) the child comes back into care.
                    end = periods[number + 1][0][0][0] if number + 1 < len(periods) else None
                if placement == "P1" and household is not None:
                    self._member(household, child.id, begin, end)
                else:
                    self._placement_home(child, begin, end, placement, postcode)
            if ended is None:
                return
            start, at_home = ended, follows == "HOME" and household is not None
        if at_home:
            self._member(household, child.id, start, None)

    def _member(self, household: int, person: int, start, end) -> None:
        self.add(HouseholdMember, (self.next_id(HouseholdMember), household, person, start, end))

    def _placement_home(self, child: ChildRecord, begin, end, placement, postcode) -> None:
        directory = self.directory
        _, group = directory.ethnicity()
        kind = _PLACEMENT_HOMES.get(placement[0], "Placement")
        if placement in ("K1", "K2"):
            kind = "Children's home"
        household = self.next_id(Household)
        self.add(Household, (household, f"{kind} ({directory.surname(group)})"))
        line_1, town, _ = directory.address()
        self.add(HouseholdAddress, (
            self.next_id(HouseholdAddress), household, line_1, "", town, postcode, begin, end,
        ))  # fmt: skip
        self._member(household, child.id, begin, end)

    def _relationships(self, record: FamilyRecord, father_groups) -> None:
        rng = self.rng
        for child in record.children:
            born = child.plan.dob <= self.as_at
            for adult, role in record.adults:
                if role == "MOTHER":
                    kind, responsibility = "MOTHER", True
                elif not born:
                    continue
                elif role == "FATHER" and father_groups[child.id] == 0:
                    kind, responsibility = "FATHER", rng.random() < 0.85
                elif role in ("FATHER", "PARTNER"):
                    kind, responsibility = "STEP_PARENT", False
                else:
                    kind, responsibility = "GRANDPARENT", False
                self.add(
                    Relationship,
                    (self.next_id(Relationship), child.id, adult, kind, responsibility, None, None),
                )
            if not born:
                continue
            for other in record.children:
                if other is child or other.plan.dob > self.as_at:
                    continue
                same = father_groups[child.id] == father_groups[other.id]
                kind = "SIBLING" if same else "HALF_SIBLING"
                row = (self.next_id(Relationship), child.id, other.id, kind, False, None, None)
                self.add(Relationship, row)
