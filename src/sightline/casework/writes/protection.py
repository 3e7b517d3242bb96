"""The child protection journey, each step an action (``sightline.actions``).

A strategy discussion that decides on a section 47 enquiry starts the enquiry (and so the
T-ICPC clock, 15 working days from the discussion); the enquiry's outcome says whether an
initial conference is needed; the initial conference that decides on a plan starts the child
protection plan (T-CORE-GROUP-1, T-RCPC-1, T-CP-VISIT); a review conference continues the plan
or recommends ending it, and the plan ends only when a manager other than the person who
recorded the review approves. Core groups meet the core group clocks.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.access.models import AuditAction
from sightline.actions import ChildRecordAction, RecordUpdateAction
from sightline.casework.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    CoreGroupMeeting,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.people.models import Person
from sightline.standards import codes

__all__ = [
    "core_group_record",
    "initial_conference_record",
    "open_referral",
    "plan_end_approve",
    "review_conference_record",
    "section47_outcome_record",
    "strategy_discussion_record",
]

_S47 = codes.STRATEGY_DECISION.enum.S47.value
_ICPC = codes.S47_OUTCOME.enum.ICPC.value
_KIND = codes.CONFERENCE_KIND.enum
_OUTCOME = codes.CONFERENCE_OUTCOME.enum
CHAIR_ROLE = codes.ROLE.enum.IRO.value


def open_referral(child: Person) -> Referral | None:
    """The child's open CIN episode (at most one: the database allows no more)."""
    return Referral.objects.filter(child=child, closure_date__isnull=True).first()


def _words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _chair_error(chair) -> dict | None:
    if chair is None or chair.role != CHAIR_ROLE or not chair.is_active:
        return {"chair": "Select the conference chair"}
    return None


