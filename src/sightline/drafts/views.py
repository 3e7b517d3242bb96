"""The autosave endpoint: a recording form posts what has been typed, as it is typed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sightline.access.policies import Capability, actor_can, child_access
from sightline.drafts.services import draft_save
from sightline.people.models import Person


@require_POST
def draft_autosave(request, form: str, child_id: int):
    """Save the posted fields as the user's draft; answer with when it was saved.

    Only for a user who may record work and may see the child, answering 404 for any other
    child as every child page does, so the endpoint tells nobody which records exist. The
    check writes no audit event: it shows nothing, and a form saves many times a minute; the
    record was opened, and audited, when its form was.
    """
    if not actor_can(request.user, Capability.RECORD_WORK):
        raise PermissionDenied("Your role cannot record work on a child's record.")
    child = Person.objects.filter(pk=child_id, la_child_id__isnull=False).first()
    if child is None or not child_access(request.user, child).allowed:
        raise Http404("No child record found")
    try:
        # The registered fields only: the CSRF token and anything else posted are not kept.
        draft = draft_save(user=request.user, form=form, child_id=child.pk, data=request.POST)
    except ValidationError as error:
        return JsonResponse({"saved": False, "error": " ".join(error.messages)}, status=400)
    saved = timezone.localtime(draft.saved_at)
    return JsonResponse({"saved": True, "saved_at": f"{saved:%H:%M:%S}"})
