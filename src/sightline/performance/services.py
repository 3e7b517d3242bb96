"""Writes of the performance area: the council's comparator figures and targets, from CSV.

A file is validated whole first (`standards.indicators.load_comparators` / `load_targets`,
every problem located by file, line, column and value); only a clean file replaces what was
loaded before, in one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from sightline.performance.figures import figures_invalidate
from sightline.performance.models import ComparatorFigure, LocalTarget
from sightline.standards.indicators import load_comparators, load_targets

__all__ = ["comparators_load", "targets_load"]


def comparators_load(*, path) -> int:
    """Replace the comparator figures with the file's; return how many were loaded."""
    figures = load_comparators(path)
    with transaction.atomic():
        ComparatorFigure.objects.all().delete()
        ComparatorFigure.objects.bulk_create(
            ComparatorFigure(
                indicator_id=f.indicator_id,
                comparator=f.comparator,
                year=f.year,
                value=f.value,
                source=f.source,
            )
            for f in figures
        )
        transaction.on_commit(figures_invalidate)
    return len(figures)


def targets_load(*, path) -> int:
    """Replace the council's targets with the file's; return how many were loaded."""
    targets = load_targets(path)
    with transaction.atomic():
        LocalTarget.objects.all().delete()
        LocalTarget.objects.bulk_create(
            LocalTarget(indicator_id=key, target=target, tolerance=tolerance)
            for key, (target, tolerance) in targets.items()
        )
        transaction.on_commit(figures_invalidate)
    return len(targets)
