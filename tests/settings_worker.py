"""Settings of the ``db_worker`` process that ``tests/test_worker_first_view.py`` starts.

The test suite's settings with the ``django_tasks_db`` backend, and the cache
and media folder the test process shares with it (given in the environment).
``DATABASE_URL`` names the test process's own (committed) test database.
"""

import os

from tests.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["RUNSTRENGTH_WORKER_CACHE_DIR"],
    }
}
MEDIA_ROOT = os.environ["RUNSTRENGTH_WORKER_MEDIA_ROOT"]
WAGTAIL_RUNSTRENGTH = {"WARM_AFTER_PUBLISH": True}
