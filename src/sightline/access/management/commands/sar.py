"""`sightline sar`: export one child's whole record for a subject access request (IG only)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sightline.access.management.commands._actor import actor_lookup
from sightline.access.sar import sar_export
from sightline.people.models import Person


class Command(BaseCommand):
    help = (
        "Write a child's whole record as JSON and PDF for a subject access request, third-party "
        "information flagged for review. Audited; information governance officers only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--child", required=True, metavar="LA_CHILD_ID")
        parser.add_argument("--actor", required=True, metavar="USERNAME")
        parser.add_argument("--out", required=True, type=Path, metavar="DIR")
        parser.add_argument("--reference", default="", help="The council's request reference")

    def handle(self, *args, child, actor, out, reference, **options):
        user = actor_lookup(actor)
        subject = Person.objects.children().filter(la_child_id=child).first()
        if subject is None:
            raise CommandError(f"No child has LA child ID {child!r}")
        try:
            export = sar_export(actor=user, child=subject, reference=reference)
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        out.mkdir(parents=True, exist_ok=True)
        json_path = out / f"{export.file_stem}.json"
        pdf_path = out / f"{export.file_stem}.pdf"
        json_path.write_bytes(export.json_bytes)
        pdf_path.write_bytes(export.pdf_bytes)
        summary = export.record["summary"]
        self.stdout.write(
            f"Wrote {json_path} and {pdf_path}: {summary['items']} records, "
            f"{summary['third_party_items']} flagged for third-party review."
        )
