"""A child missing or away from where they should be, and the return home interview after it.

Statutory guidance on children who run away or go missing from home or care (2014): a return
home interview is offered within 72 hours of the child's return (T-RHI). The episode is recorded
when the child goes missing (or on their return); the interview's offer changes that episode.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from sightline.actions import RecordUpdateAction
from sightline.care.models import MissingEpisode
from sightline.care.writes.base import CareRecordCreate
from sightline.people.models import Person

__all__ = ["missing_episode_record", "return_interview_record"]


class MissingEpisodeRecord(CareRecordCreate):
    doing = "record missing episodes"
    model = MissingEpisode

    def validate(self) -> None:
        start, end = self.fields["start_date"], self.fields.get("end_date")
        if end is not None and end < start:
            raise ValidationError(
                {"end_date": "The date the child came back must be on or after they went missing"}
            )
        still_missing = MissingEpisode.objects.filter(child=self.child, end_date__isnull=True)
        if still_missing.exists():
            raise ValidationError(
                "This child is already recorded as missing. Record their return first."
            )


class ReturnInterviewRecord(RecordUpdateAction):
    doing = "record return home interviews"
    model = MissingEpisode

    def perform(self) -> MissingEpisode:
        episode = self.locked()
        returned_on = episode.end_date or self.changes["end_date"]
        offered_on = self.changes["return_interview_offered_on"]
        if returned_on is None:
            raise ValidationError({"end_date": "Enter the date the child came back"})
        if returned_on < episode.start_date:
            raise ValidationError(
                {"end_date": "The date the child came back must be on or after they went missing"}
            )
        if offered_on is not None and offered_on < returned_on:
            raise ValidationError(
                {
                    "return_interview_offered_on": "The interview must be offered on or after "
                    f"the child came back ({returned_on.day} {returned_on:%B %Y})"
                }
            )
        if offered_on is None and self.changes["return_interview_accepted"] is not None:
            raise ValidationError(
                {
                    "return_interview_offered_on": "Enter when the interview was offered, "
                    "since the child answered the offer"
                }
            )
        episode.end_date = returned_on
        episode.return_interview_offered_on = offered_on
        episode.return_interview_accepted = self.changes["return_interview_accepted"]
        episode.full_clean()
        episode.save(
            update_fields=["end_date", "return_interview_offered_on", "return_interview_accepted"]
        )
        return episode


def missing_episode_record(
    *,
    actor,
    child: Person,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    request=None,
) -> MissingEpisode:
    """Record that `child` went missing (kind M) or was away without authorisation (A).

    With `end_date` the child is back, and a missing child's T-RHI clock starts from it.
    """
    fields = dict(kind=kind, start_date=start_date, end_date=end_date)
    return MissingEpisodeRecord(actor=actor, child=child, fields=fields, request=request).execute()


def return_interview_record(
    *,
    actor,
    episode: MissingEpisode,
    end_date: dt.date | None = None,
    offered_on: dt.date | None = None,
    accepted: bool | None = None,
    expected_version: str | None = None,
    request=None,
) -> MissingEpisode:
    """Record the child's return (if not yet recorded) and the return interview's offer.

    `offered_on` meets T-RHI; `accepted` is the child's answer (None: not known yet). With
    `expected_version`, an episode changed since the form was opened is refused with
    ``EditConflict``.
    """
    changes = dict(
        end_date=end_date,
        return_interview_offered_on=offered_on,
        return_interview_accepted=accepted,
    )
    return ReturnInterviewRecord(
        actor=actor,
        record=episode,
        changes=changes,
        expected_version=expected_version,
        request=request,
    ).execute()
