"""Benchmark: the vectorised deadline engine against a naive per-child Python loop.

Builds a synthetic `Dataset` for a council of about 300,000 people over five years (about
60,000 children known, 250,000 contacts, 80,000 referrals, 150,000+ visits) straight from
numpy, then times:

* the full evaluation of every timescale rule (median of several runs);
* the same subset of rules through the engine and through a deliberately naive evaluator that
  loops over children in Python with the scalar calendar (extrapolated from a sample when the
  whole loop would take too long), checking on the sample that both give the same deadlines;
* one child's evaluation (``dataset.for_children([id])``), as a case page would run it.

Run: ``.venv/bin/python bench/engine_bench.py [--children 60000] [--runs 5]``. Prints a markdown
table for ``bench/results.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections import defaultdict
from datetime import date

import numpy as np
import polars as pl

from sightline.engine.as_at import as_known_at
from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import CHILD_RULE_IDS, evaluate_deadlines
from sightline.standards.calendar import (
    UK_TIMEZONE,
    WorkingCalendar,
    add_months,
    default_calendar,
)
from sightline.standards.timescales import rulebook

AS_AT = date(2025, 3, 31)
FIRST_DAY = date(2020, 4, 1)
DAYS = (AS_AT - FIRST_DAY).days
NAIVE_RULES = (
    "T-CONTACT-DECISION",
    "T-REFERRAL-DECISION",
    "T-ASSESSMENT",
    "T-CP-VISIT",
    "T-CIN-VISIT",
    "T-LAC-REVIEW-1",
    "T-LAC-REVIEW-2",
    "T-LAC-REVIEW",
)


# --- Synthetic council --------------------------------------------------------------------


class Council:
    """Generates one synthetic council's records, all arrays, no per-row Python."""

    def __init__(self, children: int, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self.children = children
        self.first = np.datetime64(FIRST_DAY, "D")
        self.last = np.datetime64(AS_AT, "D")
        self._ids = defaultdict(int)

    def ids(self, kind: str, n: int) -> np.ndarray:
        start = self._ids[kind]
        self._ids[kind] += n
        return np.arange(start + 1, start + n + 1, dtype=np.int64)

    def days(self, n: int, low: int = 0, high: int = DAYS) -> np.ndarray:
        return self.first + self.rng.integers(low, high, n).astype("timedelta64[D]")

    def after(self, dates: np.ndarray, low: int, high: int) -> np.ndarray:
        return dates + self.rng.integers(low, high, len(dates)).astype("timedelta64[D]")

    def known(self, dates: np.ndarray) -> np.ndarray:
        """Dates after the as-at date become NaT: not yet happened when extracted."""
        return np.where(dates > self.last, np.datetime64("NaT"), dates)

    def recurring(self, child, starts, ends, gap_low, gap_high):
        """Events from each start every gap_low..gap_high days until its end (or the as-at)."""
        ends = np.where(np.isnat(ends), self.last, ends)
        span = (ends - starts).astype(np.int64)
        count = np.maximum(span // ((gap_low + gap_high) // 2), 0) + 1
        owner = np.repeat(np.arange(len(starts)), count)
        gaps = self.rng.integers(gap_low, gap_high + 1, len(owner))
        # Running total of gaps within each owner's run: the first event is one gap after start.
        total = np.cumsum(gaps)
        first = np.cumsum(count) - count
        offset = total - np.repeat(total[first] - gaps[first], count)
        dates = starts[owner] + offset.astype("timedelta64[D]")
        keep = dates <= np.minimum(ends[owner], self.last)
        return child[owner][keep], dates[keep], owner[keep]

    def build(self) -> Dataset:
        rng, n = self.rng, self.children
        child_ids = self.ids("child", n)
        dob = self.first - rng.integers(-5 * 365, 17 * 365, n).astype("timedelta64[D]")
        frames = {"children": {"child_id": child_ids, "date_of_birth": self.known(dob)}}

        # Front door: contacts about a skewed choice of children (some known many times).
        # Most children are known once or twice; a few families many times.
        weights = np.minimum(rng.lognormal(0.0, 1.0, n), 20.0)
        contact_child = rng.choice(child_ids, 250_000, p=weights / weights.sum())
        received = self.days(len(contact_child))
        minutes = rng.integers(7 * 60, 20 * 60, len(received))
        received_at = received.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
        harm = rng.random(len(received)) < 0.03
        decided_at = received_at + rng.integers(10, 3 * 24 * 60, len(received)).astype(
            "timedelta64[m]"
        )
        decided_at = np.where(
            decided_at > self.last.astype("datetime64[m]"), np.datetime64("NaT"), decided_at
        )
        contact_ids = self.ids("contact", len(received))
        frames["contacts"] = {
            "contact_id": contact_ids,
            "child_id": contact_child,
            "received_at": received_at,
            "significant_harm_suspected": harm,
            "decision": np.where(np.isnat(decided_at), None, "REFERRAL"),
            "decided_at": decided_at,
        }

        # Referrals from about a third of contacts, always those with significant harm.
        to_referral = harm | (rng.random(len(received)) < 0.30)
        pick = np.flatnonzero(to_referral)[:80_000]
        ref_ids = self.ids("referral", len(pick))
        ref_child, ref_date = contact_child[pick], received[pick]
        nfa = (rng.random(len(pick)) < 0.12) & ~harm[pick]
        closure = self.known(self.after(ref_date, 10, 300))
        frames["referrals"] = {
            "referral_id": ref_ids,
            "child_id": ref_child,
            "contact_id": contact_ids[pick],
            "referral_date": ref_date,
            "decided_on": self.known(self.after(ref_date, 0, 3)),
            "no_further_action": nfa,
            "closure_date": closure,
            "closure_reason": np.where(np.isnat(closure), None, "RC7"),
        }

        # Assessments for referrals taken further.
        assessed = np.flatnonzero(~nfa)
        a_start = self.after(ref_date[assessed], 0, 4)
        authorised = self.known(self.after(a_start, 10, 80))
        frames["assessments"] = {
            "assessment_id": self.ids("assessment", len(assessed)),
            "referral_id": ref_ids[assessed],
            "child_id": ref_child[assessed],
            "start_date": a_start,
            "child_seen_on": self.known(self.after(a_start, 0, 9)),
            "authorised_on": authorised,
            "outcome": np.where(np.isnat(authorised), None, "CIN_PLAN"),
        }

        # Strategy discussions and section 47 enquiries for significant harm.
        harmful = np.flatnonzero(harm[pick])
        st_ids = self.ids("strategy", len(harmful))
        held = self.known(self.after(ref_date[harmful], 0, 3))
        keep = ~np.isnat(held)
        harmful, st_ids, held = harmful[keep], st_ids[keep], held[keep]
        frames["strategy_discussions"] = {
            "strategy_id": st_ids,
            "referral_id": ref_ids[harmful],
            "child_id": ref_child[harmful],
            "held_on": held,
            "decision": np.full(len(held), "S47"),
        }
        icpc_needed = rng.random(len(held)) < 0.35
        s47_end = self.known(self.after(held, 5, 30))
        frames["section47_enquiries"] = {
            "s47_id": (s47_ids := self.ids("s47", len(held))),
            "referral_id": ref_ids[harmful],
            "child_id": ref_child[harmful],
            "strategy_id": st_ids,
            "start_date": held,
            "end_date": s47_end,
            "icpc_required": np.where(np.isnat(s47_end), None, icpc_needed),
        }

        # Initial conferences and child protection plans.
        conf = np.flatnonzero(icpc_needed)
        icpc_date = self.known(self.after(held[conf], 7, 30))
        ok = ~np.isnat(icpc_date)
        conf, icpc_date = conf[ok], icpc_date[ok]
        cp_child = ref_child[harmful][conf]
        plan_ids = self.ids("cp_plan", len(conf))
        plan_end = self.known(self.after(icpc_date, 90, 540))
        frames["cp_plans"] = {
            "plan_id": plan_ids,
            "child_id": cp_child,
            "referral_id": ref_ids[harmful][conf],
            "start_date": icpc_date,
            "end_date": plan_end,
        }
        rc_child, rc_date, rc_owner = self.recurring(cp_child, icpc_date, plan_end, 85, 185)
        frames["conferences"] = {
            "conference_id": self.ids("conference", len(conf) + len(rc_date)),
            "child_id": np.concatenate([cp_child, rc_child]),
            "s47_id": np.concatenate([s47_ids[conf], np.zeros(len(rc_date), np.int64)]),
            "plan_id": np.concatenate([plan_ids, plan_ids[rc_owner]]),
            "kind": np.concatenate(
                [np.full(len(conf), "INITIAL"), np.full(len(rc_date), "REVIEW")]
            ),
            "date": np.concatenate([icpc_date, rc_date]),
        }
        frames["conferences"]["s47_id"] = np.where(
            frames["conferences"]["s47_id"] == 0, None, frames["conferences"]["s47_id"]
        )
        cg_child, cg_date, cg_owner = self.recurring(cp_child, icpc_date, plan_end, 20, 45)
        frames["core_groups"] = {
            "core_group_id": self.ids("core_group", len(cg_date)),
            "plan_id": plan_ids[cg_owner],
            "child_id": cg_child,
            "date": cg_date,
        }
        cpv_child, cpv_date, _ = self.recurring(cp_child, icpc_date, plan_end, 6, 18)

        # Child in need plans after assessments.
        cin = np.flatnonzero(~np.isnat(authorised) & (rng.random(len(authorised)) < 0.10))
        cin_child, cin_start = ref_child[assessed][cin], authorised[cin]
        cin_end = self.known(self.after(cin_start, 60, 450))
        cin_ids = self.ids("cin_plan", len(cin))
        frames["cin_plans"] = {
            "plan_id": cin_ids,
            "child_id": cin_child,
            "referral_id": ref_ids[assessed][cin],
            "start_date": cin_start,
            "end_date": cin_end,
        }
        cr_child, cr_date, cr_owner = self.recurring(cin_child, cin_start, cin_end, 70, 110)
        frames["cin_plan_reviews"] = {
            "review_id": self.ids("cin_review", len(cr_date)),
            "plan_id": cin_ids[cr_owner],
            "child_id": cr_child,
            "date": cr_date,
        }
        cinv_child, cinv_date, _ = self.recurring(cin_child, cin_start, cin_end, 12, 35)

        # Looked-after children: periods of care split into placements.
        lac_children = rng.choice(child_ids, 1_800, replace=False)
        lac_start = self.days(len(lac_children), 0, DAYS - 30)
        lac_end = self.known(self.after(lac_start, 30, 1_500))
        moves = rng.integers(1, 4, len(lac_children))
        owner = np.repeat(np.arange(len(lac_children)), moves)
        nth = np.arange(len(owner)) - np.repeat(np.cumsum(moves) - moves, moves)
        span = np.where(np.isnat(lac_end), self.last, lac_end) - lac_start
        ep_start = lac_start[owner] + (span[owner] * nth // moves[owner])
        is_last = nth == moves[owner] - 1
        ep_end = np.where(
            is_last, lac_end[owner], lac_start[owner] + (span[owner] * (nth + 1) // moves[owner])
        )
        frames["lac_episodes"] = {
            "episode_id": self.ids("episode", len(owner)),
            "child_id": lac_children[owner],
            "start_date": ep_start,
            "end_date": ep_end,
            "reason_new_episode": np.where(nth == 0, "S", "P"),
            "legal_status": rng.choice(["C1", "C2", "V2", "E1"], len(owner)),
            "placement_type": rng.choice(["U4", "U6", "U3", "K2", "P1"], len(owner)),
            "reason_ceased": np.where(np.isnat(ep_end), None, np.where(is_last, "E4A", "X1")),
        }
        lr_child, lr_date, _ = self.recurring(lac_children, lac_start, lac_end, 25, 180)
        frames["lac_reviews"] = {
            "review_id": self.ids("lac_review", len(lr_date)),
            "child_id": lr_child,
            "date": lr_date,
        }
        lacv_child, lacv_date, _ = self.recurring(lac_children, lac_start, lac_end, 20, 50)
        for name, id_name, low, high in (
            ("health_assessments", "health_assessment_id", 25, 370),
            ("dental_checks", "dental_check_id", 60, 400),
            ("sdq_scores", "sdq_id", 200, 400),
            ("education_plans", "pep_id", 25, 110),
        ):
            h_child, h_date, _ = self.recurring(lac_children, lac_start, lac_end, low, high)
            frames[name] = {
                id_name: self.ids(name, len(h_date)),
                "child_id": h_child,
                "date": h_date,
            }
        frames["permanence_plans"] = {
            "permanence_id": self.ids("permanence", len(lac_children)),
            "child_id": lac_children,
            "recorded_on": self.known(self.after(lac_start, 30, 200)),
            "plan": np.full(len(lac_children), "RETURN_HOME"),
        }
        m_child = rng.choice(lac_children, 3_000)
        m_start = self.days(len(m_child))
        m_end = self.known(self.after(m_start, 0, 4))
        frames["missing_episodes"] = {
            "missing_id": self.ids("missing", len(m_child)),
            "child_id": m_child,
            "kind": rng.choice(["M", "A"], len(m_child), p=[0.8, 0.2]),
            "start_date": m_start,
            "end_date": m_end,
            "return_interview_offered_on": self.known(self.after(m_end, 0, 6)),
        }
        proceedings = rng.choice(lac_children, 700, replace=False)
        issued = self.days(len(proceedings))
        frames["care_proceedings"] = {
            "proceedings_id": self.ids("proceedings", len(proceedings)),
            "child_id": proceedings,
            "issued_on": issued,
            "final_order_on": self.known(self.after(issued, 120, 260)),
            "extension_weeks": rng.choice([0, 0, 0, 8], len(proceedings)),
        }
        leavers = rng.choice(lac_children, 600, replace=False)
        eligible = self.days(len(leavers))
        frames["care_leavers"] = {
            "child_id": leavers,
            "eligibility": rng.choice(["ELIGIBLE", "RELEVANT", "FORMER_RELEVANT"], len(leavers)),
            "eligible_from": eligible,
        }
        pp_child, pp_date, _ = self.recurring(
            leavers, eligible, np.full(len(leavers), np.datetime64("NaT")), 60, 190
        )
        frames["pathway_plans"] = {
            "pathway_id": self.ids("pathway", len(pp_date)),
            "child_id": pp_child,
            "date": pp_date,
            "is_review": np.ones(len(pp_date), bool),
        }
        pa_child, pa_date, _ = self.recurring(
            leavers, eligible, np.full(len(leavers), np.datetime64("NaT")), 20, 70
        )
        frames["care_leaver_contacts"] = {
            "cl_contact_id": self.ids("cl_contact", len(pa_date)),
            "child_id": pa_child,
            "date": pa_date,
            "in_touch": rng.choice(["YES", "NO"], len(pa_date), p=[0.9, 0.1]),
        }

        # Visits: CP, CIN and looked-after, with a few where the child was not seen.
        v_child = np.concatenate([cpv_child, cinv_child, lacv_child])
        v_date = np.concatenate([cpv_date, cinv_date, lacv_date])
        v_kind = np.concatenate(
            [
                np.full(len(cpv_date), "CP"),
                np.full(len(cinv_date), "CIN"),
                np.full(len(lacv_date), "LAC"),
            ]
        )
        seen = rng.random(len(v_date)) < 0.93
        frames["visits"] = {
            "visit_id": self.ids("visit", len(v_date)),
            "child_id": v_child,
            "date": v_date,
            "kind": v_kind,
            "child_seen": seen,
            "seen_alone": seen & (rng.random(len(v_date)) < 0.5),
        }

        # Workforce: teams, workers, allocations per referral, supervision, oversight.
        teams = self.ids("team", 40)
        frames["teams"] = {"team_id": teams, "name": [f"Team {t}" for t in teams]}
        workers = self.ids("worker", 1_200)
        started = self.days(len(workers), -2_000, DAYS - 60)
        left = self.known(self.after(started, 200, 3_000))
        frames["workers"] = {
            "worker_id": workers,
            "name": [f"Worker {w}" for w in workers],
            "role": rng.choice(
                ["SOCIAL_WORKER", "SENIOR_PRACTITIONER", "TEAM_MANAGER"], len(workers)
            ),
            "team_id": rng.choice(teams, len(workers)),
            "qualified_on": self.after(started, -800, 30),
            "started_on": started,
            "left_on": left,
        }
        alloc_worker = rng.choice(workers, len(ref_ids))
        frames["allocations"] = {
            "allocation_id": self.ids("allocation", len(ref_ids)),
            "child_id": ref_child,
            "team_id": frames["workers"]["team_id"][alloc_worker - 1],
            "worker_id": np.where(rng.random(len(ref_ids)) < 0.95, alloc_worker, None),
            "start_date": self.after(ref_date, 0, 3),
            "end_date": closure,
        }
        sup_worker, sup_date, _ = self.recurring(
            workers, np.maximum(started, self.first), left, 20, 40
        )
        frames["supervisions"] = {
            "supervision_id": self.ids("supervision", len(sup_date)),
            "worker_id": sup_worker,
            "date": sup_date,
        }
        o_child, o_date, _ = self.recurring(ref_child, ref_date, closure, 20, 60)
        frames["oversight"] = {
            "oversight_id": self.ids("oversight", len(o_date)),
            "child_id": o_child,
            "recorded_at": o_date.astype("datetime64[m]") + np.timedelta64(10 * 60, "m"),
            "manager_id": rng.choice(workers, len(o_date)),
        }
        return Dataset.from_frames(
            source="synthetic benchmark council",
            **{name: _frame(columns) for name, columns in frames.items()},
        )


def _frame(columns: dict) -> pl.DataFrame:
    series = []
    for name, values in columns.items():
        array = np.asarray(values)
        if array.dtype.kind == "M" and np.datetime_data(array.dtype)[0] == "m":
            series.append(
                pl.Series(name, array.astype("datetime64[us]")).dt.replace_time_zone("UTC")
            )
        elif array.dtype == object:
            series.append(pl.Series(name, list(array)))
        else:
            series.append(pl.Series(name, array))
    return pl.DataFrame(series)


# --- The naive baseline -------------------------------------------------------------------


def naive_deadlines(dataset: Dataset, as_at: date, calendar: WorkingCalendar, child_ids) -> list:
    """Evaluate ``NAIVE_RULES`` one child at a time with scalar date arithmetic.

    This is how the engine would look written as ordinary per-record Python (as a Django view
    iterating over querysets would): group each frame's rows by child, then loop. Returns
    (child_id, rule_id, record_id, clock_start, due, met_on, status) tuples.
    """
    known = as_known_at(dataset, as_at)
    by_child = {
        name: _rows_by_child(known[name])
        for name in (
            "contacts",
            "referrals",
            "assessments",
            "cp_plans",
            "cin_plans",
            "visits",
            "lac_episodes",
            "lac_reviews",
        )
    }
    referral_dates = dict(known["referrals"].select("referral_id", "referral_date").iter_rows())
    soon = calendar.add_working_days(as_at, 5)
    rules = rulebook()
    results = []

    def status(due, met_on):
        if met_on is not None:
            return "met" if met_on <= due else "met_late"
        if due < as_at:
            return "overdue"
        return "due_soon" if due <= soon else "pending"

    def add(child, rule, record, start, due, met_on, context_end=None):
        if met_on is None and context_end is not None and context_end < due:
            return
        results.append((child, rule, record, start, due, met_on, status(due, met_on)))

    def uk_day(instant):
        return instant.astimezone(UK_TIMEZONE).date() if instant is not None else None

    for child in child_ids:
        for contact in by_child["contacts"].get(child, []):
            start = calendar.clock_start_for(contact["received_at"])
            due = calendar.add_working_days(start, 1)
            add(
                child,
                "T-CONTACT-DECISION",
                contact["contact_id"],
                start,
                due,
                uk_day(contact["decided_at"]),
            )
        for referral in by_child["referrals"].get(child, []):
            start = referral["referral_date"]
            add(
                child,
                "T-REFERRAL-DECISION",
                referral["referral_id"],
                start,
                calendar.add_working_days(start, 1),
                referral["decided_on"],
            )
        for assessment in by_child["assessments"].get(child, []):
            start = referral_dates.get(assessment["referral_id"]) or assessment["start_date"]
            add(
                child,
                "T-ASSESSMENT",
                assessment["assessment_id"],
                start,
                calendar.add_working_days(start, 45),
                assessment["authorised_on"],
            )
        seen_days = sorted(
            {
                v["date"]
                for v in by_child["visits"].get(child, [])
                if v["child_seen"] and v["kind"] in ("CP", "CIN", "LAC", "ASSESSMENT")
            }
        )
        for frame, rule, n in (("cp_plans", "T-CP-VISIT", 10), ("cin_plans", "T-CIN-VISIT", 20)):
            for plan in by_child[frame].get(child, []):
                start, end = plan["start_date"], plan["end_date"]
                inside = [d for d in seen_days if d >= start and (end is None or d <= end)]
                anchors = [start, *inside]
                for i, anchor in enumerate(anchors):
                    met = anchors[i + 1] if i + 1 < len(anchors) else None
                    add(
                        child,
                        rule,
                        plan["plan_id"],
                        anchor,
                        calendar.add_working_days(anchor, n),
                        met,
                        end,
                    )
        periods = _naive_periods(by_child["lac_episodes"].get(child, []))
        review_days = sorted({r["date"] for r in by_child["lac_reviews"].get(child, [])})
        for period_id, start, end in periods:
            inside = [d for d in review_days if d >= start and (end is None or d <= end)]
            anchors = [start, *inside]
            for i, anchor in enumerate(anchors):
                met = anchors[i + 1] if i + 1 < len(anchors) else None
                if i == 0:
                    rule, due = "T-LAC-REVIEW-1", calendar.add_working_days(anchor, 20)
                elif i == 1:
                    rule, due = "T-LAC-REVIEW-2", add_months(anchor, 3)
                else:
                    rule, due = "T-LAC-REVIEW", add_months(anchor, 6)
                add(child, rule, period_id, anchor, due, met, end)
    assert rules["T-CP-VISIT"].deadline.amount == 10  # the loop hard-codes the defaults
    return results


def _naive_periods(episodes):
    periods, current = [], None
    for episode in sorted(episodes, key=lambda e: (e["start_date"], e["episode_id"])):
        if episode["legal_status"] in ("V3", "V4"):
            continue
        if (
            current is None
            or episode["reason_new_episode"] == "S"
            or current[2] is None
            or episode["start_date"] > current[2]
        ):
            current = [episode["episode_id"], episode["start_date"], episode["end_date"]]
            periods.append(current)
        else:
            current[2] = episode["end_date"]
    return [tuple(p) for p in periods]


def _rows_by_child(frame: pl.DataFrame) -> dict[int, list[dict]]:
    grouped = defaultdict(list)
    for row in frame.iter_rows(named=True):
        grouped[row["child_id"]].append(row)
    return grouped


# --- Timing -------------------------------------------------------------------------------


def timings(run, repeats: int) -> tuple[float, float]:
    """Median and best wall-clock seconds of ``repeats`` runs (the best shows the cost without
    other processes competing for the CPUs)."""
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times), min(times)


def children_by_records(dataset: Dataset) -> pl.DataFrame:
    """Children with any records, and how many, across the frames about children."""
    counts = pl.concat(
        [
            frame.select("child_id")
            for name, frame in dataset.frames.items()
            if "child_id" in frame.columns and name != "children"
        ]
    )
    return counts.group_by("child_id").len().sort("len", "child_id")


def busiest_child(dataset: Dataset) -> int:
    """The child with the most records."""
    return children_by_records(dataset)["child_id"][-1]


def median_child(dataset: Dataset) -> int:
    """A child with the median number of records among children with any."""
    ranked = children_by_records(dataset)
    return ranked["child_id"][ranked.height // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--naive-sample", type=int, default=3_000, help="children in the naive loop"
    )
    args = parser.parse_args()

    began = time.perf_counter()
    dataset = Council(args.children).build()
    built = time.perf_counter() - began
    calendar = default_calendar()
    rules = rulebook()
    sizes = {name: dataset[name].height for name in dataset.frames}

    full = evaluate_deadlines(dataset, AS_AT, rules, calendar)
    full_median, full_best = timings(
        lambda: evaluate_deadlines(dataset, AS_AT, rules, calendar), args.runs
    )
    subset_median, subset_best = timings(
        lambda: evaluate_deadlines(dataset, AS_AT, rules, calendar, rule_ids=NAIVE_RULES),
        args.runs,
    )

    all_children = dataset["children"]["child_id"].to_list()
    sample = all_children[: args.naive_sample]
    naive_began = time.perf_counter()
    naive = naive_deadlines(dataset, AS_AT, calendar, sample)
    naive_sample_seconds = time.perf_counter() - naive_began
    naive_full_seconds = naive_sample_seconds * len(all_children) / len(sample)

    vectorised = (
        evaluate_deadlines(
            dataset.for_children(sample), AS_AT, rules, calendar, rule_ids=NAIVE_RULES
        )
        .select("child_id", "rule_id", "record_id", "clock_start", "due", "met_on", "status")
        .rows()
    )

    # Nulls (a clock not yet met) sort first, so rows that differ only there still compare.
    def in_order(rows):
        return sorted(rows, key=lambda row: tuple((value is not None, value) for value in row))

    agree = in_order(vectorised) == in_order(naive)

    one_child = {}
    for label, child_id in (("median", median_child(dataset)), ("busiest", busiest_child(dataset))):
        child_dataset = dataset.for_children([child_id])
        rows = evaluate_deadlines(child_dataset, AS_AT, rules, calendar, rule_ids=CHILD_RULE_IDS)
        median, best = timings(
            lambda d=child_dataset: evaluate_deadlines(
                d, AS_AT, rules, calendar, rule_ids=CHILD_RULE_IDS
            ),
            max(args.runs, 30),
        )
        records = sum(f.height for n, f in child_dataset.frames.items() if "child_id" in f.columns)
        one_child[label] = (records, rows.height, median, best)
    busiest = busiest_child(dataset)
    cut_median, _ = timings(lambda: dataset.for_children([busiest]), max(args.runs, 10))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs (load average {load:.1f} at the "
        f"end), Python {platform.python_version()}, Polars {pl.__version__}, NumPy "
        f"{np.__version__}; {date.today()}"
    )
    print(
        f"Synthetic council built in {built:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in sizes.items() if v)
    )
    print(
        f"Deadline rows: {full.height:,}; statuses: "
        + ", ".join(f"{s} {n:,}" for s, n in full.group_by("status").len().sort("status").rows())
    )
    print()
    print("| Evaluation | Children | Engine, median (best) | Naive per-child loop | Speed-up |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| All {len(rules)} rules | {len(all_children):,} "
        f"| {full_median:.2f} s ({full_best:.2f} s) | | |"
    )
    print(
        f"| {len(NAIVE_RULES)} rules (contact, referral, assessment, CP/CIN visits, LAC reviews) "
        f"| {len(all_children):,} | {subset_median:.2f} s ({subset_best:.2f} s) "
        f"| {naive_full_seconds:.0f} s (extrapolated from {len(sample):,} children) "
        f"| {naive_full_seconds / subset_median:.0f}x |"
    )
    for label, (records, deadlines, median, best) in one_child.items():
        print(
            f"| The {len(CHILD_RULE_IDS)} child rules for one child ({label}: {records} records, "
            f"{deadlines} deadlines) | 1 | {median * 1000:.0f} ms ({best * 1000:.0f} ms) | | |"
        )
    print()
    print(
        f"`dataset.for_children([id])` on the whole council: {cut_median * 1000:.0f} ms (median)."
    )
    print(f"Naive and vectorised results agree on the sample: {agree} ({len(naive):,} deadlines).")


if __name__ == "__main__":
    main()
