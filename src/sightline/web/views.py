"""Views of the shell of the service: home page, child search and the child's record.

Each view parses the request, calls selectors with the signed-in user as the actor and
renders. A page of a child's record opens the record once (``child_record_open``: the policy
check and the audit event) and reads its parts from what that returns. Pages that show
personal data are never cached by the browser or a proxy.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.policies import Capability, actor_can
from sightline.access.services import refusal_record
from sightline.oversight import selectors as oversight_selectors
from sightline.people import chronology as chronology_selectors
from sightline.people import selectors as people_selectors
from sightline.standards import codes
from sightline.web.forms import ChildSearchForm

# Roles that hold a caseload, whose home page lists their children even when it is empty.
_CASEHOLDING_ROLES = frozenset(
    {
        codes.ROLE.enum.SOCIAL_WORKER,
        codes.ROLE.enum.SENIOR_PRACTITIONER,
        codes.ROLE.enum.PERSONAL_ADVISER,
        codes.ROLE.enum.TEAM_MANAGER,
    }
)
_RECENT_EVENTS = 10


@never_cache
@require_GET
def home(request):
    """Who is signed in, and the children allocated to them."""
    user = request.user
    children = []
    if people_selectors.actor_may_list_children(user):
        children = people_selectors.child_list_allocated(actor=user, request=request)
    return render(
        request,
        "web/home.html",
        {
            "children": children,
            "show_caseload": bool(children) or user.role in _CASEHOLDING_ROLES,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def child_search(request):
    """Find a child; a GET shows the empty form, whatever its query string.

    The search runs only on POST, so no name, NHS number or date of birth ever appears in a
    URL, and so in server logs, browser history or a Referer header.
    """
    if not people_selectors.actor_may_search_children(request.user):
        refusal_record(request=request, what="search children")
        raise PermissionDenied("Your role does not search children's records.")
    if request.method == "GET":
        return render(request, "web/child_search.html", {"form": ChildSearchForm()})
    form = ChildSearchForm(request.POST)
    results = None
    if form.is_valid():
        results = people_selectors.child_search(
            actor=request.user, query=form.to_query(), request=request
        )
    return render(request, "web/child_search.html", {"form": form, "results": results})


def record_page(request, child_id: int, section: str):
    """The opened record and what every page of it shows (identity bar, sub navigation)."""
    record = people_selectors.child_record_open(
        actor=request.user, child_id=child_id, request=request
    )
    allocations = record.child.open_allocations
    context = {
        "record": record,
        "child": record.child,
        "status": people_selectors.child_status(record.child),
        "allocation": allocations[0] if allocations else None,
        "section": section,
        "may_record": actor_can(request.user, Capability.RECORD_WORK),
        "warnings": people_selectors.child_warnings(record=record),
    }
    return record, context


@never_cache
@require_GET
def child_summary(request, child_id: int):
    """The child's record: identity, their clocks, where they live and with whom, recent events."""
    record, context = record_page(request, child_id, "summary")
    events = chronology_selectors.child_chronology(record=record)
    context.update(
        overview=people_selectors.child_overview(record=record),
        clock_summary=oversight_selectors.child_clock_summary(record=record),
        household=people_selectors.child_household(record=record, request=request),
        events=events[:_RECENT_EVENTS],
        event_count=len(events),
    )
    return render(request, "web/child/summary.html", context)


def _year(value: str | None) -> int | None:
    # ASCII digits only: "²²²²" is four digits to str.isdigit but not to int().
    if value and len(value) == 4 and value.isascii() and value.isdigit():
        return int(value)
    return None


@never_cache
@require_GET
def child_chronology(request, child_id: int):
    """The child's chronology, newest first: the latest 100 events or all, filtered by year, area
    of practice or to significant events."""
    record, context = record_page(request, child_id, "chronology")
    context["page"] = chronology_selectors.chronology_page(
        chronology_selectors.child_chronology(record=record),
        year=_year(request.GET.get("year")),
        area=request.GET.get("area") or None,
        significant_only=request.GET.get("significant") == "1",
        show_all=request.GET.get("all") == "1",
    )
    return render(request, "web/child/chronology.html", context)


@never_cache
@require_GET
def child_household(request, child_id: int):
    """Where the child lives, their address history, who lives with them and family elsewhere."""
    record, context = record_page(request, child_id, "household")
    context["household"] = people_selectors.child_household(record=record, request=request)
    return render(request, "web/child/household.html", context)


@never_cache
@require_GET
def child_clocks(request, child_id: int):
    """The child's clocks: those open (longest overdue first) and those met, met late or missed."""
    record, context = record_page(request, child_id, "clocks")
    context["clocks"] = oversight_selectors.child_clocks(record=record)
    return render(request, "web/child/clocks.html", context)
