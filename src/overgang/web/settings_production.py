"""Production settings: everything of settings.py, with HTTPS, secure cookies and no debug.

Use with DJANGO_SETTINGS_MODULE=overgang.web.settings_production and set
OVERGANG_SECRET_KEY (at least 50 random characters), OVERGANG_ALLOWED_HOSTS and
DATABASE_URL. The app is expected behind a TLS-terminating proxy that sets
X-Forwarded-Proto; `manage.py check --deploy` is clean with these settings.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from overgang.web.settings import *  # noqa: F403
from overgang.web.settings import SECRET_KEY

DEBUG = False
if "OVERGANG_SECRET_KEY" not in os.environ or "not-for-production" in SECRET_KEY:
    raise ImproperlyConfigured("Set OVERGANG_SECRET_KEY to a long random value in production.")
ALLOWED_HOSTS = [
    host for host in os.environ.get("OVERGANG_ALLOWED_HOSTS", "").split(",") if host.strip()
]

# collectstatic (run by `overgang serve`) writes compressed copies with hashed names,
# which WhiteNoise serves with a year's caching.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
