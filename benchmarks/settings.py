"""The benchmark host: the test suite's host apps plus the plain-blog baseline, DEBUG off.

Environment:

- ``BENCH_DATABASE_URL``: a dj-database-url address; SQLite in ``benchmarks/.data/`` by default.
- ``BENCH_CACHE_URL``: ``locmem://`` (the default) or a Redis address such as
  ``redis://127.0.0.1:6379/13``. Give the benchmark a Redis database of its own:
  the test suite's ``cache.clear()`` empties whole databases (``.ci/run`` uses 15).
- ``BENCH_MEDIA_ROOT``: where the generated images and their renditions go.
"""

import os
from pathlib import Path

import dj_database_url

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / ".data"

DEBUG = False
INSTALLED_APPS = ["benchmarks.baseline", *INSTALLED_APPS]
ROOT_URLCONF = "benchmarks.urls"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DATA_DIR / 'bench.sqlite3'}"),
    )
}

_cache_url = os.environ.get("BENCH_CACHE_URL", "locmem://")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": "runstrength-bench",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "runstrength-bench"}}

MEDIA_ROOT = Path(os.environ.get("BENCH_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"

# Quiet: a benchmark prints its own report.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
