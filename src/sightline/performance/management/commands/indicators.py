"""`sightline indicators --as-at DATE`: every indicator at a level, for a trend, as CSV.

Figures are worked out afresh from the live record as known on each date (the engine's
``evaluate_indicators`` over the loaded `Dataset`), never from stored snapshots. The extract
holds counts and rates only, never a child's identity, so it is not written to the access
audit as an export (the children behind a figure are listed only through the audited
performance screens).
"""

from __future__ import annotations

import csv
import io
import math

import polars as pl
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sightline.engine.indicators import LEVELS, NOT_AVAILABLE, evaluate_indicators
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.management.commands._as_at import parse_as_at
from sightline.oversight.services import council_standards
from sightline.standards.indicators import (
    INDICATORS,
    IndicatorFileError,
    load_targets,
    with_targets,
)

HEADER = (
    "indicator_id",
    "level",
    "unit",
    "period_start",
    "period_end",
    "numerator",
    "denominator",
    "value",
    "england",
    "target",
    "rag",
)


def _number(value: float | None, places: int | None = None) -> str:
    """A figure as text: whole numbers without a decimal point; empty for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if places is not None:
        value = round(value, places)
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


class Command(BaseCommand):
    help = (
        "Write one CSV row per indicator, unit and month (ISO dates; empty where not "
        "applicable) as at a date, to stdout or to --out."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            nargs="?",
            choices=["load-comparators", "load-targets"],
            help="load-comparators FILE.csv / load-targets FILE.csv: store the council's "
            "comparator figures or targets (docs/indicators.md), replacing those loaded before",
        )
        parser.add_argument("file", nargs="?", metavar="FILE.csv")
        parser.add_argument("--as-at", metavar="YYYY-MM-DD")
        parser.add_argument("--level", choices=LEVELS, default="council")
        parser.add_argument(
            "--months",
            type=int,
            default=1,
            metavar="N",
            help="values for the as-at date and the N-1 month ends before it (default 1)",
        )
        parser.add_argument("--out", metavar="FILE.csv", help="write here instead of stdout")
        parser.add_argument(
            "--targets",
            metavar="FILE.csv",
            help="the council's targets (indicator_id,target,tolerance; see docs/indicators.md)",
        )

    def handle(self, *args, **options):
        if options["action"]:
            if not options["file"]:
                raise CommandError(f"{options['action']} needs a FILE.csv")
            from sightline.performance.services import comparators_load, targets_load

            load = comparators_load if options["action"] == "load-comparators" else targets_load
            try:
                count = load(path=options["file"])
            except IndicatorFileError as error:
                raise CommandError(
                    f"{options['file']} was not loaded (nothing changed):\n{error}"
                ) from None
            except OSError as error:
                raise CommandError(f"{options['file']} cannot be read: {error}") from None
            self.stdout.write(f"Loaded {count} rows from {options['file']}.")
            return
        if not options["as_at"]:
            raise CommandError("the following arguments are required: --as-at")
        as_at = parse_as_at(options["as_at"])
        months = options["months"]
        if months < 1 or months > 120:
            raise CommandError(f"--months must be a whole number from 1 to 120; got {months}")
        indicators = INDICATORS
        if options["targets"]:
            try:
                indicators = with_targets(load_targets(options["targets"]))
            except IndicatorFileError as error:
                raise CommandError(f"--targets cannot be used:\n{error}") from None
            except OSError as error:
                raise CommandError(f"--targets cannot be read: {error}") from None
        rulebook, calendar = council_standards()
        result = evaluate_indicators(
            load_dataset(),
            as_at,
            months=months,
            levels=[options["level"]],
            indicators=indicators,
            child_population=settings.SIGHTLINE_CHILD_POPULATION,
            rulebook=rulebook,
            calendar=calendar,
        )
        rows = result.values.filter(pl.col("level") == options["level"])
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows.iter_rows(named=True):
            writer.writerow(
                [
                    row["indicator_id"],
                    row["level"],
                    row["unit"],
                    row["period_start"].isoformat(),
                    row["period_end"].isoformat(),
                    _number(row["numerator"]),
                    _number(row["denominator"]),
                    _number(row["value"], 2),
                    _number(row["england"]),
                    _number(row["target"]),
                    row["rag"] or "",
                ]
            )
        if options["out"]:
            try:
                with open(options["out"], "w", encoding="utf-8", newline="") as out:
                    out.write(text.getvalue())
            except OSError as error:
                raise CommandError(f"--out cannot be written: {error}") from None
            self.stderr.write(
                f"Wrote {rows.height} rows ({options['level']} level, {months} month"
                f"{'s' if months != 1 else ''} to {as_at.isoformat()}) to {options['out']}"
            )
        else:
            self.stdout.write(text.getvalue(), ending="")
        missing = [i.id for i in indicators if not i.available]
        if missing:
            self.stderr.write(f"{', '.join(missing)}: {NOT_AVAILABLE} (figures left empty).")
