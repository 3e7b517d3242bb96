"""Recording pages for the child's journey: each a form, then check your answers, then the
action (``recording``); the screens by stage in ``everyday``, ``assessment``, ``protection``
and the child's page of work to record (``work``)."""

from sightline.casework.views.assessment import (
    assessment_authorise_check,
    assessment_authorise_new,
    assessment_complete_check,
    assessment_complete_new,
)
from sightline.casework.views.everyday import (
    case_note_check,
    case_note_new,
    visit_check,
    visit_new,
)
from sightline.casework.views.work import child_work

__all__ = [
    "assessment_authorise_check",
    "assessment_authorise_new",
    "assessment_complete_check",
    "assessment_complete_new",
    "case_note_check",
    "case_note_new",
    "child_work",
    "visit_check",
    "visit_new",
]
