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
    "django_htmx",
    "overgang.web.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
    # Wait for a concurrent writer instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
