"""PostgreSQL only: prototype fixes for the queries that grow with the number of articles, and prove their effect.

Nothing here changes the package. Each candidate is timed against the
package's own query on the same data; indexes are created with raw SQL,
measured, and dropped again, so later measurements see the package's schema.

Candidates for related posts (``related.scored_candidates``, limit 3):

- ``jit_off``: the package's query with PostgreSQL's JIT compiler off.
- ``aggregate``: the same ranking computed from the three signals' tables (tags,
  category, muscles through exercises) with ``GROUP BY`` instead of two correlated
  sub-queries per candidate and an ``IN`` over a four-way ``LEFT JOIN`` with ``OR``.
  Same results; still reads every sharing row, so still linear.
- ``aggregate_indexed``: the same with an index on ``(tag_id, content_object_id)``.
- ``recent_window``: score only the newest ``WINDOW`` visible articles, through an
  index on ``articlepage.date``. Bounded work whatever the number of articles;
  the results differ only when a better match is older than the window.

And for the article index (``ArticleIndexPageMixin.filtered_articles``), its first
page of cards without the unconditional ``DISTINCT`` and with the same date index.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.db import connection

from wagtail_runstrength.models import ArticleIndexPage, ArticlePage, MuscleGroup
from wagtail_runstrength.related import CATEGORY_WEIGHT, MUSCLE_WEIGHT, TAG_WEIGHT, scored_candidates

WINDOW = 2000
TAG_INDEX = "bench_articlepagetag_tag_object"
DATE_INDEX = "bench_articlepage_date"

VISIBLE = """
    p.live AND p.path LIKE %(root_path)s AND p.depth >= %(root_depth)s AND p.locale_id = %(locale_id)s
    AND ap.page_ptr_id <> %(page_id)s
"""

AGGREGATE_SQL = f"""
WITH signals AS (
    SELECT t.content_object_id AS id, {TAG_WEIGHT} * COUNT(*) AS points
    FROM wagtail_runstrength_articlepagetag t WHERE t.tag_id = ANY(%(tag_ids)s) GROUP BY t.content_object_id
  UNION ALL
    SELECT a.page_ptr_id, {CATEGORY_WEIGHT} FROM wagtail_runstrength_articlepage a WHERE a.category_id = %(category_id)s
  UNION ALL
    SELECT ae.articlepage_id, {MUSCLE_WEIGHT} * COUNT(DISTINCT tm.musclegroup_id)
    FROM wagtail_runstrength_articlepage_exercises ae
    JOIN wagtail_runstrength_exercisesnippet_target_muscles tm ON tm.exercisesnippet_id = ae.exercisesnippet_id
    WHERE tm.musclegroup_id = ANY(%(muscle_ids)s) GROUP BY ae.articlepage_id
), scores AS (SELECT id, SUM(points) AS score FROM signals GROUP BY id)
SELECT ap.page_ptr_id FROM scores
JOIN wagtail_runstrength_articlepage ap ON ap.page_ptr_id = scores.id
JOIN wagtailcore_page p ON p.id = ap.page_ptr_id
WHERE {VISIBLE}
ORDER BY scores.score DESC, ap.date DESC, p.first_published_at DESC, ap.page_ptr_id DESC
LIMIT 3
"""  # noqa: S608 (constants only; every value is a query parameter)

RECENT_WINDOW_SQL = f"""
WITH recent AS (
    SELECT ap.page_ptr_id AS id, ap.date, p.first_published_at, ap.category_id
    FROM wagtail_runstrength_articlepage ap JOIN wagtailcore_page p ON p.id = ap.page_ptr_id
    WHERE {VISIBLE}
    ORDER BY ap.date DESC, p.first_published_at DESC, ap.page_ptr_id DESC
    LIMIT {WINDOW}
)
SELECT r.id FROM recent r
ORDER BY
    {TAG_WEIGHT} * (SELECT COUNT(*) FROM wagtail_runstrength_articlepagetag t
         WHERE t.content_object_id = r.id AND t.tag_id = ANY(%(tag_ids)s))
    + CASE WHEN r.category_id = %(category_id)s THEN {CATEGORY_WEIGHT} ELSE 0 END
    + {MUSCLE_WEIGHT} * (SELECT COUNT(DISTINCT tm.musclegroup_id) FROM wagtail_runstrength_articlepage_exercises ae
         JOIN wagtail_runstrength_exercisesnippet_target_muscles tm ON tm.exercisesnippet_id = ae.exercisesnippet_id
         WHERE ae.articlepage_id = r.id AND tm.musclegroup_id = ANY(%(muscle_ids)s)) DESC,
    r.date DESC, r.first_published_at DESC, r.id DESC
