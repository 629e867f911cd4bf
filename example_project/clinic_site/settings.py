"""Settings for the demo clinic site: a host project using wagtail_runstrength as a clinic would.

Defaults suit a laptop: DEBUG on, SQLite in ``example_project/db.sqlite3``,
media in ``example_project/media``. The environment switches the rest:

- ``DATABASE_URL``: any dj-database-url address, e.g. ``postgres://user:pass@host/db``.
- ``REDIS_URL``: puts Django's default cache on Redis, e.g. ``redis://127.0.0.1:6379/0``.
- ``RUNSTRENGTH_MEDIA_ROOT``: where uploaded and generated images go.
- ``DJANGO_DEBUG`` (``0`` to turn off), ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS``
  (comma-separated) and ``WAGTAILADMIN_BASE_URL``.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "demo-only-not-secret-change-me-before-deploying")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

INSTALLED_APPS = [
    "clinic",
    "wagtail_runstrength",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.api.v3",
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

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}", conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "runstrength-demo",
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
