"""The `--actor` of the data-protection commands: every export and disposal has a named user."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def actor_lookup(username: str):
    """The active user with this username, or a CommandError naming the problem."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(f"No active user has the username {username!r}")
    return user
