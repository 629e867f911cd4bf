"""One database's benchmark run, in one warmed process: ``python -m benchmarks.worker --out result.json``.

Started by ``python -m benchmarks`` (``make bench``) with ``BENCH_DATABASE_URL``
pointing at an empty database. It migrates, builds the fixtures, then for each
size grows both blogs in bulk and measures every row through Django's test
client (the whole request: URL routing, middleware, view, template, response),
first with the cache cleared before each request (cold), then without (warm).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from wagtail.models import Page  # noqa: E402

from benchmarks import generate, relatedfix  # noqa: E402
from wagtail_runstrength.models import ArticlePage  # noqa: E402
from wagtail_runstrength.related import related_articles, scored_candidates  # noqa: E402

MIN_REPS = 5
MIN_REPS_SLOW = 3
SLOW_SECONDS = 1.5


@dataclass
class Row:
    key: str
    label: str
    ours: Callable[[generate.Fixtures], str | None]
    baseline: Callable[[generate.Fixtures], str | None] | None
    note: str = ""


def _url(page_id: int | None) -> str | None:
    return Page.objects.get(pk=page_id).url if page_id else None


ROWS = [
    Row(
        "article",
        "Article page, full structure",
        lambda fx: _url(fx.article_id),
        lambda fx: _url(fx.blog_post_id),
    ),
    Row(
        "article_large",
        "Article page, 4× the blocks (16 exercises, 9 related cards)",
        lambda fx: _url(fx.large_article_id),
        lambda fx: _url(fx.large_blog_post_id),
    ),
    Row("index", "Article index, first page", lambda fx: _url(fx.index_id), lambda fx: _url(fx.blog_index_id)),
    Row(
        "api_v2_detail",
        "API v2 article detail",
        lambda fx: f"/api/v2/articles/{fx.article_id}/",
        lambda fx: f"/api/v2/plain-pages/{fx.blog_post_id}/",
    ),
    Row(
        "api_v2_pages_detail",
        "API v2 pages detail (article / blog post)",
        lambda fx: f"/api/v2/pages/{fx.article_id}/",
        lambda fx: f"/api/v2/plain-pages/{fx.blog_post_id}/",
    ),
    Row(
        "api_v2_find",
        "API v2 pages find/?html_path= (article / blog post)",
        lambda fx: f"/api/v2/pages/find/?html_path={_url(fx.article_id)}",
        lambda fx: f"/api/v2/plain-pages/find/?html_path={_url(fx.blog_post_id)}",
        note="Wagtail's find redirects to the detail (both requests counted); the package answers an article in place",
    ),
    Row(
        "api_v2_listing",
        "API v2 article listing",
        lambda fx: "/api/v2/articles/",
        lambda fx: "/api/v2/plain-pages/?type=bench_baseline.BlogPage&fields=date,intro,tags&order=-date",
    ),
    Row(
        "api_v3_detail",
        "API v3 page detail",
        lambda fx: f"/api/v3/pages/{fx.article_id}/",
        lambda fx: f"/api/v3/pages/{fx.blog_post_id}/",
    ),
    Row(
        "exercise_library",
        "Exercise library page",
        lambda fx: _url(fx.library_id),
        None,
        note="no counterpart in a plain blog",
    ),
]


def clear_cache() -> None:
    """Empty Django's cache: ``cache.clear()``, or on Redis only this benchmark's keys (its key prefix)."""
    client_factory = getattr(cache, "_cache", None)
    if client_factory is not None and hasattr(client_factory, "get_client"):
        redis = client_factory.get_client(write=True)
        keys = list(redis.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            redis.delete(*keys)
    else:
        cache.clear()


def percentile(samples: list[float], q: float) -> float:
    """The ``q`` quantile by linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(times: list[float]) -> dict:
    return {
        "n": len(times),
        "median_ms": round(statistics.median(times) * 1000, 3),
        "p95_ms": round(percentile(times, 0.95) * 1000, 3),
        "min_ms": round(min(times) * 1000, 3),
    }


def _get(client: Client, url: str):
    response = client.get(url, follow=True)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}: {response.content[:300]!r}")
    return response


