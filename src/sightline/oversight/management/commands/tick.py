"""`sightline tick`: recalculate every child's deadlines, then raise, escalate and resolve drift
findings (`oversight.findings.sync`), as the nightly job does."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from sightline.oversight.findings.sync import findings_sync
from sightline.oversight.management.commands._as_at import parse_as_at
from sightline.oversight.models import DeadlineStatus
from sightline.oversight.services import deadlines_refresh_all


class Command(BaseCommand):
    help = (
        "Recalculate every child's deadlines from the record and store them for the worklists. "
        "Run nightly: statuses move with the date even when nothing is recorded. Then bring "
        "drift findings up to date: new ones go to the team manager, unacknowledged ones "
        "climb to the head of service and the director, ended ones are resolved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-at",
            metavar="YYYY-MM-DD",
            help="the date to work statuses out for (default: today)",
        )

    def handle(self, *args, **options):
        as_at = parse_as_at(options["as_at"]) if options["as_at"] else timezone.localdate()
        summary = deadlines_refresh_all(as_at=as_at)
        self.stdout.write(
            f"Deadlines as at {summary.as_at.isoformat()}: {summary.deadline_count} stored "
            f"in {summary.seconds:.1f} s"
        )
        for status in DeadlineStatus:
            self.stdout.write(f"  {status.label}: {summary.status_counts.get(status.value, 0)}")
        findings = findings_sync(as_at=as_at)
        self.stdout.write(
            f"Findings: {findings.raised} raised, {findings.escalated} escalated, "
            f"{findings.resolved} resolved; {findings.open_total} awaiting acknowledgement"
        )
