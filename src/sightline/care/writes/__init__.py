"""Writes to a looked-after child's or care leaver's record, each through one action
(``sightline.actions``): checked before the transaction, validated, saved, audited, and the
child's clocks that read the record refreshed once it commits."""

from sightline.care.writes.episodes import (
    care_plan_record,
    looked_after_start,
    placement_change,
    placement_plan_record,
)
from sightline.care.writes.missing import missing_episode_record, return_interview_record
from sightline.care.writes.reviews import current_iro, iro_appoint, looked_after_review_record
from sightline.care.writes.wellbeing import (
    care_leaver_contact_record,
    dental_check_record,
    education_plan_record,
    health_assessment_record,
    pathway_plan_record,
)

__all__ = [
    "care_leaver_contact_record",
    "care_plan_record",
    "current_iro",
    "dental_check_record",
    "education_plan_record",
    "health_assessment_record",
    "iro_appoint",
    "looked_after_review_record",
    "looked_after_start",
    "missing_episode_record",
    "pathway_plan_record",
    "placement_change",
    "placement_plan_record",
    "return_interview_record",
]
