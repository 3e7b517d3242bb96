"""The demo sign-ins: one per role, all with one clearly labelled demo password."""

from __future__ import annotations

import functools
import random
import string

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, get_hasher

from sightline.standards import codes

DEMO_PASSWORD = "demo-sightline-2026"
DEMO_USERNAME_PREFIX = "demo."
_SALT_ALPHABET = string.ascii_letters + string.digits
# 22 letters and digits: more than the 128 bits of entropy Django expects of a salt.
_DEMO_SALT = "SightlineDemoCouncil26"


@functools.cache
def demo_password_hash() -> str:
    """The argon2 hash of the demo password, computed once and shared by every demo user.

    Argon2 is deliberately slow, so it runs once per process. The salt is fixed so that the
    same seed writes the same rows; the password is published, so a shared salt hides nothing.
    """
    return get_hasher("argon2").encode(DEMO_PASSWORD, _DEMO_SALT)


def unusable_password(rng: random.Random) -> str:
    """A password no one can sign in with (staff who are not demo logins)."""
    return UNUSABLE_PASSWORD_PREFIX + "".join(rng.choice(_SALT_ALPHABET) for _ in range(40))


def demo_logins() -> list[tuple[str, str, str, str]]:
    """(username, role, team name or "", password) for each demo user, in role order."""
    from sightline.workforce.models import User

    order = {value: index for index, value in enumerate(codes.ROLE.values)}
    users = User.objects.filter(username__startswith=DEMO_USERNAME_PREFIX).select_related("team")
    return [
        (
            user.username,
            codes.ROLE.label(user.role),
            user.team.name if user.team else "",
            DEMO_PASSWORD,
        )
        for user in sorted(
            users, key=lambda user: (order.get(user.role, len(order)), user.username)
        )
    ]
