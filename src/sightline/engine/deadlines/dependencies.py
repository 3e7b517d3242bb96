"""Which rules read which frames: what to re-evaluate when one kind of record changes.

A one-child refresh after a visit is recorded need not re-evaluate the contact, assessment or
care-leaver rules: their answers cannot have changed. Each producer's reads are found by
running it once over an empty dataset through a recording view of the dataset, so the map can
never fall behind the rule modules. Frames that `_finish` and `as_known_at` read for every rule
(the child's allocations, workers and teams, CP plans and looked-after episodes, the child
row itself) change every rule's rows.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import date

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards.calendar import default_calendar
from sightline.standards.timescales import rulebook as default_rulebook

__all__ = ["EVERY_RULE_FRAMES", "rules_reading"]

# Read for every rule's rows: who is responsible (allocations, workers, teams), the CP and
# looked-after flags (cp_plans, lac_episodes) and the child's own dates (children).
EVERY_RULE_FRAMES = frozenset(
    {"children", "allocations", "workers", "teams", "cp_plans", "lac_episodes"}
)


class _RecordingDataset:
    """A dataset that notes every frame asked of it."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self.read: set[str] = set()

    def __getitem__(self, name: str):
        self.read.add(name)
        return self._dataset[name]

    def __getattr__(self, name: str):
        return getattr(self._dataset, name)


def _frames_read(producer: Producer) -> frozenset[str]:
    recording = _RecordingDataset(Dataset.from_frames())
    evaluation = Evaluation(recording, date(2025, 1, 1), default_rulebook(), default_calendar())
    producer.produce(evaluation)
    driving = (producer.frame,) if isinstance(producer.frame, str) else producer.frame
    return frozenset(recording.read) | frozenset(driving)


@functools.cache
def _reads() -> dict[str, frozenset[str]]:
    """Each rule ID and the frames its producer reads."""
    from sightline.engine.deadlines.evaluate import PRODUCERS

    reads: dict[str, frozenset[str]] = {}
    for rule_ids, producer in PRODUCERS.items():
        frames = _frames_read(producer)
        for rule_id in rule_ids:
            reads[rule_id] = reads.get(rule_id, frozenset()) | frames
    return reads


def rules_reading(frames: Collection[str]) -> tuple[str, ...] | None:
    """The rule IDs whose deadlines can change when rows of ``frames`` change, in catalogue
    order; None (meaning every rule) when one of them is read for every rule."""
    changed = set(frames)
    if changed & EVERY_RULE_FRAMES:
        return None
    return tuple(rule_id for rule_id, read in _reads().items() if read & changed)
