"""Whole-process timing: ``python -m benchmarks.coldstart URL`` sets Django up, serves URL once, prints JSON.

The parent (``worker.cold_start``) times the whole process from outside as
well, so interpreter start-up and imports are counted too.
"""

import json
import os
import sys
import time

started = time.perf_counter()

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
django.setup()

from django.test import Client  # noqa: E402


def main(url: str) -> None:
    setup = time.perf_counter() - started
    client = Client(HTTP_HOST="localhost")
    t0 = time.perf_counter()
    first = client.get(url)
    first_ms = (time.perf_counter() - t0) * 1000
    if first.status_code != 200:
        raise SystemExit(f"{url} answered {first.status_code}")
    print(json.dumps({"setup_ms": setup * 1000, "first_request_ms": first_ms}))


if __name__ == "__main__":
    main(sys.argv[1])
