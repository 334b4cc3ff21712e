"""Django settings for Overgang.

Everything that differs between a laptop and production comes from the
environment: `DATABASE_URL` (a SQLite file in the working directory by
default), `OVERGANG_SECRET_KEY`, `OVERGANG_DEBUG`, `OVERGANG_ALLOWED_HOSTS`,
`OVERGANG_CPR_KEY` (the key of the CPR hash), `OVERGANG_API_TOKEN_HOURS` (an API
token's lifetime), `OVERGANG_LOGIN_FAILURES_PER_USER`, `OVERGANG_LOGIN_FAILURES_PER_ADDRESS`,
`OVERGANG_LOGIN_LOCKOUT_MINUTES`, `OVERGANG_SESSION_MAX_HOURS` and `OVERGANG_PROXY_COUNT`
(see docs/security.md).
"""

from __future__ import annotations

import os
import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
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
    "overgang.web.casefiles",
    "overgang.web.settlement",
    "overgang.web.jobs",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_htmx",
    "axes",
    "csp",
    "overgang.web.pages",
]

MIDDLEWARE = [
    # One JSON line per request (server/requestlog.py); first, so it times everything.
    "overgang.web.server.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, compressed and cached (docs/deployment.md).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "overgang.web.accounts.middleware.RefuseTraceMiddleware",
    "overgang.web.accounts.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "overgang.web.pages.middleware.DanishUnlessChosen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "overgang.web.accounts.sessions.AbsoluteSessionLifetimeMiddleware",
    "overgang.web.audit.context.AuditContextMiddleware",
    # A read-only request reads the current plan and the transition once (request_memo.py).
    "overgang.web.request_memo.RequestMemoMiddleware",
    # Notes a user's writes in their session, so kept figures never hide them (own_writes.py).
    "overgang.web.own_writes.OwnWritesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "overgang.web.accounts.middleware.PermissionsPolicyMiddleware",
    "overgang.web.accounts.middleware.NoStoreMiddleware",
    # Turns a refused login into the lockout page (or JSON on the API); last, as axes asks.
    "axes.middleware.AxesMiddleware",
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
        conn_max_age=0,  # `overgang serve` keeps connections (cli/serve.py)
        conn_health_checks=True,
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

# Long work (plans, analyses) is a job in a queue in the database, run by `overgang worker`
# processes (web/jobs, docs/deployment.md). A running job not heard of for this long is
# failed: its worker died.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOB_STALE_SECONDS = int(os.environ.get("OVERGANG_JOB_STALE_SECONDS", "60"))
# Plans started on the pages and the API are made in parts, one job per profession, that
# several workers take at once (web/jobs/distributed.py); the API can ask either way.
DISTRIBUTE_PLANS = os.environ.get("OVERGANG_DISTRIBUTE_PLANS", "0") == "1"

# The overview's counts are kept this many seconds per server process and shown with the
# time they were counted; a user's own write shows at once (pages/dashboard_figures.py).
# 0: counted on every request.
STATUS_SECONDS = float(os.environ.get("OVERGANG_STATUS_SECONDS", "5"))

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
    # The words anyone would guess first here: the system's, the municipalities' names.
    {"NAME": "overgang.web.accounts.passwords.ContextWordsValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("OVERGANG_STATIC_ROOT", Path.cwd() / "var" / "static"))
# Without collectstatic (development, tests), WhiteNoise finds the files in the apps, and
# its warning that STATIC_ROOT does not exist yet says nothing.
WHITENOISE_USE_FINDERS = DEBUG
if DEBUG:
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# Structured logs: one JSON object per line on standard error, for a municipality's log
# system (docs/deployment.md, "Logs"): each request (overgang.requests) and each
# background job (overgang.jobs). OVERGANG_LOG_LEVEL=WARNING silences them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        name: {
            "handlers": ["json"],
            "level": os.environ.get("OVERGANG_LOG_LEVEL", "INFO"),
            "propagate": False,
        }
        for name in ("overgang.requests", "overgang.jobs")
    },
}

# The pages: where to log in, and where to go after logging in and out.
LOGIN_URL = "pages:login"
LOGIN_REDIRECT_URL = "pages:dashboard"
LOGOUT_REDIRECT_URL = "pages:login"

# --- Security (issue 5): sessions, cookies, headers; see settings_production.py for HTTPS. ---
# A session ends after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
# ... and at the latest this long after its login, however busy (accounts/sessions.py).
SESSION_ABSOLUTE_LIFETIME = timedelta(
    hours=float(os.environ.get("OVERGANG_SESSION_MAX_HOURS", "10"))
)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by django-csp on every response. Scripts and styles come from the application's own
# files only: no inline script, no inline style (htmx's indicator style is in overgang.css).
# The HTML reports carry their own styles (a <style> block, the charts' style attributes),
# allowed by their hashes on that response alone (overgang.web.pages.style_hashes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# --- Logins: throttling and lockout (django-axes), see docs/security.md ---
# After this many failed logins for one user name within the lockout time, that user name
# is refused for the lockout time; an address (a town hall's NAT may hold many users) has a
# higher limit of its own. Both on the login page, the admin's login and the API's token
# exchange; every refusal is in the audit log and on the auditor's page.
LOGIN_FAILURES_PER_USER = int(os.environ.get("OVERGANG_LOGIN_FAILURES_PER_USER", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("OVERGANG_LOGIN_FAILURES_PER_ADDRESS", "30"))
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_USER
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("OVERGANG_LOGIN_LOCKOUT_MINUTES", "15")))
# Attempts during a lockout do not prolong it: a guesser cannot keep a colleague out for good.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "overgang.web.accounts.lockout.LoginAttemptsHandler"
AXES_LOCKOUT_CALLABLE = "overgang.web.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "overgang.web.accounts.lockout.client_address"
# The audit log records every login already; axes keeps only the failures it counts.
AXES_DISABLE_ACCESS_LOG = True
# No admin pages for axes' records: a lockout is lifted by `overgang user unlock`, audited.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# How many proxies in front of the application append to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR). Behind one TLS-terminating proxy, set 1.
PROXY_COUNT = int(os.environ.get("OVERGANG_PROXY_COUNT", "0"))

# An API token lives this long from its issue; then the client exchanges its password again.
API_TOKEN_LIFETIME = timedelta(hours=float(os.environ.get("OVERGANG_API_TOKEN_HOURS", "8")))

# --- The JSON API under /api/v1/ (overgang.web.api) ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "overgang.web.accounts.tokens.ExpiringTokenAuthentication",
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
# The lockout backend comes first: it refuses a locked-out user name or address before any
# password is checked.
AUTHENTICATION_BACKENDS = [
    "overgang.web.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.insert(1, "overgang.web.accounts.oidc.OvergangOIDCBackend")
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
