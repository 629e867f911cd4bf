"""Production settings for the example clinic site: ``DJANGO_SETTINGS_MODULE=clinic_site.production``.

Everything in ``settings.py`` applies, then this module makes it safe to face
the internet: DEBUG off, a real secret key or no start at all, HTTPS only
(redirect, HSTS, secure cookies), a Content-Security-Policy, database
connections checked before reuse and Redis calls that give up quickly.
``manage.py check --deploy`` reports no issues with it
(``tests/test_production_settings.py`` runs it).

Environment variables, beside the base module's (``DATABASE_URL``, ``REDIS_URL``,
``RUNSTRENGTH_MEDIA_ROOT``):

- ``DJANGO_SECRET_KEY`` (required): at least 50 characters, at least 5 different
  ones, not the demo key and not Django's ``django-insecure-`` placeholder. The
  same value on every app server. ``DJANGO_SECRET_KEY_FALLBACKS`` (comma-separated)
  keeps old keys valid while you rotate.
- ``DJANGO_ALLOWED_HOSTS`` (required, comma-separated), e.g. ``www.northside-clinic.example``.
- ``WAGTAILADMIN_BASE_URL``: defaults to ``https://`` plus the first allowed host.
- ``DJANGO_SECURE_PROXY_SSL_HEADER=1``: trust ``X-Forwarded-Proto: https`` from the
  reverse proxy. Set it only when a proxy that always sets (or strips) that header
  stands in front of every app server; otherwise a client could claim HTTPS.
- ``DJANGO_HSTS_SECONDS``: how long browsers must use HTTPS only (a year by
  default). Start lower, e.g. 300, on a domain that has never had HTTPS everywhere.

With ``DATABASE_URL`` on PostgreSQL, background tasks (Wagtail's own, and the
package's warming and revalidation webhooks) go to a queue in the database
(``django_tasks_db``, from ``pip install "wagtail-runstrength[tasks]"``), run by
``python manage.py db_worker`` on one or more machines (docs/deployment.md,
"Background tasks"). On SQLite they run at once, as in the demo.
"""

import os

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .csp import admin_policy, api_policy, origin, reader_policy


def _strong_secret(value: str, name: str) -> str:
    """``value`` if Django's deploy check would accept it as a secret key; otherwise refuse to start.

    The demo key published in ``settings.py`` is too short, so it is refused too.
    """
    if not value:
        problem = "is not set"
    elif value.startswith(SECRET_KEY_INSECURE_PREFIX):
        problem = f"starts with {SECRET_KEY_INSECURE_PREFIX!r}, Django's placeholder for development keys"
    elif len(value) < SECRET_KEY_MIN_LENGTH or len(set(value)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        problem = (
            f"is too weak (it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different)"
        )
    else:
        return value
    raise ImproperlyConfigured(
        f"{name} {problem}. The production settings refuse to start without a real secret key. "
        "Make one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )


# Checked before the base module runs, so a missing key gets this message, not the base's.
_SECRET_KEY = _strong_secret(os.environ.get("DJANGO_SECRET_KEY", ""), "DJANGO_SECRET_KEY")
_ALLOWED_HOSTS = [host.strip() for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if host.strip()]
if not _ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. List the site's public host names, comma-separated, "
        "e.g. DJANGO_ALLOWED_HOSTS=www.northside-clinic.example"
    )

from .settings import *  # noqa: E402, F403
from .settings import DATABASES, FRONTEND_URL, INSTALLED_APPS, MIDDLEWARE, STATIC_URL  # noqa: E402

DEBUG = False
SECRET_KEY = _SECRET_KEY
SECRET_KEY_FALLBACKS = [
    _strong_secret(key.strip(), "A key in DJANGO_SECRET_KEY_FALLBACKS")
    for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",")
    if key.strip()
]
ALLOWED_HOSTS = _ALLOWED_HOSTS
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or f"https://{ALLOWED_HOSTS[0].lstrip('.')}"

# HTTPS only. Browsers remember HSTS for SECURE_HSTS_SECONDS: preload makes the domain
# eligible for the browsers' built-in list (submitting it at hstspreload.org is a separate,
# hard-to-undo step), and include-subdomains covers every subdomain, so all must serve HTTPS.
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Django's defaults, stated because the deploy check and docs/security.md rely on them.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict policy for reader pages, looser ones for the admin's inline scripts and the APIs' HTML views
# (clinic_site/csp.py).
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE = [
    *MIDDLEWARE[: _security + 1],
    "clinic_site.csp.ContentSecurityPolicyMiddleware",
    *MIDDLEWARE[_security + 1 :],
]
_admin_policy = admin_policy(STATIC_URL, MEDIA_URL)  # noqa: F405
if FRONTEND_URL:
    # The preview panel frames the frontend's /preview/ route ("Headless frontend" preview mode).
    _admin_policy["frame-src"] = [*_admin_policy["frame-src"], origin(FRONTEND_URL)]
CONTENT_SECURITY_POLICIES = [
    ("/admin/", _admin_policy),
    ("/api/", api_policy(STATIC_URL, MEDIA_URL)),  # noqa: F405
    ("/", reader_policy(STATIC_URL, MEDIA_URL)),  # noqa: F405
]

# A connection kept between requests (CONN_MAX_AGE) is checked before reuse, so a database
# restart or failover costs one reconnect, not a failed request.
DATABASES = {alias: {**config, "CONN_HEALTH_CHECKS": True} for alias, config in DATABASES.items()}
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)

# Redis calls give up after a second at most instead of holding a worker until gunicorn's timeout.
# Whatever backend class the base module picked, redis-py reads these from OPTIONS; shorter
# timeouts the base module sets (its ResilientRedisCache uses half a second) are kept.
REDIS_SOCKET_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}
if "CACHES" in globals():
    CACHES = {
        alias: (
            {**config, "OPTIONS": {**REDIS_SOCKET_TIMEOUTS, **config.get("OPTIONS", {})}}
            if str(config.get("LOCATION", "")).startswith(("redis://", "rediss://", "unix://"))
            else config
        )
        for alias, config in CACHES.items()  # noqa: F405
    }

# Background tasks in a PostgreSQL queue, run by `python manage.py db_worker`: publishing returns at
# once, and the worker makes the renditions and fragments readers will ask for (docs/deployment.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_db"]
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
