"""`sightline findings --as-at DATE`: every drift-and-delay finding as at a date, as CSV.

The findings are worked out afresh from the live record, so any past date gives the answer as
it stood then. Restricted children are left out, and the extract is written to the access
audit as an export.
"""

from django.core.management.base import BaseCommand

from sightline.oversight.management.commands._as_at import parse_as_at
from sightline.oversight.selectors.findings import findings_as_at


class Command(BaseCommand):
    help = (
        "Write one CSV row per drift finding as at a date (child_id, rule_id, severity, since, "
        "evidence, status, owner; child_id is the LA child ID, since an ISO date), to stdout "
        "or to --out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--out", metavar="FILE.csv", help="write here instead of stdout")

    def handle(self, *args, **options):
        as_at = parse_as_at(options["as_at"])
        extract = findings_as_at(as_at=as_at)
        frame = extract.frame
        if options["out"]:
            frame.write_csv(options["out"])
            self.stderr.write(
                f"Wrote {frame.height} findings as at {as_at.isoformat()} to {options['out']}"
            )
        else:
            self.stdout.write(frame.write_csv(), ending="")
        if extract.restricted_left_out:
            count = extract.restricted_left_out
            self.stderr.write(
                f"Left out {count} restricted child{'ren' if count != 1 else ''}'s findings."
            )
        for rule in extract.not_evaluated:
            self.stderr.write(
                f"Not evaluated: {rule.id} ({rule.title}): {rule.not_evaluable_because}."
            )
