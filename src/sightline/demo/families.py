"""The stream of planned families, in arrival order; planned in a second process when large.

Planning a family (`journeys`) needs nothing from the database and draws from its own random
stream, so a large council plans in a forked child process while this one writes records: on two
cores that takes planning off the critical path. The families, and so the council, are the same
whichever way they are planned.
"""

from __future__ import annotations

import multiprocessing
import queue
import sys
import traceback
from collections.abc import Iterator

from sightline.demo.context import SeedContext
from sightline.demo.journeys import FamilyPlanner
from sightline.demo.plans import FamilyPlan

# Below this many children planning is quick enough that a second process is not worth starting.
BACKGROUND_FROM_POPULATION = 100_000
_BATCH = 250


def planned_families(ctx: SeedContext) -> Iterator[FamilyPlan]:
    """Every family whose story reaches into the history window, in arrival order."""
    planner = FamilyPlanner(ctx)
    for day, kind in planner.arrivals():
        family = planner.plan(day, kind)
        if family.last_activity >= ctx.window_start:
            yield family


def _plan_into(ctx: SeedContext, families: multiprocessing.Queue) -> None:
    try:
        batch = []
        for family in planned_families(ctx):
            batch.append(family)
            if len(batch) == _BATCH:
                families.put(batch)
                batch = []
        families.put(batch)
        families.put(None)
    except BaseException:
        families.put(traceback.format_exc())
        raise


class FamilySource:
    """Iterate over planned families; call `start` before any thread or transaction work."""

    def __init__(self, ctx: SeedContext, *, background: bool | None = None):
        self.ctx = ctx
        if background is None:
            background = ctx.population >= BACKGROUND_FROM_POPULATION
        # Forking is safe here only because the child touches nothing but plain Python objects;
        # on platforms without fork, plan in this process.
        self.background = background and sys.platform.startswith("linux")
        self._process = None
        self._queue = None

    def start(self) -> None:
        if self.background:
            context = multiprocessing.get_context("fork")
            self._queue = context.Queue(maxsize=32)
            self._process = context.Process(
                target=_plan_into, args=(self.ctx, self._queue), name="demo-planner", daemon=True
            )
            self._process.start()

    def __iter__(self) -> Iterator[FamilyPlan]:
        if self._process is None:
            yield from planned_families(self.ctx)
            return
        while True:
            try:
                batch = self._queue.get(timeout=2)
            except queue.Empty:
                if not self._process.is_alive():
                    code = self._process.exitcode
                    raise RuntimeError(f"The family planner stopped (exit code {code})") from None
                continue
            if batch is None:
                break
            if isinstance(batch, str):
                raise RuntimeError(f"The family planner failed:\n{batch}")
            yield from batch
        self._process.join()

    def close(self) -> None:
        """Stop the planning process if the seed ended early."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
