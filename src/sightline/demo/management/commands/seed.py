"""`sightline seed`: generate the synthetic council (see `sightline.demo.council`)."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sightline.demo.council import seed_council
from sightline.people.models import Person
from sightline.workforce.models import Team, User


class Command(BaseCommand):
    help = "Generate a deterministic synthetic council: N children aged 0-17, Y years of history."

    def add_arguments(self, parser):
        parser.add_argument("--population", type=int, default=settings.SIGHTLINE_CHILD_POPULATION)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-at", type=date.fromisoformat, default=None, help="YYYY-MM-DD; default today"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if there are children already"
        )

    def handle(self, *args, population, years, seed, as_at, if_empty, **options):
        if population < 100 or years < 1:
            raise CommandError("--population must be at least 100 and --years at least 1")
        children = Person.objects.children().count()
        if children and if_empty:
            self.stdout.write(f"The database already holds {children:,} children: nothing seeded.")
            return
        if (
            children
            or Team.objects.exists()
            or User.objects.filter(username__startswith="demo.").exists()
        ):
            raise CommandError(
                "The database already holds records; seed into an empty database "
                "(sightline flush) or pass --if-empty."
            )
        as_at = as_at or date.today()
        result = seed_council(
            population=population,
            years=years,
            seed=seed,
            as_at=as_at,
            la_code=settings.SIGHTLINE_COUNCIL_CODE,
        )
        self.stdout.write(
            f"Seeded {settings.SIGHTLINE_COUNCIL_NAME}: {population:,} children aged 0-17, "
            f"{years} years to {as_at:%d %B %Y}, seed {seed}, in {result.seconds:.1f} s."
        )
        for label, count in sorted(result.counts.items()):
            if count:
                self.stdout.write(f"  {label:<38} {count:>10,}")
        variation = result.variation
        self.stdout.write(f"Deliberately slow teams: {', '.join(variation.slow_teams)}")
        self.stdout.write(
            f"Deliberately overloaded workers: {', '.join(variation.overloaded_workers)}"
        )
        self.stdout.write(
            f"Children on drifting plans: {len(variation.drifting_children)}; children with "
            f"repeated contacts and no referral: {len(variation.repeat_contact_children)}"
        )
        if population != settings.SIGHTLINE_CHILD_POPULATION:
            self.stdout.write(
                f"Note: SIGHTLINE_CHILD_POPULATION is {settings.SIGHTLINE_CHILD_POPULATION:,}; "
                f"set it to {population:,} so that rates per 10,000 use this council's population."
            )
