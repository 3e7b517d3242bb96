"""`sightline returns cin|ssda903|annex-a`: produce a statutory return from the live record.

    sightline returns cin --year 2025-26 --out FILE.xml [--as-at YYYY-MM-DD]
    sightline returns ssda903 --year 2025-26 --out DIR [--as-at YYYY-MM-DD]
    sightline returns annex-a --as-at YYYY-MM-DD --out FILE.xlsx [--months 6]

Every child the return asks for is in it, restricted children included (the DfE and Ofsted are
owed all of them); the export is written to the access audit like `sightline deadlines`, as the
system or as `--actor USERNAME` when one is named. Nothing is written if the return fails.
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sightline.access.management.commands._actor import actor_lookup
from sightline.returns.produce.annex_a import annex_a_write
from sightline.returns.produce.cin import cin_census_write
from sightline.returns.produce.files import ReturnError
from sightline.returns.produce.ssda903 import ssda903_write
from sightline.returns.produce.years import CollectionYear


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--as-at {value!r} is not a date of the form YYYY-MM-DD") from error


class Command(BaseCommand):
    help = "Produce the CIN census XML, the SSDA903 CSV tables or the Ofsted Annex A workbook."

    def add_arguments(self, parser):
        returns = parser.add_subparsers(dest="return_kind", required=True, metavar="RETURN")
        for kind, what in (
            ("cin", "the CIN census XML (FILE.xml)"),
            ("ssda903", "the SSDA903 tables, one CSV per table (DIR)"),
            ("annex-a", "the Ofsted Annex A workbook (FILE.xlsx)"),
        ):
            sub = returns.add_parser(kind, help=f"write {what}")
            sub.add_argument("--out", required=True, type=Path)
            sub.add_argument(
                "--actor",
                metavar="USERNAME",
                help="the user producing the return, named in the audit (default: the system)",
            )
            if kind == "annex-a":
                sub.add_argument("--as-at", required=True, metavar="YYYY-MM-DD")
                sub.add_argument("--months", type=int, default=6, help="window length (default 6)")
            else:
                sub.add_argument("--year", required=True, metavar="2025-26")
                sub.add_argument(
                    "--as-at",
                    metavar="YYYY-MM-DD",
                    help="read the record as it stood on this day (default: the reference date)",
                )

    def handle(self, *args, return_kind, out, actor=None, **options):
        user = actor_lookup(actor) if actor else None
        try:
            if return_kind == "annex-a":
                self._annex_a(out, _day(options["as_at"]), options["months"], user)
                return
            as_at = _day(options["as_at"]) if options.get("as_at") else None
            try:
                year = CollectionYear.parse(options["year"], as_at=as_at)
            except ValueError as error:
                raise CommandError(str(error)) from error
            if return_kind == "cin":
                self._cin(year, out, user)
            else:
                self._ssda903(year, out, user)
        except ReturnError as error:
            raise CommandError(str(error)) from error

    def _cin(self, year, out, user):
        written = cin_census_write(year=year, out=out, actor=user)
        self.stdout.write(
            f"Wrote the {year.label} CIN census as at {year.as_at:%d %B %Y} to {written.path}: "
            f"{_count(written.children, 'child', 'children')}, "
            f"{_count(written.episodes, 'CIN episode', 'CIN episodes')}."
        )
        self._restricted(written.restricted_children)
        if written.previous_plans_raised_to_one:
            self.stderr.write(
                f"{written.previous_plans_raised_to_one:,} child protection plans had no previous "
                "plan; NumberOfPreviousCPP is written as 1 because the schema allows no 0 "
                "(docs/returns.md)."
            )

    def _ssda903(self, year, out, user):
        written = ssda903_write(year=year, out=out, actor=user)
        tables = ", ".join(f"{name} {count:,}" for name, count in written.rows.items())
        self.stdout.write(
            f"Wrote the {year.label} SSDA903 return as at {year.as_at:%d %B %Y} to "
            f"{written.directory}: {_count(written.children, 'child', 'children')} ({tables})."
        )

    def _annex_a(self, out, as_at, months, user):
        try:
            written = annex_a_write(as_at=as_at, out=out, months=months, actor=user)
        except ValueError as error:
            raise CommandError(str(error)) from error
        lists = ", ".join(f"List {number} {count:,}" for number, count in written.rows.items())
        self.stdout.write(
            f"Wrote Annex A as at {as_at:%d %B %Y} ({written.window.start:%d %B %Y} onward) to "
            f"{written.path}: {_count(written.children, 'child', 'children')} ({lists})."
        )

    def _restricted(self, count: int) -> None:
        if count:
            self.stderr.write(
                f"The return includes {count:,} restricted child{'ren' if count != 1 else ''}, "
                "as the DfE requires; the audit records it."
            )
