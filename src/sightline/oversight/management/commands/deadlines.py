"""`sightline deadlines --as-at DATE [--actor USERNAME]`: deadline instances as at a date, as CSV.

The deadlines are worked out afresh from the live record, not read from the stored worklist
table, so any past date gives the answer as it stood then. The extract holds the children the
named user may see (every child, without --actor), never a restricted child, and is written to
the access audit as an export by that user (or the system), naming every child in it.
"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from sightline.access.management.commands._actor import actor_lookup
from sightline.oversight.management.commands._as_at import parse_as_at
from sightline.oversight.selectors import deadline_instances_as_at


class Command(BaseCommand):
    help = (
        "Write one CSV row per deadline instance as at a date of the children --actor may see "
        "(child_id is the LA child ID; dates ISO; empty where there is none), to stdout or to "
        "--out. Audited as an export by --actor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="take the extract as this user: only the children they may see; without it, "
            "the operator at the server takes every child's but the restricted ones",
        )
        parser.add_argument("--out", metavar="FILE.csv", help="write here instead of stdout")

    def handle(self, *args, **options):
        as_at = parse_as_at(options["as_at"])
        user = actor_lookup(options["actor"]) if options["actor"] else None
        try:
            extract = deadline_instances_as_at(actor=user, as_at=as_at)
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        frame = extract.frame
        if options["out"]:
            frame.write_csv(options["out"])
            self.stderr.write(
                f"Wrote {frame.height} deadlines as at {as_at.isoformat()} to {options['out']}"
            )
        else:
            self.stdout.write(frame.write_csv(), ending="")
        if extract.restricted_left_out:
            count = extract.restricted_left_out
            self.stderr.write(
                f"Left out {count} restricted child{'ren' if count != 1 else ''}'s deadlines."
            )
