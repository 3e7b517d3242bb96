"""Recording forms for a looked-after child's or care leaver's record (GOV.UK patterns, a draft
kept as they are typed, located messages that say what to do)."""

from sightline.care.forms.episodes import (
    CarePlanForm,
    LookedAfterStartForm,
    PlacementChangeForm,
    PlacementPlanForm,
)
from sightline.care.forms.records import (
    CareLeaverContactForm,
    DentalCheckForm,
    EducationPlanForm,
    HealthAssessmentForm,
    IROAppointForm,
    LookedAfterReviewForm,
    MissingEpisodeForm,
    PathwayPlanForm,
    ReturnInterviewForm,
)

__all__ = [
    "CareLeaverContactForm",
    "CarePlanForm",
    "DentalCheckForm",
    "EducationPlanForm",
    "HealthAssessmentForm",
    "IROAppointForm",
    "LookedAfterReviewForm",
    "LookedAfterStartForm",
    "MissingEpisodeForm",
    "PathwayPlanForm",
    "PlacementChangeForm",
    "PlacementPlanForm",
    "ReturnInterviewForm",
]
