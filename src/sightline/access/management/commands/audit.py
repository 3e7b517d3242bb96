"""`sightline audit verify` and `sightline audit anchor`: prove that the access audit has not been
edited, cut short, deleted, rebuilt, forged or reordered, and record the anchors that let it."""

from django.core.management.base import BaseCommand, CommandError

from sightline.access import chain
from sightline.access.anchors import (
    AnchorFileError,
    anchor_append,
    anchor_path,
    anchors_read,
    audit_key,
)
from sightline.access.models import AuditEvent

# Rows fetched per round trip while streaming the chain; memory stays flat at any size.
CHUNK_SIZE = 5000


def _anchor_parse(text: str) -> tuple[int, str]:
    sequence, _, digest = text.partition(":")
    if not sequence.isdigit() or len(digest) != 64:
        raise CommandError("--anchor takes SEQUENCE:HASH, as printed by an earlier verify")
    return int(sequence), digest.lower()


def _hash_locate(digest: str) -> int | None:
    return AuditEvent.objects.filter(hash=digest).values_list("sequence", flat=True).first()


def _head() -> tuple[int, str]:
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return last if last else (0, chain.GENESIS_HASH)


class Command(BaseCommand):
    help = "Work with the keyed, hash-chained access audit and its anchors."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="subcommand", required=True)
        verify = actions.add_parser(
            "verify",
            help=(
                "Walk the whole chain and check it against every recorded anchor; exit 1 naming "
                "the first event that was edited, deleted, forged or reordered, or the anchor "
                "the chain no longer reaches."
            ),
        )
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            help=(
                "SEQUENCE:HASH of a head recorded elsewhere (e.g. in the SIEM), checked as well "
                "as the anchor file; may be given more than once."
            ),
        )
        actions.add_parser(
            "anchor",
            help=(
                "Append the chain's head to the anchor file (run on a schedule) and print it, "
                "so it can be shipped elsewhere too."
            ),
        )

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            self._verify(options["anchor"])
        elif subcommand == "anchor":
            self._anchor()

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(1)

    def _anchor(self) -> None:
        sequence, digest = _head()
        anchor_append(sequence=sequence, digest=digest)
        self.stdout.write(f"Audit anchor recorded in {anchor_path()}: {sequence}:{digest}")

    def _verify(self, given: list[str]) -> None:
        extra = [(_anchor_parse(text), "--anchor") for text in given]
        try:
            recorded = anchors_read()
        except AnchorFileError as error:
            self._fail(f"Audit anchors unreadable: {error}")
        anchors = [((a.sequence, a.hash), f"anchor file line {a.line}") for a in recorded] + extra
        rows = (
            AuditEvent.objects.order_by("sequence")
            .values(*chain.CHAINED_FIELDS, "hash")
            .iterator(chunk_size=CHUNK_SIZE)
        )
        report = chain.chain_verify(rows, key=audit_key(), hash_locate=_hash_locate)
        if not report.intact:
            self._fail(f"Audit chain broken: {report.first_break}")
        for (sequence, digest), source in anchors:
            if sequence > report.head_sequence:
                self._fail(
                    f"Audit chain broken: audit event #{sequence} deleted: the chain ends at "
                    f"#{report.head_sequence}, before the anchor ({source}); the end was cut "
                    "off" + (" (every event is gone)" if report.head_sequence == 0 else "")
                )
            stored = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True)
            if sequence and stored.first() != digest:
                self._fail(
                    f"Audit chain broken: audit event #{sequence} edited: its hash is not the "
                    f"anchor's ({source}); the chain was rebuilt"
                )
        self.stdout.write(
            f"Audit chain intact: {report.events_checked} events; "
            f"head {report.head_sequence}:{report.head_hash}; "
            f"{len(anchors)} anchor(s) checked"
        )
        if not anchors:
            self.stdout.write(
                "No anchors recorded: a cut-off end or a deleted chain would not show. "
                "Schedule `sightline audit anchor`."
            )
