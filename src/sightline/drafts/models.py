"""A draft: one user's unsaved answers to one recording form about one child."""

from django.conf import settings
from django.db import models


class Draft(models.Model):
    """What a user has typed into a form, saved as they type and kept until they submit it.

    ``form`` names the recording form (``visit``, ``case-note``); one draft per user, form and
    child, so reopening the form restores it. A draft is the user's own: nobody else reads it.
    ``data`` holds the form's fields as typed (text, unvalidated).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form = models.CharField(max_length=40)
    child = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "form", "child"], name="one_draft_per_form")
        ]

    def __str__(self):
        return f"Draft {self.form} about child {self.child_id}"
