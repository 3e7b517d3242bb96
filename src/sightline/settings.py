"""Django settings, every one read from a `SIGHTLINE_*` environment variable.

Defaults suit a single-machine demo (SQLite under ./var, debug off, local hosts only);
production sets the variables. See docs/configuration.md for the full list.
"""

import os
from datetime import time, timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SIGHTLINE_VAR_DIR", PROJECT_DIR / "var"))


def _env(name: str, default: str = "") -> str:
    return os.environ.get(f"SIGHTLINE_{name}", default)


def _env_bool(name: str, default: bool) -> bool:
    raw = _env(name, "")
    if not raw:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in _env(name, default).split(",") if item.strip()]


DEBUG = _env_bool("DEBUG", False)
# Public (it is in the source): fine for the demo, refused by `check --deploy` (access.checks).
PUBLIC_DEMO_SECRET_KEY = "insecure-demo-key-set-SIGHTLINE_SECRET_KEY-in-production"
SECRET_KEY = _env("SECRET_KEY", PUBLIC_DEMO_SECRET_KEY)
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

DATABASES = {
    "default": dj_database_url.parse(
        _env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sightline.sqlite3'}"),
        conn_max_age=int(_env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while a background job writes; see docs/adr/0002.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits for the write lock before "database is locked". The nightly
        # tick holds it one short batch at a time; under 40 clients on 2 cores, page views'
        # own short writes queued for up to 20 s (bench/results.md), so wait well beyond that.
        "timeout": int(_env("SQLITE_BUSY_TIMEOUT_SECONDS", "45")),
    }

INSTALLED_APPS = [
    # Django's admin, open to system administrators only (access.admin_site).
    "sightline.access.admin_site.SightlineAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "sightline.workforce",
    "sightline.people",
    "sightline.casework",
    "sightline.care",
    "sightline.oversight",
    "sightline.drafts",
    "sightline.documents",
    "sightline.performance",
    "sightline.returns",
    "sightline.demo",
    "sightline.web",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "sightline.access",
    # Field-level change history of case records (sightline.access: data protection).
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # High up so that redirects and lock-out responses from the layers below carry the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication, so it wraps every response a signed-in user receives,
    # refusals and redirects from the layers below included.
    "sightline.web.middleware.NoStoreForSignedInMiddleware",
    "sightline.access.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # After LoginRequiredMiddleware: only signed-in users are asked for their second factor.
    "sightline.access.middleware.TwoFactorRequiredMiddleware",
    "sightline.access.middleware.RestrictedRecordMiddleware",
    # After authentication: stamps each change-history row with the signed-in user.
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes documents its middleware as the last one.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sightline.urls"
WSGI_APPLICATION = "sightline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sightline.web.context_processors.service",
                "sightline.access.context_processors.trust",
            ],
        },
    },
]

