"""The engine: evaluates the rulebook over a `Dataset` as at a date (Polars; no Django)."""
