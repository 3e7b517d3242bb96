"""Approvals at decision points: a case closure or a step-down is asked for, then decided
by a manager other than the one who asked."""
