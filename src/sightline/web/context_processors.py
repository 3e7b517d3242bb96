"""Values every page needs: the service and council names, and the navigation for the user's role."""

from django.conf import settings


def service(request):
    return {
        "council_name": settings.SIGHTLINE_COUNCIL_NAME,
        "is_demo": settings.SIGHTLINE_DEMO,
    }
