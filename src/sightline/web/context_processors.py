"""Values every page needs: the council, the demo flag and the navigation for the user's role."""

from django.conf import settings

from sightline.access.policies import Capability, actor_can
from sightline.people.selectors import actor_may_search_children
from sightline.standards import codes
from sightline.web.navigation import navigation_for


def service(request):
    """The council, demo flag, role-based navigation and whether to offer the child search.

    ``user_may_view_audit`` adds the "Access log" link to a child's record for information
    governance; the page it links to checks again.
    """
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    match = getattr(request, "resolver_match", None)
    return {
        "council_name": settings.SIGHTLINE_COUNCIL_NAME,
        "is_demo": settings.SIGHTLINE_DEMO,
        "navigation": navigation_for(user, match.view_name if match else None) if signed_in else [],
        "offer_child_search": signed_in and actor_may_search_children(user),
        "user_role_label": codes.ROLE.label(user.role) if signed_in and user.role else "",
        "user_may_view_audit": signed_in and actor_can(user, Capability.VIEW_AUDIT),
    }