def measure(client: Client, urls: dict[str, str], *, cold: bool, reps: int, budget: float, warmup: int) -> dict:
    """Time the sides of a row (ours, the plain blog's) in turns, so load elsewhere on the machine hits both alike.

    Each side first serves one request whose queries and bytes are counted (on
    the warm pass after one that fills the caches; either way it warms the process
    and the database's buffers), then ``warmup`` more unless it took over a second. Then up to ``reps`` requests per side
    are timed, fewer once ``budget`` seconds have gone: at least ``MIN_REPS``, or
    ``MIN_REPS_SLOW`` when a request takes seconds.
    """
    result, slow = {}, False
    for side, url in urls.items():
        if cold:
            clear_cache()
        else:
            # Fill what this page caches first, so the counted request is a warm one whatever ran before.
            _get(client, url)
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, url)
        slow = slow or time.perf_counter() - t0 > SLOW_SECONDS
        # Read now: the list is a window on the connection's log, which the next request empties.
        result[side] = {"url": url, "queries": len(captured), "bytes": len(response.content)}
        if time.perf_counter() - t0 < 1:
            for _ in range(warmup):
                _get(client, url)
    gc.collect()
    times: dict[str, list[float]] = {side: [] for side in urls}
    minimum = MIN_REPS_SLOW if slow else MIN_REPS
    started = time.perf_counter()
    for n in range(reps):
        for side, url in urls.items():
            if cold:
                clear_cache()
            t0 = time.perf_counter()
            client.get(url, follow=True)  # Wagtail's find/ redirects: a frontend pays both requests
            times[side].append(time.perf_counter() - t0)
        if n + 1 >= minimum and time.perf_counter() - started > budget:
            break
    for side in urls:
        result[side].update(summarise(times[side]))
    return result


def measure_rows(fixtures, *, passes: list[str], reps: int, budget: float, warmup: int) -> dict:
    client = Client(HTTP_HOST="localhost")
    results = {}
    for row in ROWS:
        ours = row.ours(fixtures)
        if ours is None:
            results[row.key] = {
                "label": row.label,
                "skipped": "wagtail_runstrength.ExerciseLibraryPage does not exist yet",
            }
            print(f"    {row.label}: skipped (no ExerciseLibraryPage model yet)", flush=True)
            continue
        urls = {"ours": ours}
        if row.baseline:
            urls["baseline"] = row.baseline(fixtures)
        entry = {"label": row.label, "note": row.note}
        for name in passes:
            entry[name] = measure(client, urls, cold=name == "cold", reps=reps, budget=budget, warmup=warmup)
            ours_ms = entry[name]["ours"]["median_ms"]
            base_ms = entry[name].get("baseline", {}).get("median_ms")
            ratio = f" = {ours_ms / base_ms:.1f}× the plain blog's {base_ms:.1f} ms" if base_ms else ""
            print(f"    {row.label} [{name}]: {ours_ms:.1f} ms median{ratio}", flush=True)
        results[row.key] = entry
    return results


def time_call(fn: Callable, *, reps: int, budget: float) -> dict:
    """Time ``fn`` in this warm process; the first call, whose queries are counted, is the warm-up."""
    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        fn()
    queries, minimum = len(captured), MIN_REPS_SLOW if time.perf_counter() - t0 > SLOW_SECONDS else MIN_REPS
    times, started = [], time.perf_counter()
    for n in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if n + 1 >= minimum and time.perf_counter() - started > budget:
            break
    return {**summarise(times), "queries": queries}


def measure_related(fixtures, *, reps: int, budget: float, explain: bool) -> dict:
    """``related_articles(page)`` (automatic scoring, limit 3) and the scoring query alone.

    With the fragment cache off: ``related_articles`` keeps its choice there, and
    what is measured here is making the choice.
    """
    with override_settings(
        WAGTAIL_RUNSTRENGTH={**getattr(settings, "WAGTAIL_RUNSTRENGTH", {}), "FRAGMENT_CACHE_TIMEOUT": 0}
    ):
        return _measure_related(fixtures, reps=reps, budget=budget, explain=explain)


def _measure_related(fixtures, *, reps: int, budget: float, explain: bool) -> dict:
    page = ArticlePage.objects.get(pk=fixtures.article_id)
    visible = ArticlePage.objects.visible_in(page.get_site(), page.locale)

    def scoring_query():
        return scored_candidates(page, (), visible).values_list("pk", flat=True)[:3]

    result = {
        "related_articles": time_call(lambda: related_articles(page), reps=reps, budget=budget),
        "scoring_query": time_call(lambda: list(scoring_query()), reps=reps, budget=budget),
        "cards": [card.pk for card in related_articles(page)],
        "scoring_ids": list(scoring_query()),
    }
    if explain:
        options = {"analyze": True, "buffers": True} if connection.vendor == "postgresql" else {}
        result["explain"] = scoring_query().explain(**options)
        result["explain_sql"] = str(scoring_query().query)
    return result


