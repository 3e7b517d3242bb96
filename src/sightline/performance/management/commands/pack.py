"""`sightline pack --as-at DATE --out DIR`: the weekly performance pack, as xlsx and PDF.

The council-wide pack (the director's scorecard): the same figures as the screens, computed
afresh from the live record as known on each month end. Aggregates only, so not an audited
export.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sightline.oversight.management.commands._as_at import parse_as_at
from sightline.performance.figures import figures_for
from sightline.performance.pack import pack_pdf, pack_xlsx
from sightline.performance.scopes import COUNCIL, Scope


class Command(BaseCommand):
    help = "Write the weekly performance pack (xlsx and PDF) as at a date into a directory."

    def add_arguments(self, parser):
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--out", required=True, metavar="DIR")

    def handle(self, *args, **options):
        as_at = parse_as_at(options["as_at"])
        out = Path(options["out"])
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"--out cannot be made: {error}") from None
        scope = Scope(COUNCIL, None, None, None)
        steps = ("computing every indicator for 24 month ends", "workbook", "PDF")
        self.stderr.write(f"[1/3] {steps[0]}…")
        figures = figures_for(as_at)
        self.stderr.write(f"      done in {figures.seconds:.1f} s")
        written = []
        for n, (kind, build) in enumerate((("xlsx", pack_xlsx), ("pdf", pack_pdf)), start=2):
            self.stderr.write(f"[{n}/3] {steps[n - 1]}…")
            path = out / f"performance-pack-{as_at.isoformat()}.{kind}"
            try:
                path.write_bytes(build(figures, scope))
            except OSError as error:
                raise CommandError(f"{path} cannot be written: {error}") from None
            written.append(path)
        self.stdout.write("\n".join(str(p) for p in written))
