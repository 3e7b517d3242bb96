"""Generate a whole synthetic council into the database: `seed_council`.

The same arguments always give the same rows: seeded `random.Random` streams (one for planning
families, one for writing records; see `SeedContext.stream`) drive everything in a fixed order,
Faker is seeded from the seed, and the as-at date is an argument, never the clock. The whole
seed is one transaction, so a failure part-way leaves the database as it was.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time

from django.apps import apps
from django.db import connections, transaction

from sightline.casework.models import Contact
from sightline.demo.care import CareRecords
from sightline.demo.contacttimes import ContactPlanner
from sightline.demo.context import SeedContext
from sightline.demo.decline import DECLINING_SERVICE_AREA
from sightline.demo.families import FamilySource
from sightline.demo.fostering import PrivateFosteringRecords
from sightline.demo.frontdoor import FrontDoorRecords
from sightline.demo.leavers import LeaverRecords
from sightline.demo.logins import demo_password_hash, unusable_password
from sightline.demo.names import Directory
from sightline.demo.oversight import OversightRecords
from sightline.demo.people import PeopleRecords
from sightline.demo.placements import PlacementRecords
from sightline.demo.plans import FamilyPlan
from sightline.demo.protection import ProtectionRecords
from sightline.demo.records import COLUMNS, ChildRecord, Records
from sightline.demo.shortbreaks import ShortBreakRecords
from sightline.demo.workforce import JOB_TITLES, SERVICES, Workforce
from sightline.demo.writer import RecordWriter
from sightline.workforce.models import Service, Team, User


@dataclass(frozen=True)
class DeliberateVariation:
    """The variation built in on purpose, so that worklists and dashboards have something true
    to show and tests can check that it shows."""

    slow_teams: tuple[str, ...]
    overloaded_workers: tuple[str, ...]
    drifting_children: tuple[str, ...]
    repeat_contact_children: tuple[str, ...]
    # The declining service area (`decline.DECLINING_SERVICE_AREA`) and the children it serves.
    declining_service_area: str
    declining_children: tuple[str, ...]


@dataclass(frozen=True)
class SeedResult:
    counts: dict[str, int]
    seconds: float
    variation: DeliberateVariation
    families: int


class CouncilRecords(
    PeopleRecords,
    FrontDoorRecords,
    ProtectionRecords,
    CareRecords,
    PlacementRecords,
    LeaverRecords,
    PrivateFosteringRecords,
    ShortBreakRecords,
    OversightRecords,
    Records,
):
    """Every record writer, sharing one context (see `records.Records`)."""

    def __init__(self, ctx, writer, workforce, directory):
        super().__init__(ctx, writer, workforce, directory)
        self.contacts = ContactPlanner(ctx)
        self._init_people()

    def write_family(self, family: FamilyPlan) -> None:
        record = self.write_people(family)
        if record is None:
            return
        declining = self.ctx.decline.covers(family.area)
        for child in record.children:
            if declining:
                self.ctx.declining_children.append(child.la_child_id)
            self.write_child(child)

    def write_child(self, child: ChildRecord) -> None:
        plan = child.plan
        leaver = self.care_leaver_span(child)
        self.write_allocations(child, leaver)
        for contact in plan.contacts:
            self.write_contact(child, contact)
        if plan.repeat_contacts:
            self.ctx.repeat_contact_children.append(child.la_child_id)
        earliest = plan.dob
        for case in plan.cases:
            if case.contact.received > self.as_at_end:
                break
            self.write_prior_contacts(child, case, earliest)
            earliest = case.closure
            contact, decided = self.write_contact(child, case.contact)
            if not decided:
                continue
            referral = self.write_referral(child, case, contact)
            self.write_protection(child, case, referral)
            if case.care is not None:
                self.write_care(child, case, case.care)
        if leaver is not None:
            self.write_care_leaver(child, leaver)
        if plan.private_fostering is not None:
            self.write_private_fostering(child)
        self.write_short_breaks(child)
        self.write_home(child)
        self.write_oversight(child)


def seed_council(
    *,
    population: int,
    years: int,
    seed: int,
    as_at: date,
    la_code: str,
    using: str = "default",
    background_planning: bool | None = None,
) -> SeedResult:
    """Generate a council of ``population`` children with ``years`` of history to ``as_at``.

    ``background_planning`` forces planning in (True) or out of (False) a second process; by
    default large councils use one. The data are the same either way.
    """
    started = clock.perf_counter()
    connection = connections[using]
    ctx = SeedContext.create(
        population=population, years=years, seed=seed, as_at=as_at, la_code=la_code
    )
    with transaction.atomic(using=using), RecordWriter(connection) as writer:
        for label, columns in COLUMNS.items():
            writer.register(_model(label), columns)
        directory = Directory(seed, ctx.rng)
        workforce = Workforce(ctx, directory, lambda: writer.next_id(User))
        ctx.set_layout(workforce.build(lambda: writer.next_id(Team)))
        families = FamilySource(ctx.stream("families"), background=background_planning)
        # Fork the planner before the writer's thread exists: a forked child gets no threads.
        families.start()
        try:
            writer.start_background()
            _write_workforce(writer, workforce, ctx)
            records = CouncilRecords(ctx, writer, workforce, directory)
            written = 0
            for family in families:
                records.write_family(family)
                written += 1
            records.write_supervision()
            writer.finish()
        finally:
            families.close()
    variation = DeliberateVariation(
        slow_teams=tuple(t.name for teams in workforce.teams.values() for t in teams if t.slow),
        overloaded_workers=tuple(
            member.username
            for post in workforce.overloaded_posts
            if (member := post.holder(as_at)[0])
        ),
        drifting_children=tuple(ctx.drifting_children),
        repeat_contact_children=tuple(ctx.repeat_contact_children),
        declining_service_area=DECLINING_SERVICE_AREA,
        declining_children=tuple(ctx.declining_children),
    )
    return SeedResult(writer.counts(), clock.perf_counter() - started, variation, written)


def _model(label: str):
    if label == "casework.Contact_people_named":
        return Contact.people_named.through
    return apps.get_model(label)


def _write_workforce(writer: RecordWriter, workforce: Workforce, ctx: SeedContext) -> None:
    rng = ctx.rng
    demo_hash = demo_password_hash()
    service_ids = [writer.next_id(Service) for _ in SERVICES]
    for index, name in enumerate(SERVICES):
        writer.add(Service, (service_ids[index], name, workforce.heads[index].id))
    for teams in workforce.teams.values():
        for team in teams:
            manager, _ = team.manager.holder(ctx.as_at)
            writer.add(
                Team,
                (
                    team.id,
                    team.name,
                    team.kind,
                    service_ids[team.service],
                    manager.id if manager else None,
                ),
            )
    for member in sorted(workforce.staff, key=lambda m: m.id):
        admin = member.role == "ADMIN"
        title = JOB_TITLES[member.role]
        if member.agency:
            title = f"{title} (agency)"
        registered = member.qualified_on is not None
        writer.add(User, (
            member.id,
            demo_hash if member.demo else unusable_password(rng),
            None,
            admin,
            member.username,
            member.first_name,
            member.last_name,
            f"{member.username}@demo-borough.example",
            admin,
            member.left_on is None,
            datetime.combine(member.started_on, time(9)),
            member.role,
            member.team.id if member.team else None,
            title,
            member.agency,
            member.qualified_on,
            member.started_on,
            member.left_on,
            f"SW{rng.randint(10000, 999999):06d}" if registered else "",
        ))  # fmt: skip