class StrategyDiscussionRecord(ChildRecordAction):
    doing = "record strategy discussions"
    also_writes = (Section47Enquiry,)

    def __init__(self, *, fields: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields = fields

    def perform(self) -> StrategyDiscussion:
        referral = Referral.objects.select_for_update().filter(
            child=self.child, closure_date__isnull=True
        )
        referral = referral.first()
        if referral is None:
            raise ValidationError(
                "The child has no open referral, so a strategy discussion cannot be recorded."
            )
        fields = self.fields
        unknown = [a for a in fields["agencies_attending"] if a not in codes.AGENCY]
        if unknown:
            raise ValidationError({"agencies_attending": f"Unknown agencies: {', '.join(unknown)}"})
        if fields["decision"] != _S47 and not fields["rationale"].strip():
            raise ValidationError(
                {"rationale": "Enter why the discussion decided not to start a section 47 enquiry"}
            )
        discussion = StrategyDiscussion(
            referral=referral, child=self.child, chaired_by=self.actor, **fields
        )
        discussion.full_clean()
        discussion.save()
        if discussion.decision == _S47:
            enquiry = Section47Enquiry(
                referral=referral,
                child=self.child,
                strategy_discussion=discussion,
                start_date=discussion.held_on,
            )
            enquiry.full_clean()
            enquiry.save()
        return discussion


class Section47Outcome(RecordUpdateAction):
    doing = "record section 47 enquiries"
    model = Section47Enquiry

    def perform(self) -> Section47Enquiry:
        enquiry = self.locked()
        if enquiry.end_date is not None:
            raise ValidationError("This enquiry's outcome has already been recorded.")
        changes = self.changes
        if changes["outcome"] not in codes.S47_OUTCOME:
            raise ValidationError({"outcome": "Select the outcome of the enquiry"})
        if changes["end_date"] < enquiry.start_date:
            raise ValidationError(
                {
                    "end_day": f"The date must be on or after the enquiry started "
                    f"({_words(enquiry.start_date)})"
                }
            )
        if changes["outcome"] != _ICPC and not changes["rationale"].strip():
            raise ValidationError(
                {"rationale": "Enter why no initial child protection conference is needed"}
            )
        enquiry.end_date = changes["end_date"]
        enquiry.outcome = changes["outcome"]
        enquiry.icpc_required = changes["outcome"] == _ICPC
        enquiry.outcome_rationale = changes["rationale"]
        enquiry.full_clean()
        enquiry.save(update_fields=["end_date", "outcome", "icpc_required", "outcome_rationale"])
        return enquiry


class InitialConferenceRecord(RecordUpdateAction):
    """The initial conference for a section 47 enquiry; a decision for a plan starts it."""

    doing = "record child protection conferences"
    audit_action = AuditAction.CREATE
    model = Section47Enquiry
    also_writes = (ChildProtectionPlan,)

    def perform(self) -> ChildProtectionConference:
        enquiry = self.locked()
        changes = self.changes
        if enquiry.icpc_required is not True:
            raise ValidationError(
                "The enquiry has not concluded that a conference is needed: record its outcome "
                "first."
            )
        if ChildProtectionConference.objects.filter(section47=enquiry, kind=_KIND.INITIAL).exists():
            raise ValidationError("An initial conference is already recorded for this enquiry.")
        if changes["date"] < enquiry.start_date:
            raise ValidationError(
                {
                    "date_day": f"The date must be on or after the enquiry started "
                    f"({_words(enquiry.start_date)})"
                }
            )
        if error := _chair_error(changes["chair"]):
            raise ValidationError(error)
        outcome = changes["outcome"]
        if outcome not in (_OUTCOME.PLAN, _OUTCOME.NO_PLAN):
            raise ValidationError({"outcome": "Select the conference's decision"})
        plan = None
        if outcome == _OUTCOME.PLAN:
            category = changes["category"]
            if category not in codes.ABUSE_CATEGORY:
                raise ValidationError({"category": "Select the category of abuse"})
            if ChildProtectionPlan.objects.filter(child=self.child, end_date__isnull=True).exists():
                raise ValidationError(
                    "The child is already on a child protection plan: record a review "
                    "conference instead."
                )
            plan = ChildProtectionPlan(
                child=self.child,
                referral=enquiry.referral,
                start_date=changes["date"],
                initial_category=category,
                latest_category=category,
            )
            plan.full_clean()
            plan.save()
        conference = ChildProtectionConference(
            child=self.child,
            referral=enquiry.referral,
            section47=enquiry,
            plan=plan,
            kind=_KIND.INITIAL,
            date=changes["date"],
            outcome=outcome,
            chaired_by=changes["chair"],
            recorded_by=self.actor,
        )
        conference.full_clean()
        conference.save()
        return conference


class ReviewConferenceRecord(RecordUpdateAction):
    """A review conference on a plan: the plan continues, or its ending awaits approval."""

    doing = "record child protection conferences"
    audit_action = AuditAction.CREATE
    model = ChildProtectionPlan
    also_writes = (ChildProtectionPlan,)

    def perform(self) -> ChildProtectionConference:
        plan = self.locked()
        changes = self.changes
        if plan.end_date is not None:
            raise ValidationError("This plan has ended, so it has no more review conferences.")
        if _awaiting_approval(plan) is not None:
            raise ValidationError(
                "A review conference ending this plan is waiting for a manager's approval."
            )
        if changes["date"] < plan.start_date:
            raise ValidationError(
                {
                    "date_day": f"The date must be on or after the plan started "
                    f"({_words(plan.start_date)})"
                }
            )
        if error := _chair_error(changes["chair"]):
            raise ValidationError(error)
        outcome = changes["outcome"]
        if outcome not in (_OUTCOME.CONTINUE, _OUTCOME.END):
            raise ValidationError({"outcome": "Select the conference's decision"})
        if outcome == _OUTCOME.CONTINUE:
            if changes["category"] not in codes.ABUSE_CATEGORY:
                raise ValidationError({"category": "Select the category of abuse"})
            if changes["category"] != plan.latest_category:
                plan.latest_category = changes["category"]
                plan.full_clean()
                plan.save(update_fields=["latest_category"])
        conference = ChildProtectionConference(
            child=self.child,
            referral=plan.referral,
            plan=plan,
            kind=_KIND.REVIEW,
            date=changes["date"],
            outcome=outcome,
            chaired_by=changes["chair"],
            recorded_by=self.actor,
        )
        conference.full_clean()
        conference.save()
        return conference


def _awaiting_approval(plan: ChildProtectionPlan) -> ChildProtectionConference | None:
    return ChildProtectionConference.objects.filter(
        plan=plan, kind=_KIND.REVIEW, outcome=_OUTCOME.END, end_approved_by__isnull=True
    ).first()


class PlanEndApprove(RecordUpdateAction):
    """A manager approves the ending a review conference decided; the plan ends on its date."""

    doing = "approve the end of child protection plans"
    managers_only = True
    model = ChildProtectionConference
    also_writes = (ChildProtectionPlan,)

    def perform(self) -> ChildProtectionConference:
        conference = self.locked()
        if conference.kind != _KIND.REVIEW or conference.outcome != _OUTCOME.END:
            raise ValidationError("This conference did not decide to end the plan.")
        if conference.end_approved_by_id is not None:
            raise ValidationError("Ending this plan has already been approved.")
        if conference.recorded_by_id == self.actor.pk:
            raise ValidationError(
                "You recorded this review conference, so another manager must approve ending "
                "the plan."
            )
        approved_on = self.changes["approved_on"]
        if approved_on < conference.date:
            raise ValidationError(
                {
                    "approved_day": f"The date must be on or after the conference "
                    f"({_words(conference.date)})"
                }
            )
        plan = ChildProtectionPlan.objects.select_for_update().get(pk=conference.plan_id)
        plan.end_date = conference.date
        plan._history_user = self.actor
        plan.full_clean()
        plan.save(update_fields=["end_date"])
        conference.end_approved_by = self.actor
        conference.end_approved_on = approved_on
        conference.full_clean()
        conference.save(update_fields=["end_approved_by", "end_approved_on"])
        return conference


class CoreGroupRecord(ChildRecordAction):
    doing = "record core group meetings"

    def __init__(self, *, plan: ChildProtectionPlan, date: dt.date, notes: str, **kwargs):
        super().__init__(child=plan.child, **kwargs)
        self.plan_id, self.date, self.notes = plan.pk, date, notes

    def perform(self) -> CoreGroupMeeting:
        plan = ChildProtectionPlan.objects.select_for_update().get(pk=self.plan_id)
        if self.date < plan.start_date:
            raise ValidationError(
                {
                    "date_day": f"The date must be on or after the plan started "
                    f"({_words(plan.start_date)})"
                }
            )
        if plan.end_date is not None and self.date > plan.end_date:
            raise ValidationError(
                {"date_day": f"The plan ended on {_words(plan.end_date)}: the date must be before"}
            )
        meeting = CoreGroupMeeting(plan=plan, child=self.child, date=self.date, notes=self.notes)
        meeting.full_clean()
        meeting.save()
        return meeting


# -- the ways in ------------------------------------------------------------------------------


def strategy_discussion_record(
    *,
    actor,
    child: Person,
    held_on: dt.date,
    decision: str,
    agencies_attending: list[str],
    attendees: str = "",
    rationale: str = "",
    request=None,
) -> StrategyDiscussion:
    """Record a strategy discussion (meets T-STRATEGY); a section 47 decision starts the
    enquiry, and with it T-ICPC."""
    fields = dict(
        held_on=held_on,
        decision=decision,
        agencies_attending=list(agencies_attending),
        attendees=attendees,
        rationale=rationale,
    )
    return StrategyDiscussionRecord(
        actor=actor, child=child, fields=fields, request=request
    ).execute()


def section47_outcome_record(
    *,
    actor,
    enquiry: Section47Enquiry,
    end_date: dt.date,
    outcome: str,
    rationale: str = "",
    expected_version: str | None = None,
    request=None,
) -> Section47Enquiry:
    """Complete a section 47 enquiry: a conference, or why none is needed."""
    changes = dict(end_date=end_date, outcome=outcome, rationale=rationale)
    return Section47Outcome(
        actor=actor,
        record=enquiry,
        changes=changes,
        expected_version=expected_version,
        request=request,
    ).execute()


def initial_conference_record(
    *,
    actor,
    enquiry: Section47Enquiry,
    date: dt.date,
    outcome: str,
    chair,
    category: str = "",
    request=None,
) -> ChildProtectionConference:
    """Record the initial conference (meets T-ICPC); a plan decided starts the plan."""
    changes = dict(date=date, outcome=outcome, chair=chair, category=category)
    return InitialConferenceRecord(
        actor=actor, record=enquiry, changes=changes, request=request
    ).execute()


def review_conference_record(
    *,
    actor,
    plan: ChildProtectionPlan,
    date: dt.date,
    outcome: str,
    chair,
    category: str = "",
    expected_version: str | None = None,
    request=None,
) -> ChildProtectionConference:
    """Record a review conference (meets T-RCPC-1 / T-RCPC) on `plan`."""
    changes = dict(date=date, outcome=outcome, chair=chair, category=category)
    return ReviewConferenceRecord(
        actor=actor,
        record=plan,
        changes=changes,
        expected_version=expected_version,
        request=request,
    ).execute()


def plan_end_approve(
    *,
    actor,
    conference: ChildProtectionConference,
    approved_on: dt.date | None = None,
    expected_version: str | None = None,
    request=None,
) -> ChildProtectionConference:
    """A manager (not the one who recorded the review) approves ending the plan."""
    changes = dict(approved_on=approved_on or timezone.localdate())
    return PlanEndApprove(
        actor=actor,
        record=conference,
        changes=changes,
        expected_version=expected_version,
        request=request,
    ).execute()


def core_group_record(
    *, actor, plan: ChildProtectionPlan, date: dt.date, notes: str = "", request=None
) -> CoreGroupMeeting:
    """Record a core group meeting on `plan` (meets T-CORE-GROUP-1 / T-CORE-GROUP)."""
    return CoreGroupRecord(
        actor=actor, plan=plan, date=date, notes=notes, request=request
    ).execute()
