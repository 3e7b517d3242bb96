"""The protection screens through their pages: form, check your answers, save; errors located
on their fields with the draft kept; the Casework page links to each step that is due; the
chronology shows what was saved at once."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from sightline.casework.models import ChildProtectionPlan, Section47Enquiry, StrategyDiscussion
from sightline.casework.writes.protection import (
    initial_conference_record,
    review_conference_record,
    section47_outcome_record,
    strategy_discussion_record,
)
from sightline.drafts.models import Draft
from sightline.oversight.models import Deadline


def parts(prefix, day):
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_strategy_discussion_page_to_saved_with_its_chronology_and_clocks(
    case, client_for, django_capture_on_commit_callbacks
):
    client = client_for(case.worker)
    work = reverse("child-work", args=[case.child.pk])
    page = client.get(work).content.decode()
    new = reverse("strategy-discussion-new", args=[case.child.pk])
    assert f'href="{new}"' in page and "Record strategy discussion" in page
    data = {
        **parts("held", case.concern_day),
        "agencies_attending": ["POLICE", "EDUCATION"],
        "attendees": "DC Hill, police; Ms Shah, school",
        "decision": "S47",
        "rationale": "Injury unexplained; police to interview jointly.",
    }
    check = reverse("strategy-discussion-check", args=[case.child.pk])
    assert client.post(new, data)["Location"] == check
    answers = client.get(check).content.decode()
    assert "Police; School or education" in answers and "Section 47 enquiry" in answers
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(check)
    assert done["Location"] == work
    discussion = StrategyDiscussion.objects.get(child=case.child)
    assert discussion.agencies_attending == ["POLICE", "EDUCATION"]
    assert not Draft.objects.filter(form="strategy-discussion").exists()
    assert Deadline.objects.get(child=case.child, rule_id="T-STRATEGY").status == "met"
    enquiry = Section47Enquiry.objects.get(child=case.child)
    page = client.get(work).content.decode()
    assert reverse("s47-outcome-new", args=[case.child.pk, enquiry.pk]) in page
    chronology = client.get(reverse("child-chronology", args=[case.child.pk])).content.decode()
    assert "Strategy discussion" in chronology and "police to interview jointly" in chronology
    assert "Section 47 enquiry started" in chronology


def test_errors_are_located_on_their_fields_and_nothing_is_lost(case, client_for):
    client = client_for(case.worker)
    new = reverse("strategy-discussion-new", args=[case.child.pk])
    future = timezone.localdate() + dt.timedelta(days=3)
    data = {**parts("held", future), "decision": "NFA", "attendees": "Only the school came."}
    page = client.post(new, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'href="#id_held_day"' in html and "must be today or in the past" in html
    assert 'href="#id_agencies_attending"' in html and "Select the agencies" in html
    assert 'href="#id_rationale"' in html
    assert "Only the school came." in html  # what was typed stays in the form
    assert Draft.objects.get(form="strategy-discussion").data["attendees"] == (
        "Only the school came."
    )
    assert not StrategyDiscussion.objects.exists()


def _enquiry(case, **outcome):
    strategy_discussion_record(
        actor=case.worker,
        child=case.child,
        held_on=case.concern_day,
        decision="S47",
        agencies_attending=["POLICE"],
    )
    enquiry = Section47Enquiry.objects.get(child=case.child)
    if outcome:
        section47_outcome_record(actor=case.worker, enquiry=enquiry, **outcome)
        enquiry.refresh_from_db()
    return enquiry


def test_s47_outcome_then_initial_conference_starts_the_plan(
    case, client_for, django_capture_on_commit_callbacks
):
    client = client_for(case.worker)
    enquiry = _enquiry(case)
    ids = [case.child.pk, enquiry.pk]
    new, check = reverse("s47-outcome-new", args=ids), reverse("s47-outcome-check", args=ids)
    page = client.get(new).content.decode()
    assert "record_version" not in page and 'name="version"' in page
    ended = case.concern_day + dt.timedelta(days=3)
    form = {
        **parts("end", ended),
        "outcome": "ICPC",
        "rationale": "Concerns substantiated.",
        "record": str(enquiry.pk),
        "version": "",
    }
    assert client.post(new, form)["Location"] == check
    client.post(check)
    enquiry.refresh_from_db()
    assert (enquiry.end_date, enquiry.icpc_required) == (ended, True)

    work = client.get(reverse("child-work", args=[case.child.pk])).content.decode()
    new = reverse("initial-conference-new", args=ids)
    assert new in work
    check = reverse("initial-conference-check", args=ids)
    held = case.concern_day + dt.timedelta(days=8)
    page = client.get(new).content.decode()
    assert "Indira Tester" in page  # the conference chairs to choose from
    missing = {**parts("date", held), "chair": str(case.chair.pk), "outcome": "PLAN"}
    html = client.post(new, {**missing, "record": str(enquiry.pk)}).content.decode()
    assert 'href="#id_category"' in html and "Select the category of abuse" in html
    assert (
        client.post(new, {**missing, "category": "SAB", "record": str(enquiry.pk)})["Location"]
        == check
    )
    assert "Sexual abuse" in client.get(check).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(check)
    plan = ChildProtectionPlan.objects.get(child=case.child)
    assert (plan.start_date, plan.initial_category) == (held, "SAB")
    assert Deadline.objects.get(child=case.child, rule_id="T-ICPC").met_on == held
    work = client.get(reverse("child-work", args=[case.child.pk])).content.decode()
    assert reverse("core-group-new", args=[case.child.pk, plan.pk]) in work
    assert reverse("review-conference-new", args=[case.child.pk, plan.pk]) in work


def test_an_s47_outcome_saved_by_someone_else_meanwhile_is_refused_with_both(case, client_for):
    client = client_for(case.worker)
    enquiry = _enquiry(case)
    ids = [case.child.pk, enquiry.pk]
    new, check = reverse("s47-outcome-new", args=ids), reverse("s47-outcome-check", args=ids)
    client.get(new)
    from sightline.actions import record_version

    form = {
        **parts("end", case.concern_day),
        "outcome": "CIN",
        "rationale": "My reasons, typed at length.",
        "record": str(enquiry.pk),
        "version": record_version(enquiry),
    }
    client.post(new, form)
    section47_outcome_record(
        actor=case.manager,
        enquiry=enquiry,
        end_date=case.concern_day,
        outcome="ICPC",
    )
    refused = client.post(check)
    assert refused.status_code == 409
    assert "My reasons, typed at length." in refused.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.outcome == "ICPC"


def test_approving_a_plan_end_is_a_managers_and_not_the_recorders(
    case, client_for, django_capture_on_commit_callbacks
):
    enquiry = _enquiry(case, end_date=case.concern_day, outcome="ICPC")
    initial_conference_record(
        actor=case.worker,
        enquiry=enquiry,
        date=case.concern_day,
        outcome="PLAN",
        chair=case.chair,
        category="NEG",
    )
    plan = ChildProtectionPlan.objects.get(child=case.child)
    held = case.concern_day + dt.timedelta(days=14)
    conference = review_conference_record(
        actor=case.manager, plan=plan, date=held, outcome="END", chair=case.chair
    )
    ids = [case.child.pk, conference.pk]
    new = reverse("plan-end-approve-new", args=ids)
    assert client_for(case.worker).get(new).status_code == 403
    # The manager who recorded the review is not offered the approval.
    work = reverse("child-work", args=[case.child.pk])
    assert new not in client_for(case.manager).get(work).content.decode()
    approver = client_for(case.second_manager)
    assert new in approver.get(work).content.decode()
    check = reverse("plan-end-approve-check", args=ids)
    approved = timezone.localdate()
    form = {**parts("approved", approved), "record": str(conference.pk), "version": ""}
    assert approver.post(new, form)["Location"] == check
    with django_capture_on_commit_callbacks(execute=True):
        approver.post(check)
    plan.refresh_from_db()
    assert plan.end_date == held
    chronology = approver.get(reverse("child-chronology", args=[case.child.pk])).content.decode()
    assert (
        "Child protection plan ended" in chronology
        and "Ending approved by: Hari Tester" in chronology
    )


def test_core_group_and_cin_pages_save_through_their_actions(case, client_for):
    client = client_for(case.worker)
    enquiry = _enquiry(case, end_date=case.concern_day, outcome="ICPC")
    initial_conference_record(
        actor=case.worker,
        enquiry=enquiry,
        date=case.concern_day,
        outcome="PLAN",
        chair=case.chair,
        category="NEG",
    )
    plan = ChildProtectionPlan.objects.get(child=case.child)
    ids = [case.child.pk, plan.pk]
    new, check = reverse("core-group-new", args=ids), reverse("core-group-check", args=ids)
    day = case.concern_day + dt.timedelta(days=5)
    html = client.post(new, {**parts("date", day), "record": str(plan.pk)}).content.decode()
    assert 'href="#id_notes"' in html
    client.post(
        new, {**parts("date", day), "notes": "Nursery place agreed.", "record": str(plan.pk)}
    )
    client.post(check)
    assert plan.core_groups.get().notes == "Nursery place agreed."

    new = reverse("cin-plan-start-new", args=[case.child.pk])
    assert new in client.get(reverse("child-work", args=[case.child.pk])).content.decode()
    client.post(new, parts("start", case.concern_day))
    client.post(reverse("cin-plan-start-check", args=[case.child.pk]))
    cin = case.child.cin_plans.get()
    ids = [case.child.pk, cin.pk]
    new = reverse("cin-plan-review-new", args=ids)
    client.post(new, {**parts("date", day), "notes": "Going well.", "record": str(cin.pk)})
    client.post(reverse("cin-plan-review-check", args=ids))
    assert cin.reviews.get().date == day
