"""The child in need plan: started within the child's open CIN episode, then reviewed.

A plan's start begins T-CIN-PLAN-REVIEW (3 months) and T-CIN-VISIT; each review meets the
review clock and starts the next.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from sightline.actions import ChildRecordAction
from sightline.casework.models import ChildInNeedPlan, ChildInNeedPlanReview, Referral
from sightline.people.models import Person

__all__ = ["cin_plan_review_record", "cin_plan_start"]


def _words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class CinPlanStart(ChildRecordAction):
    doing = "start child in need plans"

    def __init__(self, *, start_date: dt.date, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start_date = start_date

    def perform(self) -> ChildInNeedPlan:
        referral = (
            Referral.objects.select_for_update()
            .filter(child=self.child, closure_date__isnull=True)
            .first()
        )
        if referral is None:
            raise ValidationError(
                "The child has no open referral, so a child in need plan cannot start."
            )
        if ChildInNeedPlan.objects.filter(child=self.child, end_date__isnull=True).exists():
            raise ValidationError("The child already has a child in need plan running.")
        if self.start_date < referral.referral_date:
            raise ValidationError(
                {
                    "start_day": "The start date must be on or after the referral "
                    f"({_words(referral.referral_date)})"
                }
            )
        plan = ChildInNeedPlan(child=self.child, referral=referral, start_date=self.start_date)
        plan.full_clean()
        plan.save()
        return plan


class CinPlanReviewRecord(ChildRecordAction):
    doing = "review child in need plans"

    def __init__(self, *, plan: ChildInNeedPlan, date: dt.date, notes: str, **kwargs) -> None:
        super().__init__(child=plan.child, **kwargs)
        self.plan_id, self.date, self.notes = plan.pk, date, notes

    def perform(self) -> ChildInNeedPlanReview:
        plan = ChildInNeedPlan.objects.select_for_update().get(pk=self.plan_id)
        if plan.end_date is not None:
            raise ValidationError("This plan has ended, so it has no more reviews.")
        if self.date < plan.start_date:
            raise ValidationError(
                {
                    "date_day": "The date must be on or after the plan started "
                    f"({_words(plan.start_date)})"
                }
            )
        if not self.notes.strip():
            raise ValidationError({"notes": "Enter what the review found and agreed"})
        review = ChildInNeedPlanReview(
            plan=plan, child=self.child, date=self.date, notes=self.notes
        )
        review.full_clean()
        review.save()
        return review


def cin_plan_start(*, actor, child: Person, start_date: dt.date, request=None) -> ChildInNeedPlan:
    """Start a child in need plan in the child's open CIN episode."""
    return CinPlanStart(actor=actor, child=child, start_date=start_date, request=request).execute()


def cin_plan_review_record(
    *, actor, plan: ChildInNeedPlan, date: dt.date, notes: str, request=None
) -> ChildInNeedPlanReview:
    """Record a review of `plan` (meets T-CIN-PLAN-REVIEW)."""
    return CinPlanReviewRecord(
        actor=actor, plan=plan, date=date, notes=notes, request=request
    ).execute()
