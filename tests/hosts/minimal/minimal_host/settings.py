"""The smallest host project for an installed ``wagtail-runstrength``.

Wagtail's own ``Page`` stays the base page model. The packaging test copies
this directory next to a fresh virtualenv that has only the built wheel and
its dependencies.

The database file and media directory come from ``HOST_DATABASE`` and
``HOST_MEDIA_ROOT`` (each test run passes fresh ones); the defaults are in the
system's temporary directory, so a manual run leaves nothing in the repository.
"""

import os
import tempfile
from pathlib import Path

SECRET_KEY = "minimal-host-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "wagtail_runstrength",
    "wagtail.contrib.settings",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "minimal_host.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get(
            "HOST_DATABASE",
            Path(tempfile.gettempdir()) / "runstrength-minimal-host.sqlite3",
        ),
    }
}

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("HOST_MEDIA_ROOT", Path(tempfile.gettempdir()) / "runstrength-minimal-host-media")

WAGTAIL_SITE_NAME = "Minimal host"
WAGTAILADMIN_BASE_URL = "http://localhost"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
