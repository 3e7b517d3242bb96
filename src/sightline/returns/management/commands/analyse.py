"""`sightline analyse`: clocks, indicators and drift findings from a council's own return files.

    sightline analyse [--cin FILE.xml] [--ssda903 DIR|FILE.xml] [--annex-a FILE.xlsx]
                      --as-at YYYY-MM-DD --out DIR [--child-population N]

Builds the dataset from the files only (no database is read or written), runs the same engine
as the live service under the council's own standards (SIGHTLINE_LOCAL_STANDARDS,
SIGHTLINE_DRIFT_STANDARDS), and writes deadlines.csv, indicators.csv, findings.csv,
not-evaluable.csv, analysis.xlsx and report.html into DIR. Files that cannot be read are
reported, every fault located, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sightline.oversight.management.commands._as_at import parse_as_at
from sightline.oversight.selectors.findings import drift_standards
from sightline.oversight.services import council_standards
from sightline.returns.analyse import AnalysisError, analyse
from sightline.returns.analyse.report import summary_lines, write_analysis


class Command(BaseCommand):
    help = (
        "Run the clocks, indicators and drift findings over a council's CIN census, SSDA903 "
        "and Annex A files (any of them) and write CSVs, an xlsx and an HTML report."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cin", metavar="FILE.xml", type=Path, help="a CIN census XML file")
        parser.add_argument(
            "--ssda903",
            metavar="DIR|FILE.xml",
            type=Path,
            help="a directory of SSDA903 CSV tables, or the 903 XML file",
        )
        parser.add_argument(
            "--annex-a", metavar="FILE.xlsx", type=Path, help="an Ofsted Annex A workbook"
        )
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD")
        parser.add_argument("--out", required=True, metavar="DIR", type=Path)
        parser.add_argument(
            "--child-population",
            type=int,
            metavar="N",
            help="children aged 0-17 in the council's area, for rates per 10,000",
        )

    def handle(self, *args, **options):
        as_at = parse_as_at(options["as_at"])
        files = {
            kind: options[key]
            for kind, key in (("cin", "cin"), ("ssda903", "ssda903"), ("annex-a", "annex_a"))
            if options[key] is not None
        }
        if not files:
            raise CommandError("name at least one return: --cin, --ssda903 or --annex-a")
        population = options["child_population"]
        if population is not None and population <= 0:
            raise CommandError(f"--child-population must be a positive number; got {population}")
        out = options["out"]
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file, not a directory")
        rulebook, calendar = council_standards()
        try:
            analysis = analyse(
                files,
                as_at,
                rulebook=rulebook,
                calendar=calendar,
                drift=drift_standards(),
                child_population=population,
            )
        except AnalysisError as error:
            count = len(error.problems)
            raise CommandError(
                f"The files cannot be analysed ({count} problem{'s' if count != 1 else ''}); "
                "nothing was written:\n" + "\n".join(error.problems)
            ) from None
        try:
            out.mkdir(parents=True, exist_ok=True)
            written = write_analysis(analysis, out)
        except OSError as error:
            raise CommandError(f"--out cannot be written: {error}") from None
        for line in summary_lines(analysis):
            self.stdout.write(line)
        self.stdout.write(f"Wrote {', '.join(p.name for p in written.values())} to {out}")
