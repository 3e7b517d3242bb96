"""The first screen of a child's record: what is happening, warnings, the child's voice, the
professional network."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from sightline.care.models import IROAppointment, LookedAfterEpisode
from sightline.casework.models import CaseNote, Visit
from sightline.people.models import PersonWarning, ProfessionalContact

TODAY = timezone.localdate


def summary(client, child) -> str:
    response = client.get(reverse("child-summary", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_warning_about_an_adult_in_the_household_shows_on_every_page_of_the_child(
    worker_client, child, household, adult
):
    PersonWarning.objects.create(
        person=adult, kind="VIOLENCE", detail="Visit in pairs.", raised_on=dt.date(2025, 1, 6)
    )
    for name in ("child-summary", "child-chronology", "child-household", "child-clocks"):
        page = worker_client.get(reverse(name, args=[child.pk])).content.decode()
        assert "Risk of violence to staff" in page, name
        assert f"{adult.full_name}, lives with {child.first_name}" in page, name
        assert "Visit in pairs." in page, name


def test_an_ended_warning_and_one_about_someone_who_moved_out_are_not_shown(
    worker_client, child, household, adult
):
    PersonWarning.objects.create(
        person=child,
        kind="ADDRESS",
        detail="Old concern.",
        raised_on=dt.date(2024, 1, 1),
        ended_on=dt.date(2024, 6, 1),
    )
    adult.household_memberships.update(end_date=TODAY() - dt.timedelta(days=1))
    PersonWarning.objects.create(
        person=adult, kind="VIOLENCE", detail="Visit in pairs.", raised_on=dt.date(2025, 1, 6)
    )
    page = summary(worker_client, child)
    # The ended warning stays in the chronology (its history), never in the warnings banner.
    assert 'aria-label="Warnings"' not in page
    assert "Visit in pairs." not in page
    assert "Warning raised: Address must not be shared" in page


def test_the_childs_latest_words_are_shown_with_where_they_were_said(
    worker_client, child, social_worker
):
    Visit.objects.create(
        child=child,
        date=dt.date(2025, 3, 5),
        kind="CP",
        worker=social_worker,
        childs_voice="Earlier words",
    )
    CaseNote.objects.create(
        child=child,
        written_at=timezone.make_aware(dt.datetime(2025, 4, 1, 10)),
        author=social_worker,
        note="Phoned Alex",
        childs_voice="I want to see my dad more.",
    )
    page = summary(worker_client, child)
    assert "“I want to see my dad more.”" in page
    assert "Case note, 1 April 2025" in page
    assert "Earlier words" not in page


def test_a_looked_after_childs_status_placement_and_iro_are_on_the_first_screen(
    worker_client, child, team_manager
):
    LookedAfterEpisode.objects.create(
        child=child,
        start_date=dt.date(2025, 1, 6),
        end_date=dt.date(2025, 3, 3),
        reason_ceased="X1",
        reason_new_episode="S",
        legal_status="C1",
        category_of_need="N1",
        placement_type="U4",
    )
    LookedAfterEpisode.objects.create(
        child=child,
        start_date=dt.date(2025, 3, 3),
        reason_new_episode="L",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
    )
    IROAppointment.objects.create(child=child, iro=team_manager, appointed_on=dt.date(2025, 1, 8))
    page = summary(worker_client, child)
    # The legal status changed on 3 March; the placement and the period of care did not.
    assert "Looked after since 6 January 2025" in page
    assert ", since 6 January 2025" in page
    assert str(team_manager) in page


def test_the_professional_network_lists_current_professionals_only(worker_client, child):
    ProfessionalContact.objects.create(
        child=child,
        role="GP",
        name="Dr A. Khan",
        organisation="Riverside Surgery",
        start_date=dt.date(2020, 1, 1),
    )
    ProfessionalContact.objects.create(
        child=child,
        role="SCHOOL",
        organisation="Old Primary",
        start_date=dt.date(2019, 9, 1),
        end_date=dt.date(2023, 7, 20),
    )
    page = summary(worker_client, child)
    assert "Dr A. Khan, Riverside Surgery" in page
    assert "Old Primary" not in page


def test_a_child_with_no_recorded_words_prompts_the_worker_to_record_them(worker_client, child):
    assert "Record it on the next visit." in summary(worker_client, child)
