"""The child protection and child in need screens, each a form, check your answers and an action.

Strategy discussion (a section 47 decision starts the enquiry), the enquiry's outcome, the
initial conference (a plan decided starts the plan), review conferences and a manager's approval
of a plan's end, core groups, and the child in need plan and its reviews. Each sits under the
child's Casework page, which links to the step that is due.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.actions import MANAGER_ROLES
from sightline.casework.forms.protection import (
    CinPlanReviewForm,
    CinPlanStartForm,
    CoreGroupForm,
    InitialConferenceForm,
    PlanEndApproveForm,
    ReviewConferenceForm,
    Section47OutcomeForm,
    StrategyDiscussionForm,
)
from sightline.casework.models import (
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    Section47Enquiry,
)
from sightline.casework.views.recording import Recording, check_page, form_page, may_record
from sightline.casework.writes.child_in_need import cin_plan_review_record, cin_plan_start
from sightline.casework.writes.protection import (
    core_group_record,
    initial_conference_record,
    plan_end_approve,
    review_conference_record,
    section47_outcome_record,
    strategy_discussion_record,
)
from sightline.standards import codes


def _work(child, target) -> str:
    return reverse("child-work", args=[child.pk])


def _version(form) -> str | None:
    return form.cleaned_data["version"] or None


def _on(day) -> str:
    return f"{day.day} {day:%B %Y}"


# -- saving: each runs its action and says what happened -----------------------------------------


def _save_strategy(request, record, form, target) -> str:
    discussion = strategy_discussion_record(
        actor=request.user, child=record.child, request=request, **form.changes()
    )
    if discussion.decision == codes.STRATEGY_DECISION.enum.S47:
        return (
            f"Strategy discussion on {_on(discussion.held_on)} recorded. The section 47 enquiry "
            "has started: the initial conference is due within 15 working days."
        )
    return f"Strategy discussion on {_on(discussion.held_on)} recorded."


def _save_s47(request, record, form, target) -> str:
    enquiry = section47_outcome_record(
        actor=request.user,
        enquiry=target,
        expected_version=_version(form),
        request=request,
        **form.changes(),
    )
    if enquiry.icpc_required:
        return "Section 47 enquiry completed: an initial child protection conference is needed."
    return "Section 47 enquiry completed: no conference is needed."


def _save_icpc(request, record, form, target) -> str:
    conference = initial_conference_record(
        actor=request.user, enquiry=target, request=request, **form.changes()
    )
    if conference.plan_id:
        return (
            "Initial conference recorded and the child protection plan started. The first core "
            "group is due within 10 working days."
        )
    return "Initial conference recorded: no child protection plan."


def _save_rcpc(request, record, form, target) -> str:
    conference = review_conference_record(
        actor=request.user,
        plan=target,
        expected_version=_version(form),
        request=request,
        **form.changes(),
    )
    if conference.outcome == codes.CONFERENCE_OUTCOME.enum.END:
        return "Review conference recorded. The plan ends when a manager approves it."
    return "Review conference recorded: the plan continues."


def _save_approval(request, record, form, target) -> str:
    plan_end_approve(
        actor=request.user,
        conference=target,
        expected_version=_version(form),
        request=request,
        **form.changes(),
    )
    return f"Ending approved: the child protection plan ended on {_on(target.date)}."


def _save_core_group(request, record, form, target) -> str:
    meeting = core_group_record(actor=request.user, plan=target, request=request, **form.changes())
    return f"Core group meeting on {_on(meeting.date)} recorded."


def _save_cin_start(request, record, form, target) -> str:
    plan = cin_plan_start(
        actor=request.user,
        child=record.child,
        start_date=form.cleaned_data["start_date"],
        request=request,
    )
    return (
        f"Child in need plan started on {_on(plan.start_date)}. "
        "Its first review is due in 3 months."
    )


def _save_cin_review(request, record, form, target) -> str:
    review = cin_plan_review_record(
        actor=request.user, plan=target, request=request, **form.changes()
    )
    return f"Child in need plan review on {_on(review.date)} recorded."


# -- the records a screen is about ----------------------------------------------------------------


def _enquiry(child, enquiry_id: int):
    return Section47Enquiry.objects.filter(child=child, pk=enquiry_id).first()


def _cp_plan(child, plan_id: int):
    return ChildProtectionPlan.objects.filter(child=child, pk=plan_id).first()


def _conference(child, conference_id: int):
    return ChildProtectionConference.objects.filter(child=child, pk=conference_id).first()


def _cin_plan(child, cin_plan_id: int):
    return ChildInNeedPlan.objects.filter(child=child, pk=cin_plan_id).first()


def _may_approve(user) -> None:
    may_record(user)
    if user.role not in MANAGER_ROLES:
        raise PermissionDenied(
            "Only a team manager or head of service can approve the end of a child protection plan."
        )


STRATEGY = Recording(
    "strategy-discussion",
    StrategyDiscussionForm,
    "casework/strategy_discussion_form.html",
    _save_strategy,
    done=_work,
    check_heading="Check the strategy discussion before saving it",
    save_label="Save the strategy discussion",
    section="work",
)
S47_OUTCOME = Recording(
    "s47-outcome",
    Section47OutcomeForm,
    "casework/s47_outcome_form.html",
    _save_s47,
    done=_work,
    check_heading="Check the outcome of the enquiry before saving it",
    save_label="Save the outcome",
    target=_enquiry,
    initial=Section47OutcomeForm.initial_from,
    section="work",
)
INITIAL_CONFERENCE = Recording(
    "initial-conference",
    InitialConferenceForm,
    "casework/initial_conference_form.html",
    _save_icpc,
    done=_work,
    check_heading="Check the initial conference before saving it",
    save_label="Save the conference",
    target=_enquiry,
    section="work",
)
REVIEW_CONFERENCE = Recording(
    "review-conference",
    ReviewConferenceForm,
    "casework/review_conference_form.html",
    _save_rcpc,
    done=_work,
    check_heading="Check the review conference before saving it",
    save_label="Save the conference",
    target=_cp_plan,
    initial=ReviewConferenceForm.initial_from,
    section="work",
)
PLAN_END_APPROVE = Recording(
    "plan-end-approve",
    PlanEndApproveForm,
    "casework/plan_end_approve_form.html",
    _save_approval,
    done=_work,
    check_heading="Check before approving the end of the plan",
    save_label="Approve ending the plan",
    target=_conference,
    allowed=_may_approve,
    section="work",
)
CORE_GROUP = Recording(
    "core-group",
    CoreGroupForm,
    "casework/meeting_form.html",
    _save_core_group,
    done=_work,
    check_heading="Check the core group meeting before saving it",
    save_label="Save the core group meeting",
    target=_cp_plan,
    extra=lambda plan: {"meeting": "core group meeting"},
    section="work",
)
CIN_PLAN_START = Recording(
    "cin-plan-start",
    CinPlanStartForm,
    "casework/cin_plan_start_form.html",
    _save_cin_start,
    done=_work,
    check_heading="Check the child in need plan before starting it",
    save_label="Start the plan",
    section="work",
)
CIN_PLAN_REVIEW = Recording(
    "cin-plan-review",
    CinPlanReviewForm,
    "casework/meeting_form.html",
    _save_cin_review,
    done=_work,
    check_heading="Check the review before saving it",
    save_label="Save the review",
    target=_cin_plan,
    extra=lambda plan: {"meeting": "child in need plan review"},
    section="work",
)


def _pages(recording: Recording):
    """The form page and the check page of one screen, as views."""

    @require_http_methods(["GET", "POST"])
    def new(request, child_id: int, **ids):
        return form_page(request, child_id, recording, **ids)

    @require_http_methods(["GET", "POST"])
    def check(request, child_id: int, **ids):
        return check_page(request, child_id, recording, **ids)

    return new, check


strategy_discussion_new, strategy_discussion_check = _pages(STRATEGY)
s47_outcome_new, s47_outcome_check = _pages(S47_OUTCOME)
initial_conference_new, initial_conference_check = _pages(INITIAL_CONFERENCE)
review_conference_new, review_conference_check = _pages(REVIEW_CONFERENCE)
plan_end_approve_new, plan_end_approve_check = _pages(PLAN_END_APPROVE)
core_group_new, core_group_check = _pages(CORE_GROUP)
cin_plan_start_new, cin_plan_start_check = _pages(CIN_PLAN_START)
cin_plan_review_new, cin_plan_review_check = _pages(CIN_PLAN_REVIEW)
