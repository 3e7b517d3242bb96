"""docs/permissions.md states exactly the capabilities the code grants."""

import itertools
import re
from pathlib import Path

from sightline.access.policies import ROLE_CAPABILITIES, Capability

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def documented_matrix() -> dict[str, set[str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Capability matrix", 1)[1]
    lines = section.lstrip("\n").splitlines()
    rows = [line for line in itertools.takewhile(lambda line: line.startswith("|"), lines)]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")][1:]
    matrix = {}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        role = re.search(r"`([A-Z_]+)`", cells[0]).group(1)
        matrix[role] = {name for name, cell in zip(header, cells[1:], strict=True) if cell == "yes"}
    return matrix


def test_documented_columns_are_the_capabilities():
    text = DOC.read_text(encoding="utf-8").split("## Capability matrix", 1)[1]
    header_line = next(line for line in text.splitlines() if line.startswith("| Role"))
    columns = [cell.strip() for cell in header_line.strip("|").split("|")][1:]
    assert columns == [capability.value for capability in Capability]


def test_documented_matrix_matches_the_policy():
    granted = {role: {c.value for c in caps} for role, caps in ROLE_CAPABILITIES.items()}
    assert documented_matrix() == granted
