"""`sightline retention`: review records past retention, hold them, and dispose of them.

Disposal takes two information governance officers: `propose` a batch, `approve` it as someone
else, then `dispose` of it. Every step is audited.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sightline.access.management.commands._actor import actor_lookup
from sightline.access.models import DisposalBatch, LegalHold
from sightline.access.retention import selectors, services
from sightline.people.models import Person


def _child(la_child_id: str) -> Person:
    child = Person.objects.children().filter(la_child_id=la_child_id).first()
    if child is None:
        raise CommandError(f"No child has LA child ID {la_child_id!r}")
    return child


def _batch(pk: int) -> DisposalBatch:
    batch = DisposalBatch.objects.filter(pk=pk).first()
    if batch is None:
        raise CommandError(f"No disposal batch {pk}")
    return batch


class Command(BaseCommand):
    help = "Retention: review, propose, approve and dispose of records; place and lift holds."

    def add_arguments(self, parser):
        steps = parser.add_subparsers(dest="step", required=True)
        review = steps.add_parser("review", help="List children's records past retention.")
        review.add_argument("--as-at", type=date.fromisoformat, default=None, metavar="DATE")
        propose = steps.add_parser(
            "propose", help="Propose a disposal batch of every eligible record (or --child)."
        )
        propose.add_argument("--as-at", type=date.fromisoformat, default=None, metavar="DATE")
        propose.add_argument("--child", action="append", metavar="LA_CHILD_ID")
        for name, text in (
            ("approve", "Approve a proposed batch (not its proposer)."),
            ("dispose", "Delete the records of an approved batch."),
        ):
            step = steps.add_parser(name, help=text)
            step.add_argument("--batch", type=int, required=True)
        hold = steps.add_parser("hold", help="Place a legal hold on a child's record.")
        hold.add_argument("--child", required=True, metavar="LA_CHILD_ID")
        hold.add_argument("--reason", required=True)
        lift = steps.add_parser("lift", help="Lift a legal hold.")
        lift.add_argument("--hold", type=int, required=True)
        lift.add_argument("--reason", required=True)
        for step in steps.choices.values():
            step.add_argument("--actor", required=True, metavar="USERNAME")

    def handle(self, *args, step, actor, **options):
        user = actor_lookup(actor)
        try:
            getattr(self, f"_{step}")(user, **options)
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error

    def _review(self, user, as_at, **options):
        as_at = as_at or timezone.localdate()
        rows = selectors.retention_review(actor=user, as_at=as_at)
        eligible = sum(1 for row in rows if row.eligible)
        self.stdout.write(
            f"{len(rows)} children's records past retention as at {as_at}; "
            f"{eligible} can be disposed of."
        )
        for row in rows:
            blocked = f"  KEPT: {', '.join(row.blocked_by)}" if row.blocked_by else ""
            self.stdout.write(f"{row.la_child_id}\t{row.period.until}\t{row.period.rule}{blocked}")

    def _propose(self, user, as_at, child, **options):
        child_ids = None if not child else [_child(la_child_id).pk for la_child_id in child]
        batch = services.disposal_batch_propose(actor=user, as_at=as_at, child_ids=child_ids)
        self.stdout.write(
            f"Proposed disposal batch {batch.pk}: {batch.items.count()} records. Another IG "
            f"officer must approve it: sightline retention approve --batch {batch.pk}"
        )

    def _approve(self, user, batch, **options):
        approved = services.disposal_batch_approve(actor=user, batch=_batch(batch))
        self.stdout.write(f"Approved disposal batch {approved.pk}.")

    def _dispose(self, user, batch, **options):
        report = services.disposal_batch_dispose(actor=user, batch=_batch(batch))
        self.stdout.write(
            f"Disposal batch {report.batch.pk}: {len(report.disposed)} records disposed of, "
            f"{len(report.withheld)} withheld."
        )
        for la_child_id, reason in sorted(report.withheld.items()):
            self.stdout.write(f"withheld {la_child_id}: {reason}")

    def _hold(self, user, child, reason, **options):
        hold = services.legal_hold_place(actor=user, child=_child(child), reason=reason)
        self.stdout.write(f"Legal hold {hold.pk} placed on {child}.")

    def _lift(self, user, hold, reason, **options):
        found = LegalHold.objects.filter(pk=hold).first()
        if found is None:
            raise CommandError(f"No legal hold {hold}")
        services.legal_hold_lift(actor=user, hold=found, reason=reason)
        self.stdout.write(f"Legal hold {hold} lifted.")
