"""A minimal host project for the test suite.

SQLite in memory by default; ``DATABASE_URL`` points the suite at PostgreSQL
and ``REDIS_URL`` puts Django's cache on Redis, as ``.ci/run`` does.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "wagtail_runstrength",
    "tests.testapp",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The database task backend's tables, for the real-worker test (tests/test_worker_first_view.py);
    # TASKS stays unset, so every other test runs tasks at once.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "tests.urls"

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
                "wagtail.contrib.settings.context_processors.settings",
            ]
        },
    }
]

DATABASES = {"default": dj_database_url.config(default="sqlite://:memory:")}

if os.environ.get("REDIS_URL"):
    # The package's backend, as deployment.md recommends: a Redis outage is a cache miss, not a 500.
    CACHES = {
        "default": {
            "BACKEND": "wagtail_runstrength.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "runstrength-tests",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media-tests"

WAGTAIL_SITE_NAME = "Run strength tests"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = [{"class": "tests.testapp.embed_finders.OfflineVideoFinder"}]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Autosave would race the scripted editor in the browser journey (it can create the
# snippet a moment before the scripted "Publish" posts the add form again).
WAGTAIL_AUTOSAVE_INTERVAL = 0
