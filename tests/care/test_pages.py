"""The Care page and the recording screens in the web: a form, check your answers, the action,
then the Care page and chronology showing the record at once; errors located on their fields."""

import datetime as dt

import pytest
from django.urls import reverse
from tests.care.conftest import clock

from sightline.care.models import CareLeaver, LookedAfterEpisode, MissingEpisode
from sightline.care.writes import looked_after_start
from sightline.drafts.models import Draft

START = dt.date(2026, 11, 2)


def boxes(prefix: str, day: dt.date | None) -> dict[str, str]:
    parts = (day.day, day.month, day.year) if day else ("", "", "")
    return {f"{prefix}_{p}": str(v) for p, v in zip(("day", "month", "year"), parts, strict=True)}


def start_form(**overrides) -> dict[str, str]:
    data = {
        **boxes("start", START),
        "legal_status": "V2",
        "category_of_need": "N4",
        "placement_type": "U3",
        "placement_provider": "PR1",
        "placement_urn": "",
        "placement_postcode": "DM4 4DD",
        "home_postcode": "DM2 2BB",
        **boxes("approved", START),
    }
    data.update(overrides)
    return data


def urls(name: str, child, *ids) -> tuple[str, str]:
    args = [child.pk, *ids]
    return reverse(f"{name}-new", args=args), reverse(f"{name}-check", args=args)


def record(client, name, child, data, *ids, capture=None):
    form_url, check_url = urls(name, child, *ids)
    posted = client.post(form_url, data)
    assert posted.status_code == 302 and posted["Location"] == check_url, posted.content[:3000]
    with capture(execute=True):
        saved = client.post(check_url)
    return saved


def test_a_child_not_looked_after_has_a_care_page_offering_to_record_it(worker_client, council):
    page = worker_client.get(reverse("child-care", args=[council.child.pk])).content.decode()
    assert "Ruby is not looked after" in page
    assert reverse("looked-after-start-new", args=[council.child.pk]) in page
    care_tab = f'aria-current="page" href="/children/{council.child.pk}/care/"'
    assert care_tab in page  # the Care tab is the current one


def test_becoming_looked_after_through_the_screens_shows_on_the_care_page_and_chronology(
    worker_client, council, django_capture_on_commit_callbacks
):
    form_url, check_url = urls("looked-after-start", council.child)
    assert worker_client.post(form_url, start_form())["Location"] == check_url
    check = worker_client.get(check_url).content.decode()
    assert "Single period of accommodation under section 20" in check
    assert "Foster placement with relative or friend: not long-term or FFA" in check
    with django_capture_on_commit_callbacks(execute=True):
        done = worker_client.post(check_url)
    assert done["Location"] == reverse("child-care", args=[council.child.pk])
    episode = LookedAfterEpisode.objects.get(child=council.child)
    assert (episode.legal_status, episode.temporary_approval_on) == ("V2", START)
    assert not Draft.objects.filter(form="looked-after-start").exists()
    page = worker_client.get(done["Location"]).content.decode()
    assert "looked after since 2 November 2026" in page
    assert "Temporarily, on 2 November 2026" in page
    assert 'data-rule="T-CARE-PLAN"' in page and 'data-rule="T-LAC-REVIEW-1"' in page
    chronology = worker_client.get(reverse("child-chronology", args=[council.child.pk]))
    assert "Started to be looked after" in chronology.content.decode()


def test_an_empty_form_is_shown_back_with_each_error_linked_to_its_field(worker_client, council):
    form_url, _ = urls("looked-after-start", council.child)
    page = worker_client.post(form_url, {}).content.decode()
    assert "There is a problem" in page
    for field_id, message in (
        ("id_start_day", "Enter the date the child became looked after"),
        ("id_legal_status", "Select the legal status"),
        ("id_placement_type", "Select the placement type"),
        ("id_placement_postcode", "Enter the postcode of the placement"),
    ):
        assert f'<a href="#{field_id}">{message}</a>' in page, message
    assert not LookedAfterEpisode.objects.exists()


def test_what_only_the_action_refuses_goes_back_to_the_form_on_its_field_with_the_draft_kept(
    worker_client, council
):
    form_url, check_url = urls("looked-after-start", council.child)
    worker_client.post(form_url, start_form(placement_type="U6", placement_provider=""))
    page = worker_client.post(check_url).content.decode()
    assert '<a href="#id_placement_provider">Select who provides the placement</a>' in page
    assert "DM4 4DD" in page  # what was typed is still there
    assert Draft.objects.filter(form="looked-after-start").exists()
    assert not LookedAfterEpisode.objects.exists()


def test_a_future_date_is_refused_on_its_field(worker_client, council):
    form_url, _ = urls("care-plan", council.child)
    page = worker_client.post(
        form_url, {**boxes("agreed", dt.date.today() + dt.timedelta(days=3)), "summary": "Plan"}
    ).content.decode()
    assert '<a href="#id_agreed_day">The date the care plan was agreed must be today' in page


