"""Django settings for Overgang.

Everything that differs between a laptop and production comes from the
environment: `DATABASE_URL` (a SQLite file in the working directory by
default), `OVERGANG_SECRET_KEY`, `OVERGANG_DEBUG`, `OVERGANG_ALLOWED_HOSTS`,
`OVERGANG_CPR_KEY` (the key of the CPR hash).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("OVERGANG_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get(
    "OVERGANG_SECRET_KEY",
    "overgang-development-key-not-for-production-use-0123456789abcdef",
)
ALLOWED_HOSTS = os.environ.get("OVERGANG_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

# The key of the keyed hash that replaces a CPR number; never the number itself is stored.
CPR_HASH_KEY = os.environ.get("OVERGANG_CPR_KEY", SECRET_KEY)

# The retention rule (docs/data-protection.md): personal data are kept until this many months
# after the effective date, then `overgang purge --personal-data` removes them. The audit log
# is kept for its own period, this many months after each entry; the purge never touches it.
OVERGANG_RETENTION_MONTHS = int(os.environ.get("OVERGANG_RETENTION_MONTHS", "12"))
OVERGANG_AUDIT_RETENTION_MONTHS = int(os.environ.get("OVERGANG_AUDIT_RETENTION_MONTHS", "60"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "overgang.web.dataset",
    "overgang.web.planning",
    "overgang.web.process",
    "overgang.web.accounts",
    "overgang.web.audit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "overgang.web.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "overgang.web.accounts.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "overgang.web.pages.middleware.DanishUnlessChosen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "overgang.web.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "overgang.web.accounts.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "overgang.web.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "overgang.web.pages.context.layout",
            ],
        },
    },
]

WSGI_APPLICATION = "overgang.web.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{Path.cwd() / 'overgang.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers and one writer at a time (docs/operations.md, "Concurrent users"). WAL:
    # readers never wait for the writer, nor it for them. IMMEDIATE: a transaction takes the
    # write lock as it begins, so a request that has read never has to upgrade its lock in
    # mid-transaction, which SQLite refuses at once ("database is locked"); it queues for
    # up to `timeout` seconds (the busy timeout) instead. synchronous=FULL: a commit, an
    # audit entry among them, survives a power cut.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=30,
        transaction_mode="IMMEDIATE",
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How long an import or a plan waits for the data set another holds before it is refused
# with a message saying what to do (overgang.web.dataset.lock).
DATA_SET_LOCK_WAIT = float(os.environ.get("OVERGANG_LOCK_WAIT", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("OVERGANG_STATIC_ROOT", Path.cwd() / "var" / "static"))

# The pages: where to log in, and where to go after logging in and out.
LOGIN_URL = "pages:login"
LOGIN_REDIRECT_URL = "pages:dashboard"
LOGOUT_REDIRECT_URL = "pages:login"

# --- Security (issue 5): sessions, cookies, headers; see settings_production.py for HTTPS. ---
# A session ends after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by overgang.web.accounts.middleware on every response. Inline style attributes are
# allowed (charts, htmx's indicator style); scripts only from the application itself.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# --- The JSON API under /api/v1/ (overgang.web.api) ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["overgang.web.api.permissions.HasRole"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "overgang.web.api.pagination.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.ScopedRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": "20/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Overgang API",
    "DESCRIPTION": "Employees, interviews, citizens, cases, plans, decisions and metrics, "
    "scoped to the user's role. Field names are the transition workbook's column names.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- OpenID Connect login (a municipality's Azure AD, KOMBIT) with mozilla-django-oidc ---
# Off by default. OVERGANG_OIDC=1 switches it on; then set OIDC_RP_CLIENT_ID,
# OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT,
# OIDC_OP_USER_ENDPOINT and OIDC_OP_JWKS_ENDPOINT (from the provider's
# .well-known/openid-configuration), optionally OIDC_RP_SIGN_ALGO (RS256). Users who log
# in this way see nothing until an administrator gives them a role (accounts.Profile).
OIDC_ENABLED = os.environ.get("OVERGANG_OIDC", "0") == "1"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(0, "overgang.web.accounts.oidc.OvergangOIDCBackend")
    MIDDLEWARE.append("mozilla_django_oidc.middleware.SessionRefresh")
    _oidc_names = (
        "OIDC_RP_CLIENT_ID",
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    )
    _missing = [name for name in _oidc_names if not os.environ.get(name)]
    if _missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "OVERGANG_OIDC=1 needs these environment variables: " + ", ".join(_missing)
        )
    for _name in _oidc_names:
        globals()[_name] = os.environ[_name]
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = SESSION_COOKIE_AGE
