"""A host that swaps Wagtail's base page model for its own ``hostbase.BasePage``.

The database file and media directory come from ``HOST_DATABASE`` and
``HOST_MEDIA_ROOT`` (each test run passes fresh ones); the defaults are in the
system's temporary directory, so a manual run leaves nothing in the repository.
"""

import os
import tempfile
from pathlib import Path

SECRET_KEY = "swapped-host-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]

WAGTAIL_PAGE_MODEL = "hostbase.BasePage"

INSTALLED_APPS = [
    "hostbase",
    "clinic",
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

ROOT_URLCONF = "swapped_host.urls"

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
            Path(tempfile.gettempdir()) / "runstrength-swapped-host.sqlite3",
        ),
    }
}

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("HOST_MEDIA_ROOT", Path(tempfile.gettempdir()) / "runstrength-swapped-host-media")

WAGTAIL_SITE_NAME = "Swapped base page host"
WAGTAILADMIN_BASE_URL = "http://localhost"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
