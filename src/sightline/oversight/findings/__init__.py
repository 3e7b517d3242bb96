"""Drift findings as things managers act on: their state, the escalation chain, caseloads.

`sync` is the tick's step (raise, escalate, resolve); `actions` the writes a manager makes
(acknowledge a finding, reallocate a caseload) through the one write pattern
(`sightline.actions`); `selectors` the oversight pages' reads; `standards` the council's
escalation days and caseload weights.
"""
