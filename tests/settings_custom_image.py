"""The test host with its own image model (``tests.customimage.ClinicImage``) in place of Wagtail's.

The image model is fixed once Django has loaded its apps, so
``tests/test_signal_senders.py`` runs ``tests/custom_image_suite.py`` with
these settings in a fresh process. Its test database comes from the migrations:
the package's follow ``WAGTAILIMAGES_IMAGE_MODEL``, and ``make migrations-check``
runs ``makemigrations --check`` with these settings too.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS as BASE_INSTALLED_APPS

INSTALLED_APPS = [*BASE_INSTALLED_APPS, "tests.customimage"]
WAGTAILIMAGES_IMAGE_MODEL = "runstrength_customimage.ClinicImage"

# This suite runs in a subprocess while the main suite holds its own test database:
# give it another name so neither creates or drops the other's (on PostgreSQL).
if "sqlite" not in DATABASES["default"]["ENGINE"]:  # noqa: F405
    DATABASES = {"default": {**DATABASES["default"], "TEST": {"NAME": "test_runstrength_custom_image"}}}  # noqa: F405