LIMIT 3
"""  # noqa: S608 (constants only; every value is a query parameter)


def _params(page) -> dict:
    site_root = page.get_site().root_page
    used_in = f"exercises__used_in_{type(page)._meta.model_name}s"
    return {
        "page_id": page.pk,
        "root_path": f"{site_root.path}%",
        "root_depth": site_root.depth,
        "locale_id": page.locale_id,
        "tag_ids": list(page.tags.values_list("pk", flat=True)) or [0],
        "category_id": page.category_id or 0,
        "muscle_ids": list(MuscleGroup.objects.filter(**{used_in: page}).values_list("pk", flat=True).distinct())
        or [0],
    }


def _run(sql: str, params, *, jit_off: bool = False) -> list[int]:
    with connection.cursor() as cursor:
        if jit_off:
            cursor.execute("SET jit = off")
        try:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
        finally:
            if jit_off:
                cursor.execute("RESET jit")


def _timed(fn: Callable[[], list], reps: int, budget: float = 6.0) -> dict:
    """The first call warms up and gives the result; then up to ``reps`` timed calls, at least 3, about ``budget`` s."""
    result = fn()
    times, started = [], time.perf_counter()
    for n in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if n + 1 >= 3 and time.perf_counter() - started > budget:
            break
    return {"median_ms": round(statistics.median(times) * 1000, 2), "n": len(times), "ids": list(result)}


def _explain(sql: str, params: dict) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _execute(sql: str) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
    return round(time.perf_counter() - started, 2)


def prototype(page: ArticlePage, *, reps: int, current: dict | None = None) -> dict:
    """Time the package's queries and the candidate fixes on the current data; leave the schema as it was.

    ``current`` is the package's scoring query as the caller already timed it
    (``median_ms``, ``n``, ``ids``); it is timed here when not given.
    """
    params = _params(page)
    visible = ArticlePage.objects.visible_in(page.get_site(), page.locale)

    def current_query():
        return list(scored_candidates(page, (), visible).values_list("pk", flat=True)[:3])

    sql, sql_params = scored_candidates(page, (), visible).values_list("pk", flat=True)[:3].query.sql_with_params()
    index = ArticleIndexPage.objects.filter(pk=page.get_parent().pk).first()
    cards = index.get_articles()
    result: dict = {"window": WINDOW, "related": {}, "index": {}}
    related = result["related"]
    related["current"] = dict(current) if current else _timed(current_query, reps)
    related["jit_off"] = _timed(lambda: _run(sql, sql_params, jit_off=True), reps)
    related["aggregate"] = _timed(lambda: _run(AGGREGATE_SQL, params), reps)
    result["index"]["current_count"] = _timed(lambda: [cards.distinct().count()], reps)
    result["index"]["current_first_page"] = _timed(lambda: [a.pk for a in cards.distinct()[:12]], reps)
    result["index"]["no_distinct_count"] = _timed(lambda: [cards.count()], reps)
    result["index"]["no_distinct_first_page"] = _timed(lambda: [a.pk for a in cards[:12]], reps)

    result["create_index_seconds"] = {
        TAG_INDEX: _execute(
            f"CREATE INDEX {TAG_INDEX} ON wagtail_runstrength_articlepagetag (tag_id, content_object_id)"
        ),
        DATE_INDEX: _execute(f"CREATE INDEX {DATE_INDEX} ON wagtail_runstrength_articlepage (date DESC)"),
    }
    _execute("ANALYZE wagtail_runstrength_articlepagetag, wagtail_runstrength_articlepage")
    try:
        related["aggregate_indexed"] = _timed(lambda: _run(AGGREGATE_SQL, params), reps)
        related["recent_window"] = _timed(lambda: _run(RECENT_WINDOW_SQL, params), reps)
        result["index"]["no_distinct_first_page_date_index"] = _timed(lambda: [a.pk for a in cards[:12]], reps)
        result["explain_aggregate_indexed"] = _explain(AGGREGATE_SQL, params)
        result["explain_recent_window"] = _explain(RECENT_WINDOW_SQL, params)
    finally:
        _execute(f"DROP INDEX IF EXISTS {TAG_INDEX}")
        _execute(f"DROP INDEX IF EXISTS {DATE_INDEX}")
        _execute("ANALYZE wagtail_runstrength_articlepagetag, wagtail_runstrength_articlepage")
    exact = related["current"]["ids"]
    for entry in related.values():
        entry["same_as_current"] = entry["ids"] == exact
    return result
