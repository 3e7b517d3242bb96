"""What each performance page shows, built from the computed figures (no personal data here:
the one page that names children gets them from `selectors.indicator_children`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sightline.access.k_anonymity import DEFAULT_K
from sightline.access.policies import Capability, actor_can
from sightline.performance.cards import (
    Card,
    card_for,
    cards_for,
    format_value,
    long_date,
    trend_rows,
    what_got_worse,
)
from sightline.performance.figures import Figures
from sightline.performance.scopes import COUNCIL, Scope, Unit, unit_allowed, units_below
from sightline.performance.selectors import unit_named
from sightline.performance.sparkline import sparkline
from sightline.standards.indicators import Area, Measure
from sightline.workforce.models import Team

__all__ = ["corporate", "children", "indicator", "scorecard", "suppressed"]

CORPORATE_AREAS = (Area.CHILDREN_IN_CARE, Area.CARE_LEAVERS)
LEVEL_BELOW_LABEL = {"service": "Services", "team": "Teams", "worker": "Workers"}


def _query(figures: Figures, **params) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    kept["as_at"] = figures.as_at.isoformat()
    return "?" + urlencode(kept)


def indicator_url(figures: Figures, indicator_id: str, unit: Unit) -> str:
    base = reverse("performance:indicator", args=[indicator_id])
    if unit.level == "council":
        return base + _query(figures)
    return base + _query(figures, level=unit.level, unit=unit.unit_id)


def children_url(figures: Figures, indicator_id: str, unit: Unit, which="numerator") -> str:
    base = reverse("performance:children", args=[indicator_id])
    params = {"which": which}
    if unit.level != "council":
        params.update(level=unit.level, unit=unit.unit_id)
    return base + _query(figures, **params)


def _freshness(figures: Figures) -> dict:
    return {
        "as_at": figures.as_at,
        "as_at_text": long_date(figures.as_at),
        "computed_at": figures.computed_at,
        "first_text": long_date(figures.points[0]),
    }


def _decorate(figures: Figures, cards: list[Card]) -> list[dict]:
    return [
        {
            "card": card,
            "url": indicator_url(figures, card.indicator.id, card.unit),
            "sparkline": sparkline(
                card.trend,
                label=f"Trend over {len(card.trend)} months: "
                + ", ".join(
                    format_value(card.indicator, v) for v in (card.trend[0], card.trend[-1])
                ).replace(", ", " to ", 1),
            ),
        }
        for card in cards
    ]


def _areas(figures: Figures, cards: list[Card]) -> list[dict]:
    areas: dict[Area, list[Card]] = {}
    for card in cards:
        areas.setdefault(card.indicator.area, []).append(card)
    return [
        {"area": area, "slug": area.name.lower().replace("_", "-"), "cards": _decorate(figures, c)}
        for area, c in areas.items()
    ]


def _units_for_worse(scope: Scope, figures: Figures) -> list[Unit]:
    units = [scope.home]
    services = figures.service_names
    if scope.council_wide:
        units += [Unit("service", pk, name) for pk, name in sorted(services.items())]
        units += [Unit("team", pk, name) for pk, name in Team.objects.values_list("pk", "name")]
    else:
        units += [
            Unit("team", pk, name)
            for pk, name in Team.objects.filter(pk__in=scope.teams).values_list("pk", "name")
            if not (scope.home.level == "team" and scope.home.unit_id == pk)
        ]
    return units


def scorecard(scope: Scope, figures: Figures) -> dict:
    cards = cards_for(figures, scope.home, beside_council=scope.home.level != "council")
    worse = what_got_worse(figures, _units_for_worse(scope, figures))
    red = [c for c in cards if c.rag == "red"]
    return {
        "scope": scope,
        "unit": scope.home,
        "areas": _areas(figures, cards),
        "red_count": len(red),
        "worse": [
            {"item": w, "url": indicator_url(figures, w.card.indicator.id, w.card.unit)}
            for w in worse
        ],
        "freshness": _freshness(figures),
        "pack_xlsx": reverse("performance:pack", args=["xlsx"]) + _query(figures),
        "pack_pdf": reverse("performance:pack", args=["pdf"]) + _query(figures),
        "corporate_url": reverse("performance:corporate-parenting") + _query(figures),
    }


def _breakdown(scope: Scope, figures: Figures, indicator_id: str, unit: Unit) -> dict | None:
    below = units_below(unit)
    if below is None:
        return None
    level, members = below
    frame = figures.level(level)
    latest = len(figures.points) - 1
    rows = frame.filter(
        (frame["indicator_id"] == indicator_id) & (frame["point"] == latest)
    ).to_dicts()
    if level != "service" or unit.level != "council":
        rows = [r for r in rows if r["unit_id"] in members]
    else:
        rows = [r for r in rows if r["unit_id"] is not None]
    units = []
    for row in sorted(rows, key=lambda r: r["unit"] or ""):
        child = Unit(level, row["unit_id"], row["unit"])
        card = card_for(figures, indicator_id, child)
        units.append(
            {
                "card": card,
                "url": indicator_url(figures, indicator_id, child)
                if unit_allowed(scope, level, child.unit_id)
                else "",
            }
        )
    return {"level": level, "label": LEVEL_BELOW_LABEL[level], "units": units}


def _trail(figures: Figures, unit: Unit, indicator_id: str) -> list[dict]:
    """The breadcrumbs from the council down to ``unit``."""
    trail = [COUNCIL]
    if unit.level in ("team", "worker") and unit.unit_id is not None:
        team = None
        if unit.level == "team":
            team = Team.objects.filter(pk=unit.unit_id).first()
        else:
            from sightline.workforce.models import User

            worker = User.objects.select_related("team").filter(pk=unit.unit_id).first()
            team = worker.team if worker else None
        if team is not None and team.service_id:
            trail.append(
                Unit("service", team.service_id, figures.service_names.get(team.service_id, ""))
            )
        if team is not None and unit.level == "worker":
            trail.append(Unit("team", team.pk, team.name))
    elif unit.level == "service":
        pass
    return [{"unit": u, "url": indicator_url(figures, indicator_id, u)} for u in trail if u != unit]


def indicator(scope: Scope, figures: Figures, indicator_id: str, *, level, unit_id, actor) -> dict:
    unit = unit_named(scope=scope, figures=figures, level=level, unit_id=unit_id)
    card = card_for(figures, indicator_id, unit)
    rows = trend_rows(figures, card)
    indicator = card.indicator
    lists = actor_can(actor, Capability.VIEW_CHILD) and indicator.available
    lists = lists and indicator.counts_children
    return {
        "card": card,
        "indicator": indicator,
        "unit": unit,
        "trail": _trail(figures, unit, indicator_id),
        "trend": rows,
        "chart": {
            "label": f"{indicator.title}, {unit.name}",
            "unit": "%" if indicator.measure is Measure.PERCENT else "",
            "labels": [r["day"].strftime("%b %Y") for r in rows],
            "values": [r["value"] for r in rows],
            "target": indicator.target,
            "england": indicator.england.value if indicator.england else None,
        },
        "breakdown": _breakdown(scope, figures, indicator_id, unit)
        if indicator.available
        else None,
        "comparators": figures.comparators.get(indicator_id, []),
        "children_urls": {
            "numerator": children_url(figures, indicator_id, unit, "numerator"),
            "denominator": children_url(figures, indicator_id, unit, "denominator")
            if indicator.measure not in (Measure.RATE_PER_10000, Measure.COUNT)
            else "",
        }
        if lists
        else None,
        "freshness": _freshness(figures),
        "scorecard_url": reverse("performance:scorecard") + _query(figures),
    }


def children(figures: Figures, unit: Unit, indicator_id: str, listed) -> dict:
    card = card_for(figures, indicator_id, unit)
    base = children_url(figures, indicator_id, unit, listed.which)
    return {
        "card": card,
        "indicator": card.indicator,
        "unit": unit,
        "listed": listed,
        "back_url": indicator_url(figures, indicator_id, unit),
        "other_url": children_url(
            figures, indicator_id, unit,
            "denominator" if listed.which == "numerator" else "numerator",
        )
        if card.denominator is not None and card.indicator.measure is not Measure.COUNT
        else "",
        "previous_page": f"{base}&page={listed.page - 1}" if listed.page > 1 else "",
        "next_page": f"{base}&page={listed.page + 1}" if listed.page < listed.page_count else "",
        "freshness": _freshness(figures),
    }  # fmt: skip


def suppressed(card: Card, k: int = DEFAULT_K) -> bool:
    """Whether a figure rests on so few children (1 to k-1 in the numerator, the denominator
    or the rest of it) that publishing it could point to a child."""
    if card.status != "ok" or card.numerator is None:
        return False
    counts = [card.numerator]
    if card.denominator is not None and card.indicator.measure is not Measure.RATE_PER_10000:
        counts += [card.denominator, card.denominator - card.numerator]
    return any(0 < c < k for c in counts)


def corporate(figures: Figures) -> dict:
    cards = cards_for(figures, COUNCIL, area=CORPORATE_AREAS)
    proceedings = [c for c in cards_for(figures, COUNCIL) if c.indicator.id == "K-PROCEEDINGS-26"]
    rows = []
    for card in cards + [c for c in proceedings if c not in cards]:
        hidden = suppressed(card)
        rows.append(
            {
                "card": card,
                "suppressed": hidden,
                "value_text": f"Fewer than {DEFAULT_K} children" if hidden else card.value_text,
                "counts_text": "Suppressed" if hidden else card.counts_text,
                "url": indicator_url(figures, card.indicator.id, COUNCIL),
            }
        )
    sections = {}
    for row in rows:
        sections.setdefault(row["card"].indicator.area, []).append(row)
    return {
        "sections": [{"area": a, "rows": r} for a, r in sections.items()],
        "k": DEFAULT_K,
        "freshness": _freshness(figures),
        "scorecard_url": reverse("performance:scorecard") + _query(figures),
    }


def _refuse_unknown(figures: Figures, indicator_id: str) -> None:
    try:
        figures.indicator(indicator_id)
    except KeyError:
        raise PermissionDenied("No such indicator.") from None
