"""Publications the catalogue's England figures and definitions come from, spelled once."""

from __future__ import annotations

__all__ = ["ADOPTION_SCORECARD", "CIN", "CIN_CENSUS", "CLA", "LOCAL", "SSDA903", "WT"]

CIN = "DfE, Children in need, reporting year 2025 (year ending 31 March 2025)"
CLA = (
    "DfE, Children looked after in England including adoptions, reporting year 2025 "
    "(year ending 31 March 2025)"
)
CIN_CENSUS = "CIN census guide 2025-26"
SSDA903 = "SSDA903 guide 2025-26 and the looked-after children statistics' measures"
ADOPTION_SCORECARD = "DfE adoption and special guardianship leadership board scorecard (A1, A2)"
WT = "Working Together to Safeguard Children 2023, ch. 3"
LOCAL = "Local performance measure (no national definition)"