def cold_start(urls: dict[str, str], runs: int) -> dict:
    """Whole-process timing: a fresh interpreter that sets Django up and serves one request, ``runs`` times."""
    results = {}
    for key, url in urls.items():
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "-m", "benchmarks.coldstart", url],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ.copy(),
                cwd=settings.BENCH_DIR.parent,
            )
            wall = time.perf_counter() - t0
            samples.append({**json.loads(output.stdout.strip().splitlines()[-1]), "process_ms": wall * 1000})
        results[key] = {
            name: round(statistics.median(s[name] for s in samples), 1)
            for name in ("process_ms", "setup_ms", "first_request_ms")
        } | {"runs": runs}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--sizes", default="10,1000,100000")
    parser.add_argument("--passes", default="cold,warm")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests before each figure")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds of timed requests per row and pass")
    parser.add_argument("--cold-start-runs", type=int, default=3)
    parser.add_argument(
        "--prototype-fixes", action="store_true", help="PostgreSQL: time candidate fixes (relatedfix.py)"
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    passes = [name for name in args.passes.split(",") if name]

    out: dict = {"database": connection.vendor, "sizes": {}}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    out["migrate_seconds"] = round(time.perf_counter() - t0, 2)
    # A cache left by an earlier run would hand out renditions and site paths of a database that is gone.
    clear_cache()
    t0 = time.perf_counter()
    fixtures = generate.create_fixtures()
    out["fixtures_seconds"] = round(time.perf_counter() - t0, 2)
    out["fixtures"] = {k: v for k, v in asdict(fixtures).items() if k.endswith("_id")}
    out["word_counts"] = word_counts(fixtures)
    print(f"  migrated in {out['migrate_seconds']} s, fixtures in {out['fixtures_seconds']} s", flush=True)

    for size in sizes:
        print(f"  {size:,} articles: generating", flush=True)
        seconds = {}
        clock = time.perf_counter()
        generation = generate.grow(fixtures, size)
        seconds["generate"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
        print(
            f"    generated {generation.get('added', 0):,} articles and as many blog posts in {generation['seconds']} s",
            flush=True,
        )
        entry = {"generation": generation, "seconds": seconds}
        entry["rows"] = measure_rows(fixtures, passes=passes, reps=args.reps, budget=args.budget, warmup=args.warmup)
        seconds["rows"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
        entry["related"] = related = measure_related(fixtures, reps=args.reps, budget=args.budget, explain=size >= 1000)
        seconds["related"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
        timed = related["related_articles"]
        print(f"    related_articles(): {timed['median_ms']:.1f} ms median, {timed['queries']} queries", flush=True)
        if args.cold_start_runs and size in (sizes[0], sizes[-1]):
            urls = {"article": ROWS[0].ours(fixtures), "baseline": ROWS[0].baseline(fixtures)}
            entry["cold_start"] = cold_start(urls, args.cold_start_runs)
            seconds["cold_start"], clock = round(time.perf_counter() - clock, 1), time.perf_counter()
        if args.prototype_fixes and connection.vendor == "postgresql" and size >= 1000:
            print("    prototyping fixes for the queries that grow with the articles", flush=True)
            scoring = related["scoring_query"]
            current = {"median_ms": scoring["median_ms"], "n": scoring["n"], "ids": related["scoring_ids"]}
            page = ArticlePage.objects.get(pk=fixtures.article_id)
            entry["fixes"] = relatedfix.prototype(page, reps=args.reps, current=current)
            seconds["fixes"] = round(time.perf_counter() - clock, 1)
        out["sizes"][str(size)] = entry
    args.out.write_text(json.dumps(out, indent=2, default=str))


def word_counts(fixtures) -> dict:
    """The words a reader sees on the article and on its plain-blog twin, to show they carry the same text."""
    from benchmarks.baseline.models import BlogPage
    from wagtail_runstrength.readtime import count_words

    article = ArticlePage.objects.get(pk=fixtures.article_id)
    post = BlogPage.objects.get(pk=fixtures.blog_post_id)
    return {
        "article_visible_text": article.word_count,
        "baseline_title_intro_body": count_words([post.title, post.intro, post.body]),
    }


if __name__ == "__main__":
    main()
