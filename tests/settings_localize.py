"""The test host with two content languages and wagtail-localize (tests/test_localize_e2e.py).

The package's own test host plus what a bilingual Wagtail site adds:
``WAGTAIL_I18N_ENABLED``, English and French as content languages,
``LocaleMiddleware`` and the pages under ``i18n_patterns`` (``tests/urls_localize.py``),
and wagtail-localize with its locale management. Run it on its own:
``pytest --ds=tests.settings_localize tests/test_localize_e2e.py``.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = ["wagtail_localize", "wagtail_localize.locales", *INSTALLED_APPS]

MIDDLEWARE = [
    *MIDDLEWARE[:1],
    # After the session, before CommonMiddleware, as Django documents.
    "django.middleware.locale.LocaleMiddleware",
    # Routes page requests from the cached root of the reader's language (docs/translation.md).
    "wagtail_runstrength.middleware.LocalizedRoutingMiddleware",
    *MIDDLEWARE[1:],
]

ROOT_URLCONF = "tests.urls_localize"

USE_I18N = True
WAGTAIL_I18N_ENABLED = True
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "Français")]
