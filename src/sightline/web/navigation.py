"""The service navigation: which top-level areas each role sees (shared/design/ui.md).

One table maps each role to its areas; a second adds areas by capability (information
governance, for whoever may read the access audit). An area appears only once its page exists:
its ``url_name`` is looked up on every request, and an area whose URL is not (yet) routed is
left out, so each area lights up for the roles listed here when the issue that builds it lands.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from sightline.access.policies import Capability, actor_can
from sightline.standards.codes import ROLE


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url_name: str | None  # None until the area's page is planned
    # Other pages that belong to the area, so the item shows as current on them too.
    also_current_for: frozenset[str] = frozenset()
    # What the area is for, in a line, for the home page.
    description: str = ""


HOME = NavigationItem("Home", "home")
MY_WORK = NavigationItem(
    "My work",
    "my-work",
    description="Your children's clocks: what is overdue, due soon and your saved drafts.",
)
FRONT_DOOR = NavigationItem("Front door", None)
TEAM = NavigationItem(
    "Team", "team", description="Every clock of your team's children, worker by worker."
)
OVERSIGHT = NavigationItem(
    "Oversight",
    "oversight",
    frozenset(
        {
            "oversight-team",
            "oversight-escalations",
            "oversight-reallocate",
            "finding-acknowledge",
            "oversight-allocate",
            "supervision-schedule",
            "supervision-history",
            "supervision-new",
            "closure-decide",
        }
    ),
    description="Drift and delay findings: acknowledge them with an action before they "
    "escalate; caseloads, allocation and reallocation; supervision due.",
)
PERFORMANCE = NavigationItem(
    "Performance",
    "performance:scorecard",
    description="Every indicator against England and its target, over 24 months, from the "
    "council to the single child; what got worse; the weekly pack.",
)
RETURNS = NavigationItem(
    "Returns",
    "returns:home",
    frozenset({"returns:produce", "returns:check"}),
    description="Produce the CIN census, SSDA903 and Annex A, or check a council's own "
    "files: every located error and what the oversight engine makes of them.",
)
QUALITY = NavigationItem("Quality", None)
ADMIN = NavigationItem("Admin", None)
INFORMATION_GOVERNANCE = NavigationItem(
    "Information governance",
    "access:ig_alerts",
    frozenset({"access:ig_child_access", "access:ig_user_access"}),
    description="Break-glass alerts to review, and who opened which child's record.",
)

_R = ROLE.enum
ROLE_NAVIGATION: dict[str, tuple[NavigationItem, ...]] = {
    _R.SOCIAL_WORKER: (HOME, MY_WORK),
    # The team view is the team manager's (oversight.selectors); a senior practitioner who
    # opened it would be refused.
    _R.SENIOR_PRACTITIONER: (HOME, MY_WORK),
    _R.PERSONAL_ADVISER: (HOME, MY_WORK),
    _R.FRONT_DOOR: (HOME, MY_WORK, FRONT_DOOR),
    _R.TEAM_MANAGER: (HOME, MY_WORK, TEAM, OVERSIGHT, PERFORMANCE),
    _R.IRO: (HOME, MY_WORK),
    _R.HEAD_OF_SERVICE: (HOME, TEAM, OVERSIGHT, PERFORMANCE, QUALITY),
    _R.DIRECTOR: (HOME, OVERSIGHT, PERFORMANCE, QUALITY),
    _R.QA_AUDITOR: (HOME, QUALITY, PERFORMANCE),
    _R.ANALYST: (HOME, PERFORMANCE),
    _R.IG_OFFICER: (HOME,),
    _R.ADMIN: (HOME, ADMIN),
    _R.PARTNER: (HOME,),
}
# A user without a role (e.g. made by `createsuperuser`) sees only what every role sees.
_DEFAULT_NAVIGATION = (HOME,)
# Areas for whoever holds a capability, whatever their role, after the role's own areas.
CAPABILITY_NAVIGATION: tuple[tuple[Capability, NavigationItem], ...] = (
    (Capability.VIEW_AUDIT, INFORMATION_GOVERNANCE),
    (Capability.STATUTORY_RETURNS, RETURNS),
)


@dataclass(frozen=True)
class NavigationLink:
    label: str
    href: str
    description: str
    # The value for aria-current: "page" on the area's own page, "true" on a page within the
    # area, "" elsewhere (GOV.UK service navigation).
    current: str


def navigation_for(user, current_url_name: str | None) -> list[NavigationLink]:
    """The links to show ``user``, in order, marking the one for the page being shown.

    ``current_url_name`` is the view name of the page, with its namespace ("access:ig_alerts").
    """
    if not user.is_authenticated:
        return []
    items = ROLE_NAVIGATION.get(user.role, _DEFAULT_NAVIGATION) + tuple(
        item for capability, item in CAPABILITY_NAVIGATION if actor_can(user, capability)
    )
    links = []
    for item in items:
        if item.url_name is None:
            continue
        try:
            href = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if current_url_name == item.url_name:
            current = "page"
        elif current_url_name in item.also_current_for:
            current = "true"
        else:
            current = ""
        links.append(NavigationLink(item.label, href, item.description, current))
    return links
