"""The test host with ``wagtail.api.v3`` listed before ``wagtail_runstrength`` in INSTALLED_APPS.

``tests/test_v3_stream_schemas.py`` loads it in a subprocess to show the v3
page schemas are rebuilt whatever the order of the two apps.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS as BASE_INSTALLED_APPS

INSTALLED_APPS = ["wagtail.api.v3", *(app for app in BASE_INSTALLED_APPS if app != "wagtail.api.v3")]
