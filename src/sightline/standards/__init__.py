"""The rulebook: pure-Python rules, code sets and calendars; no Django."""
