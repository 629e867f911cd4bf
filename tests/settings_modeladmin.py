"""The test host with the wagtail-modeladmin integration in place of the default "Run strength" menu."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS as BASE_INSTALLED_APPS

INSTALLED_APPS = [*BASE_INSTALLED_APPS, "wagtail_modeladmin", "wagtail_runstrength.contrib.modeladmin"]
