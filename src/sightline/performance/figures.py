"""Every indicator's figures for an as-at date, computed once and kept until the record changes.

Computing the whole catalogue for 24 month ends at every level is seconds of work for a large
council (``bench/indicators_bench.py``), so pages never compute it themselves on a cache hit:
``figures_for(as_at)`` returns the kept ``Figures`` while they are still current.

When kept figures stop being current (docs/adr/0017-performance-figures-cache.md):

- **a write through the ORM** to any model that feeds the `Dataset` (any save or delete, from
  a service, the admin or the shell) bumps a generation number;
- **a bulk write** that sends no signal (the demo seed, an import) still moves the largest
  primary key of some table that feeds the `Dataset`, which is part of the key;
- **the council's targets or comparators** change the key too (their own generation);
- and, whatever happens, figures are never kept longer than ``SIGHTLINE_PERFORMANCE_CACHE_SECONDS``
  (default 15 minutes), so an edit made outside the ORM shows within that time.

The generation lives in Django's cache (shared by every server process when a shared cache is
configured); the figures themselves in this process's memory, at most ``_KEPT`` as-at dates.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from sightline.engine.indicators import IndicatorResult, evaluate_indicators
from sightline.oversight.dataset_loader import _SOURCES, load_dataset
from sightline.oversight.services import council_standards
from sightline.standards.indicators import INDICATORS, Indicator

__all__ = [
    "TREND_MONTHS",
    "Figures",
    "connect_invalidation",
    "figures_for",
    "figures_invalidate",
]

TREND_MONTHS = 24
_KEPT = 2
_GENERATION_KEY = "sightline:performance:generation"
_lock = threading.Lock()
_kept: OrderedDict[tuple, Figures] = OrderedDict()


@dataclass
class Figures:
    """Every indicator at every level for 24 month ends to ``as_at``, with the units' names."""

    as_at: date
    result: IndicatorResult
    indicators: tuple[Indicator, ...]
    service_names: dict[int, str]
    computed_at: datetime
    seconds: float
    comparators: dict[str, list] = field(default_factory=dict)
    # Frames cut once for the pages: the latest point and each indicator's council trend.
    _by_level: dict[str, pl.DataFrame] = field(default_factory=dict, repr=False)

    @property
    def points(self) -> tuple[date, ...]:
        return self.result.points.days

    def level(self, level: str) -> pl.DataFrame:
        """The values of one level, every point (cut once, then kept)."""
        if level not in self._by_level:
            frame = self.result.values.filter(pl.col("level") == level)
            if level == "service":
                frame = frame.with_columns(
                    unit=pl.col("unit_id").replace_strict(
                        self.service_names, default=pl.col("unit"), return_dtype=pl.String
                    )
                )
            self._by_level[level] = frame
        return self._by_level[level]

    def indicator(self, indicator_id: str) -> Indicator:
        for item in self.indicators:
            if item.id == indicator_id:
                return item
        raise KeyError(indicator_id)


def _generation() -> int:
    return cache.get(_GENERATION_KEY, 0)


def figures_invalidate() -> None:
    """Mark every kept figure stale (a write that feeds the Dataset, new targets...)."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, timeout=None)


def _fingerprint() -> tuple:
    """The largest primary key of every table feeding the Dataset: moves on any insert."""
    labels = sorted({source.model for source in _SOURCES.values()})
    return tuple(
        apps.get_model(label)._base_manager.aggregate(top=Max("pk"))["top"] for label in labels
    )


def _local_standards() -> tuple[tuple[Indicator, ...], dict[str, list], tuple]:
    """The catalogue with the council's targets, its comparator figures, and their version."""
    from sightline.performance.models import ComparatorFigure, LocalTarget

    targets = {row.indicator_id: (row.target, row.tolerance) for row in LocalTarget.objects.all()}
    from sightline.standards.indicators import with_targets

    comparators: dict[str, list] = {}
    for row in ComparatorFigure.objects.order_by("indicator_id", "comparator", "-year"):
        comparators.setdefault(row.indicator_id, []).append(row)
    version = (
        LocalTarget.objects.aggregate(top=Max("updated_at"))["top"],
        ComparatorFigure.objects.aggregate(top=Max("loaded_at"))["top"],
        len(targets),
        sum(len(v) for v in comparators.values()),
    )
    return with_targets(targets, INDICATORS), comparators, version


def _compute(as_at: date, indicators, comparators) -> Figures:
    from sightline.workforce.models import Service

    started = time.perf_counter()
    rulebook, calendar = council_standards()
    result = evaluate_indicators(
        load_dataset(),
        as_at,
        months=TREND_MONTHS,
        indicators=indicators,
        child_population=settings.SIGHTLINE_CHILD_POPULATION,
        rulebook=rulebook,
        calendar=calendar,
    )
    return Figures(
        as_at=as_at,
        result=result,
        indicators=indicators,
        service_names=dict(Service.objects.values_list("pk", "name")),
        computed_at=timezone.now(),
        seconds=time.perf_counter() - started,
        comparators=comparators,
    )


def figures_for(as_at: date) -> Figures:
    """The figures as at ``as_at``: the kept ones if still current, else computed now."""
    indicators, comparators, version = _local_standards()
    key = (as_at, _generation(), _fingerprint(), version)
    max_age = settings.SIGHTLINE_PERFORMANCE_CACHE_SECONDS
    with _lock:
        kept = _kept.get(key)
        if kept is not None and (timezone.now() - kept.computed_at).total_seconds() <= max_age:
            _kept.move_to_end(key)
            return kept
    figures = _compute(as_at, indicators, comparators)
    with _lock:
        for old in [k for k in _kept if k[0] == as_at]:
            del _kept[old]
        _kept[key] = figures
        while len(_kept) > _KEPT:
            _kept.popitem(last=False)
    return figures


def figures_forget() -> None:
    """Drop every kept figure from this process (tests; memory)."""
    with _lock:
        _kept.clear()


def _fields_read(label: str) -> set[str]:
    return {
        column.split("__")[0]
        for source in _SOURCES.values()
        if source.model == label
        for column in source.columns.values()
    }


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    fields = kwargs.get("update_fields")
    if fields and not set(fields) & (_fields_read(sender._meta.label) | {"pk", "id"}):
        # e.g. a sign-in stamping ``last_login``: nothing the Dataset reads changed.
        return
    # At once, not on commit: the clock refresh that follows a write is the one on-commit
    # callback a write registers. A page computed between this save and its commit reads the
    # old record and is kept under the new generation; an insert moves the primary-key
    # fingerprint again once committed, and the time limit bounds the rest.
    figures_invalidate()


def connect_invalidation() -> None:
    """Connect the signals that mark figures stale (called from the app's ``ready``)."""
    for label in sorted({source.model for source in _SOURCES.values()}):
        model = apps.get_model(label)
        post_save.connect(_changed, sender=model, dispatch_uid=f"performance.figures.{label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"performance.figures.d.{label}")
