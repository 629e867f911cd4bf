"""``python -m benchmarks.breakdown`` (``make bench-breakdown``): where a cold article render's time goes.

The cold target of ``make bench`` compares a whole request; this splits it in
two for the article page and its plain-blog twin, cache cleared before every
request as in ``make bench``'s cold pass:

- **database work through the ORM**: building each query's SQL, running it,
  turning rows into model instances (timed around the outermost
  ``QuerySet._fetch_all`` and ``SQLCompiler.execute_sql`` calls, so a query
  made while another is being evaluated counts once);
- **everything else**: URL routing, middleware, Wagtail's ``serve``, the
  template engine, the package's own Python.

A third row renders the same article with its related cards and its JSON-LD
left out (both patched to return nothing, in this process only). No work on
those two pieces, the costliest the page has, can make the article faster
than that row: it is the floor for optimising them.

It builds its own small SQLite database (10 articles, ``benchmarks/.data/breakdown.sqlite3``,
deleted afterwards), prints a markdown table and writes it to
``benchmarks/results/breakdown-latest.md``. Environment: ``BENCH_REPS`` (60).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from unittest import mock

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / ".data"
DATABASE = DATA_DIR / "breakdown.sqlite3"
FLOOR_ROW = "Article page, related cards and JSON-LD left out"


def _configure() -> None:
    DATA_DIR.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ["BENCH_DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["BENCH_CACHE_URL"] = "locmem://"
    os.environ["BENCH_MEDIA_ROOT"] = str(DATA_DIR / "media-breakdown")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    sys.path.insert(0, str(BENCH_DIR.parent))


class OrmClock:
    """Seconds spent inside the ORM's outermost query evaluations since the last ``reset()``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._depth = 0

    def reset(self) -> None:
        self.seconds = 0.0

    def wrap(self, owner, name: str) -> None:
        original = getattr(owner, name)
        clock = self

        def timed(*args, **kwargs):
            if clock._depth:
                return original(*args, **kwargs)
            clock._depth += 1
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                clock.seconds += time.perf_counter() - started
                clock._depth -= 1

        setattr(owner, name, timed)


def measure(client, url: str, clock: OrmClock, reps: int) -> dict:
    from django.core.cache import cache

    for _ in range(5):
        cache.clear()
        client.get(url)
    totals, orm = [], []
    for _ in range(reps):
        cache.clear()
        clock.reset()
        started = time.perf_counter()
        response = client.get(url)
        totals.append(time.perf_counter() - started)
        orm.append(clock.seconds)
        assert response.status_code == 200, url
    total, in_orm = statistics.median(totals) * 1000, statistics.median(orm) * 1000
    return {"total_ms": total, "orm_ms": in_orm, "rest_ms": total - in_orm}


@contextmanager
def without_related_cards_and_json_ld():
    """The article page as it would be if related cards and JSON-LD cost nothing."""
    from wagtail_runstrength import seo
    from wagtail_runstrength.blocks.related import RelatedPostsBlock

    with (
        mock.patch.object(RelatedPostsBlock, "cards_for", lambda self, value, page, request=None: []),
        mock.patch.object(seo, "article_json_ld", lambda *args, **kwargs: {}),
    ):
        yield


def main() -> None:
    _configure()
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.db.models.query import QuerySet
    from django.db.models.sql.compiler import SQLCompiler
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from benchmarks import generate
    from benchmarks.report import COLD_TARGET

    settings.ALLOWED_HOSTS = ["*"]
    reps = int(os.environ.get("BENCH_REPS") or 60)
    call_command("migrate", verbosity=0)
    fixtures = generate.create_fixtures()
    generate.grow(fixtures, 10)
    clock = OrmClock()
    clock.wrap(QuerySet, "_fetch_all")
    clock.wrap(SQLCompiler, "execute_sql")
    client = Client()
    rows = {}
    for name, page_id, patched in (
        ("Article page, full structure", fixtures.article_id, nullcontext),
        ("Plain blog post", fixtures.blog_post_id, nullcontext),
        (FLOOR_ROW, fixtures.article_id, without_related_cards_and_json_ld),
    ):
        url = Page.objects.get(pk=page_id).url
        with patched():
            rows[name] = measure(client, url, clock, reps)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
        rows[name]["queries"] = len(queries)
    blog = rows["Plain blog post"]["total_ms"]
    lines = [
        "# Where a cold article render's time goes",
        "",
        f"`make bench-breakdown` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: SQLite, 10 articles, "
        f"Django's cache cleared before each request, median of {reps} requests.",
        "",
        "| Page | Whole request ms | In the ORM ms | Everything else ms | Queries |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['total_ms']:.1f} | {row['orm_ms']:.1f} | {row['rest_ms']:.1f} | {row['queries']} |"
        )
    article = rows["Article page, full structure"]
    lines += [
        "",
        f"The article's ORM work alone is {article['orm_ms'] / blog:.1f}× the plain blog's whole request "
        f"(the whole request's cold target is {COLD_TARGET}×); the rest of its request is {article['rest_ms'] / blog:.1f}×. "
        f"With its related cards and JSON-LD left out, the article is still {rows[FLOOR_ROW]['total_ms'] / blog:.1f}× the blog.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (BENCH_DIR / "results" / "breakdown-latest.md").write_text(text)
    connection.close()
    DATABASE.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
