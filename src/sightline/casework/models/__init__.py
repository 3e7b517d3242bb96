"""The casework record: the child's journey from the front door through help and protection."""

from sightline.casework.models.concerns import AgencyCheckChase, SignificantHarmConcern
from sightline.casework.models.records import (
    AgencyCheck,
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedPlanReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    Contact,
    CoreGroupMeeting,
    ManagementOversight,
    OversightKind,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)

__all__ = [
    "AgencyCheck",
    "AgencyCheckChase",
    "Assessment",
    "CaseNote",
    "ChildInNeedPlan",
    "ChildInNeedPlanReview",
    "ChildProtectionConference",
    "ChildProtectionPlan",
    "Contact",
    "CoreGroupMeeting",
    "ManagementOversight",
    "OversightKind",
    "Referral",
    "Section47Enquiry",
    "SignificantHarmConcern",
    "StrategyDiscussion",
    "Visit",
]
