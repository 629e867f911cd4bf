"""Settings for the demo clinic site: a host project using wagtail_runstrength as a clinic would.

This is the base module. ``clinic_site/production.py`` builds on it for a real
deployment (``DJANGO_SETTINGS_MODULE=clinic_site.production``, see
docs/deployment.md). Defaults: DEBUG off, SQLite in ``example_project/db.sqlite3``,
media in ``example_project/media``. The environment switches the rest:

- ``DJANGO_DEBUG=1`` turns DEBUG on, for a laptop (``make demo`` sets it).
- ``DJANGO_SECRET_KEY``: required unless DEBUG is on. With DEBUG on and no key,
  the published demo key below is used; with DEBUG off the site refuses to start
  rather than sign sessions with a key anyone can read in this repository.
  ``makemigrations`` is the exception: it only compares models with migration
  files and signs nothing, so it runs on a fresh checkout with a throwaway key.
- ``DATABASE_URL``: any dj-database-url address, e.g. ``postgres://user:pass@host/db``.
- ``REDIS_URL``: puts Django's default cache on Redis, e.g. ``redis://127.0.0.1:6379/0``.
- ``RUNSTRENGTH_MEDIA_ROOT``: where uploaded and generated images go.
- ``DJANGO_ALLOWED_HOSTS`` (comma-separated) and ``WAGTAILADMIN_BASE_URL``.
- ``RUNSTRENGTH_FRONTEND_URL``: the headless frontend's address (``example_project/frontend``,
  e.g. ``http://127.0.0.1:3000``). Page links in the APIs, feeds and sitemaps point there and the
  admin's "Headless frontend" preview opens it. With ``RUNSTRENGTH_REVALIDATE_SECRET`` (16
  characters or more) as well, every publish is sent, signed, to ``<frontend>/api/revalidate``.
  Both unset (the default, and what ``make demo`` and the tests use): no frontend, no webhooks.
  See docs/headless.md.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}

# Published in this repository, so it protects nothing: only ever used with DEBUG on.
DEMO_SECRET_KEY = "demo-only-not-secret-change-me-before-deploying"  # noqa: S105 - public on purpose
# Commands that read model definitions only and never sign, hash or serve anything.
KEYLESS_COMMANDS = {"makemigrations"}
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or (DEMO_SECRET_KEY if DEBUG else "")
if not DEBUG and not SECRET_KEY and sys.argv[1:2] and sys.argv[1] in KEYLESS_COMMANDS:
    SECRET_KEY = secrets.token_urlsafe(50)  # random per run: nothing it could sign outlives the command
if not DEBUG and SECRET_KEY in {"", DEMO_SECRET_KEY}:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set (or is the published demo key) and DEBUG is off. "
        "Set DJANGO_SECRET_KEY to a long random value, for example "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
        "For local development set DJANGO_DEBUG=1 instead (make demo does)."
    )
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

INSTALLED_APPS = [
    "clinic",
    "wagtail_runstrength",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "ninja",  # the v3 API's docs page then loads Swagger UI from this site, not a CDN
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",  # the template of Wagtail's /sitemap.xml view
    "django.contrib.staticfiles",
]

# RUNSTRENGTH_ADMIN=modeladmin shows the exercise library through wagtail-modeladmin
# instead of the package's snippet viewsets (docs/modeladmin.md).
if os.environ.get("RUNSTRENGTH_ADMIN") == "modeladmin":
    INSTALLED_APPS += ["wagtail_modeladmin", "wagtail_runstrength.contrib.modeladmin", "django.contrib.admin"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
WSGI_APPLICATION = "clinic_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

# Connections stay open for a minute and are checked before each request reuses one: after a
# database restart (or failover) the first request reconnects instead of answering 500.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    # An unreachable or hung Redis is a cache miss (pages come from the database), and no cache
    # call waits more than half a second for it (docs/deployment.md, "When Redis is down").
    CACHES = {
        "default": {
            "BACKEND": "wagtail_runstrength.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "runstrength-demo",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 5},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"  # the demo content is written in British English
TIME_ZONE = "UTC"
USE_I18N = True

# DEMO_LANGUAGES=en,fr makes a bilingual clinic (docs/translation.md): Wagtail's i18n on, the
# pages of each further language under its own prefix (/fr/), and French demo content
# loaded beside the English. "en" is the demo's British English, the default locale.
DEMO_LANGUAGE_NAMES = {
    "en": ("en-gb", "English"),
    "fr": ("fr", "Français"),
    "de": ("de", "Deutsch"),
    "es": ("es", "Español"),
}
DEMO_LANGUAGES = [
    DEMO_LANGUAGE_NAMES[code.strip()]
    for code in os.environ.get("DEMO_LANGUAGES", "").split(",")
    if code.strip() in DEMO_LANGUAGE_NAMES
]
if len(DEMO_LANGUAGES) > 1:
    if DEMO_LANGUAGES[0][0] != "en-gb":
        DEMO_LANGUAGES = [DEMO_LANGUAGE_NAMES["en"], *(item for item in DEMO_LANGUAGES if item[0] != "en-gb")]
    WAGTAIL_I18N_ENABLED = True
    LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = DEMO_LANGUAGES
    # After the session middleware, before CommonMiddleware, as Django documents.
    common = MIDDLEWARE.index("django.middleware.common.CommonMiddleware")
    MIDDLEWARE[common:common] = [
        "django.middleware.locale.LocaleMiddleware",
        # Routes pages from the cached root of the reader's language (docs/translation.md, "Routing").
        "wagtail_runstrength.middleware.LocalizedRoutingMiddleware",
    ]
    INSTALLED_APPS += ["wagtail.locales"]  # Settings → Locales in the admin
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "static-collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("RUNSTRENGTH_MEDIA_ROOT", PROJECT_DIR / "media")).resolve()

WAGTAIL_SITE_NAME = "Northside Running Clinic"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
# The demo runs offline: YouTube and Vimeo links become privacy-enhanced player
# iframes built from the address alone; other providers still go through oEmbed.
WAGTAILEMBEDS_FINDERS = [
    {"class": "clinic.embed_finders.OfflineVideoFinder"},
    {"class": "wagtail.embeds.finders.oembed"},
]
TAGGIT_CASE_INSENSITIVE = True

WAGTAIL_RUNSTRENGTH = {
    "RELATED_POSTS_LIMIT": 3,
}

# The headless frontend, opt-in (docs/headless.md): its address, and the secret its revalidation route checks.
FRONTEND_URL = os.environ.get("RUNSTRENGTH_FRONTEND_URL", "").strip().rstrip("/")
REVALIDATE_SECRET = os.environ.get("RUNSTRENGTH_REVALIDATE_SECRET", "")
if FRONTEND_URL:
    WAGTAIL_RUNSTRENGTH["FRONTEND_BASE_URL"] = FRONTEND_URL
    if REVALIDATE_SECRET:
        WAGTAIL_RUNSTRENGTH["REVALIDATION_WEBHOOKS"] = [
            {"url": f"{FRONTEND_URL}/api/revalidate", "secret": REVALIDATE_SECRET}
        ]
elif REVALIDATE_SECRET:
    raise ImproperlyConfigured(
        "RUNSTRENGTH_REVALIDATE_SECRET is set without RUNSTRENGTH_FRONTEND_URL: set the frontend's address "
        "(e.g. http://127.0.0.1:3000) so publishing knows where to send the webhook."
    )
