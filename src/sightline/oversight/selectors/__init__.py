"""Reads of deadlines for worklists and the child record, each scoped to the acting user.

`clocks` turns stored deadlines into what pages show, with statuses as at today; `worklists`
serves the worker, team and service views; `child` a child's own clocks; `rules` the rulebook
in force; `export` the analysts' command-line contract.
"""

from sightline.oversight.selectors.child import (
    CHILD_HISTORY_LIMIT,
    ChildClocks,
    ChildClockSummary,
    child_clock_summary,
    child_clocks,
)
from sightline.oversight.selectors.clocks import Clock, Freshness
from sightline.oversight.selectors.export import deadline_instances_as_at
from sightline.oversight.selectors.rules import timescale_rules
from sightline.oversight.selectors.worklists import (
    TEAM_PAGE_SIZE,
    ServiceOverview,
    TeamCounts,
    TeamWorklist,
    WorkerCounts,
    Worklist,
    service_for_actor,
    service_overview,
    team_for_actor,
    team_worklist,
    worklist_for_worker,
)

__all__ = [
    "CHILD_HISTORY_LIMIT",
    "TEAM_PAGE_SIZE",
    "ChildClockSummary",
    "ChildClocks",
    "Clock",
    "Freshness",
    "ServiceOverview",
    "TeamCounts",
    "TeamWorklist",
    "WorkerCounts",
    "Worklist",
    "child_clock_summary",
    "child_clocks",
    "deadline_instances_as_at",
    "service_for_actor",
    "service_overview",
    "team_for_actor",
    "team_worklist",
    "timescale_rules",
    "worklist_for_worker",
]
