"""`sightline pseudonymised_export`: the analysts' export, with nothing that names anyone."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sightline.access.k_anonymity import DEFAULT_K
from sightline.access.management.commands._actor import actor_lookup
from sightline.access.pseudonymise import FORMATS, pseudonymised_export


class Command(BaseCommand):
    help = (
        "Write the pseudonymised analytic export (one file per record type and a manifest): "
        "dates of birth to the month, postcodes to the sector, identifiers keyed-hashed, no "
        "names or free text, restricted children left out, k-anonymous (report in "
        "k_anonymity.json). Audited; analysts only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, metavar="DIR")
        parser.add_argument("--actor", required=True, metavar="USERNAME")
        parser.add_argument("--format", choices=FORMATS, default="csv", dest="file_format")
        parser.add_argument(
            "--k",
            type=int,
            default=DEFAULT_K,
            help=f"smallest class of children on the quasi-identifiers (default {DEFAULT_K})",
        )

    def handle(self, *args, out, actor, file_format, k, **options):
        if k < 1:
            raise CommandError(f"--k must be at least 1, not {k}")
        user = actor_lookup(actor)
        try:
            export = pseudonymised_export(actor=user, out_dir=out, file_format=file_format, k=k)
        except (PermissionDenied, ValidationError, ImproperlyConfigured) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(
            f"Wrote {len(export.files)} files to {export.directory}: {export.children:,} "
            f"children; key check {export.key_check}."
        )
