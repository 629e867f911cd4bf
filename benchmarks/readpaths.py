"""``python -m benchmarks.readpaths`` (``make bench-readpaths``): the article's read paths side by side.

One small SQLite database (10 articles, ``benchmarks/.data/readpaths.sqlite3``,
deleted afterwards), one warmed process, Django's test client: the article page,
its plain-blog twin, and the four API reads a headless frontend uses for the
article (``/api/v2/pages/<id>/``, ``/api/v2/pages/find/?html_path=``,
``/api/v2/articles/<id>/``, ``/api/v3/pages/<id>/``), each warm (caches kept)
and cold (Django's cache cleared before every request), with the queries of
one request. Prints a markdown table and writes it to
``benchmarks/results/readpaths-latest.md``. Environment: ``BENCH_REPS`` (40).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / ".data"
DATABASE = DATA_DIR / "readpaths.sqlite3"


def _configure() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ["BENCH_DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["BENCH_CACHE_URL"] = "locmem://"
    os.environ["BENCH_MEDIA_ROOT"] = str(DATA_DIR / "media-readpaths")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    sys.path.insert(0, str(BENCH_DIR.parent))


def read_paths(fixtures) -> list[tuple[str, str]]:
    """(label, URL) of every read path measured, the article's first."""
    from wagtail.models import Page

    article = Page.objects.get(pk=fixtures.article_id)
    return [
        ("Article page", article.url),
        ("Plain blog post", Page.objects.get(pk=fixtures.blog_post_id).url),
        ("`/api/v2/pages/<id>/`", f"/api/v2/pages/{article.pk}/"),
        ("`/api/v2/pages/find/?html_path=`", f"/api/v2/pages/find/?html_path={article.url}"),
        ("`/api/v2/articles/<id>/`", f"/api/v2/articles/{article.pk}/"),
        ("`/api/v3/pages/<id>/`", f"/api/v3/pages/{article.pk}/"),
    ]


def measure(client, url: str, *, cold: bool, reps: int) -> dict:
    """Median milliseconds of ``reps`` requests (redirects followed) and the queries of one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        if cold:
            cache.clear()
        response = client.get(url, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        return response

    for _ in range(3):
        get()
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url, follow=True)
    count = len(queries)  # now: the next request empties the connection's log, of which this is a window
    times = []
    for _ in range(reps):
        if cold:
            cache.clear()
        started = time.perf_counter()
        client.get(url, follow=True)
        times.append(time.perf_counter() - started)
    return {"ms": statistics.median(times) * 1000, "queries": count}


def main() -> None:
    _configure()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from benchmarks import generate

    settings.ALLOWED_HOSTS = ["*"]
    reps = int(os.environ.get("BENCH_REPS") or 40)
    call_command("migrate", verbosity=0)
    fixtures = generate.create_fixtures()
    generate.grow(fixtures, 10)
    client = Client(HTTP_HOST="localhost")
    lines = [
        "# The article's read paths",
        "",
        f"`make bench-readpaths` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: SQLite, 10 articles, "
        f"DEBUG off, median of {reps} requests; cold clears Django's cache before each request. "
        "`find/` answers an article in place (a redirect would be followed and both requests counted).",
        "",
        "| Path | Warm ms | Warm queries | Cold ms | Cold queries |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, url in read_paths(fixtures):
        warm = measure(client, url, cold=False, reps=reps)
        cold = measure(client, url, cold=True, reps=reps)
        lines.append(f"| {label} | {warm['ms']:.1f} | {warm['queries']} | {cold['ms']:.1f} | {cold['queries']} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    (BENCH_DIR / "results" / "readpaths-latest.md").write_text(text)
    connection.close()
    DATABASE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