AUTH_USER_MODEL = "workforce.User"
AUTHENTICATION_BACKENDS = [
    # Refuses sign-in while an account is locked out; must come before the backend that signs in.
    "sightline.access.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", not DEBUG and _env_bool("HTTPS", False))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = int(_env("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
# However active, a session ends this long after sign-in (a working day and a bit).
SIGHTLINE_SESSION_MAX_SECONDS = int(_env("SESSION_MAX_SECONDS", str(10 * 60 * 60)))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Transport security (sightline.access) -------------------------------------------------------
SIGHTLINE_HTTPS = _env_bool("HTTPS", False)
if SIGHTLINE_HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(_env("HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Only permits submission to the browsers' preload list; councils on gov.uk are already on it.
    SECURE_HSTS_PRELOAD = _env_bool("HSTS_PRELOAD", True)
# Behind a proxy that terminates TLS, e.g. SIGHTLINE_PROXY_SSL_HEADER=X-Forwarded-Proto; without
# it SECURE_SSL_REDIRECT would redirect for ever. Set it only when the proxy strips the header
# from clients, or anyone could claim to be on HTTPS.
if _env("PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _env("PROXY_SSL_HEADER").upper().replace("-", "_"),
        "https",
    )

# Content Security Policy (django-csp 4 format). No 'unsafe-inline': every script and style is a
# file under /static/, so injected markup cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# --- Sign-in hardening (sightline.access) --------------------------------------------------------
# Lock an account out for 30 minutes after 5 failed passwords in a row (OWASP ASVS 2.2.1). Keyed
# on the username, not the address: council staff share a few outgoing addresses, and locking an
# address would lock out a whole office.
AXES_FAILURE_LIMIT = int(_env("LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(_env("LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address in the lock-out key, against attackers who rotate user agents or
# cookies; neither is in this key, and the username cannot be rotated when attacking one account.
# Spraying one password over many accounts is stopped by the second factor, not by lock-out.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"

# --- The council ---------------------------------------------------------------------------------
SIGHTLINE_COUNCIL_NAME = _env("COUNCIL_NAME", "Demo Borough Council")
SIGHTLINE_COUNCIL_CODE = _env("COUNCIL_CODE", "873")
SIGHTLINE_CHILD_POPULATION = int(_env("CHILD_POPULATION", "50000"))
# How long computed indicator figures may be kept at most, whatever else happens (seconds):
# writes through the ORM and inserts already refresh them (sightline.performance.figures).
SIGHTLINE_PERFORMANCE_CACHE_SECONDS = int(_env("PERFORMANCE_CACHE_SECONDS", "900"))
# A demo council of synthetic data: every page says so, and two-factor sign-in is off (nobody has
# a phone enrolled). Off unless asked for; `make demo` asks for it.
SIGHTLINE_DEMO = _env_bool("DEMO", False)
# Two-factor sign-in (TOTP) for every user; off only in the demo.
SIGHTLINE_REQUIRE_2FA = _env_bool("REQUIRE_2FA", not SIGHTLINE_DEMO)
OTP_TOTP_ISSUER = f"{SIGHTLINE_COUNCIL_NAME} Sightline"

# --- Local standards -----------------------------------------------------------------------------
# Overrides of the rulebook's local standards, "RULE_ID=value" pairs separated by commas, e.g.
# SIGHTLINE_LOCAL_STANDARDS="T-CP-VISIT=10WD,T-CORE-GROUP=4W".
SIGHTLINE_LOCAL_STANDARDS = _env("LOCAL_STANDARDS", "")
# Local thresholds of the drift-and-delay rules (docs/findings.md), e.g. "D-CP-PLAN-LONG=18M".
SIGHTLINE_DRIFT_STANDARDS = _env("DRIFT_STANDARDS", "")
# Working days an unacknowledged finding waits at each level of the management chain before it
# goes up (docs/findings.md), e.g. "critical=1,serious=5,warning=10".
SIGHTLINE_ESCALATION_DAYS = _env("ESCALATION_DAYS", "")
# Caseloads (docs/findings.md): weights by case type and the count above which a worker's
# caseload is flagged, e.g. "CP=1.5,LAC=1.2,CIN=1".
SIGHTLINE_CASELOAD_WEIGHTS = _env("CASELOAD_WEIGHTS", "")
SIGHTLINE_CASELOAD_CAP = int(_env("CASELOAD_CAP", "22"))
SIGHTLINE_LOCAL_CLOSURE_DAYS = _env_list("LOCAL_CLOSURE_DAYS", "")
_end_of_day = _env("END_OF_WORKING_DAY", "17:00").split(":")
SIGHTLINE_END_OF_WORKING_DAY = time(int(_end_of_day[0]), int(_end_of_day[1]))

# --- Data protection (sightline.access: retention, pseudonymised export, subject access) ------
# Local decision: how long a record that no statute governs (children in need, child protection
# without care) is kept, in years after the 18th birthday (or the end of involvement, if later).
# See docs/data-protection.md for why 25 years is the default.
SIGHTLINE_RETENTION_YEARS_DEFAULT = int(_env("RETENTION_YEARS_DEFAULT", "25"))
# The secret key of the keyed hashes (HMAC-SHA256) that stand in for child and worker identifiers
# in pseudonymised exports. Keep it out of the analysts' reach: with it, an LA child ID can be
# hashed and matched. Changing it breaks linkage with earlier exports. No export runs without it.
SIGHTLINE_PSEUDONYMISATION_KEY = _env("PSEUDONYMISATION_KEY", "")
# A TrueType font for subject-access PDFs (any script); empty: Debian's DejaVu Sans if present,
# else the PDF core font, which folds characters outside Latin-1 (the JSON copy is exact).
SIGHTLINE_PDF_FONT = _env("PDF_FONT", "")

# Documents on children's records: kept here, outside the web root and the static files, and
# served only through the record's audited gate. Larger uploads are refused.
SIGHTLINE_DOCUMENT_DIR = Path(_env("DOCUMENT_DIR", str(VAR_DIR / "documents")))
SIGHTLINE_DOCUMENT_MAX_BYTES = int(_env("DOCUMENT_MAX_MB", "20")) * 1024 * 1024
# --- Statutory returns (sightline.returns: the Returns pages) --------------------------------
# Where a return uploaded to be checked, or produced to be downloaded, is held while it is read
# or written: outside the web root and the static files, one private directory per request,
# deleted when the request ends. Files hold children's personal data: keep this on the
# server's own encrypted disc.
SIGHTLINE_RETURNS_UPLOAD_DIR = Path(_env("RETURNS_UPLOAD_DIR", str(VAR_DIR / "returns")))
# The largest return file accepted for checking (a CIN census of 200,000 children is ~220 MB).
SIGHTLINE_RETURNS_UPLOAD_MAX_BYTES = int(_env("RETURNS_UPLOAD_MAX_MB", "300")) * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", "WARNING")},
}
