"""`sightline audit verify`: prove that the access audit has not been edited, cut or reordered."""

from django.core.management.base import BaseCommand, CommandError

from sightline.access import chain
from sightline.access.models import AuditEvent

# Rows fetched per round trip while streaming the chain; memory stays flat at any size.
CHUNK_SIZE = 5000


def _anchor_parse(text: str) -> tuple[int, str]:
    sequence, _, digest = text.partition(":")
    if not sequence.isdigit() or len(digest) != 64:
        raise CommandError("--anchor takes SEQUENCE:SHA256, as printed by an earlier verify")
    return int(sequence), digest.lower()


def _hash_locate(digest: str) -> int | None:
    return AuditEvent.objects.filter(hash=digest).values_list("sequence", flat=True).first()


class Command(BaseCommand):
    help = "Work with the hash-chained access audit."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="subcommand", required=True)
        verify = actions.add_parser(
            "verify",
            help=(
                "Walk the whole chain; exit 1 naming the first event that was edited, deleted "
                "or reordered."
            ),
        )
        verify.add_argument(
            "--anchor",
            help=(
                "SEQUENCE:SHA256 of a head recorded earlier outside the database (e.g. in the "
                "SIEM); proves the chain was not cut short or rebuilt since."
            ),
        )

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            self._verify(options.get("anchor"))

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(1)

    def _verify(self, anchor: str | None) -> None:
        anchor_at = _anchor_parse(anchor) if anchor else None
        rows = (
            AuditEvent.objects.order_by("sequence")
            .values(*chain.CHAINED_FIELDS, "hash")
            .iterator(chunk_size=CHUNK_SIZE)
        )
        report = chain.chain_verify(rows, hash_locate=_hash_locate)
        if not report.intact:
            self._fail(f"Audit chain broken: {report.first_break}")
        if anchor_at is not None:
            sequence, digest = anchor_at
            stored = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True)
            if sequence > report.head_sequence:
                self._fail(
                    f"Audit chain broken: audit event #{sequence} deleted: the chain ends at "
                    f"#{report.head_sequence}, before the anchor (the end was cut off)"
                )
            if stored.first() != digest:
                self._fail(
                    f"Audit chain broken: audit event #{sequence} edited: its hash is not the "
                    "anchor's (the chain was rebuilt)"
                )
        self.stdout.write(
            f"Audit chain intact: {report.events_checked} events; "
            f"head {report.head_sequence}:{report.head_hash}"
        )
