"""The test host with ``wagtail_runstrength`` listed after every Wagtail app, as the README's install step does.

``wagtail.images``' ``ready()`` imports ``wagtail.api.v3.api``, so here
Wagtail's page routers are built before the package's ``ready()`` runs.
``tests/test_v3_stream_schemas.py`` loads it in a subprocess to show the v3
page schemas still hand their StreamField blocks the page.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS as BASE_INSTALLED_APPS

INSTALLED_APPS = [*(app for app in BASE_INSTALLED_APPS if app != "wagtail_runstrength"), "wagtail_runstrength"]
