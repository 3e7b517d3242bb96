"""Sightline: children's social care case recording, statutory clocks and oversight."""
