"""`sightline validate ssda903 DIR` / `sightline validate cin FILE`: check a return against
every DfE rule of its collection year, print a summary, optionally write xlsx and JSON.

Exit status 1 when any error is found (or the return cannot be read), 0 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sightline.returns.validation.report import summary_text, write_json, write_xlsx


class Command(BaseCommand):
    help = "Validate a CIN census (XML file) or an SSDA903 return (directory of CSVs)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["ssda903", "cin"])
        parser.add_argument("path", help="the 903 directory or the CIN census file")
        parser.add_argument("--previous", help="last year's return, for the rules comparing")
        parser.add_argument("--year", default="2025-26", help="collection year (2025-26)")
        parser.add_argument(
            "--providers",
            help="903: Ofsted provider list CSV (URN, PLACE_CODES, POSTCODE, PROVIDER_CODES, "
            "REG_DATE, CLOSE_DATE, LA)",
        )
        parser.add_argument("--xlsx", help="write every issue to this workbook")
        parser.add_argument("--json", help="write every issue to this JSON file")

    def handle(self, *args, kind, path, previous, year, providers, xlsx, json, **options):
        tables, validation = (
            self._ssda903(path, previous, year, providers)
            if kind == "ssda903"
            else self._cin(path, previous)
        )
        self.stdout.write(summary_text(validation, title=f"{kind.upper()} {path}"))
        if xlsx:
            write_xlsx(validation, xlsx, tables=tables)
            self.stdout.write(f"Issues written to {xlsx}")
        if json:
            write_json(validation, json)
            self.stdout.write(f"Issues written to {json}")
        if validation.has_errors:
            sys.exit(1)

    def _ssda903(self, path, previous, year, providers):
        import polars as pl

        from sightline.returns.ssda903 import ReturnReadError, validate_directory

        lookups = {}
        if providers:
            try:
                lookups["providers"] = pl.read_csv(providers, infer_schema=False)
            except (OSError, pl.exceptions.PolarsError) as exc:
                raise CommandError(f"{providers}: cannot read the provider list ({exc})") from None
        try:
            return validate_directory(Path(path), previous, lookups=lookups, collection_year=year)
        except ReturnReadError as exc:
            raise CommandError(f"the return cannot be read:\n{exc}") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None

    def _cin(self, path, previous):
        # The CIN reader and rules live in sightline.returns.cin (written alongside).
        from sightline.returns import cin

        if previous:
            raise CommandError("the CIN census rules do not compare with last year's return")
        try:
            return cin.validate_file(Path(path))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
