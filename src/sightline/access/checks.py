"""Deployment checks of the access app, run by `sightline check --deploy`.

Django's own check (security.W009) accepts any long, varied key, including the demo key that is
published in the settings module; anyone who knows it can forge session cookies and password
reset links. This refuses it, and any key marked insecure.
"""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def secret_key_not_public(app_configs, **kwargs):
    key = settings.SECRET_KEY or ""
    public = getattr(settings, "PUBLIC_DEMO_SECRET_KEY", None)
    if key == public or key.startswith("insecure-") or key.startswith("django-insecure"):
        return [
            checks.Error(
                "SECRET_KEY is the public demo key (or marked insecure): anyone can forge "
                "sessions with it.",
                hint=(
                    "Set SIGHTLINE_SECRET_KEY to a long random value, e.g. "
                    "python -c 'import secrets; print(secrets.token_urlsafe(64))'."
                ),
                id="sightline.access.E001",
            )
        ]
    return []