def test_care_and_placement_plans_then_a_review_meet_their_clocks_on_the_care_page(
    worker_client, council, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        looked_after_start(
            actor=council.worker,
            child=council.child,
            start_date=START,
            legal_status="C1",
            category_of_need="N1",
            placement_type="U6",
            placement_provider="PR1",
            placement_postcode="DM1 1AA",
        )
    capture = django_capture_on_commit_callbacks
    child = council.child
    record(
        worker_client,
        "care-plan",
        child,
        {**boxes("agreed", START), "summary": "Stay with foster carers."},
        capture=capture,
    )
    record(worker_client, "placement-plan", child, boxes("agreed", START), capture=capture)
    record(
        worker_client,
        "looked-after-review",
        child,
        {
            **boxes("date", dt.date(2026, 11, 27)),
            "chaired_by": str(council.iro.pk),
            "participation": "PN1",
        },
        capture=capture,
    )
    for rule in ("T-CARE-PLAN", "T-PLACEMENT-PLAN", "T-LAC-REVIEW-1"):
        assert clock(child, rule).status == "met", rule
    page = worker_client.get(reverse("child-care", args=[child.pk])).content.decode()
    assert "Agreed on 2 November 2026" in page and "Indira Reviewer" in page
    chronology = worker_client.get(reverse("child-chronology", args=[child.pk])).content.decode()
    for title in ("Care plan agreed", "Placement plan agreed", "Looked-after review"):
        assert title in chronology


def test_a_return_interview_is_recorded_from_the_missing_episode_and_meets_its_clock(
    worker_client, council, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    child = council.child
    record(
        worker_client,
        "missing-episode",
        child,
        {"kind": "M", **boxes("start", dt.date(2026, 11, 8)), **boxes("end", None)},
        capture=capture,
    )
    episode = MissingEpisode.objects.get(child=child)
    page = worker_client.get(reverse("child-care", args=[child.pk])).content.decode()
    form_url, _ = urls("return-interview", child, episode.pk)
    assert form_url in page and "Still missing" in page
    opened = worker_client.get(form_url).content.decode()
    assert 'name="version"' in opened
    version = opened.split('name="version" value="')[1].split('"')[0]
    record(
        worker_client,
        "return-interview",
        child,
        {
            **boxes("end", dt.date(2026, 11, 10)),
            **boxes("offered", dt.date(2026, 11, 12)),
            "accepted": "yes",
            "record": str(episode.pk),
            "version": version,
        },
        episode.pk,
        capture=capture,
    )
    episode.refresh_from_db()
    assert episode.return_interview_accepted is True
    assert clock(child, "T-RHI").status == "met"
    page = worker_client.get(reverse("child-care", args=[child.pk])).content.decode()
    assert "Offered 12 November 2026, accepted" in page


def test_another_childs_missing_episode_is_not_found(worker_client, council):
    other = type(council.child).objects.create(
        la_child_id="C6006", first_name="Ann", sex="F", date_of_birth=START
    )
    episode = MissingEpisode.objects.create(child=other, kind="M", start_date=START)
    form_url, _ = urls("return-interview", council.child, episode.pk)
    assert worker_client.get(form_url).status_code == 404


def test_a_worker_who_may_not_see_the_child_gets_no_care_page_or_form(council):
    from django.test import Client

    client = Client()
    client.force_login(council.stranger)
    assert client.get(reverse("child-care", args=[council.child.pk])).status_code == 404
    form_url, _ = urls("looked-after-start", council.child)
    assert client.get(form_url).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("health-assessment", {**boxes("date", START), "kind": "INITIAL"}),
        ("dental-check", boxes("date", START)),
        ("education-plan", boxes("date", START)),
    ],
)
def test_health_and_education_screens_save_and_show_on_the_care_page(
    worker_client, council, django_capture_on_commit_callbacks, name, data
):
    looked_after_start(
        actor=council.worker,
        child=council.child,
        start_date=START,
        legal_status="C1",
        category_of_need="N1",
        placement_type="U6",
        placement_provider="PR1",
        placement_postcode="DM1 1AA",
    )
    saved = record(
        worker_client, name, council.child, data, capture=django_capture_on_commit_callbacks
    )
    assert saved["Location"] == reverse("child-care", args=[council.child.pk])
    page = worker_client.get(saved["Location"]).content.decode()
    assert "Latest on 2 November 2026" in page


def test_care_leaver_screens_save_and_show_on_the_care_page(
    worker_client, council, django_capture_on_commit_callbacks
):
    CareLeaver.objects.create(
        child=council.child, eligibility="RELEVANT", eligible_from=dt.date(2026, 9, 1)
    )
    capture = django_capture_on_commit_callbacks
    record(
        worker_client,
        "care-leaver-contact",
        council.child,
        {
            **boxes("date", START),
            "kind": "CALL",
            "in_touch": "YES",
            "activity": "F5",
            "accommodation": "U",
            "accommodation_suitable": "yes",
        },
        capture=capture,
    )
    record(worker_client, "pathway-plan", council.child, boxes("date", START), capture=capture)
    page = worker_client.get(reverse("child-care", args=[council.child.pk])).content.decode()
    assert "2 November 2026: In touch" in page and "Made on 2 November 2026" in page
