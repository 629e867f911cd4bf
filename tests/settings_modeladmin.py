"""The test host with the wagtail-modeladmin integration in place of the default "Run strength" menu."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS as BASE_INSTALLED_APPS

INSTALLED_APPS = [*BASE_INSTALLED_APPS, "wagtail_modeladmin", "wagtail_runstrength.contrib.modeladmin"]

# This suite runs in a subprocess while the main suite holds its own test database:
# give it another name so neither creates or drops the other's (on PostgreSQL).
if "sqlite" not in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES = {"default": {**DATABASES["default"], "TEST": {"NAME": "test_runstrength_modeladmin"}}}  # noqa: F405
