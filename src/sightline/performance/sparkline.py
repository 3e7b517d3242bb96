"""A trend drawn on the server as a small SVG line (no script; the CSP stays as it is)."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline(values: list[float | None], *, label: str) -> str:
    """An SVG polyline of ``values`` (gaps where None) with ``label`` as its accessible name."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(1, len(values) - 1)
    segments: list[list[str]] = [[]]
    for n, value in enumerate(values):
        if value is None:
            segments.append([])
            continue
        x = PAD + n * step
        y = HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)
        segments[-1].append(f"{x:.1f},{y:.1f}")
    lines = "".join(
        f'<polyline points="{" ".join(s)}" fill="none" stroke="#1d70b8" stroke-width="2"/>'
        for s in segments
        if len(s) > 1
    )
    last = segments[-1][-1] if segments[-1] else None
    dot = ""
    if last:
        x, y = last.split(",")
        dot = f'<circle cx="{x}" cy="{y}" r="2.5" fill="#0b0c0c"/>'
    return format_html(
        '<svg class="sl-sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="{}" focusable="false">{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        label,
        mark_safe(lines + dot),  # noqa: S308 (built above from numbers only)
    )
